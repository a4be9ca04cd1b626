"""Rules of the round on real_heldout18 (issue 14): pages of a portal captured by a crawler,
each page run into ONE line after a few header lines (its paragraphs joined by spaces), and a
State Council HTML fragment. The plans here are small and invented, typed in the shape each
layout has; the real ones are scored by test_import_real_plans.py.
"""

import datetime

import pytest

from gongkai.plans.tests.plan_text import crawled_page, parse, read

# ---- a task whose text opens with its deadline: 1.2017年10月底前… --------------------------------


_TITLE = "某区重点任务分工方案"


def _tasks(first: str, count: int = 8) -> list[str]:
    tasks = []
    for n in range(1, count + 1):
        opening = first if n == 1 else ""
        lead = "区市场监督管理局" if n % 2 else "区行政审批局"
        tasks.append(
            f"{n}.{opening}推进第{n}项改革工作，对涉及的各类事项能整合的尽量整合、能简化的尽量"
            f"简化，切实为市场主体减负担、增活力。 责任单位：{lead}牵头，区直相关部门按职责分工负责"
        )
    return tasks


def test_a_task_opening_with_a_year_deadline_keeps_its_number_on_a_page_run_into_one_line():
    # 06: 1.2017年10月底前… was read as the amount 1.2017, the task lost (told only as a
    # gap in the numbers).
    plan = parse(
        *crawled_page(_TITLE, "一、任务分工", "（一）纵深推进减权放权", *_tasks("2017年10月底前")),
        year=2017,
    )
    assert read(plan, "number")[:3] == [(1,), (2,), (3,)]
    first = plan.items[0]
    assert (first.lead_units, first.support_units) == (["区市场监督管理局"], ["区直相关部门"])
    assert first.requirement.startswith("2017年10月底前推进第1项")
    assert first.due_date == datetime.date(2017, 10, 31)
    assert not any("没有任务编号" in flag for flag in first.flags)
    assert not plan.warnings


@pytest.mark.parametrize("after", ["5亿元，推进第1项", "2025年县重点工作任务清单，推进第1项"])
def test_a_number_before_an_amount_or_a_year_that_is_no_deadline_is_no_task_number(after):
    # 1.5亿 is an amount; 附件:1.2025年县…清单 an annex's title: neither opens task 1.
    plan = parse(
        *crawled_page(_TITLE, "一、任务分工", *_tasks(after)[:1], *_tasks("")[1:]), year=2017
    )
    assert 1 not in [number for (number,) in read(plan, "number")]


# ---- numbered paragraphs joined by spaces: a page run into one line ---------------------------

_NOTICE = (
    "当前位置： 首页政务公开部门文件 关于印发某局分工意见的实施方案 各科室、国土所： 为了认真"
    "贯彻分工意见，根据我局分工任务，制订本方案。"
)


def test_numbered_paragraphs_after_spaces_on_one_line_are_the_pages_paragraphs():
    # 08: shorter than a whole plan and with no 一、, the line was cut only at its brackets:
    # 2's bracket, after no 。, ran into 3, and task 3 was lost without a word.
    plan = parse(
        *crawled_page(
            _TITLE,
            _NOTICE,
            "1、加强耕地保护制度执行情况的监督检查。（牵头单位：规划科,配合单位：各国土所）",
            "2、加强农村土地利用管理制度执行情况的监督检查（牵头单位：用地科,配合单位：各国土所）",
            "3、加强和改进征地拆迁工作。（牵头单位：征地部,配合单位：各国土所）",
            "4、严肃查处在环境保护方面损害农民利益的突出问题（牵头单位：县环保局相关业务科室）",
        ),
        year=2012,
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["规划科"]),
        (2, ["用地科"]),
        (3, ["征地部"]),
        (4, ["县环保局相关业务科室"]),
    ]


@pytest.mark.parametrize(
    "numbers",
    [
        ("1、", "3、", "2、"),  # not in turn
        ("2、", "3、", "4、"),  # not from one
        ("1、", "2、"),  # two are no run
    ],
)
def test_numbers_after_spaces_that_do_not_run_one_two_three_do_not_cut_a_short_line(numbers):
    from gongkai.plans.importers.breaks import _inline_headings

    line = "做好以下工作：" + " ".join(
        f"{n}加强第{k}项检查，及时报告" for k, n in enumerate(numbers)
    )
    assert _inline_headings(line) == [line]


