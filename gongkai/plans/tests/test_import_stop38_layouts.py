"""Rules of stop 38 (issue 14) on shapes the blind batches plans29 and plans31 showed. The plans
here are small and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py."""

import pytest

from gongkai.plans.importers import parse_plan_file
from gongkai.plans.importers.breaks import _restore_breaks
from gongkai.plans.tests.corpus_score import office_file
from gongkai.plans.tests.plan_text import LONG, parse, read

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


def _parts_run_on(last_units: str) -> str:
    """A plan run into one line: two parts, each of bracketless tasks closed by their labels,
    the second part's heading glued to the first part's last units list."""
    return (
        f"某区2019年台湾小镇建设实施方案 一、总体要求{LONG}。二、小镇工作任务"
        f"1.打造宣传矩阵。{LONG}。牵头单位：区宣传部责任单位：区旅发委"
        f"2.组建运营公司。{LONG}。牵头单位：区国资局责任单位：{last_units}"
        f"三、创业园工作任务根据工作目标，结合园区实际，为企业提供有力的政策保障。"
        f"1.腾笼换鸟。{LONG}。牵头单位：区管委会办公室责任单位：区财金局"
    )


def test_a_part_glued_to_a_units_list_ending_in_a_company_is_cut():
    # plans31 02: …责任单位：区交通集团、两岸发展公司三、台湾创业园工作任务根据… — the list
    # ends in 公司 (or 集团), a name's end as 局 is: the next part starts there.
    for last_units in ("区交通集团、两岸发展公司", "两岸发展公司、区交通集团"):
        plan = parse(_parts_run_on(last_units), year=2019)
        assert [item.section for item in plan.items] == [
            "二、小镇工作任务",
            "二、小镇工作任务",
            "三、创业园工作任务",
        ], last_units
        assert plan.items[1].support_units == last_units.split("、")


def test_a_numeral_after_a_company_inside_a_sentence_is_no_part():
    # Forbidden: 三、 glued to a word ending in 司 in a sentence, no units label's list before
    # it (a list runs at most 50 characters after its label, commas included).
    text = _parts_run_on("区财金局").replace(
        "为企业提供",
        "对园区功能区块重新规划定位，提高招商运营工作水平，支持公司三、四季度扩产，为企业提供",
    )
    plan = parse(text, year=2019)
    assert [item.section for item in plan.items][-1] == "三、创业园工作任务"


def _campaign(title: str, first_task: str = "（一）加强检验机构监管。") -> str:
    """A campaign plan run into one line, its covering notice first, its title as ``title``."""
    return (
        f"局各相关单位：现将《{title}》印发给你们，请认真贯彻落实。 某局 2019年7月16日 "
        "某局专项行动实施方案（2019-2021年） 为确保安全，特制定本方案。"
        "一、整治目标立足职能，推动完善。"
        "二、总体安排2019年以电动自行车为重点，部署开展专项整治行动。"
        f"三、工作任务{first_task}一是做好资质认定工作，{LONG}。二是组织开展检定工作，依法查处。"
        "（责任单位：局质监处、稽查支队，各辖区分局）"
        f"（二）开展经营销售领域监管。一是加强监督检查，{LONG}。二是加强清理整顿。"
        "（责任单位：局市场规范处、消保处）"
        f"（三）加大宣传力度。发挥新闻宣传教育的作用，{LONG}。（责任单位：局办公室、各业务处）"
        f"四、工作要求（一）提高意识，加强领导。各单位要充分认识{LONG}。"
    )


def test_a_bracket_a_title_leaves_open_closes_with_the_title():
    # plans29 07: 《…实施方案（2019-2021》 in the covering notice left every later marker
    # "inside brackets": the first group's title was read as a task of its own, with no units.
    plan = parse(_campaign("某局专项行动实施方案（2019-2021"), year=2019)
    assert read(plan, "number", "lead_units") == [
        (1, ["局质监处", "稽查支队", "各辖区分局"]),
        (2, ["局市场规范处", "消保处"]),
        (3, ["局办公室", "各业务处"]),
    ]


def test_a_marker_inside_brackets_after_a_title_stays_inside():
    # Forbidden: a title inside brackets does not close them (（参照《方案》（一）执行）).
    plan = parse(
        _campaign("某局专项行动实施方案", "（一）加强检验机构监管（参照《实施方案》（一）执行）。"),
        year=2019,
    )
    assert [item.lead_units for item in plan.items][0] == ["局质监处", "稽查支队", "各辖区分局"]
    assert len(plan.items) == 3


