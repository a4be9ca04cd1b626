"""Rules of stop 28 on plans of other bodies (issue 14): one convention for a table's group
cell (corpus_score's docstring), 年内完成 in a task's text, and flags on items whose parse
rests on a guess. The plans here are small and invented, typed in the shape each layout has;
the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.tests.plan_text import parse, read

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
