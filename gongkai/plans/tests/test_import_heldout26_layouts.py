"""Rules of the round on real_heldout26 (issue 14). The plans here are small and invented,
typed in the shape each layout has; the real ones are scored by test_import_real_plans.py."""

from gongkai.lib.deadline_text import parse_deadline
from gongkai.plans.importers.breaks import _title_then_intro
from gongkai.plans.importers.items import AFTER_UNREAD_FLAG
from gongkai.plans.importers.text import DASH_FOR_ONE
from gongkai.plans.tests.plan_text import LONG, parse, read

_INTRO = "某区塑料污染治理近期工作要点 为推进塑料污染治理，制定如下工作要点："


def _run_on(first_part: str, closing: str = "（各片区管理局）") -> str:
    """A page run into one line: part 一 a paragraph of its own closed by ``closing``, then
    parts whose tasks are numbered （一） anew in each part."""
    return (
        f"{_INTRO} {first_part}压实属地管理责任 各地要提高政治站位，{LONG}。{closing} "
        f"二、加强源头管控 （一）禁止生产有关塑料制品。{LONG}。（区市场监管局负责，持续推进） "
        f"（二）严格执行产品质量标准。{LONG}。（区经发局工信处负责，持续推进） "
        f"三、规范流通环节 （一）规范零售管理。{LONG}。（区经发局商物处负责，2020年底前完成）"
    )


def test_a_part_numeral_printed_as_a_dash_is_read_as_one_and_said():
    plan = parse(_run_on("―、"), year=2020)
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、压实属地管理责任", ["各片区管理局"]),
        (2, "二、加强源头管控", ["区市场监管局"]),
        (3, "二、加强源头管控", ["区经发局工信处"]),
        (4, "三、规范流通环节", ["区经发局商物处"]),
    ]
    assert DASH_FOR_ONE in plan.warnings


def test_a_dash_where_a_plan_already_has_its_one_is_left_alone():
    # Forbidden: a dash before 、 when the page has its 一、 (统一、 is no heading).
    plan = parse(
        f"{_INTRO} 一、总体要求 统一、规范、高效。{LONG}。 ―、附则 {LONG}。 "
        + _run_on("")[len(_INTRO) :],
        year=2020,
    )
    assert DASH_FOR_ONE not in plan.warnings
    assert plan.items[0].section != "一、附则"


def test_a_units_bracket_with_a_remark_after_a_comma_names_its_units_only():
    plan = parse(
        _run_on("一、", "（各片区管理局，以下各项工作均需各片区管理局负责推进，不再一一列出）"),
        year=2020,
    )
    first = plan.items[0]
    assert (first.section, first.lead_units, first.support_units) == (
        "一、压实属地管理责任",
        ["各片区管理局"],
        [],
    )
    assert len(plan.items) == 4


def test_tasks_numbered_in_order_after_a_part_whose_paragraph_no_task_took_are_flagged():
    # Part 一's paragraph closes on a bracket the reader does not take for units: were it a
    # task, every number after it would be one more — the clerk is told on each.
    plan = parse(_run_on("一、", "（具体方案另行制定）"), year=2020)
    assert [i.section for i in plan.items] == ["二、加强源头管控"] * 2 + ["三、规范流通环节"]
    flag = AFTER_UNREAD_FLAG.format("一、压实属地管理责任")
    assert all(flag in item.flags for item in plan.items)


def test_a_general_part_or_a_paragraph_not_closed_by_a_bracket_flags_nothing():
    # Forbidden: 一、工作目标 (a general part), or a part whose paragraph ends on a full stop.
    for first_part, closing in (("一、工作目标", "。"), ("一、", "。")):
        text = _run_on(first_part, closing).replace("一、工作目标压实属地管理责任", "一、工作目标")
        plan = parse(text, year=2020)
        assert not any(
            "未识别为任务：如那段也是任务" in flag for item in plan.items for flag in item.flags
        ), first_part


def test_a_part_title_run_into_an_opening_on_jianchi_is_cut_after_a_labels_noun():
    assert _title_then_intro(
        "四、职能分工坚持“区主管部门牵头、片区处室负责”的原则，推动落实。"
    ) == [
        "四、职能分工",
        "坚持“区主管部门牵头、片区处室负责”的原则，推动落实。",
    ]
    # Forbidden: 坚持 in a title that is a sentence of its own (一、始终坚持…, 二、坚持…).
    for line in (
        "一、始终坚持党的全面领导，把政治建设摆在首位。",
        "二、坚持问题导向，逐项整改到位。",
    ):
        assert _title_then_intro(line) == [line]


def test_a_date_to_start_by_is_flagged_as_no_completion():
    started = parse_deadline("2020年底前启动，持续推进", 2020)
    assert (started.due_date.isoformat(), started.ongoing) == ("2020-12-31", True)
    assert any("是启动时间" in flag for flag in started.flags)
    # Forbidden: a date to finish by, or one to start from (起), which has its own flag.
    assert not any("是启动时间" in f for f in parse_deadline("2020年底前完成", 2020).flags)
    assert not any("是启动时间" in f for f in parse_deadline("2020年3月起启动", 2020).flags)
