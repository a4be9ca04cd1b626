"""Rules of the seventh round on plans of other bodies (issue 14): what a careful clerk would
not accept silently — a gap in the plan's numbering, a heading run into its first task on
one line, numbered paragraphs some of which name no units.

The plans here are small and invented, typed by hand in the shape each layout has; the real
ones are scored by test_import_real_plans.py (real_heldout4, real_heldout5).
"""

from gongkai.plans.tests.plan_text import parse, read


def test_it_keeps_the_plans_own_numbers_across_a_gap_and_flags_the_task_after_it():
    plan = parse(
        "序号|工作任务|责任单位|完成时限",
        "1|做好规范性文件公开，及时更新规范性文件库|法规科|6月底前",
        "2|加强政策解读，重要政策同步解读|办公室|长期坚持",
        "4|完善政府网站，确保信息及时更新|信息中心|9月底前",
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["法规科"]),
        (2, ["办公室"]),
        (4, ["信息中心"]),
    ]
    assert [item.flags for item in plan.items[:2]] == [[], []]
    assert plan.items[2].flags == ["原文编号从2跳到4，中间的任务可能漏读，请核对"]
