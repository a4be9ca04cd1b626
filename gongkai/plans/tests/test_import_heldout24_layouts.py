"""Rules of the round on real_heldout24 (issue 14). The plans here are small and invented,
typed in the shape each layout has; the real ones are scored by test_import_real_plans.py."""

from gongkai.plans.importers import parse_plan_text


def _parse(*lines: str, year: int = 2022):
    return parse_plan_text("\n".join(lines), year)


# A part of numbered tasks closed by unit brackets, then a （三） paragraph naming no units
# and holding no numbered task, then the closing part of requirements.
UNITLESS_LAST = (
    "某镇安全检查工作方案",
    "一、总体要求",
    "坚持人民至上、生命至上，统筹发展和安全，坚决遏制重特大事故发生，确保全镇安全形势稳定。",
    "二、工作安排",
    "（一）全面开展隐患排查，即日起至年底集中开展排查，聚焦重点行业领域，督促企业落实主体责任。"
    "（安监办牵头，各办按照职责分工负责）",
    "（二）突出重点领域",
    "1.燃气方面：检查餐饮场所燃气报警器安装情况，督促整改安全隐患。（建设办负责）",
    "2.自建房方面：检查三层以上经营性自建房，建立问题清单，逐一整改销号。（建设办负责）",
    "（三）{}",
    "三、工作要求",
    "（一）加强组织领导。安监办发挥统筹协调作用，督促各办强化责任措施落实，确保各项工作落到实处。",
    "（二）注重检查实效。定期召开专班会议，会商安全形势，分析薄弱环节，针对性部署下一阶段工作。",
)
UNITLESS_TEXT = (
    "突出问题导向，全过程督办落实到位。重点检查三年行动巩固提升情况，对尚未完成整改的"
    "重大隐患和交办事项进行跟踪督促整改，形成闭环。"
)


def test_a_unitless_paragraph_closing_a_part_of_bracketed_tasks_is_a_task_flagged():
    plan = _parse(*UNITLESS_LAST[:8], UNITLESS_LAST[8].format(UNITLESS_TEXT), *UNITLESS_LAST[9:])
    assert [i.number for i in plan.items] == [1, 2, 3, 4]
    last = plan.items[-1]
    assert last.requirement.startswith("突出问题导向")
    assert (last.section, last.lead_units, last.support_units) == ("二、工作安排", [], [])
    assert any("没有任务编号" in flag for flag in last.flags)
    # The closing part's requirements name no units under a part with no task: no tasks.
    assert not any("组织领导" in i.requirement for i in plan.items)


def test_a_short_subsection_heading_with_no_task_text_stays_a_heading():
    # （三）强化督办落实 alone before the next part: a heading, its title no task.
    plan = _parse(*UNITLESS_LAST[:8], UNITLESS_LAST[8].format("强化督办落实"), *UNITLESS_LAST[9:])
    assert [i.number for i in plan.items] == [1, 2, 3]


def test_a_unitless_subsection_over_numbered_tasks_stays_a_heading():
    # Numbered tasks under the （三）: it heads them, it is no task of its own.
    plan = _parse(
        *UNITLESS_LAST[:8],
        UNITLESS_LAST[8].format(UNITLESS_TEXT),
        "1.危化品方面：检查特殊作业和检维修作业安全管理制度落实情况。（安监办负责）",
        *UNITLESS_LAST[9:],
    )
    assert [i.requirement[:5] for i in plan.items][-1] == "危化品方面"
    assert len(plan.items) == 4


def _word(rows, merges, year: int = 2022):
    from gongkai.plans.importers import parse_plan_file
    from gongkai.plans.tests.corpus_score import office_file

    spec = {"format": "docx", "rows": rows, "merges": merges}
    return parse_plan_file(office_file(spec), "plan.docx", year)


HEADER = ["序号", "考核项目", "考核内容", "考核评分细则", "节点任务", "责任单位"]


