"""Rules of the round on real_heldout15 (issue 14): plans of other government work — 政府工作报告
分工, 营商环境, 安全生产, 乡村振兴 — with units written in ways the earlier batches did not show.
The plans here are small and invented, typed in the shape each layout has; the real ones are
scored by test_import_real_plans.py.
"""

from gongkai.lib.unit_text import parse_units
from gongkai.plans.tests.plan_text import parse, read

# ---- a bare organ after a bracket and a space is more of the name --------------------------


def test_a_bare_organ_after_a_bracket_and_a_space_goes_on_the_name_before_it():
    parsed = parse_units("各县区(开发区) 安委会")
    assert (parsed.lead, parsed.support) == (["各县区(开发区)安委会"], [])


def test_names_separated_by_a_space_stay_two_units():
    parsed = parse_units("市委宣传部(市文明办) 市财政局")
    assert (parsed.lead, parsed.support) == (["市委宣传部", "市财政局"], [])


# ---- a page cut inside a list of numbers ----------------------------------------------------


_HOTLINES = (
    "二、归并方式",
    "(一)整体并入。取消12300、12301共2条热线号码,话务座席统一归并到12345热线。"
    "(牵头单位:区大数据局;配合单位:各镇政府。完成时间:2021年8月底前)",
    "(二)双号并行。保留12315、12316、123",
)


def test_a_last_task_the_page_stops_inside_a_list_of_numbers_is_left_out_and_told():
    plan = parse(*_HOTLINES, year=2021)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区大数据局"], ["各镇政府"])
    ]
    assert any("第2项中途截断" in warning for warning in plan.warnings)


def test_a_last_task_ending_on_its_own_number_is_kept():
    whole = (*_HOTLINES[:2], "(二)双号并行。保留12315热线。(牵头单位:区市场监管局)")
    plan = parse(*whole, year=2021)
    assert read(plan, "number", "lead_units") == [(1, ["区大数据局"]), (2, ["区市场监管局"])]
    assert not any("截断" in warning for warning in plan.warnings)


# ---- 分管领导: a person / 部门分工:X牵头,Y配合 lines ------------------------------------------


_DUTY_LINES = (
    "一、主要预期目标",
    "1.地区生产总值增长6%以上。",
    "分管省领导:林克庆",
    "部门分工:省发展改革委牵头,各地、各部门配合。",
    "2.地方一般公共预算收入增长5%左右。",
    "分管省领导:林克庆",
    "部门分工:省财政厅牵头,各地、各部门配合。",
)


def test_a_duty_split_line_gives_lead_and_support_and_the_leader_is_no_unit():
    plan = parse(*_DUTY_LINES, year=2021)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["省发展改革委"], ["各地", "各部门"]),
        (2, ["省财政厅"], ["各地", "各部门"]),
    ]
    assert not any("林克庆" in u for i in plan.items for u in i.lead_units + i.support_units)


def test_a_page_stopping_on_the_duty_label_of_a_task_without_units_leaves_it_out_told():
    plan = parse(
        *_DUTY_LINES, "3.固定资产投资增长8%左右。", "分管省领导:张新", "部门分工:", year=2021
    )
    assert [i.number for i in plan.items] == [1, 2]
    assert any("第3项中途截断" in warning for warning in plan.warnings)


def test_a_qualifier_before_a_collective_still_goes_with_it_but_each_ge_stands_alone():
    assert parse_units("县直、驻县有关单位").lead == ["县直、驻县有关单位"]
    assert parse_units("各地、各部门").lead == ["各地", "各部门"]


# ---- 一、X牵头工作(8项): the lead named only in the heading -----------------------------------


_HEADING_LED = (
    "一、县示范区管委会牵头工作(3项)",
    "1.建设循环水养殖基地。",
    "2.打造食用菌生产基地。",
    "二、县发改局牵头工作(1项)",
    "3.推进重点项目建设。",
)


def test_a_heading_naming_who_leads_its_work_gives_its_tasks_their_lead_flagged():
    plan = parse(*_HEADING_LED, year=2025)
    assert read(plan, "number", "lead_units") == [
        (1, ["县示范区管委会"]),
        (2, ["县示范区管委会"]),
        (3, ["县发改局"]),
    ]
    assert all(any("标题所注" in f for f in i.flags) for i in plan.items)


def test_a_heading_of_work_that_names_no_one_leading_gives_no_units():
    plan = parse("一、重点工作(2项)", "1.建设循环水养殖基地。", "2.打造食用菌生产基地。", year=2025)
    assert read(plan, "lead_units") == [([],), ([],)]


def test_a_heading_led_task_the_page_stops_inside_is_left_out_and_told():
    plan = parse(*_HEADING_LED, "4.加强示范区与主城区基础设施", year=2025)
    assert [i.number for i in plan.items] == [1, 2, 3]
    assert any("第4项中途截断" in warning for warning in plan.warnings)
