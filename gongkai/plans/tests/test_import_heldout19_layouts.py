"""real_heldout19's rules on invented plans: each rule and the step it forbids."""

from gongkai.plans.importers import parse_plan_text

_TASKS = (
    "一、整合资源\n"
    "1．制定整合方案。（甲局、乙局、丙局，2016年4月底前完成）\n"
    "2．建设交易平台。（丁局、戊局，2016年9月底前完成）\n"
    "{note}"
)
_NOTE = "注：列第一位的为牵头单位。\n"


def test_a_plan_saying_its_first_listed_unit_leads_has_the_others_support():
    plan = parse_plan_text(_TASKS.format(note=_NOTE), 2016)
    assert [(i.lead_units, i.support_units) for i in plan.items] == [
        (["甲局"], ["乙局", "丙局"]),
        (["丁局"], ["戊局"]),
    ]


def test_a_plan_not_saying_so_keeps_every_listed_unit_leading():
    plan = parse_plan_text(_TASKS.format(note=""), 2016)
    assert [(i.lead_units, i.support_units) for i in plan.items] == [
        (["甲局", "乙局", "丙局"], []),
        (["丁局", "戊局"], []),
    ]