def test_a_number_merged_over_rows_inside_one_group_cell_is_one_task():
    # 序号 1 and 2 down one merged 考核项目 cell: the 序号 numbers tasks. 1 is merged over
    # two rows, each with its own 细则 point, 节点任务 and units: one task, its units all of
    # its rows', its first row's date.
    rows = [
        HEADER,
        [
            "1",
            "工作考核",
            "责任体系建设",
            "1.完善责任体系，名单未及时更新的扣1分",
            "6月底前完成",
            "资源处、党群处",
        ],
        ["", "", "", "2.未公告名单的扣1分", "9月底前完成", "资源处、办公室"],
        [
            "2",
            "",
            "配套制度执行",
            "1.制度运行每缺一项扣1分\n2.公示牌未达标的扣1分",
            "持续跟进",
            "资源处",
        ],
    ]
    plan = _word(rows, [[1, 0, 2, 0], [1, 2, 2, 2], [1, 1, 3, 1]])
    assert [i.number for i in plan.items] == [1, 2]
    first, second = plan.items
    assert first.lead_units == ["资源处", "党群处", "办公室"]
    assert first.due_date.isoformat() == "2022-06-30"
    assert first.flags
    assert second.requirement.startswith("1.制度运行") and "2.公示牌" in second.requirement


def test_a_number_for_each_group_cell_leaves_the_points_as_tasks():
    # 序号 changes with the 考核项目 cell: it numbers the groups; the 1. 2. lines in a cell
    # are the tasks under it, as before.
    rows = [
        HEADER,
        [
            "1",
            "工作考核",
            "责任体系建设",
            "1.完善责任体系\n2.公告林长名单",
            "6月底前完成\n9月底前完成",
            "资源处\n办公室",
        ],
        [
            "2",
            "责任考核",
            "营造林生产",
            "1.完成营造林任务\n2.提供成果上图资料",
            "10月底前完成\n11月底前完成",
            "资源处\n服务站",
        ],
    ]
    plan = _word(rows, [])
    assert len(plan.items) == 4


# A part setting out what is dealt with (its points numbered 1. 2. under each （N）, naming
# no units), then the part headed as the tasks, each closed by its units and deadline labels.
SITUATIONS_FIRST = (
    "某镇燃气安全专项整治方案",
    "一、工作目标",
    "坚持人民至上、生命至上，集中排查、突出整治，坚决遏制燃气安全事故发生。",
    "二、整治重点",
    "（一）违规使用瓶装液化气。",
    "1.具体情形：（1）在地下室使用瓶装液化气；（2）未安装燃气泄漏报警装置。",
    "2.整改措施：责令停止使用，限期安装报警装置。",
    "（二）燃气管线老化破损。",
    "1.具体情形：（1）管线老化；（2）接口不牢。",
    "2.整改措施：督促经营单位更换管线，定期检验。",
    "三、{}",
    "（一）摸清基础底数。各村要逐户开展排查，如实登记填写排查表，建立专档并上报镇安监办。"
    "责任单位：各村完成时限：2022年5月31日前",
    "（二）严格整改销号。对排查发现的问题隐患建立清单，逐一整改销号，做到闭环管理。"
    "责任单位：安监办、各村完成时限：2022年9月25日前",
)


def test_parts_before_the_task_part_naming_no_units_are_no_tasks():
    plan = _parse(
        *SITUATIONS_FIRST[:10],
        SITUATIONS_FIRST[10].format("工作任务及分工"),
        *SITUATIONS_FIRST[11:],
    )
    assert [(i.number, i.section, i.lead_units) for i in plan.items] == [
        (1, "三、工作任务及分工", ["各村"]),
        (2, "三、工作任务及分工", ["安监办", "各村"]),
    ]
    assert any("未作为任务导入" in w and "整治重点" in w for w in plan.warnings)


def test_unnamed_parts_before_a_part_not_headed_as_tasks_stay_items():
    # 三、组织保障: the later part is not the plan's tasks; the points before it are kept
    # (flagged for their missing units), as before.
    plan = _parse(
        *SITUATIONS_FIRST[:10], SITUATIONS_FIRST[10].format("组织保障"), *SITUATIONS_FIRST[11:]
    )
    assert len(plan.items) == 6
    assert not any("未作为任务导入" in w for w in plan.warnings)


