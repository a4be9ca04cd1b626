"""Rules of the round on real_heldout14 (issue 14): task lists of other government work with a
progress report's columns, cells one per line, merged units cells, label: | value | records,
a group column holding numbered tasks with their own units brackets, milestones by month,
pages cut mid-row. The plans here are small and invented, typed in the shape each layout has;
the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.lib.deadline_text import parse_deadline
from gongkai.plans.importers.text import label_value_rows
from gongkai.plans.tests.plan_text import parse, read

# ---- a progress report's columns are never the task, its units or its deadline -------------


def _cells(*cells: str) -> tuple[str, ...]:
    """One cell per line, an empty line between cells (a page's table captured as text)."""
    out: list[str] = []
    for cell in cells:
        out += [cell, ""]
    return tuple(out)


_PROGRESS_TABLE = _cells(
    "2022年民生实事项目进度表",
    "序号",
    "项目内容",
    "当前进度",
    "牵头单位",
    "备注",
    "1",
    "新建城区公办幼儿园3所。",
    "80%(一所进度滞后)",
    "县教育局",
    "市民生实事",
    "2",
    "开工建设城东、城西2家养老服务中心。",
    "50%(城西未开工",
    "县民政局",
    "县民生实事",
    "3",
    "改造农村公路40公里。",
    "95%",
    "县交通局",
    "县民生实事",
    "4",
    "完成老旧小区改造12个。",
    "60%",
    "县住建局",
    "县民生实事",
)


def test_a_progress_tables_percent_and_category_cells_are_neither_task_nor_units():
    plan = parse(*_PROGRESS_TABLE, year=2022)
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["县教育局"], None),
        (2, ["县民政局"], None),
        (3, ["县交通局"], None),
        (4, ["县住建局"], None),
    ]
    assert [item.requirement for item in plan.items] == [
        "新建城区公办幼儿园3所。",
        "开工建设城东、城西2家养老服务中心。",
        "改造农村公路40公里。",
        "完成老旧小区改造12个。",
    ]
    assert not any("民生实事" in item.subsection + item.section for item in plan.items)


def test_a_label_printed_once_over_its_rows_stays_their_heading():
    # The category rule is for labels written on every row; one over its rows is a heading.
    plan = parse(
        *_cells(
            "序号",
            "工作任务",
            "责任单位",
            "完成时限",
            "主动公开",
            "1",
            "公开年度预算。",
            "县财政局",
            "6月底前",
            "2",
            "公开政府工作报告。",
            "县政府办",
            "3月底前",
        ),
        year=2022,
    )
    assert read(plan, "number", "lead_units") == [(1, ["县财政局"]), (2, ["县政府办"])]
    assert all("主动公开" in item.section + item.subsection for item in plan.items)


_BARRED_PROGRESS = (
    "序号 |",
    "主要任务 |",
    "全年目标任务 |",
    "分管领导 |",
    "牵头单位 |",
    "责任主体与协同单位 |",
    "1-10月推进情况 |",
    "是否达序 |",
    "说明 |",
    "7 |",
    "改造背街小巷20条。 |",
    "李建国 |",
    "城管局 |",
    "住建局、相关街道 |",
    "已完成60%。 |",
    "是 |",
    "||",
    "8 |",
    "新增垃圾分类达标小区50个。 |",
    "李建国 |",
    "城管局 |",
    "环卫处、各街道 |",
    "已进场施工。 |",
    "否 |",
    "招标推迟,项目于9月28日才签订合同,后期将加快推进。 |",
    "|",
    "9 |",
    "新建公厕10座。 |",
    "李建国 |",
    "城管局 |",
    "相关街道 |",
    "已建成6座。 |",
    "是 |",
    "|",
)


def test_a_progress_tables_yes_no_and_remarks_cells_stay_in_their_row():
    plan = parse(*_BARRED_PROGRESS, year=2023)
    assert read(plan, "number", "lead_units", "support_units", "due_date") == [
        (7, ["城管局"], ["住建局", "相关街道"], None),
        (8, ["城管局"], ["环卫处", "各街道"], None),
        (9, ["城管局"], ["相关街道"], None),
    ]
    # The person (分管领导) and the year's target column are no group of the task.
    assert [item.subsection for item in plan.items] == ["", "", ""]


def test_a_date_in_a_remarks_sentence_is_no_deadline_but_a_deadline_there_is():
    row = "| 1 | 新建公厕10座。 | 城管局 | {} |"
    header = "| 序号 | 工作任务 | 责任单位 | 备注 |"
    told = parse(header, row.format("项目于9月28日才签订合同,滞后了2个月,后期将加快推进。"))
    assert told.items[0].due_date is None
    dated = parse(header, row.format("6月底前"))
    assert dated.items[0].due_date == date(2023, 6, 30)
    assert "完成时限取自备注栏，请核对" in dated.items[0].flags


# ---- label: | value | records --------------------------------------------------------------


