"""Rules of stop 38 (issue 14) on shapes the blind batches plans29 and plans31 showed. The plans
here are small and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py."""

from gongkai.plans.importers import parse_plan_file
from gongkai.plans.tests.corpus_score import office_file

_HEADER = ["任务目标", "具体任务", "责任单位"]


def _timetable(*groups: tuple[str, list[tuple[str, str]]], year: int = 2018):
    """A 时间表 as a Word table: each group cell merged down over its tasks."""
    rows, merges = [_HEADER], []
    for cell, tasks in groups:
        top = len(rows)
        for at, (task, units) in enumerate(tasks):
            rows.append([cell if at == 0 else "", task, units])
        if len(tasks) > 1:
            merges.append([top, 0, len(rows) - 1, 0])
    spec = {
        "format": "docx",
        "before": ["某区2018年度重点任务时间表"],
        "rows": rows,
        "merges": merges,
    }
    return parse_plan_file(office_file(spec), "plan.docx", year)


def _dues(plan) -> list[str | None]:
    return [item.due_date.isoformat() if item.due_date else None for item in plan.items]


def test_a_stage_cell_gives_its_deadline_to_the_tasks_under_it():
    # plans31 07: quarter cells 一季度前，… merged over their tasks are the tasks' deadlines,
    # read as that quarter's end (the stages run through the year), each flagged; a task's own
    # date (2月底前) wins over its stage's.
    plan = _timetable(
        (
            "一季度前，集中消除脏乱差的厕所。",
            [("2月底前编制实施方案；", "区交建局"), ("建立联系会议制度；", "区交建局")],
        ),
        (
            "二季度前，改造提升一批公厕。",
            [("完成全区公厕普查；", "区环卫所"), ("创建示范公厕。", "各乡镇")],
        ),
        ("四季度前，完成全年工作任务。", [("新建改造任务全面完成。", "各责任单位")]),
    )
    assert _dues(plan) == ["2018-02-28", "2018-03-31", "2018-06-30", "2018-06-30", "2018-12-31"]
    assert all(item.flags for item in plan.items)
    assert any("一季度前" in flag for flag in plan.items[1].flags)
    assert not any("所在分组" in flag for flag in plan.items[0].flags)


def test_a_month_stage_is_read_as_a_deadline_cell_is():
    plan = _timetable(
        ("6月底前，完成普查。", [("摸清底数；", "区环卫所"), ("建立台账。", "各乡镇")]),
        ("10月前，完成整改。", [("整改到位。", "区交建局")]),
    )
    assert _dues(plan) == ["2018-06-30", "2018-06-30", "2018-09-30"]
    assert any("10月前" in flag for flag in plan.items[2].flags)


def test_a_group_cell_with_a_date_inside_it_is_no_stage():
    # Forbidden: a date in the middle of the group's sentence (or with no comma after it) says
    # what the group aims at, not when its tasks are due: left empty and flagged.
    plan = _timetable(
        (
            "推进公厕建设，力争6月底前基本完成。",
            [("摸清底数；", "区环卫所"), ("建立台账。", "各乡镇")],
        ),
        ("一季度前完成的任务回头看", [("整改到位。", "区交建局")]),
    )
    assert _dues(plan) == [None, None, None]
    assert all("未填写完成时限" in item.flags for item in plan.items)