CAMPAIGN = (
    "某镇安全生产专项整治方案",
    "一、工作安排",
    "1.{}，聚焦重点行业领域开展排查整治，督促企业落实安全生产主体责任。（安监办负责）",
    "2.开展消防安全宣传，组织村居开展应急演练，提高群众自救能力。（综治办负责）",
)


def test_a_campaign_run_from_now_to_a_stated_end_is_due_at_that_end():
    plan = _parse(*CAMPAIGN[:2], CAMPAIGN[2].format("即日起至11月底开展专项整治"), CAMPAIGN[3])
    first = plan.items[0]
    assert first.due_date.isoformat() == "2022-11-30"
    assert any("取自任务内容" in flag for flag in first.flags)


def test_a_campaign_from_now_with_no_end_has_no_deadline():
    # 即日起开展: a start, no end — no deadline is made up.
    plan = _parse(*CAMPAIGN[:2], CAMPAIGN[2].format("即日起开展专项整治行动"), CAMPAIGN[3])
    assert plan.items[0].due_date is None


def _due_of(text: str):
    plan = _parse(*CAMPAIGN[:2], CAMPAIGN[2].format(text), CAMPAIGN[3])
    return plan.items[0].due_date.isoformat()


def test_a_sentence_of_dated_steps_is_due_at_its_last_step():
    # 7月底前提出方案，10月底前完成提升: the task is done at its last step.
    assert _due_of("7月底前提出网站栏目优化方案，10月底前完成提升工作") == "2022-10-31"
    assert _due_of("争取9月底前项目落地，年底前入统") == "2022-12-31"


def test_a_first_date_of_completion_or_in_a_sentence_of_its_own_is_kept():
    # 6月底前编制完成: the task done then; the later date is another's duty.
    assert _due_of("6月底前编制完成重点领域清单，年底前各村要公开本村清单") == "2022-06-30"
    # The later date in a sentence of its own: the first written, as before.
    assert _due_of("6月底前提出整治方案。年底前开展评估") == "2022-06-30"


LIST_HEADER = ["序号", "工作任务", "工作内容", "责任单位及分工", "完成时限"]


def test_each_merged_row_of_a_task_says_who_leads_its_own_part():
    # 序号 and 工作任务 merged over three rows of their own units: 'A配合B落实' in the first
    # makes no other row's names support.
    rows = [
        LIST_HEADER,
        [
            "1",
            "开展消防培训",
            "对养老院开展消防培训",
            "社会事业处配合区社会事业局落实",
            "2022年4月15日前",
        ],
        ["1", "开展消防培训", "对各单位开展消防培训", "各处室", "2022年4月15日前"],
        ["1", "开展消防培训", "对村居开展消防培训", "政法综治处负责", "2022年4月15日前"],
        ["2", "开展隐患排查", "全面排查隐患", "各村居", "2022年4月20日前"],
    ]
    plan = _word(rows, [[1, 0, 3, 0], [1, 1, 3, 1]])
    first = plan.items[0]
    assert (first.lead_units, first.support_units) == (
        ["区社会事业局", "各处室", "政法综治处"],
        ["社会事业处"],
    )


def test_one_units_cell_naming_a_supporter_is_read_whole_as_before():
    # The same names in one row's cell: one list, read as parse_units reads it (unchanged).
    from gongkai.lib.unit_text import parse_units

    cell = "社会事业处配合区社会事业局落实；各处室；政法综治处负责"
    rows = [LIST_HEADER, ["1", "开展消防培训", "开展消防培训", cell, "2022年4月15日前"]]
    parsed = parse_units(cell)
    first = _word(rows, []).items[0]
    assert (first.lead_units, first.support_units) == (parsed.lead, parsed.support)


def test_a_quarter_before_which_a_task_is_done_is_its_deadline():
    # 三季度前: read as a deadline cell's (before the quarter begins), flagged as ambiguous.
    assert _due_of("力争项目于2022年三季度前落地开业") == "2022-06-30"


def test_a_quarter_with_no_before_is_no_deadline():
    # 三季度开展…: when the work is done, not a deadline — no date is made up.
    plan = _parse(*CAMPAIGN[:2], CAMPAIGN[2].format("三季度开展一次集中检查"), CAMPAIGN[3])
    assert plan.items[0].due_date is None
