"""Rules of stop 40 (issue 14) on shapes the read batches plans33, plans36 and plans38 showed:
a plan's timetable whose stages say who does them and by when. The plans here are small and
invented, typed in the shape each layout has; the real ones are scored by corpus_score."""

from datetime import date

from gongkai.plans.importers import parse_plan_file
from gongkai.plans.importers.subjects import STAGE_FLAG
from gongkai.plans.tests.corpus_score import office_file
from gongkai.plans.tests.plan_text import parse, read

_LABELLED_TASKS = (
    "关于印发落后产能退出工作方案的通知",
    "二、主要任务及责任分工",
    "1.能耗方面。严格执行节约能源相关法律法规，进一步完善能耗统计和监测制度。责任单位：区经发局",
    "2.环保方面。严格执行环境保护法律法规，对超标排污的企业责令限期整改。责任单位：区资源生态局",
)
_STAGES = (
    "三、工作措施计划",
    "（一）全面摸排阶段。6月30日前，各片区管理局、各区属国企要全面摸底排查辖区内的落后产能。",
    "（二）全面整改阶段。8月31日前，各片区管理局，区直各部门要履行监管责任，督促企业整改。",
    "（三）督促关停阶段。督促有关企业于今年11月30日前全部拆除落后产能主体设备、生产线。",
)


def test_the_stages_of_a_timetable_after_the_tasks_are_tasks_of_their_own():
    # plans38 05: 三、工作措施计划 （一）全面摸排阶段。6月31日前，各片区管理局、各区属国企要… —
    # the units opening each stage's sentence do it by the stage's time; they were lost, unsaid.
    plan = parse(*_LABELLED_TASKS, *_STAGES, year=2020)
    assert read(plan, "number", "lead_units", "due_date")[2:] == [
        (3, ["各片区管理局", "各区属国企"], date(2020, 6, 30)),
        (4, ["各片区管理局", "区直各部门"], date(2020, 8, 31)),
        (5, [], date(2020, 11, 30)),
    ]
    assert all(STAGE_FLAG in item.flags for item in plan.items[2:])
    assert read(plan, "lead_units")[:2] == [(["区经发局"],), (["区资源生态局"],)]


def test_stages_before_tasks_that_name_their_units_stay_the_plans_outline():
    # Forbidden: 三、时间进度 stages standing before 四、's tasks closed by their units are the
    # outline of those tasks (real_heldout34 01); as tasks they would shift every number after.
    outline = ("一、时间进度", *(s.replace("三、工作措施计划", "") for s in _STAGES[1:]))
    plan = parse(_LABELLED_TASKS[0], *outline, *_LABELLED_TASKS[1:], year=2020)
    assert read(plan, "number", "lead_units") == [(1, ["区经发局"]), (2, ["区资源生态局"])]


def test_a_timetable_whose_stages_name_no_one_stays_out():
    # Forbidden: stages that only say what happens (督促…、开展…) are no one's task.
    plan = parse(*_LABELLED_TASKS, _STAGES[0], _STAGES[3], year=2020)
    assert len(plan.items) == 2


_DUTIES_BY_SUBJECT = (
    "关于印发违建坟墓整治攻坚战实施方案的通知",
    "四、工作步骤",
    "（一）核查核实阶段（2019年11月底前）。各村要在目前摸排掌握的数据基础上，以村为网格，摸清底数。",
    "（二）集中整治阶段（2019年11月-2019年12月）。各村对照排查问题清单，明确专人，挂账督办。",
    "（三）巩固提升阶段（2020年1月-3月）。开展整治工作回头看，重点看排查摸底是否遗漏。",
    "五、职责分工",
    "1.社会事业组：牵头做好专项摸排整治的统筹协调、组织实施，做好骨灰安放跟踪管理。",
    "2.农业农村组：协助相关部门核实整治违法占用耕地修坟建墓情况。",
    "六、工作要求",
    "（一）强化组织领导。各工作组、各村要提高政治站位，进一步压实责任、强化举措。",
)


