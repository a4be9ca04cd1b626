"""Rules of the round on real_heldout23 (issue 14): a page's line break inside a unit's name
(各片区管理 局), a units list running into the plan's closing sentence (…各村（居）请各有关部门…
认真履职), a task opening on its year and what is done in it (2023年，完成…). The plans here
are small and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py."""

from datetime import date

import pytest

from gongkai.lib.unit_text import parse_units
from gongkai.plans.importers import PlanImportError
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


# A 问题整改 task split run into one line, no separators, no numbers: each row closes on its
# units cell (X牵头，A、B), the next row's text run straight on (real_heldout19 02's layout).
RUN_ON_LED = (
    "某区管委会办公室关于印发2016年问题整改任务分解表的通知 2016年问题整改任务分解表 "
    "存在问题整改目标和措施责任单位"
    "投资增长乏力出台扩大有效投资的实施意见，谋划一批项目。区发改局牵头，区交通局、电力公司"
    "创新投融资方式，推广PPP模式。区财政局、发改局牵头，区住建局、区直有关单位"
    "企业困难较大落实涉企税费优惠政策。区税务局牵头"
    "加强企业帮扶，开展供需衔接活动。区工信局牵头，区财政局，区直有关单位"
)


def test_a_table_run_into_one_line_whose_rows_close_on_their_units_is_read_row_by_row():
    plan = parse(RUN_ON_LED, year=2016)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区发改局"], ["区交通局", "电力公司"]),
        (2, ["区财政局", "发改局"], ["区住建局", "区直有关单位"]),
        (3, ["区税务局"], []),
        (4, ["区工信局"], ["区财政局", "区直有关单位"]),
    ]
    assert plan.items[1].requirement.startswith("创新投融资方式")
    assert all(item.flags for item in plan.items)  # cut by content: every row to check


def test_prose_naming_a_lead_in_its_sentences_is_no_such_table():
    # 由X牵头 inside sentences after the same header: no units cell closes a row, no row is
    # read; the reader's own message stands.
    prose = RUN_ON_LED.split("责任单位")[0] + (
        "责任单位扩大有效投资。由区发改局牵头，谋划一批项目。"
        "创新投融资方式。由区财政局牵头，推广PPP模式。"
        "落实税费优惠政策。由区税务局牵头，做好政策宣传。"
    )
    with pytest.raises(PlanImportError, match="未能识别出任何工作任务"):
        parse(prose, year=2016)


def test_the_points_a_unit_answers_for_in_brackets_are_no_part_of_its_name():
    # 区社会事业局（4）, （6-7）: the task's points each unit answers for, printed after it.
    parsed = parse_units("区效能办、区民政局（3）、区卫生健康局（6-7）、区教育局（1、2）")
    assert parsed.lead == ["区效能办", "区民政局", "区卫生健康局", "区教育局"]


def test_a_bracket_of_a_names_fragments_stays():
    # （市、区）, （办）: parts of the collectives' names, kept with them.
    parsed = parse_units("各县（市、区）政府、各镇（办）")
    assert parsed.lead == ["各县（市、区）政府", "各镇（办）"]


def test_a_collective_closing_the_list_before_the_closing_paragraph_is_kept():
    parsed = parse_units(
        "牵头单位：区宣传部；配合单位：区相关部门积极推进此项行动是我区抢抓发展新优势的重要途径，"
        "各单位要充分发挥引导带动作用"
    )
    assert (parsed.lead, parsed.support) == (["区宣传部"], ["区相关部门"])
    assert any("不是单位" in flag for flag in parsed.flags)


def test_a_collective_whose_role_follows_it_is_not_cut():
    # 各有关单位积极配合: the units' role, read as such.
    parsed = parse_units("区财政局牵头，各有关单位积极配合做好资金保障工作")
    assert parsed.lead == ["区财政局"]
    assert not any("不是单位" in flag for flag in parsed.flags)
