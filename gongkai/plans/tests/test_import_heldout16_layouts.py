"""Rules of the round on real_heldout16 (issue 14): 政府工作报告 task splits whose units lines
carry the plan's legend (列第一位为牵头或汇总单位, 下同) written in other words than the earlier
batches, and prose plans whose tasks carry two units brackets. The plans here are small and
invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py.
"""

import pytest

from gongkai.lib.unit_text import parse_units
from gongkai.plans.tests.plan_text import parse, read

# ---- the plan's legend, in the words plans use ------------------------------------------------


@pytest.mark.parametrize(
    "units",
    [
        "市交通局、市财政局、市住建局(列第一位为牵头或汇总单位,下同)",
        "市交通局、市财政局、市住建局(列第一位者为牵头或汇总单位,下同)",
        "市交通局,市财政局,市住建局,排名第一位为牵头单位,下同",
        "市交通局、市财政局、市住建局,排在首位的为牵头部门",
        "市交通局、市财政局、市住建局(列第一个的为总牵头单位)",
        "市交通局、市财政局、市住建局(排名第一位者为牵头或总牵头单位)",
        "市交通局、市财政局、市住建局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)",
        "责任单位:市交通局、市财政局、市住建局(除注明外,列第一位的为牵头单位)",
    ],
)
def test_every_wording_of_the_first_leads_legend_makes_the_first_unit_lead(units):
    parsed = parse_units(units)
    assert (parsed.lead, parsed.support) == (["市交通局"], ["市财政局", "市住建局"])
    assert not parsed.flags


@pytest.mark.parametrize(
    "units, lead, support",
    [
        # No legend: a plain list, every unit leads.
        ("市交通局、市财政局、市住建局", ["市交通局", "市财政局", "市住建局"], []),
        # A rank in a name or a goal is no legend.
        ("市交通局、市财政局(力争排名第一位)", ["市交通局", "市财政局"], []),
        # The roles the names say themselves stand.
        ("市交通局、市财政局分别牵头", ["市交通局", "市财政局"], []),
    ],
)
def test_without_the_legend_the_units_say_their_own_roles(units, lead, support):
    parsed = parse_units(units)
    assert (parsed.lead, parsed.support) == (lead, support)


_REPORT_LINES = (
    "一、主要预期目标",
    "1.固定资产投资增长10%。",
    "责任单位:市发改委、市经信局、市财政局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)",
    "2.城乡居民收入增速保持全省领先。",
    "责任单位:市人力社保局、市农业农村局分别牵头",
    "3.实施招商引资“百千”行动,每年招引亿元以上制造业项目100个。",
    "责任单位:市双招双引办、市发改委,各县(市、区)政府",
)


def test_the_legend_on_a_units_line_holds_for_the_lines_below_but_not_for_named_roles():
    plan = parse(*_REPORT_LINES, year=2023)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市发改委"], ["市经信局", "市财政局"]),
        (2, ["市人力社保局", "市农业农村局"], []),
        (3, ["市双招双引办"], ["市发改委", "各县(市、区)政府"]),
    ]


def test_units_lines_without_the_legend_all_lead():
    plan = parse(
        *_REPORT_LINES[:2], "责任单位:市发改委、市经信局、市财政局", *_REPORT_LINES[5:], year=2023
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市发改委", "市经信局", "市财政局"], []),
        (3, ["市双招双引办", "市发改委", "各县(市、区)政府"], []),
    ]


# ---- a bare bracket holding the legend; angle brackets in a name ------------------------------


_ANGLE = (
    "一、落实政府职责",
    "(一)健全管理体制。建立完善市统筹、县级政府为主、镇(街道)参与的学前教育管理体制。"
    "(市教育局,市委农办,各县<市、区>人民政府,排名第一位为牵头单位,下同)",
    "(二)完善投入机制。建立学前教育生均拨款制度,逐年提高财政投入水平。(市财政局,市教育局)",
)


def test_a_bare_bracket_holding_the_legend_names_its_units_and_the_brackets_below():
    plan = parse(*_ANGLE, year=2019)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市教育局"], ["市委农办", "各县<市、区>人民政府"]),
        (2, ["市财政局"], ["市教育局"]),
    ]


def test_an_angle_bracket_inside_a_name_is_kept_and_one_closing_a_name_is_an_aside():
    assert parse_units("市教育局、各县<市、区>人民政府").lead == [
        "市教育局",
        "各县<市、区>人民政府",
    ]
    parsed = parse_units("牵头单位:市政府办公室<市政务公开办>,责任单位:市财政局")
    assert (parsed.lead, parsed.support) == (["市政府办公室"], ["市财政局"])


def test_an_angle_bracket_closing_a_collective_is_kept_as_written_as_a_round_one_is():
    # Collectives as written (issue 14): 各乡镇<街道> as 各乡镇(街道) (real_heldout12 06).
    parsed = parse_units("牵头单位:市政府办公室,责任单位:各乡镇<街道>")
    assert (parsed.lead, parsed.support) == (["市政府办公室"], ["各乡镇<街道>"])
    parsed = parse_units("牵头单位:市政府办公室,责任单位:各乡镇(街道)")
    assert (parsed.lead, parsed.support) == (["市政府办公室"], ["各乡镇(街道)"])