def _with_closing_part(first: int) -> str:
    """A plan run into one line (its breaks spaces): tasks closed by their units label, then
    a closing part whose numbered paragraphs name no units."""
    return " ".join(
        [
            "某区建设试验区的指导意见 二、主要任务",
            f"1.推进城乡融合。{LONG}。 责任单位：区农业农村局",
            f"2.提升基层治理。{LONG}。 责任单位：各片区管理局",
            f"3.完善养老服务。{LONG}。 责任单位：区社会事业局，区自贸深改办",
            "三、组织实施",
            f"{first}.建立协调机制。{LONG}。",
            f"{first + 1}.加强评估督查。{LONG}。",
        ]
    )


def test_closing_paragraphs_numbered_on_after_a_part_title_are_named():
    # plans34 04: …区自贸深改办 三、组织实施 16.建立… — the paragraphs numbered on from the
    # tasks, left out as the plan's measures, are named in the warnings for the user to check
    # (their number follows a part's title, not a sentence's end, once the spaces are gone).
    plan = parse(_with_closing_part(4), year=2020)
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert any("编号为4、5的段落" in warning for warning in plan.warnings)


def test_closing_paragraphs_numbered_apart_are_not_named():
    # Forbidden: 1. 2. again under the closing part are no tasks 4 and 5.
    plan = parse(_with_closing_part(1), year=2020)
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert not any("编号为" in warning for warning in plan.warnings)


def _fire_safety(points: str) -> str:
    """A plan run into one line: numbered tasks closed by their units bracket, one with its
    points and no units, and the next one's points (1)(2)(3) introduced by a colon."""
    return (
        "某片区消防安全整治三年行动专项实施方案 三、主要任务"
        f"（一）实施打通消防生命通道工程1.督促指导物业服务企业制止占用消防车通道行为。{LONG}。"
        "(交通与建设处负责)"
        "（二）集中开展三类场所消防安全治理1.高层建筑消防安全综合整治。"
        f"片区各相关处室要积极配合落实以下工作：（1）严格落实高层建筑消防安全管理规定。{LONG}。"
        "（2）全面排查测试室内消火栓系统。"
        f"2.大型商业综合体消防管理水平提升。督促建成投用的大型商业综合体落实以下工作：{points}"
        f"3.易燃易爆危险化学品企业消防安全能力建设。{LONG}。（政法综治处、属地派出所按职责分工负责）"
    )


_POINTS_EACH_CLOSED = (
    f"（1）严格按照消防安全管理规则组织开展达标创建活动。{LONG}。(经济发展处负责)"
    "（2）以店铺为单元推行网格化消防管理制度。（经济发展处、属地派出所负责）"
    "（3）实行每季度消防安全检查评估制度。（政法综治处按职责分工负责）"
)
_POINTS_CLOSED_ONCE = (
    f"（1）严格按照消防安全管理规则组织开展达标创建活动。{LONG}。"
    "（2）以店铺为单元推行网格化消防管理制度。"
    "（3）实行每季度消防安全检查评估制度。（经济发展处负责）"
)


@pytest.mark.parametrize(
    "points, task_two",
    [
        # plans33 02: …落实以下工作：（1）…(经济发展处负责)（2）…（…负责）— the points after the
        # colon, each closed by its own units bracket, are the tasks (numbered in order, flagged).
        (
            _POINTS_EACH_CLOSED,
            [["经济发展处"], ["经济发展处", "属地派出所"], ["政法综治处"]],
        ),
        # Forbidden: points whose units close only the last are the points of one task.
        (_POINTS_CLOSED_ONCE, [["经济发展处"]]),
    ],
    ids=["each-closed-tasks", "closed-once-one-task"],
)
def test_points_after_a_colon_are_tasks_only_when_each_is_closed_by_units(points, task_two):
    plan = parse(_fire_safety(points), year=2020)
    leads = [(1, ["交通与建设处"]), (2, []), *[(3 + at, lead) for at, lead in enumerate(task_two)]]
    leads.append((len(leads) + 1, ["政法综治处", "属地派出所"]))
    assert read(plan, "number", "lead_units") == leads


