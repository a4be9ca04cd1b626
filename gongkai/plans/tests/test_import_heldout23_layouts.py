"""Rules of the round on real_heldout23 (issue 14): a page's line break inside a unit's name
(各片区管理 局), a units list running into the plan's closing sentence (…各村（居）请各有关部门…
认真履职), a task opening on its year and what is done in it (2023年，完成…). The plans here
are small and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py."""

from datetime import date

from gongkai.lib.unit_text import parse_units
from gongkai.plans.tests.plan_text import parse, read


def test_a_line_break_inside_a_units_name_is_no_part_of_the_name():
    parsed = parse_units("责任单位：区文体局，各乡镇管理 局，各保护单位")
    assert parsed.lead == ["区文体局", "各乡镇管理局", "各保护单位"]


def test_a_space_after_a_whole_name_is_left_as_written():
    # 市公安局 交警支队: the part before the space ends on an organ, a whole name; not joined.
    parsed = parse_units("责任单位：市公安局 交警支队")
    assert "市公安局交警支队" not in parsed.lead + parsed.support


def test_a_units_list_running_into_the_closing_sentence_keeps_its_last_unit():
    parsed = parse_units(
        "责任单位：各科室（站），某某办事处，各村（居）请各有关部门、各村（居）认真履职，"
        "推动工作由点及面，维护全镇社会稳定"
    )
    assert parsed.lead == ["各科室（站）", "某某办事处", "各村（居）"]
    assert any("不是单位" in flag for flag in parsed.flags)


def test_a_units_list_opening_on_qing_is_not_cut():
    # 请X负责: a clause of its own, the unit asked; nothing to cut.
    parsed = parse_units("请区财政局负责")
    assert parsed.lead == ["区财政局"]
    assert not any("不是单位" in flag for flag in parsed.flags)


PLAN = (
    "某镇2023年消防工作要点",
    "一、落实责任",
    "（一）{}（责任处室：综治办）",
    "（二）持续推进示范村建设，新增1个示范村。（责任处室：综治办）",
)


def test_a_task_opening_on_its_year_and_a_completion_is_due_that_years_end():
    plan = parse(
        *PLAN[:2], PLAN[2].format("2023年，完成85%行政村微型消防站建设，配齐器材。"), PLAN[3]
    )
    assert read(plan, "number", "due_date")[0] == (1, date(2023, 12, 31))
    assert any("取自任务内容" in flag for flag in plan.items[0].flags)


def test_a_task_opening_on_its_year_and_a_goal_has_no_deadline():
    # 2023年，全镇实现…: the year's goal, no completion — no deadline is made up.
    plan = parse(
        *PLAN[:2], PLAN[2].format("2023年，全镇火灾形势保持平稳，不发生重大火灾。"), PLAN[3]
    )
    assert read(plan, "number", "due_date")[0] == (1, None)