def test_markup_tags_are_still_taken_out_of_a_plan_typed_as_text():
    plan = parse(
        "一、落实政府职责",
        "<p>(一)健全管理体制。建立完善学前教育管理体制。(市教育局牵头,市财政局配合)</p>",
        year=2019,
    )
    assert read(plan, "number", "lead_units", "support_units") == [(1, ["市教育局"], ["市财政局"])]


# ---- a 责任单位 line after a 牵头单位 line: every name the label lists ---------------------------


_TARGETS = (
    "一、主要预期指标",
    "1.区级一般公共预算收入增长5%。",
    "牵头单位:区财政局",
    "责任单位:区税务局、区国资委等",
    "2.固定资产投资总额增长5%以上。",
    "牵头单位:区发改委",
)


def test_state_enterprises_are_units_of_a_support_line():
    plan = parse(*_TARGETS, "责任单位:区住建委、各管委会、区属各重点国企等", year=2023)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区财政局"], ["区税务局", "区国资委"]),
        (2, ["区发改委"], ["区住建委", "各管委会", "区属各重点国企"]),
    ]


def test_a_labelled_list_keeps_a_name_of_no_known_kind_among_units_and_says_so():
    plan = parse(*_TARGETS, "责任单位:区住建委、区商务委、重点商圈等", year=2023)
    item = plan.items[1]
    assert (item.lead_units, item.support_units) == (
        ["区发改委"],
        ["区住建委", "区商务委", "重点商圈"],
    )
    assert any("“重点商圈”不像单位名称" in flag for flag in item.flags)


@pytest.mark.parametrize(
    "line",
    [
        "责任单位:加快建设重点商圈、特色街区",  # a sentence, no list of names
        "责任单位:区住建委、重点商圈、特色街巷等",  # most names are no units
    ],
)
def test_a_labelled_value_that_is_no_list_of_units_is_not_read_as_names(line):
    plan = parse(*_TARGETS, line, year=2023)
    item = plan.items[1]
    assert "重点商圈" not in item.support_units and "特色街巷" not in item.support_units
    assert any("未能识别" in flag for flag in item.flags)


# ---- a numbered task closed by two units brackets; a page cut inside a roles bracket ---------


_TWO_BRACKETS = (
    "二、工作任务",
    "(一)升级产业结构,推动产业绿色转型。",
    "1.制定实施准入清单。完成生态保护红线、环境准入清单编制工作。〔市生态环境局牵头,"
    "市发展和改革局参与,各县、区人民政府负责落实。以下各项工作均需各县、区人民政府落实,不再列出。〕"
    "按省的要求,县级及以上城市建成区原则上不再新建燃煤锅炉。(市生态环境局、市场监管局牵头,"
    "市发展和改革局参与)",
)
_CUT_LAST = (
    "2.排查整治“散乱污”工业企业(场所)。全面落实综合整治工作方案,2019年9月底前,基本完成"
    "全市整治任务。(市生态环境局、发展和改革局牵头督导,市公安局、自然资源局、应急管理局、"
)


def test_one_numbered_task_with_two_units_brackets_stays_one_task_its_units_joined():
    plan = parse(*_TWO_BRACKETS, _CUT_LAST, year=2019)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市生态环境局", "市场监管局"], ["市发展和改革局", "各县、区人民政府"])
    ]
    assert any("多处责任单位括注" in flag for flag in plan.items[0].flags)
    assert any("第2项中途截断" in warning for warning in plan.warnings)


def test_a_last_task_whose_roles_bracket_is_closed_is_kept():
    whole = _CUT_LAST.rstrip("、") + "参与)"
    plan = parse(*_TWO_BRACKETS, whole, year=2019)
    assert [i.number for i in plan.items] == [1, 2]
    assert plan.items[1].lead_units == ["市生态环境局", "发展和改革局"]
    assert not any("截断" in warning for warning in plan.warnings)


def test_numbered_paragraphs_each_holding_two_tasks_with_roles_are_still_cut_into_tasks():
    plan = parse(
        "二、工作任务",
        "(一)升级产业结构。",
        "1.制定实施准入清单。完成环境准入清单编制工作。(市生态环境局牵头)"
        "严格控制燃煤锅炉新建。(市场监管局牵头,市发展和改革局参与)",
        "2.排查整治工业企业。基本完成全市整治任务。(市公安局牵头)"
        "加强工业炉窑治理。(市工业和信息化局牵头)",
        year=2019,
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["市生态环境局"]),
        (2, ["市场监管局"]),
        (3, ["市公安局"]),
        (4, ["市工业和信息化局"]),
    ]


def test_what_a_lead_does_after_its_role_word_is_more_of_the_role():
    parsed = parse_units("市生态环境局、发展和改革局牵头督导,市公安局参与")
    assert (parsed.lead, parsed.support, parsed.note) == (
        ["市生态环境局", "发展和改革局"],
        ["市公安局"],
        "",
    )


