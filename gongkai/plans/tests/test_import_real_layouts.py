"""Layouts and wordings met in real plans of other bodies (tests/real_dev/, issue 14).

The plans here are small and invented, typed by hand in the shape each layout has when
a web page is captured as text; the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

import pytest

from gongkai.lib.deadline_text import parse_deadline
from gongkai.lib.unit_text import parse_units
from gongkai.plans.importers.text import line_rows
from gongkai.plans.tests.corpus_score import CORPUS, as_expected, plans
from gongkai.plans.tests.plan_text import parse, read
from gongkai.plans.tests.plan_text import units as _units

# ---- tables captured one cell after another ------------------------------------------


def test_it_cuts_a_stream_of_cells_with_a_bar_after_each_into_rows():
    # Every cell is followed by a line holding only |; nothing marks a row's end; the task
    # group (first column) is written only on the first row of its group, and the numbers
    # have no header of their own.
    plan = parse(
        "某局2023年政务公开重点任务清单",
        "工作任务", "|", "具体要求", "|", "责任科室", "|", "时限要求", "|",
        "规范公开政策文件", "|", "1", "|", "公开现行有效规范性文件目录，并动态调整。", "|",
        "法规科", "|", "6月底前", "|",
        "2", "|", "做好政策解读，丰富解读形式。", "|", "各科室", "|", "持续推进", "|",
        "做好依申请公开", "|", "3", "|", "依法依规办理政府信息公开申请。", "|",
        "办公室", "|", "年底前", "|",
        year=2023,
    )  # fmt: skip
    assert read(plan, "number", "lead_units", "due_date", "ongoing") == [
        (1, ["法规科"], date(2023, 6, 30), False),
        (2, ["各科室"], date(2023, 12, 31), True),
        (3, ["办公室"], date(2023, 12, 31), False),
    ]
    assert plan.items[1].requirement == "做好政策解读，丰富解读形式。"


def test_it_ends_a_row_where_a_cell_stream_shows_an_empty_cell():
    # Cells each ending in " |", an extra "|" line (an empty cell) closing each row.
    plan = parse(
        "|", "工作任务 |", "具体内容 |", "责任部门 |", "|",
        "推进政策公开 |", "公开惠民惠农资金发放信息。 |", "财政所、便民服务中心等 |", "|",
        "持续发布乡村振兴政策文件。 |", "便民服务中心 |", "|",
        "提升解读水平 |", "拓展线下解读渠道，提供面对面解读。 |", "党政办公室 |", "|",
        year=2025,
    )  # fmt: skip
    assert [i.lead_units for i in plan.items] == [
        ["财政所", "便民服务中心"],
        ["便民服务中心"],
        ["党政办公室"],
    ]
    assert plan.items[1].requirement == "持续发布乡村振兴政策文件。"


def test_it_reads_cells_one_per_line_without_any_bar():
    plan = parse(
        "某市2016年政务公开工作方案",
        "序号", "", "工作任务", "", "具体要求", "", "牵头单位", "", "完成时限", "",
        "1", "", "推进权责清单公开", "", "1.公开市级部门权责清单。", "", "市编办", "",
        "2016年12月底前", "",
        "2.公开行政审批事项调整情况。", "",
        "2", "", "推进市场监管透明", "", "1.公开行政处罚案件信息。", "", "市市场和质量监管委", "",
        "全年工作", "",
        year=2016,
    )  # fmt: skip
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["市编办"], date(2016, 12, 31)),
        (2, ["市编办"], date(2016, 12, 31)),
        (3, ["市市场和质量监管委"], date(2016, 12, 31)),
    ]
    # The second row had no units or deadline cell of its own: taken from above, flagged.
    assert any("沿用上一行" in flag for flag in plan.items[1].flags)
    assert not any("沿用上一行" in flag for flag in plan.items[0].flags)


# ---- rows of | cells ---------------------------------------------------------------------


def test_it_widens_a_header_narrower_than_its_rows():
    # 一、 and （一） each have a column under one 工作任务 label; the 序号 column has none.
    plan = parse(
        "工作任务 | 具体要求 | 责任单位 | 时限要求 | ||",
        "一、以公开助力发展 | (一)加强涉企信息公开 | 1 | 公开涉企政策文件及解读。 | "
        "市政府各部门负责落实 | 持续推进 |",
        "2 | 开设行业帮扶政策专题。 | 市商务局 | 9月底前 | ||",
        year=2022,
    )
    assert read(plan, "number", "section", "subsection", "lead_units", "due_date") == [
        (1, "一、以公开助力发展", "(一)", ["市政府各部门"], date(2022, 12, 31)),
        (2, "一、以公开助力发展", "(一)", ["市商务局"], date(2022, 9, 30)),
    ]


def test_it_takes_a_units_cell_merged_over_rows_from_the_row_above_and_flags_it():
    plan = parse(
        "工作任务 | 具体要求",
        "| 责任单位 |",
        "一、做好财政信息公开。 | 1.推进预算决算公开。 | 市财政局牵头,市直各部门落实 |",
        "2.推进政府债务信息公开。 |",
        "3.公开惠民惠农资金发放信息。 | 市农业农村局 |",
        year=2021,
    )
    assert [(i.section, *_units(i)) for i in plan.items] == [
        ("一、做好财政信息公开。", ["市财政局"], ["市直各部门"]),
        ("一、做好财政信息公开。", ["市财政局"], ["市直各部门"]),
        ("一、做好财政信息公开。", ["市农业农村局"], []),
    ]
    assert any("沿用上一行" in flag for flag in plan.items[1].flags)


def test_it_reads_the_items_numbered_beside_a_column_of_task_groups():
    plan = parse(
        "工作任务 | 具体要求 | 责任科室 |",
        "一、做好执法信息公开 | 1.加强行政执法信息公开。 | 局政法科 |",
        "二、做好网站信息公开 | 2.更新开放数据集。 | 局规划科 |",
        "3.及时反馈网民意见。 | 局主办科室 | |",
        year=2021,
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、做好执法信息公开", ["局政法科"]),
        (2, "二、做好网站信息公开", ["局规划科"]),
        (3, "二、做好网站信息公开", ["局主办科室"]),
    ]


def test_it_assigns_the_bodys_own_divisions_of_two_units_columns():
    plan = parse(
        "工作任务 | 具体要求 | 市里落实单位 | 局内负责处室 |",
        "(一)做好规划公开。 | 1.主动公开专项规划。 | 市政府各部门;各区政府 | "
        "规划处牵头,各处室配合 |",
        "2.做好历史规划归集。 | 办公室 |",
        year=2021,
    )
    assert [_units(i) for i in plan.items] == [(["规划处"], ["各处室"]), (["办公室"], [])]


def test_it_reads_lead_and_responsible_columns_as_lead_and_support():
    plan = parse(
        "工作任务 | 牵头单位 | 责任单位 |",
        "1.财政预算决算公开 | 省财政厅 | 省直各部门,各设区市 |",
        "2.政府采购信息公开 | 省财政厅 | 各设区市 |",
        year=2015,
    )
    assert _units(plan.items[0]) == (["省财政厅"], ["省直各部门", "各设区市"])


def test_it_ignores_a_web_pages_index_block():
    plan = parse(
        "| 索引号: | 330523/2022-06006 | 成文日期: | 2022-07-21 |",
        "| 发布机构: | 某县人民政府 | |",
        "一、深化主动公开",
        "1.做好规划信息公开。(责任单位:县发改局)",
        year=2022,
    )
    assert read(plan, "number", "lead_units", "due_date") == [(1, ["县发改局"], None)]


# ---- prose ---------------------------------------------------------------------------


def test_it_reads_units_in_a_bracket_without_labels():
    (item,) = parse(
        "2024年某区政务公开工作要点",
        "一、深化重点领域信息公开",
        "(一)聚焦政府中心工作。加强产业体系建设等方面的信息公开。"
        "(区发改委、区商务局、区金融服务中心按职责分工负责)",
        year=2024,
    ).items
    assert item.section == "一、深化重点领域信息公开"
    assert _units(item) == (["区发改委", "区商务局", "区金融服务中心"], [])
    assert item.due_date is None and "未填写完成时限" in item.flags


def test_it_reads_labels_in_square_and_hexagonal_brackets():
    first, second = parse(
        "二、重点工作任务",
        "1.推进权责清单公开。动态调整权责清单。〔牵头单位:县行政审批局,责任单位:各乡镇人民政府,"
        "县直、驻县有关单位〕",
        "2.深化改革攻坚信息公开。[责任单位:临空经济区(空港新城)事务中心,区属企业]",
        year=2023,
    ).items
    assert _units(first) == (["县行政审批局"], ["各乡镇人民政府", "县直、驻县有关单位"])
    assert _units(second) == (["临空经济区(空港新城)事务中心", "区属企业"], [])


def test_it_joins_the_units_of_several_brackets_in_one_task():
    (item,) = parse(
        "一、加强主动公开",
        "(一)做好重大部署信息公开。培育发展引擎(牵头单位:区发改委;责任单位:各街道)、"
        "打造品质之城(牵头单位:区住建局;责任单位:区城管局),深化国企改革。(责任单位:区国资中心)",
        year=2023,
    ).items
    assert _units(item) == (["区发改委", "区住建局", "区国资中心"], ["各街道", "区城管局"])


def test_it_reads_a_numbered_section_paragraph_that_carries_its_units_as_a_task():
    plan = parse(
        "2024年某省政务公开工作要点",
        "一、聚焦高质量发展推进信息公开。及时公开重点产业链行动计划。(省发展改革委、省商务厅按职责分工负责)",
        "二、聚焦民生推进信息公开。公开就业、教育等领域信息。(省人力资源社会保障厅、省教育厅按职责分工负责)",
        year=2024,
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "", ["省发展改革委", "省商务厅"]),
        (2, "", ["省人力资源社会保障厅", "省教育厅"]),
    ]


def test_it_cuts_a_plan_captured_on_one_line_at_its_headings():
    body = "为做好今年工作，结合实际，制定本要点。" * 12
    text = (
        f"2022年某区政务公开工作要点 {body} 一、总体要求 {body} 二、目标任务 "
        "(一)强化重点领域信息公开 1、数字经济领域。开设数字经济专题。"
        "(责任单位:区政府办公室、区发改委等领导小组成员单位,各乡、街办) "
        "2、营商环境领域。公开涉企政策。(责任单位:区商务局)"
    )
    plan = parse(text, year=2022)
    assert read(plan, "number", "section", "lead_units") == [
        (1, "二、目标任务", ["区政府办公室", "区发改委", "各乡", "街办"]),
        (2, "二、目标任务", ["区商务局"]),
    ]


def test_it_reads_a_traditional_mirror_with_lost_spaces_and_pinyin_debris():
    first, second = parse(
        "??一、依法履行政府信息公開職責",
        "??1.圍繞經濟社會發(fā)展主要任務深化信息公開。(責任單位:各有關單位、各區(qū)政府)",
        "??2.啟動法定主動公開事項目錄編制工作。(牽頭單位:市政府辦公廳;責任單位:各試點區政府)",
        year=2025,
    ).items
    assert first.section == "一、依法履行政府信息公開職責"
    assert _units(first) == (["各有关单位", "各区政府"], [])
    assert _units(second) == (["市政府办公厅"], ["各试点区政府"])


# ---- units and deadlines -----------------------------------------------------------------


def test_it_keeps_brackets_inside_a_unit_name_and_drops_aliases_and_notes():
    parsed = parse_units("市法制局牵头,市有关单位(见附件1,下同),各县(市、区)人民政府(管委会)负责")
    assert (parsed.lead, parsed.support) == (
        ["市法制局"],
        ["市有关单位", "各县(市、区)人民政府"],
    )
    assert parse_units("各区直部门、各镇(办)、经开区").lead == ["各区直部门", "各镇(办)", "经开区"]
    assert parse_units("规划信息处(爱卫办)").lead == ["规划信息处"]
    assert parse_units("市府办〔市大数据局〕牵头,各县〔区〕政府按职责分工负责").lead == ["市府办"]


def test_it_drops_a_summing_up_collective_after_deng_in_the_middle_of_a_list():
    parsed = parse_units("区数据资源局、区发改委等相关区直部门、各镇(办)、经开区")
    assert parsed.lead == ["区数据资源局", "区发改委", "各镇(办)", "经开区"]


def test_it_reads_role_words_inside_unit_names_as_names():
    assert parse_units("局主办科室").lead == ["局主办科室"]
    parsed = parse_units("市政府办公室牵头,市直有关部门配合;各镇(街)参照落实")
    assert (parsed.lead, parsed.support) == (["市政府办公室"], ["市直有关部门", "各镇(街)"])


def test_it_flags_before_a_quarter_like_before_a_month():
    parsed = parse_deadline("三季度前", 2022)
    assert parsed.due_date == date(2022, 6, 30)
    assert parsed.flags and "三季度前" in parsed.flags[0]
    assert parse_deadline("第三季度", 2022) == parse_deadline("三季度末", 2022)
    assert parse_deadline("第三季度", 2022).due_date == date(2022, 9, 30)


def test_it_takes_the_units_before_what_a_units_sentence_says_they_do():
    parsed = parse_units("各有关单位、各镇(街)做好发布工作,区数据局做好技术支持和指导。")
    assert (parsed.lead, parsed.support) == (["各有关单位", "各镇(街)"], ["区数据局"])
    assert "做好发布工作" in parsed.note and "\ue000" not in parsed.note
    parsed = parse_units("区发改局、区规划分局,以及各有关单位办理。")
    assert parsed.lead == ["区发改局", "区规划分局", "各有关单位"]


def test_it_reads_a_units_column_that_also_gives_instructions():
    plan = parse(
        "工作任务", "", "具体要求", "", "责任单位和工作要求", "",
        "一、深化政务公开", "",
        "(一)做好规划公开。", "", "1.主动公开各类规划。", "",
        "区发改局以及各有关单位办理。", "",
        "2.集中发布规划原文和解读。", "",
        "各有关单位做好发布工作,区数据局做好技术支持和指导。", "",
        year=2021,
    )  # fmt: skip
    assert [(i.number, *_units(i)) for i in plan.items] == [
        (1, ["区发改局", "各有关单位"], []),
        (2, ["各有关单位"], ["区数据局"]),
    ]


def test_it_splits_a_paragraph_at_each_units_bracket_and_numbers_the_tasks_in_order():
    items = parse(
        "一、加强重点工作信息公开",
        "（一）做好城市更新信息公开。及时公开工作进展。（市发展改革委负责落实）推进项目信息公开。"
        "（市住房城乡建设委、市规划自然资源委分别负责落实）",
        "（二）做好营商环境信息公开。集中发布营商环境政策。（市政务服务局牵头，各区政府配合，"
        "2023年6月底前完成）",
        year=2023,
    ).items
    assert [(i.number, i.requirement, *_units(i)) for i in items] == [
        (1, "做好城市更新信息公开。及时公开工作进展。", ["市发展改革委"], []),
        (2, "推进项目信息公开。", ["市住房城乡建设委", "市规划自然资源委"], []),
        (3, "做好营商环境信息公开。集中发布营商环境政策。", ["市政务服务局"], ["各区政府"]),
    ]
    assert [i.subsection for i in items] == ["(一)", "(一)", "(二)"]
    assert items[2].due_date == date(2023, 6, 30)
    assert all(any("逐项拆分" in flag for flag in i.flags) for i in items)


def test_it_keeps_a_paragraph_whose_brackets_run_on_in_a_list_as_one_task():
    (item,) = parse(
        "一、加强重点工作信息公开",
        "（一）做好重大战略信息公开。推进产业升级。（牵头单位：区发改委；责任单位：各街道）、"
        "打造区域消费中心（牵头单位：区商务局；责任单位：各街道）",
        year=2023,
    ).items
    assert _units(item) == (["区发改委", "区商务局"], ["各街道"])
    assert any("多处责任单位括注" in flag for flag in item.flags)


def test_it_makes_each_paragraph_under_a_heading_line_a_task_when_each_has_its_units():
    items = parse(
        "一、全面推进五公开",
        "（一）推进决策公开",
        "制定本年度重大行政决策目录清单并向社会公开。（牵头部门：综合规划处）",
        "做好规范性文件集中公开工作。（牵头部门：法规处）",
        "（二）推进执行公开",
        "继续做好财政预决算信息公开。（牵头部门：财务处）",
        year=2019,
    ).items
    assert [(i.number, i.subsection, *_units(i)) for i in items] == [
        (1, "(一)", ["综合规划处"], []),
        (2, "(一)", ["法规处"], []),
        (3, "(二)", ["财务处"], []),
    ]


def test_it_reads_units_written_after_the_last_sentence_without_a_bracket():
    items = parse(
        "一、推进权力运行全流程公开",
        "（一）推进行政决策公开。决策前向社会公开决策草案和决策依据。市政府办公室、各县(市)区政府负责落实",
        "（二）推进政策执行公开。公开执行措施和实施步骤。市政府各部门负责落实",
        year=2016,
    ).items
    assert [(i.number, *_units(i)) for i in items] == [
        (1, ["市政府办公室", "各县(市)区政府"], []),
        (2, ["市政府各部门"], []),
    ]


def test_it_keeps_an_empty_cell_now_and_then_in_a_cell_stream_as_an_empty_cell():
    def row(*cells):
        return [line for cell in cells for line in (cell, "|")]

    plan = parse(
        "某区2024年政务公开任务分工",
        *row("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
        *row("1", "公开年度预算决算信息。", "财政局", "各部门", "6月底前"),
        *row("2", "做好政策解读工作。", "办公室", "", "持续推进"),
        *row("3", "更新政府信息公开指南。", "办公室", "信息中心", "3月底前"),
        *row("4", "办理依申请公开。", "办公室", "", "全年"),
        *row("5", "编制年度报告。", "办公室", "各部门", "1月31日前"),
        year=2024,
    )
    assert [(i.number, *_units(i), i.due_date) for i in plan.items] == [
        (1, ["财政局"], ["各部门"], date(2024, 6, 30)),
        (2, ["办公室"], [], date(2024, 12, 31)),
        (3, ["办公室"], ["信息中心"], date(2024, 3, 31)),
        (4, ["办公室"], [], date(2024, 12, 31)),
        (5, ["办公室"], ["各部门"], date(2024, 1, 31)),
    ]


STREAMABLE = ["01_pipe_rows_web", "03_rowspan_groups", "09_traditional_tab", "19_pipe_collectives"]


@pytest.mark.parametrize("name", STREAMABLE)
def test_it_reads_a_corpus_table_captured_as_a_cell_stream_as_it_reads_its_rows(name):
    """The same table, each cell followed by a | line and nothing marking a row's end,
    gives the same items as the table written one row per line."""
    _, data, _, expected = next(p for p in plans(CORPUS) if p[0] == name)
    text = data.decode("utf-8")
    lines = []
    for row in line_rows(text):
        cells = [c for c in row if c.strip()]
        if len(row) == 1:
            lines.append(row[0])
            continue
        for cell in cells:
            lines += [cell.replace("\n", " "), "|"]
    as_rows = [as_expected(i) for i in parse(text, year=expected["year"]).items]
    as_stream = [as_expected(i) for i in parse(*lines, year=expected["year"]).items]
    assert as_stream == as_rows


def test_it_flags_a_row_cut_from_a_cell_stream_when_a_cell_fits_its_column_badly():
    def row(*cells):
        return [line for cell in cells for line in (cell, "|")]

    first, second, third = parse(
        *row("序号", "工作任务", "责任单位", "完成时限"),
        *row("1", "公开年度预算决算信息。", "财政局", "6月底前"),
        *row("2", "做好政策解读工作。", "办公室", "按上级要求"),
        *row("3", "更新政府信息公开指南。", "办公室", "3月底前"),
        year=2024,
    ).items
    doubtful = "原表未标明行的起止，本行是按各单元格的内容切分出来的，请核对"
    assert (second.lead_units, second.deadline_text) == (["办公室"], "按上级要求")
    assert doubtful in second.flags
    assert doubtful not in first.flags and doubtful not in third.flags