def test_stages_join_a_plan_whose_duties_open_on_their_units():
    # plans33 06: no labels anywhere; 五、职责分工's duties open on their units, and 四、工作步骤's
    # stages on theirs: both are the tasks, 六、工作要求 left out (named); a span written in
    # one year ends in that year (2020年1月-3月 in a 2019 plan: 2020-03-31).
    plan = parse(*_DUTIES_BY_SUBJECT, year=2019)
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["各村"], date(2019, 11, 30)),
        (2, ["各村"], date(2019, 12, 31)),
        (3, [], date(2020, 3, 31)),
        (4, ["社会事业组"], None),
        (5, ["农业农村组"], None),
    ]
    assert any("强化组织领导" in warning for warning in plan.warnings)


def test_a_part_title_is_cut_from_the_span_of_time_run_into_it():
    # plans36 04, a page run into one line: 五、整治时间和步骤2021年7月开始至2021年底，分三个阶段
    # 进行。 — the title is the stages' section, the span its first sentence.
    run_on = "".join(
        (
            *_LABELLED_TASKS[1:],
            "三、整治时间和步骤2020年7月开始至2020年底，分三个阶段进行。",
            *_STAGES[1:3],
        )
    )
    plan = parse(_LABELLED_TASKS[0], run_on, year=2020)
    assert [item.section for item in plan.items[2:]] == ["三、整治时间和步骤"] * 2


def test_a_part_title_running_into_a_sentence_with_a_year_but_no_span_is_not_cut():
    # Forbidden: 三、全面完成2020年度目标任务… is a part that is a sentence, not a title and a span.
    run_on = "".join(
        (
            *_LABELLED_TASKS[1:],
            "三、全面完成2020年度目标任务，确保落后产能应退尽退。",
            *_STAGES[1:3],
        )
    )
    plan = parse(_LABELLED_TASKS[0], run_on, year=2020)
    assert plan.items[2].section == "三、全面完成2020年度目标任务，确保落后产能应退尽退。"


def _schedule_table(deadline: str):
    spec = {
        "format": "docx",
        "before": ["2017年专利工作要点分解表"],
        "rows": [
            ["序号", "工作任务", "进度安排", "负责部门"],
            ["1", "深化知识产权管理体制机制改革", deadline, "知识产权处"],
            ["2", "加大专利执法力度", "2017年12月底前", "稽查支队"],
        ],
    }
    return parse_plan_file(office_file(spec), "plan.docx", 2017)


def test_a_schedule_in_the_deadline_column_is_read_for_its_last_time_and_said():
    # plans36 01: 进度安排 — 第二季度：与省知识产权局联合开展执法… says what is done when; the
    # quarter's end is the deadline, but the plan set none for the task: the item says so.
    plan = _schedule_table("第二季度：与省知识产权局联合开展执法及维权援助工作。")
    assert plan.items[0].due_date == date(2017, 6, 30)
    assert any("进度安排" in flag for flag in plan.items[0].flags)


def test_a_plain_deadline_is_no_schedule():
    # Forbidden: 2017年6月底前 (or 6月底前完成…) is the task's deadline, taken as it is.
    plan = _schedule_table("2017年6月底前完成")
    assert plan.items[0].due_date == date(2017, 6, 30)
    assert not any("进度安排" in flag for flag in plan.items[0].flags)
    assert not any("进度安排" in flag for flag in plan.items[1].flags)


_SELF_CHECK = (
    "关于开展办事难专项整治工作的通知",
    "二、主要任务",
    "（一）全面开展自查自纠。各部门要认真对照本部门的工作职责，对各类证照进行全面梳理。",
    "1.清理范围主要包括以下四类：区直各部门向企业、公民核发的各类证照；",
    "2.对没有法律法规依据的，应予以取消，填报清理意见；",
    "3.要进一步精简办理条件。责任单位：区直各部门、各乡镇 完成时限：9月25日前",
    "（二）分类分批专项整改。在自查自纠的基础上，将证明较多的部门列为重点整改对象。",
    "1.清理前置条件。坚决取消没有依据的前置条件。责任单位：区直各部门 完成时限：10月23日前",
    "2.精简申办材料。全面落实五个规范要求。责任单位：区效能办 完成时限：11月20日前",
)


def test_a_groups_list_closed_by_one_set_of_labels_is_one_task():
    # plans40 04: （一）'s 1.…；2.…；3.…。责任单位：… is one task whose points are a list (the
    # others' every numbered paragraph names its units): read as three, every number after
    # moved on by two, two of them silently.
    plan = parse(*_SELF_CHECK, year=2015)
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["区直各部门", "各乡镇"], date(2015, 9, 25)),
        (2, ["区直各部门"], date(2015, 10, 23)),
        (3, ["区效能办"], date(2015, 11, 20)),
    ]
    assert plan.items[0].requirement.count("清理范围") == 1


