"""Layouts and wordings met in the held-out real plans of 华北/东北/西北/西南 bodies and
national ministries (tests/real_dev2/, issue 14).

The plans here are small and invented, typed by hand in the shape each layout has when
a web page is captured as text; the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.lib.unit_text import parse_units
from gongkai.plans.importers import parse_plan_text
from gongkai.plans.tests.plan_text import parse, read
from gongkai.plans.tests.plan_text import units as _units


def _roles(parsed):
    return parsed.lead, parsed.support


# ---- web-page debris --------------------------------------------------------------------


def test_it_skips_a_pages_numbered_list_of_the_documents_particulars():
    plan = parse(
        "  1. [主题分类] 综合政务",
        "  2. [发文机构] 某市政务公开领导小组",
        "  3. [成文日期] 2016-06-08",
        "某市政务公开重点任务分工",
        "一、推进决策公开",
        "1.实行重大行政决策预公开制度。",
        "牵头单位:市政府办公厅",
        "责任单位:各区政府、市政府各部门",
        "完成时限:2016年底",
        year=2016,
    )
    assert read(plan, "number", "section") == [(1, "一、推进决策公开")]
    assert _units(plan.items[0]) == (["市政府办公厅"], ["各区政府", "市政府各部门"])
    assert plan.items[0].due_date == date(2016, 12, 31)


def test_it_removes_tag_debris_a_mirror_left_and_closes_the_bracket_it_cut():
    plan = parse(
        "某省2017年政务公开工作要点",
        "一、以政务公开助力稳增长/div>",
        "1.公开财政收支情况。(省财政厅牵头(/div>",
        "2.公开执法信息。(省执法局&&)",
        year=2017,
    )
    assert plan.items[0].section == "一、以政务公开助力稳增长"
    assert [i.lead_units for i in plan.items] == [["省财政厅"], ["省执法局"]]


# ---- tables of one cell per line ----------------------------------------------------------


def test_it_reads_a_dash_cell_as_a_column_left_empty():
    plan = parse(
        "某区2021年政务公开工作要点任务分解表",
        "", "工作任务", "", "牵头单位", "", "责任单位", "",
        "一、深化政务公开", "",
        "1.公开国民经济和社会发展规划纲要。", "", "改革发展局", "", "——", "",
        "2.公开重点专项规划。", "", "改革发展局", "", "建设局、公共服务局", "",
        year=2021,
    )  # fmt: skip
    assert [_units(i) for i in plan.items] == [
        (["改革发展局"], []),
        (["改革发展局"], ["建设局", "公共服务局"]),
    ]


def test_it_reads_a_table_of_requirements_whose_task_cell_spans_two_rows():
    # 目标 | 序号 | 任务 | 有关要求 | 责任单位: the second requirement row has no 序号 and
    # no 任务 (merged above); a requirement starting 召开…发布会 is no unit.
    plan = parse(
        "某区2017年政务公开重点工作任务分工",
        "", "目标", "", "序号", "", "任 务", "", "有 关 要 求", "", "责任单位", "",
        "1", "", "加强预期引导", "", "加强财政、就业等政策解读信息公开。", "",
        "发展改革委、财政厅", "",
        "召开季度国民经济运行情况新闻发布会,及时发布重要指标数据。", "",
        "发展改革委、统计局", "",
        year=2017,
    )  # fmt: skip
    assert read(plan, "number", "lead_units") == [
        (1, ["发展改革委", "财政厅"]),
        (2, ["发展改革委", "统计局"]),
    ]


def test_it_keeps_the_upper_levels_lead_column_as_a_note_and_the_groups_numbers():
    # A department's table: 市级牵头单位 is the city's lead for the task (another body);
    # the department kept only some tasks of the city's list, under their own （三）.
    plan = parse(
        "市某委关于贯彻落实2021年政务公开工作要点任务分工",
        "工作任务 |", "工作要求 |", "时限要求 |", "市级牵头单位 |", "责任单位 | ||",
        "一、深化政务公开 |",
        "(三)做好财政信息公开。 |", "每年度公开本部门预决算信息 |", "每年度 |",
        "市财政局 |", "牵头处室:财务处 | ||",
        "(五)做好统计信息公开。 |", "公开本部门统计数据 |", "2021年6月底前 |",
        "市统计局 |", "牵头处室:规划处 | ||",
        year=2021,
    )  # fmt: skip
    assert read(plan, "number", "lead_units") == [(3, ["财务处"]), (5, ["规划处"])]
    assert all(any("小标题" in flag for flag in i.flags) for i in plan.items)


# ---- units ---------------------------------------------------------------------------------


def test_it_gives_the_units_on_a_group_heading_to_its_tasks_that_name_none_flagged():
    plan = parse(
        "某部2015年政府信息公开工作要点",
        "一、推进重点领域信息公开",
        "(一)推进行政权力运行信息公开。(法制司牵头,有关单位负责)",
        "1.全面建立行政管理权力清单制度。",
        "(二)推进审批信息公开。",
        "2.公开行政审批事项。(审批办负责)",
        year=2015,
    )
    assert [_units(i) for i in plan.items] == [(["法制司"], ["有关单位"]), (["审批办"], [])]
    assert any("标题" in flag for flag in plan.items[0].flags)
    assert not any("标题" in flag for flag in plan.items[1].flags)


def test_it_gives_a_sections_named_owners_to_a_table_without_a_units_column_flagged():
    plan = parse(
        "某市2017年政务公开工作要点任务明细表",
        "一、各区、县(市)政府、市政府各部门负责落实的工作任务",
        "序号", "任务事项", "工作要求", "公开载体", "完成时限",
        "1", "公开预期引导信息", "有关负责同志通过新闻发布会解读政策。",
        "市政府门户网站、各区县(市)政府门户网站", "长期推进",
        year=2017,
    )  # fmt: skip
    assert _units(plan.items[0]) == (["各区、县(市)政府", "市政府各部门"], [])
    assert any("标题" in flag for flag in plan.items[0].flags)


def test_it_reads_a_square_bracket_with_a_luoshi_danwei_label():
    plan = parse(
        "某市2017年政务公开工作要点",
        "一、着力推进“五公开”",
        "(一)将“五公开”要求落实到公文办理程序。[牵头单位:市政府办公厅;落实单位:各县(市)、区政府,市政府各部门]",
        year=2017,
    )
    assert _units(plan.items[0]) == (["市政府办公厅"], ["各县(市)、区政府", "市政府各部门"])


def test_it_follows_the_plans_comma_legend_in_its_bracket_and_the_later_ones():
    plan = parse(
        "某市2022年政务公开重点工作任务分工方案",
        "为落实条例,制定本方案。 一、强化重点领域信息公开 (一)加强稳增长信息公开。及时发布政策。"
        "(责任单位:市发展改革委、市商务局,各区县政府。逗号前为牵头单位,下同)"
        + "这是一段很长的说明文字。"
        * 20,
        "(二)加强就业信息公开。(责任单位:市人社局,各区县政府、高新区管委会)",
        "(三)加强统计信息公开。(牵头单位:市统计局,市发改委;配合单位:各区县政府)",
        year=2022,
    )
    assert [(i.section, *_units(i)) for i in plan.items] == [
        ("一、强化重点领域信息公开", ["市发展改革委", "市商务局"], ["各区县政府"]),
        ("一、强化重点领域信息公开", ["市人社局"], ["各区县政府", "高新区管委会"]),
        ("一、强化重点领域信息公开", ["市统计局", "市发改委"], ["各区县政府"]),
    ]


def test_it_reads_collectives_with_brackets_in_their_names_that_act_by_their_functions():
    assert _roles(parse_units("各县(市)区人民政府,市政府各部门(单位)按照职能分别落实")) == (
        ["各县(市)区人民政府", "市政府各部门"],
        [],
    )
    assert parse_units(
        "各市〔州〕、县〔市、区〕政府,各级政府各部门、各单位按照职能分别落实"
    ).lead == [
        "各市〔州〕、县〔市、区〕政府",
        "各级政府各部门、各单位",
    ]


def test_it_keeps_places_that_share_one_organ_named_at_the_end_as_one_name():
    assert parse_units("市政府各部门,高新区、循环化工园区、综合保税区管委会").lead == [
        "市政府各部门",
        "高新区、循环化工园区、综合保税区管委会",
    ]
    assert parse_units("市发改委、区政府").lead == ["市发改委", "区政府"]
    assert parse_units("高新区、开发区").lead == ["高新区", "开发区"]


def test_it_takes_the_unit_after_by_in_an_assignment_by_matter():
    parsed = parse_units("规范性文件公开由制发司牵头,各有关司配合;执法事项清单由政策法规司牵头")
    assert _roles(parsed) == (["制发司", "政策法规司"], ["各有关司"])
    assert parse_units("自由贸易试验区管委会牵头").lead == ["自由贸易试验区管委会"]


# ---- deadlines ------------------------------------------------------------------------------


def test_it_takes_a_deadline_written_only_in_the_task_text_flagged():
    plan = parse(
        "某市2021年政务公开工作要点",
        "一、深化政务公开",
        "(一)做好规划公开。2021年12月末前,主动公开规划纲要。(牵头单位:市发改委)",
        "(二)做好预决算公开。公开2016年末政府债务余额。(牵头单位:市财政局)",
        "(三)做好目录公开。6月30日前更新公开目录。(牵头单位:市政府办公室)",
        year=2021,
    )
    assert [i.due_date for i in plan.items] == [date(2021, 12, 31), None, date(2021, 6, 30)]
    assert any("任务内容" in flag for flag in plan.items[0].flags)
    assert "未填写完成时限" in plan.items[1].flags


def test_it_reads_a_role_written_in_brackets_after_a_unit():
    assert _roles(parse_units("市发改委（牵头）、市财政局、市统计局")) == (
        ["市发改委"],
        ["市财政局", "市统计局"],
    )


def test_it_reads_a_line_of_several_labels_below_the_task():
    plan = parse(
        "某市2023年政务公开工作要点",
        "一、推进决策公开",
        "1.做好重大决策预公开。",
        "牵头单位：市政府办公室；责任单位：各区政府；完成时限：2023年6月底前",
        "2.加强政策解读。",
        "責任單位：市司法局　　完成時限：長期堅持",
        year=2023,
    )
    assert [(*_units(i), i.due_date, i.ongoing) for i in plan.items] == [
        (["市政府办公室"], ["各区政府"], date(2023, 6, 30), False),
        (["市司法局"], [], date(2023, 12, 31), True),
    ]


def test_it_takes_the_group_headings_as_sections_on_a_page_without_any():
    # The second page of a plan: no 一、 above its tasks, a （四） heading among them.
    plan = parse(
        "38.公开水环境质量排名。(牵头单位:市环保局)",
        "(四)推进教育卫生领域信息公开。",
        "39.做好教育监管信息公开。(牵头单位:市教育局)",
        year=2017,
    )
    assert read(plan, "number", "section") == [
        (38, ""),
        (39, "(四)推进教育卫生领域信息公开。"),
    ]


def test_it_reads_a_sections_named_owners_in_traditional_characters_too():
    plan = parse(
        "某市2017年政務公開工作要點任務明細表",
        "一、各區、縣(市)政府、市政府各部門負責落實的工作任務",
        "序號", "任務事項", "工作要求", "公開載體", "完成時限",
        "1", "公開預期引導資訊", "有關負責同志通過新聞發布會解讀政策。", "市政府入口網站",
        "長期推進",
        year=2017,
    )  # fmt: skip
    assert _units(plan.items[0]) == (["各区、县(市)政府", "市政府各部门"], [])


def test_it_reads_labels_written_after_the_tasks_sentences_without_a_bracket():
    plan = parse(
        "某局2023年政务公开工作要点",
        "一、推进决策公开",
        "1.做好重大决策预公开。责任单位：办公室。完成时限：6月底前。",
        "2.加强政策解读。牵头单位：法规处；配合单位：各科室；完成时限：全年。",
        year=2023,
    )
    assert [(*_units(i), i.due_date, i.requirement) for i in plan.items] == [
        (["办公室"], [], date(2023, 6, 30), "做好重大决策预公开。"),
        (["法规处"], ["各科室"], date(2023, 12, 31), "加强政策解读。"),
    ]


def test_it_reads_a_numbered_row_whose_task_cell_is_merged_from_above_as_an_item():
    # 序号 | 工作任务 | 具体措施 | …: the 序号 numbers every row, 工作任务 is written once for
    # rows 1-2 (merged), so the items are the 具体措施.
    text = "\n\n".join(
        [
            "某区2022年政务公开重点任务分工表",
            "序号", "工作任务", "具体措施", "责任单位", "完成时限",
            "一、深化重点领域公开",
            "1", "推进财政信息公开", "公开部门预决算。", "区财政局", "2022年6月底前",
            "2", "公开政府债务信息。", "区财政局", "——",
            "3", "推进规划公开", "公开十四五专项规划。", "区发改委", "持续推进",
        ]
    )  # fmt: skip
    plan = parse_plan_text(text, 2022)
    assert read(plan, "number", "requirement", "lead_units", "due_date") == [
        (1, "公开部门预决算。", ["区财政局"], date(2022, 6, 30)),
        (2, "公开政府债务信息。", ["区财政局"], None),
        (3, "公开十四五专项规划。", ["区发改委"], date(2022, 12, 31)),
    ]
    assert not plan.columns_unclear


def test_it_reads_units_on_a_part_heading_over_numbered_tasks_as_the_headings():
    plan = parse(
        "某部2015年政府信息公开工作要点",
        "一、推进重点领域信息公开（法制司牵头，有关单位负责）",
        "1.全面建立行政管理权力清单制度。",
        "2.公开行政审批事项。（审批办负责）",
        "二、加强解读回应（新闻办牵头）",
        "3.做好政策解读。",
        year=2015,
    )
    assert [(i.number, i.section, *_units(i)) for i in plan.items] == [
        (1, "一、推进重点领域信息公开", ["法制司"], ["有关单位"]),
        (2, "一、推进重点领域信息公开", ["审批办"], []),
        (3, "二、加强解读回应", ["新闻办"], []),
    ]
