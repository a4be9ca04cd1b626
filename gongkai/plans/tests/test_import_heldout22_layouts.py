"""Rules of the round on real_heldout22 (issue 14): a task split run into one line whose parts
are each one task, closed by role labels run together with nothing between them (牵头单位：X
配合单位：Y实施单位：Z完成时限：W), the next part's numeral glued to the deadline; and a
牵头推进单位： label. The plans here are small and invented, typed in the shape each layout
has; the real ones are scored by test_import_real_plans.py."""

from datetime import date

import pytest

from gongkai.lib.unit_text import label_lines_joined, parse_units
from gongkai.plans.importers import PlanImportError, parse_plan_file
from gongkai.plans.importers.brackets import _label_pieces
from gongkai.plans.importers.breaks import _restore_breaks
from gongkai.plans.tests.corpus_score import office_file
from gongkai.plans.tests.plan_text import parse, read

INTRO = (
    "某区管委会办公室关于印发某项措施任务分解方案的通知。"
    "为推进有关措施落到实处，按照工作分工和时限要求，对有关任务分工如下："
)
PART_ONE = (
    "一、支持港区开放建设。支持港区指定监管场地建设和报批验收，完善监管设施，发展保税加工。"
    "牵头单位：区经发局、区口岸办配合单位：某海关实施单位：区交通集团完成时限：2021年8月"
)
PART_TWO = (
    "二、支持跨境电商发展，推动业态多元化。支持跨境电商监管作业场所建设和升级改造，推广试点模式。"
    "牵头单位：区商务局配合单位：某海关、区财政局完成时限：2021年11月底"
)
PART_THREE = (
    "三、支持小额商品交易市场培育。支持清单扩容，允许符合监管政策的商品按跨境电商方式进口。"
    "牵头单位：某海关配合单位：区经发局完成时限：常态化实施"
)


def test_parts_run_together_each_closed_by_labels_run_together_are_one_task_each():
    plan = parse(INTRO + PART_ONE + PART_TWO + PART_THREE, year=2021)
    assert read(plan, "number", "section", "lead_units", "support_units", "due_date") == [
        (
            1,
            "一、支持港区开放建设。",
            ["区经发局", "区口岸办"],
            ["某海关", "区交通集团"],
            date(2021, 8, 31),
        ),
        (
            2,
            "二、支持跨境电商发展，推动业态多元化。",
            ["区商务局"],
            ["某海关", "区财政局"],
            date(2021, 11, 30),
        ),
        # 常态化实施: ongoing, due the plan year's end (the importer's rule for ongoing tasks)
        (3, "三、支持小额商品交易市场培育。", ["某海关"], ["区经发局"], date(2021, 12, 31)),
    ]
    assert plan.items[2].ongoing
    # 实施单位 is no role label we know: its units support, and it is said.
    assert any("实施单位" in flag for flag in plan.items[0].flags)


def test_a_lone_part_closed_by_labels_among_headings_stays_a_heading():
    # Only one part is so: it is no plan of parts that are tasks (its other parts are
    # headings over prose), so it is not read as one; the plan names no task and is refused.
    with pytest.raises(PlanImportError):
        parse(
            INTRO,
            "一、总体要求",
            "坚持问题导向，细化工作措施，压实工作责任，确保各项工作落到实处。",
            PART_TWO,
            "三、保障措施",
            "各单位要高度重视，加强组织领导，确保各项任务按时完成。",
            year=2021,
        )


def test_two_parts_closed_by_labels_on_lines_of_their_own_are_two_tasks():
    plan = parse(INTRO, PART_ONE, PART_TWO, year=2021)
    assert read(plan, "number", "section") == [
        (1, "一、支持港区开放建设。"),
        (2, "二、支持跨境电商发展，推动业态多元化。"),
    ]


def test_the_next_part_glued_to_a_deadline_value_starts_a_line():
    line = (
        "一、甲事项。做好甲。牵头单位：区甲局完成时限：2021年底二、乙事项。做好乙。牵头单位：区乙局"
    )
    assert _restore_breaks(line) == [
        "一、甲事项。做好甲。牵头单位：区甲局完成时限：2021年底",
        "二、乙事项。做好乙。牵头单位：区乙局",
    ]


def test_a_numeral_after_a_deadline_that_does_not_go_on_from_the_last_part_is_text():
    # 三、 after 一、: not the next part, so no break (a number inside the text).
    line = "一、甲事项。做好甲。牵头单位：区甲局完成时限：2021年底三、乙事项做好乙"
    assert _restore_breaks(line) == [line]


def test_a_numeral_after_a_value_of_no_deadline_label_is_text():
    line = "一、甲事项。做好甲。工作要求：按季度报送二、乙事项做好乙"
    assert _restore_breaks(line) == [line]


def test_a_lead_label_with_its_manner_word_is_a_lead_label():
    parsed = parse_units("牵头推进单位：区交通局、区规划局")
    assert (parsed.lead, parsed.support) == (["区交通局", "区规划局"], [])


def test_a_support_label_with_its_manner_word_is_a_support_label():
    parsed = parse_units("牵头单位：区交通局；配合推进单位：区规划局")
    assert (parsed.lead, parsed.support) == (["区交通局"], ["区规划局"])


def test_a_label_whose_role_word_is_glued_to_it_is_not_cut_in_two():
    # 牵头责任单位： is one label (its 责任单位 is not a second label glued to 牵头).
    one = PART_ONE.replace("牵头单位：", "牵头责任单位：")
    plan = parse(INTRO, one, PART_TWO, year=2021)
    assert read(plan, "lead_units", "support_units")[0] == (
        ["区经发局", "区口岸办"],
        ["某海关", "区交通集团"],
    )