def test_label_value_lines_are_read_as_a_record():
    plan = parse(
        "重点工作: | 42.推进老旧小区改造,完成改造小区30个。 |",
        "牵头单位: | 市住房城乡建设局 |",
        "年度阶段性工作目标: | 第一季度:印发年度改造工作方案,明确各区任务。完成工作任务的20%以上。"
        " 第二季度:完成工作任务的50%以上。 第四季度:确保超额完成年度工作任务。 |",
        "进展情况、存在问题 及下一步工作建议: |",
        "已完成。 |",
        year=2023,
    )
    (item,) = plan.items
    assert (item.number, item.lead_units, item.due_date) == (42, ["市住房城乡建设局"], None)
    assert "未填写完成时限" in item.flags  # the stage targets are no deadline


def test_a_pages_byline_in_label_value_lines_is_no_record():
    byline = ["发布日期: | 2023-05-06 |", "来源: | 市政府办 |", "浏览次数: | 120 |"]
    assert label_value_rows(byline) is None


# ---- a group column holding numbered tasks with their own units, milestones by month ---------

_DUTY_TABLE = _cells(
    "责任事项",
    "具体工作内容",
    "工作措施",
    "完成时限",
    "总责任人",
    "5.实行中职学校免学费。(牵头单位:市教育局;责任单位:市财政局)",
    "落实免学费资助政策,核拨春季、秋季资金。",
    "建立机制,落实经费,加强督查。",
    "3月",
    "王小明",
    "6月",
    "9月",
    "12月",
    "6.新建公办幼儿园10所。(牵头单位:市教育局;责任单位:各区政府)",
    "细化分解建设任务,督促各区尽早开工。",
    "成立专班,加强协调。",
    "11月",
    "王小明",
)


def test_numbered_tasks_in_a_group_column_with_their_own_units_brackets_are_the_items():
    plan = parse(*_DUTY_TABLE, year=2017)
    assert read(plan, "number", "lead_units", "support_units", "due_date") == [
        (5, ["市教育局"], ["市财政局"], date(2017, 12, 31)),
        (6, ["市教育局"], ["各区政府"], date(2017, 11, 30)),
    ]
    assert plan.items[0].requirement == "实行中职学校免学费。"
    assert any("多个时间点" in flag for flag in plan.items[0].flags)  # milestones: the last


def test_numbered_tasks_in_a_group_column_without_units_brackets_stay_in_it():
    # The same table, its 责任事项 cells naming no units: the columns stay as the header says
    # (责任事项 the group, 具体工作内容 the items), and no units are made up.
    plain = [cell.split("(牵头单位")[0] for cell in _DUTY_TABLE]
    plan = parse(*plain, year=2017)
    assert [(c["header"], c["role"]) for c in plan.columns[:2]] == [
        ("责任事项", "task"),
        ("具体工作内容", "requirement"),
    ]
    assert all(item.lead_units == [] for item in plan.items)
    with_units = parse(*_DUTY_TABLE, year=2017)
    assert [c["role"] for c in with_units.columns[:2]] == ["requirement", "measures"]


def test_eleven_yuefen_qian_reads_as_before_november_flagged():
    before = parse_deadline("11月份前", 2022)
    assert before.due_date == date(2022, 10, 31) and before.flags
    month = parse_deadline("11月份", 2022)
    assert month.due_date == date(2022, 11, 30) and not month.flags


# ---- a table's end: the notice's text after it, a page cut inside its last row ---------------

_DECISIONS = _cells(
    "序号",
    "重大行政决策事项",
    "承办单位",
    "决策时间安排",
    "1",
    "县“十四五”养老服务体系规划",
    "县民政局",
    "第三季度",
    "2",
    "县城市供水价格调整方案",
    "县发改局",
    "第四季度",
)
_CLOSING = (
    "各承办单位要严格落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序,确保程序正当"
)


def test_the_notices_paragraph_after_a_numbered_table_is_no_item():
    plan = parse(*_DECISIONS, _CLOSING, year=2022)
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["县民政局"], date(2022, 9, 30)),
        (2, ["县发改局"], date(2022, 12, 31)),
    ]


def test_an_unnumbered_last_row_with_its_own_units_stays_an_item():
    plan = parse(*_DECISIONS, *_cells("县国有资产监督管理办法修订方案", "县财政局", "第四季度"))
    assert read(plan, "lead_units")[-1] == (["县财政局"],)
    assert len(plan.items) == 3


_LEDGER = _cells(
    "一级指标",
    "二级指标",
    "序号",
    "主要任务",
    "牵头、责任部门",
    "一、依法全面履行政府职能",
    "1.深化行政审批制度改革",
    "1",
    "公布行政审批事项清单,压缩办理时限。",
    "牵头单位:区政务服务办;责任部门:各街道按职责分别负责",
    "2",
    "清理规范行政审批中介服务事项。",
    "3",
    "全面清理证明事项,实行清单管理。",
)