def test_other_words_after_the_role_word_stay_a_note():
    parsed = parse_units("市生态环境局牵头宣传环保知识,市公安局参与")
    assert parsed.note


# ---- a task number that lost its dot ----------------------------------------------------------

_GUESS_FLAG = "编号后没有点或顿号"


def _tasks(second: str) -> tuple[str, ...]:
    return (
        "一、加快推进农业高质量发展",
        "1.加快恢复生猪生产。(市农业农村局牵头,市财政局配合,2020年6月底前完成)",
        second,
        "3.推进农产品加工业发展。(市工信局牵头,市农业农村局配合,2020年12月底前完成)",
    )


def test_a_bare_number_read_as_the_task_between_its_neighbours_is_flagged():
    plan = parse(
        *_tasks("2 加强猪肉市场监测和调控。(市商务局牵头,市发改委配合,2020年9月底前完成)"),
        year=2020,
    )
    assert [i.number for i in plan.items] == [1, 2, 3]
    assert [any(_GUESS_FLAG in f for f in i.flags) for i in plan.items] == [False, True, False]


def test_a_task_whose_number_has_its_dot_is_not_flagged_as_a_guess():
    plan = parse(
        *_tasks("2.加强猪肉市场监测和调控。(市商务局牵头,市发改委配合,2020年9月底前完成)"),
        year=2020,
    )
    assert [i.number for i in plan.items] == [1, 2, 3]
    assert not any(_GUESS_FLAG in f for i in plan.items for f in i.flags)


def test_a_plan_numbering_every_task_without_a_dot_has_no_number_guessed():
    plan = parse(
        "一、加快推进农业高质量发展",
        "1 加快恢复生猪生产。(市农业农村局牵头,市财政局配合,2020年6月底前完成)",
        "2 加强猪肉市场监测和调控。(市商务局牵头,市发改委配合,2020年9月底前完成)",
        "3 推进农产品加工业发展。(市工信局牵头,市农业农村局配合,2020年12月底前完成)",
        year=2020,
    )
    assert [i.number for i in plan.items] == [1, 2, 3]
    assert not any(_GUESS_FLAG in f for i in plan.items for f in i.flags)


@pytest.mark.parametrize(
    "last, lead, support",
    [
        # The last bracket says the roles: the bare name inside the text is an aside.
        ("(市公安局牵头,市应急局参与)", ["市公安局"], ["市应急局"]),
        # It does not: which bracket names the units is not known, both are read, flagged.
        ("(市公安局、市应急局)", ["场所", "市公安局", "市应急局"], []),
    ],
)
def test_a_bare_name_in_brackets_inside_the_text_is_an_aside_only_beside_a_roles_bracket(
    last, lead, support
):
    plan = parse(
        "二、工作任务",
        "1.开展燃煤锅炉整治。完成锅炉淘汰工作。(市生态环境局牵头)",
        "2.排查整治工业企业(场所)。全面落实综合整治工作方案,基本完成全市整治任务。" + last,
        year=2019,
    )
    item = plan.items[1]
    assert (item.lead_units, item.support_units) == (lead, support)
    assert any("多处责任单位括注" in f for f in item.flags) == (support == [])


_MANY = (
    "二、工作任务",
    "1.开展燃煤锅炉整治。完成锅炉淘汰工作。(市生态环境局牵头)",
    "3.推进工业炉窑治理。完成炉窑清单编制。(市工业和信息化局牵头)",
    "4.加强扬尘管控。落实施工工地扬尘防治措施。(市住房和城乡建设局牵头)",
)


def test_a_task_among_many_whose_two_brackets_share_their_lead_stays_one_task():
    second = (
        "2.制定实施准入清单。完成清单编制工作。(市生态环境局牵头,市发展和改革局参与)"
        "严格控制新建燃煤锅炉。(市生态环境局、市场监管局牵头)"
    )
    plan = parse(_MANY[0], _MANY[1], second, *_MANY[2:], year=2019)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市生态环境局"], []),
        (2, ["市生态环境局", "市场监管局"], ["市发展和改革局"]),
        (3, ["市工业和信息化局"], []),
        (4, ["市住房和城乡建设局"], []),
    ]


def test_a_task_among_many_whose_two_brackets_name_other_leads_is_cut_in_two():
    second = (
        "2.制定实施准入清单。完成清单编制工作。(市生态环境局牵头,市发展和改革局参与)"
        "各县区统筹推进锅炉淘汰。(市场监管局牵头)"
    )
    plan = parse(_MANY[0], _MANY[1], second, *_MANY[2:], year=2019)
    assert read(plan, "lead_units") == [
        (["市生态环境局"],),
        (["市生态环境局"],),
        (["市场监管局"],),
        (["市工业和信息化局"],),
        (["市住房和城乡建设局"],),
    ]
    assert any("逐项拆分" in f for f in plan.items[2].flags)
