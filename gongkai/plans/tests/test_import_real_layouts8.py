"""Rules of the eighth round on plans of other bodies (issue 14): a plan whose 1．/2． number
groups of tasks inside each （一） (each task closed by its own units bracket), not tasks.

The plans here are small and invented, typed by hand in the shape each layout has; the real
ones are scored by test_import_real_plans.py (real_dev4).
"""

import re
from datetime import date

import pytest

from gongkai.plans.importers import PlanImportError
from gongkai.plans.importers.paragraphs import _SPLIT_FLAG, _UNNUMBERED_FLAG, LOST_TABLE
from gongkai.plans.tests.plan_text import LONG, parse, read


def test_it_reads_one_task_per_units_bracket_under_numbered_group_headings():
    plan = parse(
        "三、主要任务",
        "（一）控制污染排放",
        "1．整治重点行业取缔小企业。全面排查小型企业。2016年底前全部取缔。（区环保局牵头，区经发局等参与）"
        "整治排污行业。推进重点行业专项治理。（区环保局牵头）",
        "2．治理城镇污染加快污水厂建设。建立统一的污水处理系统。（区建设局牵头，区环保局等参与）"
        "加强管网建设。推进雨污分流改造。（区建设局牵头）",
        "（二）节约水资源",
        "1．控制用水总量。健全取用水总量控制指标体系。（区经发局牵头）"
        "严控地下水超采。排查登记已建机井。（区环保局牵头，区经发局参与）",
        year=2015,
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "三、主要任务", ["区环保局"], ["区经发局"]),
        (2, "三、主要任务", ["区环保局"], []),
        (3, "三、主要任务", ["区建设局"], ["区环保局"]),
        (4, "三、主要任务", ["区建设局"], []),
        (5, "三、主要任务", ["区经发局"], []),
        (6, "三、主要任务", ["区环保局"], ["区经发局"]),
    ]
    assert all(_SPLIT_FLAG in item.flags for item in plan.items)


def test_it_keeps_a_numbered_task_with_two_brackets_whole_when_no_group_heading_stands_over_it():
    plan = parse(
        "一、强化重点信息公开",
        "1．公开污染防治信息。持续加大重点信息公开力度。（大气司、水司）按月公开空气质量。（监测司）",
        "2．公开疫情防控信息。及时公开相关政策文件。（各相关部门）定期公布监测结果。（监测司）",
        year=2020,
    )
    assert read(plan, "number") == [(1,), (2,)]


# ---- a table run into one line that no reader can cut --------------------------------------


def test_it_refuses_a_run_on_table_it_cannot_cut_rather_than_lose_tasks_silently():
    body = (
        "附件 2016年生态环境保护工作分解表 序号主要工作任务具体工作措施完成时限主要责任单位任务来源"
        "1推进生态文明建设1、建立生态文明建设领导机制3月区经发局区环保局"
        "1、全区2016年工作要点（综委〔2016〕5号）2、全省生态环境保护工作会议 "
        "2、制定加强生态环境保护工作的实施方案6月区环保局 3、组织编制生态文明建设规划12月区环保局"
        "2分解落实生态环保目标责任4、分解细化目标责任到各乡镇3月区环保局 "
        "1、目标责任书2、全省环境保护工作视频会议5、每月调度并通报目标责任落实情况12月区环保局"
    )
    # Without its deadline column no reader can cut it (with one, see layouts9's run-on test).
    body = re.sub(r"(?:\d{1,2}月)(?=区)", "", body).replace("完成时限", "")
    with pytest.raises(PlanImportError) as refused:
        parse("2016年生态环境保护工作要点", body, year=2016)
    assert str(refused.value) == LOST_TABLE


def test_it_ends_a_task_at_a_bracket_giving_both_roles_when_a_dated_sentence_follows_it():
    plan = parse(
        "三、主要任务",
        "（一）保障饮用水安全",
        "1．保护水源强化水源保障。建设调水工程。（区建设局牵头）"
        "保护饮用水水源。分期实施保护区内居民搬迁工程（区环保局牵头，区经发局等参与）"
        "2018年底前，保护区内生活污水基本实现收集处理。（区建设局牵头，区财政局等参与）",
        year=2015,
    )
    assert read(plan, "lead_units", "support_units", "due_date") == [
        (["区建设局"], [], None),
        (["区环保局"], ["区经发局"], None),
        (["区建设局"], ["区财政局"], date(2018, 12, 31)),
    ]


def test_it_reads_a_long_section_paragraph_closed_by_its_units_as_a_flagged_task():
    plan = parse(
        "一、加强人才培养",
        f"（一）加强监测人才建设。{LONG}。（责任单位：区经发局牵头，区技术中心参与）",
        "二、建立生态损害责任追究制度建立领导干部问责机制，对不作为、乱作为的领导干部实行问责。"
        "依法追究破坏生态环境的单位和个人的责任。（责任单位：区经发局牵头，区执法支队参与）",
        "三、保障措施",
        f"（一）加强组织领导。{LONG}。（责任单位：区经发局）",
        year=2016,
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、加强人才培养", ["区经发局"], ["区技术中心"]),
        (2, "二、建立生态损害责任追究制度建立领导干部问责机制", ["区经发局"], ["区执法支队"]),
        (3, "三、保障措施", ["区经发局"], []),
    ]
    assert [_UNNUMBERED_FLAG in item.flags for item in plan.items] == [False, True, False]


# ---- a deadline written as a sentence opening on a bare year ------------------------------


def test_it_takes_a_sentence_opening_on_a_bare_year_as_that_years_end_flagged():
    plan = parse(
        "一、强化规划引导",
        f"（一）实施功能区划。{LONG}。2016年完成功能区划发布。（责任单位：区经发局牵头）",
        f"（二）实施红线制度。{LONG}。2018年起投入使用的船舶执行新标准。（责任单位：区环保局）",
        year=2016,
    )
    assert read(plan, "due_date") == [(date(2016, 12, 31),), (None,)]
    assert "完成时限取自任务内容（“2016年”），请核对" in plan.items[0].flags
