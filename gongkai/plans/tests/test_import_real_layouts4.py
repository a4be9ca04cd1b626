"""Rules of the fourth round on plans of other bodies (issue 14): a plan that names no units
at all, sections given by table cells, rowspan in | text tables, cells glued together.

The plans here are small and invented, typed by hand in the shape each layout has when
a web page is captured as text; the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.importers import parse_plan_file
from gongkai.plans.importers.items import NO_UNITS
from gongkai.plans.tests.corpus_score import office_file
from gongkai.plans.tests.plan_text import parse, read

# ---- a plan that names no units ----------------------------------------------------------


def test_it_keeps_the_cn_numbered_tasks_of_a_plan_that_names_no_units_flagged():
    plan = parse(
        "2023年政务公开工作要点",
        "一、加强政策公开",
        "（一）做好规范性文件公开工作。及时发布并更新规范性文件库。",
        "（二）加强政策解读。重要政策同步解读。",
        "二、优化公开平台",
        "（三）完善政府网站建设。确保信息及时更新。",
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、加强政策公开", [], []),
        (2, "一、加强政策公开", [], []),
        (3, "二、优化公开平台", [], []),
    ]
    assert all(NO_UNITS in item.flags for item in plan.items)
    assert any("未写明任何责任单位" in w for w in plan.warnings)


def test_it_keeps_one_task_per_paragraph_of_an_unnumbered_plan_without_units():
    plan = parse(
        "2023年政务公开工作要点",
        "为做好今年政务公开工作，制定本要点。",
        "一、总体要求",
        "坚持以人民为中心，全面推进政务公开。",
        "二、加强政策公开",
        "做好规范性文件公开工作，及时发布并更新规范性文件库。",
        "加强政策解读，重要政策文件与解读材料同步组织、同步审签、同步部署。",
        "三、保障措施",
        "各单位要高度重视，加强组织领导。",
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "二、加强政策公开", []),
        (2, "二、加强政策公开", []),
    ]
    assert plan.items[1].requirement.startswith("加强政策解读")
    assert all(NO_UNITS in item.flags for item in plan.items)


def test_it_flags_every_task_of_a_numbered_plan_without_units_and_warns_once():
    plan = parse(
        "2023年政务公开工作要点",
        "一、加强政策公开",
        "1.做好规范性文件公开工作。",
        "2.加强政策解读，重要政策同步解读。",
    )
    assert read(plan, "number", "lead_units", "units_text") == [
        (1, [], ""),
        (2, [], ""),
    ]
    assert [NO_UNITS in i.flags for i in plan.items] == [True, True]
    assert sum("未写明任何责任单位" in w for w in plan.warnings) == 1


def test_it_keeps_the_rows_of_a_table_without_a_units_column_flagged():
    plan = parse(
        "工作任务|具体措施|完成时限",
        "1.做好规范性文件公开|及时发布规范性文件|6月底前",
        "2.加强政策解读|重要政策同步解读|长期坚持",
    )
    assert read(plan, "number", "due_date", "lead_units") == [
        (1, date(2023, 6, 30), []),
        (2, date(2023, 12, 31), []),
    ]
    assert all(NO_UNITS in item.flags for item in plan.items)


def test_it_does_not_call_a_plan_unitless_when_one_task_names_its_units():
    plan = parse(
        "一、加强政策公开",
        "1.做好规范性文件公开工作。（责任单位：法规科）",
        "2.加强政策解读，重要政策同步解读。",
    )
    assert [i.lead_units for i in plan.items] == [["法规科"], []]
    assert NO_UNITS not in plan.items[1].flags
    assert "未填写责任单位" in plan.items[1].flags
    assert not any("未写明任何责任单位" in w for w in plan.warnings)


# ---- sections from table cells -----------------------------------------------------------


def test_it_reads_a_heading_in_a_cell_of_its_own_row_as_the_section_of_the_rows_under_it():
    plan = parse(
        "| 序号 | 工作任务 | 责任单位 | 完成时限 |",
        "| | 一、推进政策公开 | | |",
        "| 1 | 做好规范性文件公开，及时更新规范性文件库 | 法规科 | 6月底前 |",
        "| | 二、推进平台建设 | | |",
        "| 2 | 完善政府网站，确保信息及时更新 | 信息中心 | 9月底前 |",
    )
    assert read(plan, "number", "section") == [(1, "一、推进政策公开"), (2, "二、推进平台建设")]
    assert [i.lead_units for i in plan.items] == [["法规科"], ["信息中心"]]


def test_it_reads_a_heading_in_the_task_column_of_a_word_table_as_a_section():
    spec = {
        "format": "docx",
        "rows": [
            ["序号", "工作任务", "责任单位", "完成时限"],
            ["", "一、推进政策公开", "", ""],
            ["1", "做好规范性文件公开，及时更新规范性文件库", "法规科", "6月底前"],
            ["2", "加强政策解读，重要政策同步解读", "办公室", "长期坚持"],
        ],
    }
    plan = parse_plan_file(office_file(spec), "要点.docx", 2023)
    assert read(plan, "number", "section") == [(1, "一、推进政策公开"), (2, "一、推进政策公开")]
    assert [i.lead_units for i in plan.items] == [["法规科"], ["办公室"]]


def test_it_reads_a_heading_row_spanning_every_column_as_a_section_not_a_task():
    heading = "二、推进平台建设"
    plan = parse(
        "序号|工作任务|责任单位|完成时限",
        "1|做好规范性文件公开，及时更新规范性文件库|法规科|6月底前",
        "|".join([heading] * 4),
        "2|完善政府网站，确保信息及时更新|信息中心|9月底前",
    )
    assert [i.number for i in plan.items] == [1, 2]
    assert plan.items[1].section == heading


def test_it_flags_the_tasks_before_the_first_heading_of_a_plan_captured_mid_way():
    first, second = parse(
        "序号|工作任务|责任单位|完成时限",
        "7|做好规范性文件公开，及时更新规范性文件库|法规科|2023年6月底前",
        "二、推进平台建设",
        "8|完善政府网站，确保信息及时更新|信息中心|9月底前",
    ).items
    assert (first.number, first.section) == (7, "")
    assert any("没有所属部分的标题" in f for f in first.flags)
    assert (second.section, second.flags) == ("二、推进平台建设", [])


def test_it_does_not_flag_the_sections_of_a_plan_that_has_no_parts():
    plan = parse(
        "序号|工作任务|责任单位|完成时限",
        "1|做好规范性文件公开，及时更新规范性文件库|法规科|2023年6月底前",
        "2|完善政府网站，确保信息及时更新|信息中心|9月底前",
    )
    assert read(plan, "section", "flags") == [("", []), ("", [])]


# ---- rowspan in | text tables ------------------------------------------------------------


def test_it_aligns_a_short_row_of_a_bar_table_right_so_its_task_cell_is_the_merged_one():
    plan = parse(
        "工作任务|工作要点|具体措施|责任单位|完成时限",
        "一、推进政策公开|1.做好规范性文件公开|及时更新规范性文件库|法规科|6月底前",
        "做好文件清理，公布清理结果|办公室|9月底前",
        "二、推进平台建设|2.完善政府网站|确保信息及时更新|宣传科牵头，办公室配合|12月底前",
    )
    first, second = plan.items
    assert (first.number, first.lead_units, first.due_date) == (
        1,
        ["法规科", "办公室"],
        date(2023, 6, 30),
    )
    assert "做好文件清理" in first.measures
    assert any("已并入本项任务" in f for f in first.flags)
    assert (second.number, second.lead_units, second.support_units) == (2, ["宣传科"], ["办公室"])
    assert not any("未对应到任何任务" in w for w in plan.warnings)


def test_it_still_places_a_short_rows_number_in_the_number_column():
    first, second = parse(
        "序号|工作任务|具体措施|责任单位|完成时限",
        "1|推进政策公开|做好规范性文件公开，及时更新规范性文件库|法规科|6月底前",
        "2|加强政策解读，重要政策同步解读|办公室|长期坚持",
    ).items
    assert (second.number, second.lead_units, second.ongoing) == (2, ["办公室"], True)
    assert second.subsection == "推进政策公开" and second.flags


def test_a_short_row_of_a_table_that_numbers_no_task_stays_a_task_of_its_own():
    plan = parse(
        "工作任务|具体要求|责任单位|完成时限",
        "推进政策公开|做好规范性文件公开，及时更新规范性文件库|法规科|6月底前",
        "加强政策解读，重要政策同步解读|办公室|长期坚持",
    )
    assert read(plan, "number", "lead_units") == [(1, ["法规科"]), (2, ["办公室"])]
    assert plan.items[1].requirement == "加强政策解读，重要政策同步解读"


# ---- cells glued together ----------------------------------------------------------------

GLUED_ROWS = [
    "做好规范性文件公开工作，及时更新规范性文件库法规科6月底前",
    "加强政策解读，重要政策同步解读办公室长期坚持",
    "完善政府网站建设信息中心、办公室9月底前",
]


def _glued_flagged(item):
    return any("单元格粘连" in f for f in item.flags)


def test_it_cuts_a_deadline_glued_to_a_cells_end_and_flags_the_units_it_cannot_split():
    plan = parse(
        "2023年政务公开工作要点",
        *["序号", "工作任务", "责任单位", "完成时限"],
        *[line for n, row in enumerate(GLUED_ROWS, 1) for line in (str(n), row)],
    )
    assert read(plan, "number", "due_date", "ongoing", "lead_units") == [
        (1, date(2023, 6, 30), False, []),
        (2, date(2023, 12, 31), True, []),
        (3, date(2023, 9, 30), False, []),
    ]
    assert all(_glued_flagged(item) for item in plan.items)
    assert plan.items[2].requirement == "完善政府网站建设信息中心、办公室"
    assert not any("未写明任何责任单位" in w for w in plan.warnings)


def test_it_reads_a_table_whose_header_and_rows_lost_every_separator():
    plan = parse(
        "2023年政务公开工作要点",
        "序号工作任务责任单位完成时限",
        "一、推进政策公开",
        *[f"{n}{row}" for n, row in enumerate(GLUED_ROWS, 1)],
    )
    assert read(plan, "number", "section", "due_date", "lead_units") == [
        (1, "一、推进政策公开", date(2023, 6, 30), []),
        (2, "一、推进政策公开", date(2023, 12, 31), []),
        (3, "一、推进政策公开", date(2023, 9, 30), []),
    ]
    assert all(_glued_flagged(item) for item in plan.items)


def test_it_reads_a_table_whose_cells_are_separated_by_spaces():
    plan = parse(
        "2023年政务公开工作要点",
        "序号 工作任务 责任单位 完成时限",
        "1 做好规范性文件公开工作，及时更新规范性文件库 法规科 6月底前",
        "2 加强政策解读，重要政策同步解读 办公室 长期坚持",
        "3 完善政府网站建设 信息中心、办公室 9月底前",
    )
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["法规科"], date(2023, 6, 30)),
        (2, ["办公室"], date(2023, 12, 31)),
        (3, ["信息中心", "办公室"], date(2023, 9, 30)),
    ]
