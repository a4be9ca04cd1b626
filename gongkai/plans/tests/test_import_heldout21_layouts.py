"""Rules of the round on real_heldout21 (issue 14): a Word table whose 序号 and task cells are
merged over rows, an Excel table printed twice side by side, a counted collective unit, and a
notice's closing annex list. The plans here are small and invented, typed in the shape each
layout has; the real ones are scored by test_import_real_plans.py."""

from datetime import date

from gongkai.lib.unit_text import parse_units
from gongkai.plans.importers import parse_plan_file
from gongkai.plans.importers.cells import header_role
from gongkai.plans.importers.rows import _SIDE_BY_SIDE
from gongkai.plans.tests.corpus_score import office_file
from gongkai.plans.tests.plan_text import parse, read

HEADER = ["序号", "主要任务", "具体内容", "责任单位", "完成时间"]


def _docx(rows, merges=()) -> bytes:
    return office_file(
        {"format": "docx", "before": ["某局工作计划表"], "rows": rows, "merges": merges}
    )


def _xlsx(rows) -> bytes:
    return office_file({"format": "xlsx", "before": ["某局分工表"], "rows": rows})


# ---- a 序号 and task cell merged over two rows: one task ---------------------------


MERGED_ROWS = [
    HEADER,
    ["1", "编制标准目录", "编制完成各街道的标准目录。", "各街道办事处", "2021年3月底前"],
    ["", "", "编制完成各部门的标准目录。", "区财政局、区教育局", "2021年6月底前"],
    ["2", "建设公开专区", "在政务服务中心设公开专区。", "区政务服务中心", "2021年9月底前"],
]


def test_a_number_and_task_merged_over_two_rows_are_one_task_with_the_units_of_both():
    plan = parse_plan_file(_docx(MERGED_ROWS, [[1, 0, 2, 0], [1, 1, 2, 1]]), "p.docx", 2021)
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["各街道办事处", "区财政局", "区教育局"], date(2021, 3, 31)),
        (2, ["区政务服务中心"], date(2021, 9, 30)),
    ]
    assert plan.items[0].flags  # the first row's date taken, the second's not: said
    assert not plan.items[1].flags


def test_two_rows_with_their_own_numbers_and_tasks_stay_two_tasks():
    rows = [HEADER, MERGED_ROWS[1], ["2", "编制部门目录", *MERGED_ROWS[2][2:]], MERGED_ROWS[3]]
    rows[-1] = ["3", *rows[-1][1:]]
    plan = parse_plan_file(_docx(rows), "p.docx", 2021)
    assert read(plan, "number", "lead_units") == [
        (1, ["各街道办事处"]),
        (2, ["区财政局", "区教育局"]),
        (3, ["区政务服务中心"]),
    ]


# ---- a table printed twice side by side: two tables ------------------------------


def test_a_header_repeated_side_by_side_is_two_tables_read_left_then_right():
    rows = [
        ["序号", "类别", "责任单位", "序号", "类别", "责任单位"],
        ["1", "城乡规划", "区规划局", "3", "社会救助", "区民政局"],
        ["2", "财政预决算", "区财政局", "4", "义务教育", "区教育局"],
    ]
    plan = parse_plan_file(_xlsx(rows), "p.xlsx", 2020)
    assert read(plan, "number", "requirement", "lead_units") == [
        (1, "城乡规划", ["区规划局"]),
        (2, "财政预决算", ["区财政局"]),
        (3, "社会救助", ["区民政局"]),
        (4, "义务教育", ["区教育局"]),
    ]
    assert _SIDE_BY_SIDE in plan.warnings


def test_a_header_whose_halves_differ_is_one_table():
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "城乡规划", "区规划局", "2020年6月底前"],
        ["2", "财政预决算", "区财政局", "2020年9月底前"],
    ]
    plan = parse_plan_file(_xlsx(rows), "p.xlsx", 2020)
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["区规划局"], date(2020, 6, 30)),
        (2, ["区财政局"], date(2020, 9, 30)),
    ]
    assert _SIDE_BY_SIDE not in plan.warnings


# ---- a counted collective: 甲、乙、丙三个片区管理局 --------------------------------


def test_places_counted_before_the_kind_of_body_are_one_collective():
    assert parse_units("东城、西城、南城三个片区管理局、区财政局").lead == [
        "东城、西城、南城三个片区管理局",
        "区财政局",
    ]


def test_places_whose_count_does_not_fit_are_not_taken_as_one_collective():
    assert (
        "东城、西城、南城四个片区管理局" not in parse_units("东城、西城、南城四个片区管理局").lead
    )


# ---- a notice's closing annex list is no task ------------------------------------


NOTICE = (
    "某区办公室关于做好公开工作的通知各单位：现将有关事项通知如下：一、各单位要于5月底前完成"
    "目录编制，报区办公室备案，坚持问题导向，细化工作措施，压实工作责任，确保各项工作落到实处，"
    "做到应公开尽公开（区财政局负责）。二、各单位要加强信息发布审查，确保内容准确"
    "，坚持问题导向，细化工作措施，压实工作责任，确保各项工作落到实处（区网信办负责）。三、各单位要做好年度报告编写工作，按时报送（区办公室负责）。"
)


def test_an_annex_list_closing_a_one_line_notice_is_not_read_as_tasks():
    plan = parse(NOTICE + "附件：1.《公开指南》2.《公开目录》某区办公室2012年5月22日", year=2012)
    assert [item.requirement[:2] for item in plan.items] == ["一、", "二、", "三、"]
    assert read(plan, "number", "lead_units") == [
        (1, ["区财政局"]),
        (2, ["区网信办"]),
        (3, ["区办公室"]),
    ]


def test_an_annex_list_followed_by_a_sentence_is_left_to_the_readers():
    tail = "附件：1.《公开指南》2.《公开目录》。四、各单位要按季度报送统计数据（区统计局负责）。"
    plan = parse(NOTICE + tail, year=2012)
    # A sentence goes on after the list: not the notice's closing list, not cut (the other
    # readers take what they can, flagged).
    assert "《公开指南》" in [item.requirement for item in plan.items]
    assert all(item.flags for item in plan.items)


# ---- columns of people: 牵头领导, 责任单位负责人 --------------------------------------


def test_a_column_of_people_beside_the_units_column_is_no_units_column():
    rows = [
        ["序号", "项目名称", "牵头领导", "责任单位", "责任单位负责人"],
        ["1", "建设产业园", "张三", "区经济发展局", "李四"],
        ["2", "引进金融机构", "王五", "区财政金融局", "赵六"],
    ]
    plan = parse_plan_file(_xlsx(rows), "p.xlsx", 2015)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区经济发展局"], []),
        (2, ["区财政金融局"], []),
    ]


def test_a_header_naming_units_or_a_role_is_still_read_as_before():
    assert header_role("责任单位") == "units"
    assert header_role("负责单位") == "units"
    assert header_role("牵头单位") == "lead"
    assert header_role("牵头领导") == "note"
