"""Rules of stop 28 on plans of other bodies (issue 14): one convention for a table's group
cell (corpus_score's docstring), 年内完成 in a task's text, and flags on items whose parse
rests on a guess. The plans here are small and invented, typed in the shape each layout has;
the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.importers import ParsedItem, ParsedPlan
from gongkai.plans.importers.unread import with_unread_tail, with_unread_units
from gongkai.plans.tests.plan_text import lines, parse, read

# ---- a group cell beside its tasks is their 工作任务, not a part of the plan ------------------

_ANNEX_TABLE = (
    "一、推进生态文明建设。建立生态文明建设领导机制，完善工作制度。"
    "二、加大环保领域投资。积极扩大有效投资。 附件：2016年生态环境保护工作分解表 "
    "序号主要工作任务具体工作措施完成时限主要责任单位任务来源"
    "1推进生态文明建设1、建立生态文明建设领导机制3月区经发局区环保局"
    "1、全区2016年工作要点（综委〔2016〕5号）2、全省生态环境保护工作会议 "
    "2、制定加强生态环境保护工作的实施方案6月区环保局 3、组织编制生态文明建设规划12月区环保局"
    "2分解落实生态环保目标责任4、分解细化目标责任到各乡镇3月区环保局 "
)


def test_a_run_on_tables_numbered_group_cell_is_the_tasks_group_and_no_section():
    plan = parse(_ANNEX_TABLE, year=2016)
    assert read(plan, "number", "section", "subsection") == [
        (1, "", "推进生态文明建设"),
        (2, "", "推进生态文明建设"),
        (3, "", "推进生态文明建设"),
        (4, "", "分解落实生态环保目标责任"),
    ]


def test_a_part_heading_on_a_line_of_its_own_above_a_table_stays_its_section():
    plan = parse(
        "二、加大环保领域投资",
        "序号 | 工作任务 | 责任单位 | 完成时限",
        "1 | 扩大有效投资。 | 区经发局 | 2016年6月底前",
        "2 | 加快环保基础设施建设。 | 区环保局 | 2016年12月底前",
        year=2016,
    )
    assert read(plan, "number", "section") == [
        (1, "二、加大环保领域投资"),
        (2, "二、加大环保领域投资"),
    ]


# ---- 年内完成 in a task's text ------------------------------------------------------------------


def test_it_takes_nian_nei_wancheng_in_a_tasks_text_as_the_plan_years_end_flagged():
    plan = parse(
        "一、重点任务",
        "1.推进清单管理。各部门要在年内完成本行业清单编制工作。（办公室牵头，各科室负责落实）",
        year=2017,
    )
    (item,) = plan.items
    assert item.due_date == date(2017, 12, 31)
    assert "完成时限取自任务内容（“年内完成”），请核对" in item.flags


def test_it_takes_no_span_goal_or_frequency_of_the_year_as_a_deadline():
    plan = parse(
        "一、重点任务",
        "1.推进清单管理。用3年内完成全部清单编制工作。（办公室负责）",
        "2.推进双随机监管。围绕年内实现监管全覆盖目标，公开抽查结果。（法规科负责）",
        "3.加强政策解读。主要负责人年内解读重要政策不少于1次。（办公室负责）",
        year=2017,
    )
    assert read(plan, "number", "due_date") == [(1, None), (2, None), (3, None)]
    assert all("未填写完成时限" in item.flags for item in plan.items)


# ---- flags on items whose parse rests on a guess ----------------------------------------------


def test_it_flags_a_task_holding_the_next_tasks_number_that_no_item_has():
    plan = parse(
        "2023年政务公开工作要点",
        "一、重点任务",
        "1.推进决策公开，做好草案公示。2.推进执行公开，公开重点项目进展。（办公室负责，6月底前）",
        "3.加强政策解读。（法规科负责，9月底前）",
    )
    assert read(plan, "number") == [(1,), (3,)]
    joined, alone = plan.items
    assert any("可能是两项任务连在一起" in f for f in joined.flags)
    # The gap was flagged on the task after it already; the task holding 2. was not.
    assert alone.flags == ["原文编号从1跳到3，中间的任务可能漏读，请核对"]


def test_it_takes_a_tasks_own_numbered_points_for_no_second_task():
    plan = parse(
        "2023年政务公开工作要点",
        "一、重点任务",
        "1.推进决策公开。1.做好草案公示。2.公开意见采纳情况。（办公室负责，6月底前）",
        "2.加强政策解读。（法规科负责，9月底前）",
    )
    assert read(plan, "number") == [(1,), (2,)]
    assert not any(item.flags for item in plan.items)


def test_it_flags_a_task_whose_text_is_a_scrap_of_the_one_before():
    plan = parse(
        "2023年政务公开工作要点",
        "序号 | 工作任务 | 责任单位 | 完成时限",
        "1 | 推进决策公开，做好草案公示。 | 办公室 | 6月底前",
        "2 | ）、各科室配合。 | 法规科 | 9月底前",
    )
    first, scrap = plan.items
    assert not first.flags
    assert any("本项任务内容残缺" in f for f in scrap.flags)


def test_it_says_when_the_text_goes_on_with_the_next_tasks_numbers_after_the_last_item():
    # What a reader that stopped early leaves: the items it read, the text going on after them.
    text = lines(
        "1.推进决策公开，做好草案公示。（办公室负责，6月底前）",
        "2.推进执行公开，公开重点项目进展。（法规科负责，9月底前）",
        "3.加强政策解读，及时回应关切。（政策科负责）4.加强平台建设，做好网站管理。（信息中心负责）",
    )
    read_two = ParsedPlan(
        title="",
        year=2023,
        items=[
            ParsedItem(number=1, requirement="推进决策公开，做好草案公示。"),
            ParsedItem(number=2, requirement="推进执行公开，公开重点项目进展。"),
        ],
    )
    plan = with_unread_tail(read_two, text)
    assert plan.warnings == [
        "原文第2项之后还有编号为3、4的段落，未读作任务（可能漏读），请对照原文核对"
    ]
    assert plan.items[-1].flags == [
        "本项之后原文还有编号为3、4的段落未读作任务，请核对本项及其后的任务"
    ]
    assert not plan.items[0].flags


def test_it_names_no_unread_task_when_the_last_item_ends_the_text_or_was_cut_and_warned():
    text = lines(
        "1.推进决策公开，做好草案公示。（办公室负责，6月底前）",
        "2.推进执行公开，公开重点项目进展。（法规科负责，9月底前）",
        "3.加强政策解读，及时回应",
    )
    whole = parse("2023年政务公开工作要点", "一、重点任务", text)
    assert read(whole, "number") == [(1,), (2,)]  # 3 is cut by the page: tail.py warns
    assert not any("未读作任务" in w for w in whole.warnings)
    assert not any(item.flags for item in whole.items)


_LABELLED = lines(
    "1.推进决策公开，做好草案公示。",
    "牵头单位：办公室；配合单位：各科室",
    "2.推进执行公开，公开重点项目进展。",
    "牵头单位：法规科；配合单位：各科室",
    "3.加强政策解读，及时回应关切。",
    "牵头单位：政策科；配合单位：各科室",
    "4.加强平台建设，做好网站管理。",
    "牵头单位：信息中心；配合单位：各科室",
)


def test_it_says_when_the_text_closes_more_tasks_with_units_than_the_items_took():
    # A reader that took two of the four label sets: the other two tasks are lost unseen.
    read_two = ParsedPlan(
        title="",
        year=2023,
        items=[
            ParsedItem(number=1, requirement="推进决策公开", units_text="牵头单位：办公室"),
            ParsedItem(number=2, requirement="推进执行公开", units_text="牵头单位：法规科"),
        ],
    )
    plan = with_unread_units(read_two, _LABELLED)
    assert plan.warnings == [
        "原文约有4处注明责任单位（“牵头单位：”），读出的任务只用到2处：可能有任务漏读"
        "或责任单位未读出，请对照原文核对"
    ]


def test_a_plan_whose_every_labelled_task_is_read_is_not_warned_about():
    plan = parse("2023年政务公开工作要点", "一、重点任务", _LABELLED)
    assert read(plan, "number", "lead_units") == [
        (1, ["办公室"]),
        (2, ["法规科"]),
        (3, ["政策科"]),
        (4, ["信息中心"]),
    ]
    assert not any("处注明责任单位" in w for w in plan.warnings)