def _tasks_then_measures(unitless: int) -> list[str]:
    """Ten numbered tasks, the first ``unitless`` naming no units, then a closing part."""
    tasks = [
        f"{n}.推进第{n}项整治工作。{LONG}。" + ("" if n <= unitless else f"（第{n}处负责）")
        for n in range(1, 11)
    ]
    return [
        "三、主要任务",
        *tasks,
        "五、保障措施",
        f"1.每月23日前报送工作推进情况；{LONG}。",
        f"2.每年12月15日前报送年度工作报告；{LONG}。",
    ]


def test_closing_measures_are_left_out_though_one_task_in_ten_lost_its_units():
    # plans33 02: a task whose points (1)–(5) close with no bracket named no units, and the
    # closing part's reporting list (1.每月23日前报送…) was read as four more tasks.
    plan = parse(*_tasks_then_measures(1), year=2020)
    assert [item.number for item in plan.items] == list(range(1, 11))
    assert any("视为保障措施" in warning for warning in plan.warnings)


def test_closing_paragraphs_stay_tasks_when_more_tasks_name_no_units():
    # Forbidden: two tasks in ten without units — the plan does not name every task's units,
    # so unitless paragraphs after them may be tasks too: kept, flagged.
    plan = parse(*_tasks_then_measures(2), year=2020)
    assert len(plan.items) == 12
    assert not any("视为保障措施" in warning for warning in plan.warnings)


def _due_in_text(sentence: str) -> tuple[str | None, list[str]]:
    """The due date (and flags) of a 2020 plan's first task, whose text holds ``sentence``."""
    plan = parse(
        "二、重点任务",
        f"1.全面落实特困人员救助供养政策。开展认定和评估工作，{sentence}。责任单位：社会事业处",
        "2.加大临时救助力度。优化临时救助审批程序。责任单位：社会事业处",
        year=2020,
    )
    item = plan.items[0]
    return (item.due_date.isoformat() if item.due_date else None), item.flags


def test_a_clause_opening_on_the_plans_year_and_its_target_is_due_at_its_end():
    # plans33 01 #2: …，2020年片区集中供养率达到50%及以上 in a 2020 plan: the year's end,
    # flagged as taken from the text.
    due, flags = _due_in_text("2020年片区生活不能自理特困人员集中供养率达到50%及以上")
    assert due == "2020-12-31"
    assert any("取自任务内容" in flag for flag in flags)


@pytest.mark.parametrize(
    "sentence",
    [
        "2019年片区集中供养率达到45%",  # a past year: a record
        "2022年片区集中供养率达到60%",  # a later year: a goal
        "2020年以分散供养特困人员为重点",  # no target reached
    ],
)
def test_a_clause_opening_on_another_year_or_no_target_gives_no_deadline(sentence):
    assert _due_in_text(sentence)[0] is None


def _problems_then_tasks(tasks_part: str) -> list[str]:
    """A campaign plan: the problems it looks for (1.–3., no units), then its tasks part, its
    numbers restarting, each task closed by its labels."""
    return [
        "二、整治范围和内容",
        "重点针对以下问题：",
        "1.违法设置限制、排斥不同所有制企业参与招投标的规定。",
        "2.违法限定潜在投标人的所有制形式或者组织形式。",
        "3.设定明显超出招标项目实际需要的资质资格条件。",
        tasks_part,
        "1.排查摸底。全面梳理挂网招标项目。 责任单位：区公共资源交易中心 完成时限：11月25日前",
        "2.随机抽查。组成检查组。 牵头单位：区经济发展局 配合单位：区农业局 完成时限：11月25日前",
    ]


def test_problems_before_a_part_of_ways_and_measures_are_no_tasks():
    # real_heldout29 03: 三、整治方式 heads the tasks as 三、工作任务 does; the 1.–20. problems of
    # 二、整治范围和内容 before it, naming no units, are left out and said.
    plan = parse(*_problems_then_tasks("三、整治方式"), year=2019)
    assert read(plan, "number", "lead_units") == [
        (1, ["区公共资源交易中心"]),
        (2, ["区经济发展局"]),
    ]
    assert any("三、整治方式" in warning for warning in plan.warnings)


def test_problems_before_a_part_not_headed_as_tasks_stay():
    # Forbidden: before a part headed otherwise (三、整治目标) they are kept, flagged.
    plan = parse(*_problems_then_tasks("三、整治目标"), year=2019)
    assert len(plan.items) == 5


