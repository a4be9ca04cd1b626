"""Rules of the round on the blind batch plans27 (issue 14, stop 36). The plans here are small
and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py once they are dev data, and by bench/heldout until then."""

from datetime import date

from gongkai.lib.deadline_text import parse_deadline
from gongkai.plans.importers.breaks import _title_then_intro
from gongkai.plans.importers.items import GROUP_UNITS_FLAG
from gongkai.plans.tests.plan_text import LONG, parse, read

_PARTS_AS_TASKS = (
    "某片区扎实做好六稳工作实施方案",
    "一、推动物流贸易增产增效",
    f"落实相关部署，力争全年进出口贸易同比增长，{LONG}。",
    "责任单位：经济发展处、交通建设处",
    "二、创新服务方式精准服务企业",
    f"由片区干部挂钩服务重点企业，{LONG}。",
    "责任处室：各处室、各办事处",
    "三、加强组织保障",
    "（一）抓好政策落实。加强政策宣贯解读，及时释放积极信号，坚定企业发展信心。",
    "（二）强化要素保障。坚持深入企业和项目一线，主动靠前服务，积极协调争取资金。",
)


def test_parts_each_closed_by_a_units_label_line_are_tasks_under_their_part():
    # …and the closing part's （一）s, naming no units, are its measures (left out, said)
    plan = parse(*_PARTS_AS_TASKS, year=2020)
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、推动物流贸易增产增效", ["经济发展处", "交通建设处"]),
        (2, "二、创新服务方式精准服务企业", ["各处室", "各办事处"]),
    ]


def test_a_part_whose_paragraph_names_no_units_stays_a_heading():
    # Forbidden: a part closed by a line that is no units label (a note) is not a task.
    lines = list(_PARTS_AS_TASKS)
    lines[3] = "备注：以上工作按月报送"
    plan = parse(*lines, year=2020)
    assert all(item.section != "一、推动物流贸易增产增效" for item in plan.items)


def test_a_part_titled_by_a_label_alone_is_cut_from_the_paragraph_run_into_it():
    assert _title_then_intro(
        "二、主要任务推动各有关处室和企业单位落实责任，务必把安全放在首位"
    ) == [
        "二、主要任务",
        "推动各有关处室和企业单位落实责任，务必把安全放在首位",
    ]
    # Forbidden: a longer title going on after the label (分工, 和…, a bracket, 任务 after 目标),
    # or a purpose clause, cut with the list of duties it opens (unit_entries)
    for title in (
        "二、主要任务分工如下，各处室",
        "二、重点任务和责任分工，各处室",
        "一、工作目标任务是到年底，完成",
        "二、职责分工为切实加强领导，成立领导小组",
    ):
        assert _title_then_intro(title) == [title]


def test_a_units_label_naming_the_other_kind_in_brackets_is_a_units_label():
    plan = parse(
        "三、工作内容",
        "1.构建道安工作机制。健全例会制度，每季度召开道安会议，总结成效。责任处室（单位）：局整治办、交通与建设处",
        "2.提升协调督导作用。综合运用警示、通报、约谈等措施，压实工作责任。责任处室（单位）：社会事业处",
        year=2020,
    )
    assert read(plan, "lead_units") == [(["局整治办", "交通与建设处"],), (["社会事业处"],)]


def test_only_another_kind_of_unit_in_the_label_s_brackets_makes_it_a_units_label():
    import re

    from gongkai.lib.unit_text import UNITS_LABEL

    assert re.fullmatch(UNITS_LABEL, "责任处室（单位）") and re.fullmatch(
        UNITS_LABEL, "牵头单位(部门)"
    )
    # Forbidden: any other bracket (a year, a remark) does not make the label
    assert not re.fullmatch(UNITS_LABEL, "责任处室（2020年）")
    assert not re.fullmatch(UNITS_LABEL, "责任处室（备注）")


