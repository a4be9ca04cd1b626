"""A rule from real_heldout25 03 (issue 14, stop 37): a page run into one line, whose task
holds 一是…（X、Y按职责分工负责） 二是…（Z负责）, the brackets set off by spaces (the page's line
breaks). Invented plans in that shape; the real one is scored by test_import_real_plans.py."""

from gongkai.plans.tests.plan_text import parse, read

_POINTS = (
    "2023年某片区安全生产工作要点 以习近平新时代中国特色社会主义思想为指导，统筹发展和安全，"
    "现提出如下工作要点。 一、压实安全生产责任 "
    "1.压实属地责任。 各联合党委要落实属地管理责任，定期研究安全生产工作。 (各联合党委负责) "
    "2.压实部门责任。 各处室按照管行业必须管安全的要求落实监管责任。 (各处室按职责分工负责) "
    "二、夯实安全监管基层基础 "
    "3.加快安全屏障建设。 一是加强源头治理，落实责任。 (各联合党委、经济发展处按职责分工负责)"
    " 二是推进安全文化公园建设，保证正常投入使用。 (政法综治处负责) "
    "4.加强教育培训。 一是组织开展安全生产培训；二是开展安全宣传进村居活动。 (社会事业处负责) "
    "5.强化应急演练。 组织开展消防应急演练，提升应急处置能力。 (交通与建设处负责)"
)


def test_a_bracket_between_two_points_set_off_by_spaces_names_units():
    # Before, the space after the bracket read it as inside a sentence: its units were lost.
    # The paragraph is then cut at its brackets, as any paragraph of two bracketed tasks is
    # (the real one, in its plan, is one task of both brackets): either way, flagged.
    plan = parse(_POINTS)
    assert any({"各联合党委", "经济发展处"} <= set(item.lead_units) for item in plan.items)
    assert all(item.flags for item in plan.items if "政法综治处" in item.lead_units)


def test_a_bracket_inside_a_sentence_stays_an_aside_though_spaces_stand_by_it():
    plan = parse(
        "一、夯实基层基础 "
        "1.加快安全屏障建设。 按照 (经济发展处) 要求落实包船到人责任。 (政法综治处负责) "
        "2.加强教育培训。 组织开展安全生产培训。 (社会事业处负责) "
        "3.强化应急演练。 组织开展消防应急演练。 (交通与建设处负责)"
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["政法综治处"]),
        (2, ["社会事业处"]),
        (3, ["交通与建设处"]),
    ]