def _four_articles(
    opening: str, led_group_next: str = "（三）发挥先行先试,做好创新这篇大文章"
) -> str:
    """A plan run into one line: an opening part of numbered points naming no units, then its
    tasks numbered anew under each （一）, closed by their labels (but one group's in ten)."""
    return " ".join(
        [
            "某片区做好四篇大文章实施方案",
            opening,
            "1.两岸融合,国际带动。突出国际旅游岛的功能定位,全力配合推进国际旅游岛建设。",
            "2.创新驱动,改革引领。进一步深化体制机制创新,放大改革创新集成效应。",
            "二、全方位做好四篇大文章",
            "（一）发挥特色优势,做好旅游这篇大文章",
            f"1.南寨山文旅综合项目 {LONG}。 责任处室：经济发展处、社会事业处",
            *(f"{n}.第{n}个旅游项目 {LONG}。 责任处室：社会事业处" for n in range(2, 10)),
            "（二）发挥对台优势,做好对台这篇大文章由党群工作处牵头，经济发展处配合，"
            f"坚持以“通”促融，扎实推动两岸融合发展，{LONG}，具体方案另行制定。",
            led_group_next,
            f"1.探索完善村居联合党委工作 {LONG}。 责任单位：联合党委办公室",
            f"2.农村集体产权制度改革试点工作 {LONG}。 责任处室：财政经管办",
        ]
    )


def test_points_of_a_part_headed_as_the_aims_are_no_tasks():
    # plans36 03: 一、总体要求 （二）基本原则 1.两岸融合… — points of the plan's aims, naming
    # no units, though not titled as aims themselves: left out, said; the tasks, numbered
    # anew under each （一）, numbered from 1.
    plan = parse(
        _four_articles("一、总体要求 （一）指导思想 以新思想为指导。 （二）基本原则"), year=2021
    )
    assert [item.number for item in plan.items] == list(range(1, 13))
    assert plan.items[0].lead_units == ["经济发展处", "社会事业处"]
    assert any("一、总体要求" in warning for warning in plan.warnings)


def test_points_of_a_part_headed_as_targets_stay_tasks():
    # Forbidden: 一、总体目标 1.… may be targets the plan sets as tasks (real_heldout6 07 #1).
    plan = parse(_four_articles("一、总体目标"), year=2021)
    assert len(plan.items) == 14


def test_a_group_led_in_its_words_with_no_task_under_it_is_a_task():
    # plans36 03: （二）…大文章由党群工作处牵头，经济发展处配合，… then （三）: the group is one
    # task (its units left to the user, flagged), not a heading over nothing that drops it.
    plan = parse(_four_articles("一、总体要求 （二）基本原则"), year=2021)
    assert [item.lead_units for item in plan.items][9:] == [
        [],
        ["联合党委办公室"],
        ["财政经管办"],
    ]
    assert "发挥对台优势" in plan.items[9].requirement
    assert plan.items[9].flags


def test_a_group_led_in_its_words_over_numbered_tasks_is_a_heading():
    # Forbidden: the same paragraph with numbered tasks right under it heads them.
    text = _four_articles("一、总体要求 （二）基本原则", led_group_next="")
    plan = parse(text, year=2021)
    assert [item.lead_units for item in plan.items][9:] == [["联合党委办公室"], ["财政经管办"]]


def _price_plan(end: str) -> str:
    """A six-body plan run into one line, each task closed by its labels, and ``end``."""
    return (
        "某局等六部门关于印发《住宿业价格管理工作实施方案》的通知\n岚市监综〔2021〕57号\n"
        "各住宿业经营单位： 现将方案印发给你们。 二、工作任务 "
        f"（一）健全住宿业价格监测机制 {LONG}。 责任单位：区市场监管局 配合单位：区住宿业经营单位 "
        f"（二）签订价格承诺书 {LONG}。 责任单位：区市场监管局、各片区管理局 "
        f"（三）发挥舆论导向和监督作用 {LONG}。 责任单位：区宣传部 配合单位：区融媒体中心 "
        f"三、工作要求 （一）高度重视抓好落实。{LONG}。{end}"
    )