def test_a_group_of_whole_tasks_closed_by_one_set_of_labels_stays_tasks():
    # Forbidden: 1.适度扩大低保覆盖范围。… 2.…。 — full stops, not a list's ；: each point is a
    # task, the units given once for them all (plans33 01).
    whole = [line.replace("；", "。") for line in _SELF_CHECK]
    plan = parse(*whole, year=2015)
    assert [item.number for item in plan.items] == [1, 2, 3, 4, 5]


def test_an_item_renumbered_in_order_says_the_number_the_page_prints():
    # 1. under （二） is the plan's fourth task: the item says so, to be found on the page.
    plan = parse(*[line.replace("；", "。") for line in _SELF_CHECK], year=2015)
    assert any("原文此项编号为1" in flag and "第4项" in flag for flag in plan.items[3].flags)
    # Forbidden: an item whose number stays as printed says nothing of it.
    assert not any("原文此项编号" in flag for flag in plan.items[0].flags)


def test_numbers_inside_a_short_quote_cut_no_task():
    # plans40 04: 各事项的办理条件应当分点罗列“1.…；2.…3.…” — an example inside a task, on a page
    # run into one line; its numbers were cut out as three tasks.
    run_on = "".join(_SELF_CHECK[1:]).replace(
        "3.要进一步精简办理条件。", "3.要进一步精简办理条件，应当分点罗列“1.…；2.…3.…”。"
    )
    plan = parse(_SELF_CHECK[0], run_on, year=2015)
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert "“1.…；2.…3.…”" in plan.items[0].requirement


def test_a_quote_closed_only_far_on_keeps_the_tasks_inside_it():
    # Forbidden: a “ the page closes only far on (a quote lost its close) hides no numbers.
    run_on = (
        "".join(_SELF_CHECK[1:])
        .replace("重点整改对象", "“重点整改对象")
        .replace("五个规范要求", "五个规范”要求")
    )
    plan = parse(_SELF_CHECK[0], run_on, year=2015)
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert plan.items[2].lead_units == ["区效能办"]


def test_tasks_numbered_again_by_a_later_rule_say_no_stale_number():
    # Forbidden: the tasks part kept alone (its 1.–3. as printed) says nothing of the numbers
    # the whole plan's renumbering gave it before the other parts were left out (plans33 05).
    plan = parse(
        "关于印发农村改厕专项行动方案的通知",
        "一、工作目标",
        "1.到年底完成改厕任务的百分之九十以上并全面验收",
        "2.建立长效管护机制确保户厕正常使用不反弹",
        "二、主要任务",
        "1.全面完成新增改厕任务，明确完成户厕无害化改造任务",
        "2.加快推进农村户厕纳管工作，做好管网衔接",
        "3.全面推进户厕改造项目验收工作，组织回头看",
        year=2020,
    )
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert [item.section for item in plan.items] == ["二、主要任务"] * 3
    assert not any("原文此项编号" in flag for item in plan.items for flag in item.flags)


def test_a_timetables_step_titled_by_its_time_alone_is_one_of_its_stages():
    # plans36 04: （三）建立长效机制（2021年12月）。… — the third step of a timetable whose first
    # two are 阶段s, titled with its time in a bracket and no 阶段: a stage too, due that month.
    step = "（三）建立长效机制（2020年12月）。结合工作实际，建立长效工作机制，与日常业务相结合。"
    plan = parse(*_LABELLED_TASKS, *_STAGES[:3], step, year=2020)
    assert read(plan, "number", "lead_units", "due_date")[4] == (5, [], date(2020, 12, 31))
    assert STAGE_FLAG in plan.items[4].flags


def test_a_title_with_an_edition_year_in_its_bracket_is_no_stage():
    # Forbidden: （二）执行技术标准（2019年修订版）。… between two stages — a year in a title's
    # bracket that is no time makes no stage of it.
    step = "（二）执行技术标准（2019年修订版）。严格执行行业技术标准，对不达标的设备一律停用。"
    later = _STAGES[2].replace("（二）", "（三）")
    plan = parse(*_LABELLED_TASKS, *_STAGES[:2], step, later, year=2020)
    assert len(plan.items) == 4
    assert not any("执行技术标准" in item.requirement for item in plan.items)
