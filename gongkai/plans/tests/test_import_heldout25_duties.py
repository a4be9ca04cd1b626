"""Rules from real_heldout25 10 (issue 14, stop 36): a plan whose 任务分工 part opens each
duty paragraph on its units and a colon (（一）X：… / （二）X牵头负责，Y、村(社区)配合：…), in
a plan naming no unit by label or bracket. Invented plans in that shape; the real one is
scored by test_import_real_plans.py."""

from gongkai.lib.unit_text import parse_units
from gongkai.plans.tests.plan_text import parse, read

_DUTIES = (
    "一、整治重点",
    "（一）建筑管理。重点整治2个方面问题：1.未明确管理机构；2.未落实巡查制度。",
    "（二）救援场地。重点整治占用消防车道等问题。",
    "二、任务分工",
    "（一）片区消防安全委员会办公室：协调指导推进综合治理工作，加强检查督导。",
    "（二）交通与建设处牵头负责，相关处室、村(社区)配合：摸清辖区高层建筑底数和基本情况。",
    "（三）各派出所牵头负责：负责排查整治影响灭火救援的停车泊位。",
    "（四）高层建筑使用单位或管理单位(片区相关处室)：落实消防安全责任制和管理制度。",
    "三、工作要求",
    "（一）强化工作责任。各处室要提高风险意识，及时消除火灾隐患。",
)


def test_duty_paragraphs_opening_on_their_units_and_roles_are_the_tasks():
    plan = parse(*_DUTIES, year=2021)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "二、任务分工", ["片区消防安全委员会办公室"], []),
        # the roles before the colon, both of them (was: the subject alone, support lost)
        (2, "二、任务分工", ["交通与建设处"], ["相关处室", "村(社区)"]),
        (3, "二、任务分工", ["各派出所"], []),
        # a name closing on its alias, longer than a name alone (was: no task read)
        (4, "二、任务分工", ["高层建筑使用单位或管理单位"], []),
    ]
    assert any("其余 3 段" in warning for warning in plan.warnings), plan.warnings


def test_a_paragraph_opening_on_no_units_keeps_the_plan_unitless():
    # one duty opening on a verb: the part is not a division of labour, nothing is taken out
    lines = list(_DUTIES)
    lines[6] = "（三）排查整治影响灭火救援的停车泊位。"
    plan = parse(*lines, year=2021)
    assert len(plan.items) == 7
    assert all(not item.lead_units for item in plan.items)


def test_a_kind_of_bodies_with_the_other_in_brackets_is_a_unit_flagged_as_a_level():
    # 村(社区), 村（居）: the villages or communities, as written, told as a level (no office)
    for written in ("村(社区)", "村（居）"):
        parsed = parse_units(f"交通与建设处牵头，{written}配合")
        assert (parsed.lead, parsed.support, parsed.note) == (["交通与建设处"], [written], "")
        assert any("只写了地域或层级" in flag for flag in parsed.flags)
    # a lone 村 is no unit, and a bracket after an office stays its alias
    assert parse_units("交通与建设处牵头，村配合").support == []
    assert parse_units("交通与建设处（建设局）牵头").lead == ["交通与建设处"]
