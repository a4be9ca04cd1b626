"""Rules of the ninth round on plans of other bodies (issue 14): a reader that is not sure
flags the item, never guesses silently. The plans here are small and invented, typed by hand
in the shape each layout has; the real ones are scored by test_import_real_plans.py.
"""

from gongkai.plans.importers.paragraphs import _UNNUMBERED_FLAG
from gongkai.plans.tests.plan_text import parse, read

# A sentence long enough that the heading it follows cannot be a title alone.
BODY = "完善由牵头部门统筹协调、相关职能处室专项主抓、具体落实的协调推进机制，定期研究推进工作。"


def test_it_keeps_a_long_heading_closed_by_its_own_units_label_as_a_task_after_numbered_ones():
    plan = parse(
        "二、重点任务",
        "（一）厕所革命",
        "1.改造户用厕所。引导群众自主改造厕屋。责任处室:农业农村处、社会事业处",
        "2.提升公厕档次。改造升级一批老旧公厕。责任处室:交通建设处",
        "三、保障措施",
        "（三）加强组织领导" + BODY + "责任处室:农业农村处、资源生态处",
        "（四）完善配套政策" + BODY + "（牵头单位：经济发展处，配合单位：交通建设处）",
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "二、重点任务", ["农业农村处", "社会事业处"], []),
        (2, "二、重点任务", ["交通建设处"], []),
        (3, "三、保障措施", ["农业农村处", "资源生态处"], []),
        (4, "三、保障措施", ["经济发展处"], ["交通建设处"]),
    ]
    assert [_UNNUMBERED_FLAG in item.flags for item in plan.items] == [False, False, True, True]


def test_it_keeps_a_long_heading_over_numbered_tasks_a_heading():
    plan = parse(
        "三、保障措施",
        "（一）加强组织领导" + BODY + "责任处室:农业农村处",
        "1.改造户用厕所。引导群众自主改造厕屋。责任处室:社会事业处",
    )
    assert read(plan, "number", "lead_units") == [(1, ["社会事业处"])]


def test_it_leaves_the_pages_signature_date_and_source_out_of_the_last_tasks_units():
    plan = parse(
        "一、重点任务",
        "1.改造户用厕所。引导群众自主改造厕屋。责任处室:农业农村处",
        "2.提升公厕档次。改造升级一批老旧公厕。责任处室:交通建设处、社会事业处 某某区管理局"
        " 2023年3月16日 来源：某某区管理局 附件下载",
    )
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["农业农村处"], None),
        (2, ["交通建设处", "社会事业处"], None),
    ]


def test_it_leaves_a_pages_source_line_out_of_the_last_tasks_units():
    plan = parse(
        "一、重点任务",
        "1.结合宪法宣传周开展普法宣传活动。责任单位：局乡村振兴处、农业处 来源：某某局 附件下载",
    )
    assert read(plan, "lead_units") == [(["局乡村振兴处", "农业处"],)]
