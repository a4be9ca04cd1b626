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