def test_before_written_long_is_read_as_before_and_flagged_the_same():
    # 10月之前: as 10月前, the last day before October, flagged as ambiguous
    long, short = parse_deadline("10月之前", 2020), parse_deadline("10月前", 2020)
    assert long.due_date == short.due_date == date(2020, 9, 30)
    # each flag quotes what the cell wrote
    assert long.flags == ["“10月之前”已按上月底计（也可能指当月底），请核对"]
    assert short.flags == ["“10月前”已按上月底计（也可能指当月底），请核对"]
    # Forbidden: a month's end or a day written long is no ambiguous month
    assert parse_deadline("10月底之前", 2020).flags == []
    assert parse_deadline("6月30日之前", 2020).due_date.isoformat() == "2020-06-30"


_GROUPS = (
    "三、工作内容",
    "（一）健全管理责任机制",
    "1.构建道安工作机制。健全局道安工作例会制度，每季度召开道安会议。",
    "2.提升协调督导作用。综合运用警示、通报、约谈等问责措施。（责任处室：局道安办、各相关业务处室）",
    "（二）健全源头管理机制",
    "1.健全涉校交通安全管理责任制。严格落实校车安全监管责任。（责任处室：局社会事业处）",
    "2.开展校车专项整治。组织开展校车及集中接送学生车辆专项整治。（责任处室：局社会事业处、交通与建设处）",
)


def test_a_group_closed_by_one_bracket_gives_its_units_to_its_tasks_flagged():
    plan = parse(*_GROUPS, year=2020)
    assert read(plan, "number", "lead_units") == [
        (1, ["局道安办", "各相关业务处室"]),
        (2, ["局道安办", "各相关业务处室"]),
        (3, ["局社会事业处"]),
        (4, ["局社会事业处", "交通与建设处"]),
    ]
    assert GROUP_UNITS_FLAG.format(plan.items[0].subsection) in plan.items[0].flags
    assert not any("所在分组" in flag for item in plan.items[1:] for flag in item.flags)


def test_a_plan_where_no_group_names_every_task_is_left_as_read():
    # Forbidden: without a group naming each task's units, a last bracket is that task's
    lines = list(_GROUPS)
    lines[5] = "1.健全涉校交通安全管理责任制。严格落实校车安全监管责任。"
    plan = parse(*lines, year=2020)
    assert read(plan, "number", "lead_units")[0] == (1, [])
    assert read(plan, "number", "lead_units")[2] == (3, [])


def _run_on_with_parts(second_part: str) -> str:
    return (
        f"某片区重点行业领域专项整治方案 一、总体要求 {LONG}。二、工作目标 {LONG}。"
        f"三、组织领导 {LONG}。四、重点任务及分工（一）矛盾纠纷"
        "1.深入开展矛盾纠纷排查化解。重点排查邻里纠纷、土地纠纷，及时有效化解。"
        "牵头单位:政法综治处责任单位:社会事业处、辖区内各派出所（二）安全生产"
        "2.深入开展安全隐患排查化解。重点排查生产安全、公共安全等方面存在的安全隐患。"
        f"牵头单位:政法综治处责任单位:资源生态处、各村（社区）{second_part}"
        f"第一阶段:迅速动员部署。结合本辖区实际，{LONG}。"
    )


def test_a_part_numbered_again_by_a_slip_after_a_units_list_is_a_new_part():
    # …各村（社区）四、实施阶段: the page numbers two parts 四; the list ends at the second
    plan = parse(_run_on_with_parts("四、实施阶段"), year=2020)
    assert plan.items[-1].support_units == ["资源生态处", "各村（社区）"]
    assert "实施阶段" not in plan.items[-1].units_text


def test_a_repeated_numeral_inside_a_units_list_is_no_part():
    # Forbidden: a numeral not after a name's end (…各村（社区）等四、…) is not cut at
    plan = parse(_run_on_with_parts("等四、"), year=2020)
    assert plan.items[-1].support_units != ["资源生态处", "各村（社区）"]