def test_a_ledgers_merged_units_cell_and_its_two_heading_columns():
    plan = parse(*_LEDGER, year=2020)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、依法全面履行政府职能", ["区政务服务办"], ["各街道"]),
        (2, "一、依法全面履行政府职能", ["区政务服务办"], ["各街道"]),
        (3, "一、依法全面履行政府职能", ["区政务服务办"], ["各街道"]),
    ]
    assert not any("深化行政审批" in item.requirement for item in plan.items)


def test_a_cell_table_cut_inside_its_last_row_leaves_that_row_out_warned():
    plan = parse(*_LEDGER, "4", "推进政务服务事项网上可办,实现", year=2020)
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert any("第4项中途截断" in warning for warning in plan.warnings)


def test_a_cell_tables_whole_last_row_is_kept():
    plan = parse(*_LEDGER, "4", "推进政务服务事项网上可办。", year=2020)
    assert [item.number for item in plan.items] == [1, 2, 3, 4]


_PINYIN_ROWS = (
    "序號 | 任務項目 | 責任單位 | 進展比例 |",
    "1 | 為老年人免費接種流感疫苗。 | 區衛生健康局 | 20% |",
    "2 | 新增殘疾人就業50人以上。 | 區殘聯 | 90% |",
    "3 | 培訓應急救護人員500人以上。 | 區紅十字會 | 50% |",
)


def test_a_bar_tables_last_row_cut_mid_word_is_left_out_even_after_pinyin_debris():
    plan = parse(*_PINYIN_ROWS, "4 | 為高校畢業生開(kāi)發(fā)", year=2024)
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert any("第4项中途截断" in warning for warning in plan.warnings)
    whole = parse(
        *_PINYIN_ROWS, "4 | 為高校畢業生開(kāi)發(fā)崗位。 | 區人社局 | 30% |", year=2024
    )
    assert [item.number for item in whole.items] == [1, 2, 3, 4]


# ---- a wide | table whose header spans columns ------------------------------------------------


def test_a_wide_tables_units_column_is_found_under_a_two_row_header():
    header = "序号 | 项目名称 | 建设内容 | 总投资 | 年度计划 | 建设进度 | 责任单位 | 政策处理单位"
    row = "{} | {} | {} | 500 | 500 | 建成 | 500 | 100 | 完成 | {} | |"
    plan = parse(
        f"{header} | | | |",
        "投资 | 形象进度 | 完成投资 | % | 形象进度 | | | | | |",
        row.format(1, "护眼灯光工程", "提升120间教室照明", "县教育局"),
        row.format(2, "电梯加装工程", "为敬老院加装电梯5台", "县民政局"),
        row.format(3, "急救能力提升工程", "采购负压救护车2辆", "县卫健局"),
        year=2022,
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["县教育局"]),
        (2, ["县民政局"]),
        (3, ["县卫健局"]),
    ]


# ---- the plan's own legend: 列第一位的为牵头单位 ------------------------------------------------


def test_the_plans_legend_makes_the_first_unit_named_lead_here_and_below():
    plan = parse(
        "一、加强要素支持",
        "(一)强化财税政策保障。依规加大减税降费力度,落实各项税费优惠政策。"
        "(市税务局、市财政局、市科技局,各县市、区政府,列第一位的为牵头单位,下同。"
        "以下均需各县市、区政府落实,不再列出)",
        "(二)加强产业基金支持。发挥产业基金引领作用,引导基金投向民间投资项目。"
        "(市金融办、市财政局、市国资委)",
        "(三)保障用地需求。优化用地审批,加快办理用地手续。(市自然资源局牵头,市住建局配合)",
        year=2024,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["市税务局"], ["市财政局", "市科技局", "各县市、区政府"]),
        (["市金融办"], ["市财政局", "市国资委"]),
        (["市自然资源局"], ["市住建局"]),
    ]


def test_without_the_legend_a_plain_list_of_units_all_lead():
    plan = parse(
        "一、加强要素支持",
        "(一)加强产业基金支持。发挥产业基金引领作用,引导基金投向民间投资项目。"
        "(市金融办、市财政局、市国资委)",
        "(二)保障用地需求。优化用地审批,加快办理用地手续。(市自然资源局、市住建局)",
        year=2024,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["市金融办", "市财政局", "市国资委"], []),
        (["市自然资源局", "市住建局"], []),
    ]


# ---- 牵头单位 | 参与单位 | 责任单位: the third units column is not dropped ----------------


def test_a_third_units_column_beside_lead_and_support_columns_names_support_units():
    plan = parse(
        "| 序号 | 主要任务 | 牵头单位 | 参与单位 | 责任单位 |",
        "| 1 | 严守水资源开发利用控制红线。 | 市水利局 | 市发改委、市农业局等 | 各县(市、区)政府 |",
        "| 2 | 抓好工业节水。 | 市工信委 | 市发改委 | 市发改委、各县(市、区)政府 |",
        year=2018,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["市水利局"], ["市发改委", "市农业局", "各县(市、区)政府"]),
        (["市工信委"], ["市发改委", "各县(市、区)政府"]),
    ]