def test_labels_run_together_are_cut_before_each_but_never_inside_one():
    assert _label_pieces(
        "牵头责任单位：区甲局配合单位：区乙局实施单位：区丙公司完成时限：2021年底"
    ) == [
        "牵头责任单位：区甲局",
        "配合单位：区乙局",
        "实施单位：区丙公司",
        "完成时限：2021年底",
    ]


# ---- a units cell of label lines, each label's names on the lines after it ----------


def _xlsx(rows) -> bytes:
    return office_file({"format": "xlsx", "before": ["某项目任务分解表"], "rows": rows})


HEADER = ["序号", "项目名称", "项目内容", "责任单位", "负责事项"]


def test_a_units_cell_of_label_lines_gives_each_label_the_names_under_it():
    rows = [
        HEADER,
        [
            "1",
            "产业园项目",
            "共同开发建设产业园。",
            "牵头单位：\n某片区管理局\n配合单位：\n区规划局\n区国土局",
            "对接",
        ],
        [
            "2",
            "博物馆项目",
            "建设博物馆主体工程。",
            "牵头单位：区文化局\n配合单位：区发展局\n区规划局",
            "对接",
        ],
    ]
    plan = parse_plan_file(_xlsx(rows), "p.xlsx", 2015)
    assert read(plan, "lead_units", "support_units") == [
        (["某片区管理局"], ["区规划局", "区国土局"]),
        (["区文化局"], ["区发展局", "区规划局"]),
    ]


def test_a_units_cell_of_names_a_line_is_not_read_as_labels():
    # No label on its first line: a list of names, each one leading, as before.
    assert label_lines_joined("区文化局\n区规划局") == "区文化局\n区规划局"
    # Each label with its names on its own line: nothing to join.
    text = "牵头单位：区文化局\n配合单位：区规划局"
    assert label_lines_joined(text) == text
    assert label_lines_joined("牵头单位：\n区文化局\n配合单位：\n区规划局\n区国土局") == (
        "牵头单位：区文化局\n配合单位：区规划局、区国土局"
    )


# ---- a sentence opening on a year before the plan's: history, no deadline ------------


def _problems(text: str) -> bytes:
    return _xlsx([["序号", "存在问题", "整改责任单位"], ["1", text, "区某局"]])


def test_a_sentence_opening_on_a_past_year_gives_no_deadline():
    text = "滨湖路项目计划开工建设。2015年第四轮督查发现审批手续尚未办理，无法开工。"
    plan = parse_plan_file(_problems(text), "p.xlsx", 2016)
    assert plan.items[0].due_date is None
    assert plan.items[0].flags  # no deadline: said


def test_a_sentence_opening_on_the_plan_year_is_its_deadline():
    text = "滨湖路项目计划开工建设。2016年完成审批手续办理，实现开工。"
    plan = parse_plan_file(_problems(text), "p.xlsx", 2016)
    assert plan.items[0].due_date == date(2016, 12, 31)


# ---- a table run into one line, its cells kept apart by spaces, units before the text --


def _spaced_table(header: str, *rows: str) -> str:
    return (
        "某局2018年政务公开工作主要任务分解表 " + header + " 一、加强公开解读回应 " + " ".join(rows)
    )


SPACED_ROWS = (
    "1.推进决策公开 各有关处室 坚持以公开为常态、不公开为例外，除依法需要保密的外及时公开。",
    "2.推进执行公开 局办公室 对涉及公共利益的建议和提案办理复文，原则上全文公开。",
    "3.推进监管公开 政策法规处 局办公室 各有关处室 制定并公布随机抽查事项清单，及时公开抽查结果。",
    "4.推进结果公开 发改处 重点办 突出做好项目批准和实施过程等信息公开工作。",
)


def test_a_spaced_run_on_table_gives_the_first_units_cell_the_lead_under_two_units_columns():
    plan = parse(_spaced_table("工作任务 牵头单位 责任单位 工 作 要 求", *SPACED_ROWS), year=2018)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["各有关处室"], []),
        (2, ["局办公室"], []),
        (3, ["政策法规处"], ["局办公室", "各有关处室"]),
        (4, ["发改处"], ["重点办"]),
    ]


def test_a_spaced_run_on_table_with_one_units_column_has_every_unit_lead():
    plan = parse(_spaced_table("工作任务 责任单位 工 作 要 求", *SPACED_ROWS), year=2018)
    assert read(plan, "lead_units", "support_units")[2:] == [
        (["政策法规处", "局办公室", "各有关处室"], []),
        (["发改处", "重点办"], []),
    ]


def test_a_spaced_row_whose_cell_after_the_title_names_no_unit_reads_none_of_its_own():
    rows = (*SPACED_ROWS[:3], "4.推进结果公开 加大力度 突出做好项目批准和实施过程等信息公开工作。")
    plan = parse(_spaced_table("工作任务 牵头单位 责任单位 工 作 要 求", *rows), year=2018)
    last = plan.items[3]
    assert "加大力度" in last.requirement  # no unit: kept in the text, not read as one
    assert "加大力度" not in last.lead_units + last.support_units
    assert any("看不出自己的责任单位" in flag for flag in last.flags)


# ---- two names run together in a units cell --------------------------------------------


def test_two_bodies_names_run_together_are_cut_in_two_and_said():
    parsed = parse_units("区环境与国土资源局区规划局、区财政局")
    assert parsed.lead == ["区环境与国土资源局", "区规划局", "区财政局"]
    assert any("连写" in flag for flag in parsed.flags)


def test_a_name_with_a_branch_after_its_body_stays_one_name():
    parsed = parse_units("区公安局区分局")
    assert parsed.lead == ["区公安局区分局"]
    assert not any("连写" in flag for flag in parsed.flags)