def test_a_breadcrumb_line_with_no_sentence_is_still_page_noise():
    # Only a line holding the page's body (a sentence, 。) is kept: a bare breadcrumb is
    # neither the plan's title nor a task's text.
    plan = parse(
        "当前位置： 首页 > 政务公开 > 部门文件 > 某局分工方案",
        "1、加强耕地保护制度执行情况的监督检查。（牵头单位：规划科,配合单位：各国土所）",
        "2、加强和改进征地拆迁工作。（牵头单位：征地部,配合单位：各国土所）",
        year=2012,
    )
    assert read(plan, "number", "lead_units") == [(1, ["规划科"]), (2, ["征地部"])]
    assert "当前位置" not in plan.title + "".join(i.requirement for i in plan.items)


def test_a_breadcrumb_run_into_the_pages_body_keeps_the_body():
    # 08: 当前位置：… 为了…，制订本方案。 1、… on one line of fewer than 300 characters was
    # dropped whole as a breadcrumb: nothing read (or 文件内容为空 with no header lines).
    page = " ".join(
        (
            _NOTICE,
            "1、加强耕地保护制度执行情况的监督检查。（牵头单位：规划科,配合单位：各国土所）",
            "2、加强和改进征地拆迁工作。（牵头单位：征地部,配合单位：各国土所）",
            "3、严肃查处突出问题。（牵头单位：局监察室）",
        )
    )
    assert len(page) < 300
    plan = parse(page, year=2012)
    assert read(plan, "number", "lead_units") == [
        (1, ["规划科"]),
        (2, ["征地部"]),
        (3, ["局监察室"]),
    ]


# ---- an HTML fragment cut before its cell closes ----------------------------------------------


def test_an_html_fragment_cut_inside_its_table_cell_is_read_not_empty():
    # 10: a page body taken out of its table (<tbody><tr><td>…<p>…), cut after a task, its
    # cell never closed: read as empty (文件内容为空).
    fragment = (
        '<tbody>\n <tr>\n  <td class="b12c"><p>国务院办公厅关于加大激励支持力度的通知</p>'
        "<p>各省、自治区、直辖市人民政府：</p>"
        "<p>一、对落实有关政策措施成效明显的地方给予奖励。（国家发展改革委负责）</p>"
        "<p>二、对工作成效明显的地方优先安排资金。（财政部会同有关部门负责）</p>"
        "<p>三、对改革成效较为明显的地方给予奖励。（国家卫生健康委、财政部负责）"
    )
    plan = parse(fragment, year=2018)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["国家发展改革委"], []),
        (2, ["财政部"], ["有关部门"]),
        (3, ["国家卫生健康委", "财政部"], []),
    ]


def test_an_html_fragment_whose_cell_closes_reads_as_before():
    fragment = (
        "<table><tr><td><p>一、对落实有关政策措施成效明显的地方给予奖励。（国家发展改革委负责）</p>"
        "<p>二、对工作成效明显的地方优先安排资金。（财政部负责）</p></td></tr></table>"
        "<p>页面底部</p>"
    )
    plan = parse(fragment, year=2018)
    assert read(plan, "number", "lead_units") == [(1, ["国家发展改革委"]), (2, ["财政部"])]


# ---- several units 会同 others: they lead, the others support ----------------------------------


@pytest.mark.parametrize(
    "units, lead, support",
    [
        # 10 #18: both units before 会同 lead (only the first led, 财政部会同有关部门 one name).
        ("国家发展改革委、财政部会同有关部门负责", ["国家发展改革委", "财政部"], ["有关部门"]),
        ("财政部会同有关部门负责", ["财政部"], ["有关部门"]),
        ("办公室会信息中心负责", ["办公室"], ["信息中心"]),
    ],
)
def test_the_units_before_huitong_lead_and_the_units_after_it_support(units, lead, support):
    from gongkai.lib.unit_text import parse_units

    parsed = parse_units(units)
    assert (parsed.lead, parsed.support) == (lead, support)


def test_several_units_before_a_bare_hui_are_not_read_as_co_signing():
    # A bare 会 after a list may be part of a name: left as written, flagged, as before.
    from gongkai.lib.unit_text import parse_units

    parsed = parse_units("市发改委、市财政局会市住建局负责")
    assert parsed.support == []
    assert any("X会Y" in flag for flag in parsed.flags)
