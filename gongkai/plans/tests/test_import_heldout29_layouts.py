"""Rules of the round on the blind batches plans29 and plans31 (issue 14, stop 37). The plans
here are small and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py once they are dev data, and by bench/heldout until then."""

from gongkai.plans.tests.plan_text import LONG, parse, read

_WORK_REQUIREMENTS = (
    "四、工作要求",
    f"（一）加强组织领导。各处室要高度重视，主要负责人亲自抓，{LONG}。",
    f"（二）强化督查考核。将任务完成情况纳入年度绩效考核，{LONG}。",
)
_GROUPS_OF_TASKS = (
    "三、重点任务",
    "（一）围绕党建工程，加强作风建设坚持党的领导，夯实党建基础。（牵头部门：机关党委；配合部门：各支部）"
    "深化整合融合，提升整体工作效能。（牵头部门：办公室；配合部门：局各单位）",
    "（二）围绕改革创新工程，优化营商环境推进照后减证改革。（牵头部门：许可处；配合部门：信用处）"
    "简化工业产品许可程序。（牵头部门：质监处）",
)


def test_groups_of_bracketed_tasks_are_cut_though_closing_measures_name_no_units():
    # plans29 01: the closing part's long （一） paragraphs (no units) no longer make every
    # （一） above a task of its own (before, each group was one task, its units joined).
    plan = parse(*_GROUPS_OF_TASKS, *_WORK_REQUIREMENTS)
    assert read(plan, "number", "subsection", "lead_units", "support_units") == [
        (1, "(一)", ["机关党委"], ["各支部"]),
        (2, "(一)", ["办公室"], ["局各单位"]),
        (3, "(二)", ["许可处"], ["信用处"]),
        (4, "(二)", ["质监处"], []),
    ]


def test_a_unitless_numbered_paragraph_among_the_tasks_still_keeps_them_whole():
    # Forbidden: a long （一） paragraph naming no units before the last bracket is a task
    # (its units left to the user), so the （一）s are the tasks, none cut.
    lines = list(_GROUPS_OF_TASKS)
    lines.insert(1, f"（一）按时报送信息。各处室要提供政务信息公开相关材料，{LONG}。")
    lines[2], lines[3] = lines[2].replace("（一）", "（二）"), lines[3].replace("（二）", "（三）")
    plan = parse(*lines, *_WORK_REQUIREMENTS)
    assert [item.lead_units for item in plan.items][:3] == [
        [],
        ["机关党委", "办公室"],
        ["许可处", "质监处"],
    ]