def test_a_page_run_into_one_line_ending_on_its_printing_line_is_read():
    # plans35 02: …纪检监察组。某局办公室 2021年7月6日印发 ends the line holding the whole
    # plan: it was taken for a footer line and the plan dropped (未能识别出任何工作任务).
    plan = parse(_price_plan(" 抄送：纪检监察组。 某局办公室 2021年7月6日印发"), year=2021)
    assert read(plan, "number", "lead_units") == [
        (1, ["区市场监管局"]),
        (2, ["区市场监管局", "各片区管理局"]),
        (3, ["区宣传部"]),
    ]
    assert plan.items[2].due_date is None


def test_a_printing_line_of_its_own_is_still_the_footer():
    # Forbidden: the printing line on a line of its own is no part of the last task.
    plan = parse(_price_plan("\n某局办公室 2021年7月6日印发"), year=2021)
    assert plan.items[2].support_units == ["区融媒体中心"]
    assert plan.items[2].due_date is None
    assert "印发" not in plan.items[2].units_text


def _campaigns(second_group: str) -> list[str]:
    """The pieces a run-on line of campaign groups is cut into where its breaks were lost."""
    return _restore_breaks(
        "一、任务分工（一）资金保障攻坚战分管领导：林某牵头单位：办公室"
        "1.加大存量资金盘活力度。（局各单位配合）2.努力向上争取资金。（局各单位配合）"
        f"{second_group}1.稳投资重点项目策划。（局各单位配合）"
    )


def test_a_group_whose_title_opens_on_xiangmu_is_cut():
    # plans35 01: …（局各单位配合）（二）项目落地攻坚战… — （二）项 reads as a clause reference
    # (（二）项, （三）款) only when 项 is no word's start: 项目 is.
    pieces = _campaigns("（二）项目落地攻坚战分管领导：江某牵头单位：药械处")
    assert any(piece.startswith("（二）项目落地攻坚战") for piece in pieces)


def test_a_clause_reference_is_no_group():
    # Forbidden: 依照（二）项规定 inside a task's sentence heads nothing.
    pieces = _campaigns("3.依照（二）项规定办理。（局各单位配合）")
    assert not any(piece.startswith("（二）") for piece in pieces)


def _led_groups(second_lead: str) -> str:
    """Campaign groups whose headings end on the unit leading them (牵头单位：X), their tasks'
    brackets naming only helpers, but one's."""
    return (
        "某局关于落实四个攻坚战实施方案任务分解的通知 本局各单位：现将任务分解如下。 一、任务分工"
        f"（一）资金保障攻坚战分管领导：林某牵头单位：办公室1.加大存量资金盘活力度。{LONG}。（局各单位配合）"
        f"2.努力向上争取资金。{LONG}。（局各单位配合）"
        f"3.积极盘活国有资产。{LONG}。（财务处牵头，局各单位配合）"
        f"（二）项目落地攻坚战分管领导：江某{second_lead}1.稳投资重点项目策划。{LONG}。（局各单位配合）"
        f"2.第二阶段签约项目。{LONG}。（局相关单位配合）"
        f"二、工作要求（一）提高站位，统一思想。{LONG}。"
    )


def test_a_task_naming_only_helpers_is_led_by_its_groups_labelled_lead():
    # plans35 01: （一）…分管领导：林某牵头单位：办公室 1.…（局各单位配合）: the group's lead leads
    # the tasks whose bracket names only helpers (flagged); a task's own 牵头 stays its own.
    plan = parse(_led_groups("牵头单位：药械处"), year=2020)
    assert read(plan, "lead_units", "support_units") == [
        (["办公室"], ["局各单位"]),
        (["办公室"], ["局各单位"]),
        (["财务处"], ["局各单位"]),
        (["药械处"], ["局各单位"]),
        (["药械处"], ["局相关单位"]),
    ]
    assert any("取自其标题所注的牵头单位" in flag for flag in plan.items[0].flags)
    assert not any("取自其标题" in flag for flag in plan.items[2].flags)


def test_a_group_heading_naming_no_lead_leaves_its_helpers_tasks_unled():
    # Forbidden: a heading naming a person only (分管领导：江某) gives its tasks no lead.
    plan = parse(_led_groups(""), year=2020)
    assert [item.lead_units for item in plan.items][3:] == [[], []]
    assert all("未写明牵头单位，请核对" in item.flags for item in plan.items[3:])
