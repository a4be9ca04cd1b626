"""Rules of the fourteenth round on plans of other bodies (issue 14), from real_heldout12's
failures: page 2 of split documents whose tasks are closed by bare role labels. The plans here
are small and invented, typed by hand in the shape each layout has; the real ones are scored by
test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.tests.plan_text import parse, read

# ---- 一、 paragraphs closed by bare labels, run into one line ---------------------------------

_RUN_ON = (
    "[接上页] 牵头单位:市发改委(市物价局)、市统计局。 责任单位:各区县政府。 "
    "七、推进公共资源配置信息公开 完善公共资源交易平台,及时公开交易公告、成交结果等信息,"
    "接受社会监督,提升公共资源配置的透明度。推进公共资源交易全流程电子化,实现交易信息"
    "统一发布、交易过程全程留痕、交易结果及时公开,强化对交易活动的动态监管。 "
    "牵头单位:市公管办(市交易中心)、市财政局。 "
    "责任单位:各区(市)县政府,市政府有关部门。 "
    "八、做好政府信息公开年度报告工作 按时编制并公布政府信息公开工作年度报告,如实反映"
    "工作情况,接受社会评议。 牵头单位:市政府办公厅(市政务公开办)。 责任单位:市政府各部门。 "
    "九、加强政务公开培训 组织开展政务公开业务培训,提升工作人员的能力和水平,把政务公开"
    "纳入干部教育培训内容,分级分类开展业务培训,并针"
)


def test_headings_closed_by_bare_labels_are_tasks_numbered_as_written():
    plan = parse(_RUN_ON, year=2011)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (7, "", ["市公管办", "市财政局"], ["各区(市)县政府", "市政府有关部门"]),
        (8, "", ["市政府办公厅"], ["市政府各部门"]),
    ]


def test_a_bracket_after_a_name_in_a_labelled_list_is_its_alias_not_a_units_bracket():
    # Forbidden: (市物价局) / (市交易中心) taken as brackets closing tasks, cutting the plan into
    # pieces (the page's orphan labels, 七's text and its labels each read as a task).
    plan = parse(_RUN_ON, year=2011)
    assert len(plan.items) == 2
    assert all(
        "市物价局" not in u and "交易中心" not in u for i in plan.items for u in i.lead_units
    )


def test_an_alias_is_known_after_a_name_holding_a_bracket_of_its_own():
    text = _RUN_ON.replace("牵头单位:市政府办公厅(", "牵头单位:各区(市)县政府、市政府办公厅(")
    assert read(parse(text, year=2011), "number", "lead_units")[1] == (
        8,
        ["各区(市)县政府", "市政府办公厅"],
    )


def test_a_heading_whose_paragraph_names_no_units_stays_no_task():
    # Forbidden: 九、 (cut by the page before its labels) read as a task with no units.
    plan = parse(_RUN_ON, year=2011)
    assert 9 not in [item.number for item in plan.items]


# ---- a stage heading of a numbered plan that is one task --------------------------------------


def test_a_stage_heading_followed_by_its_paragraph_and_label_lines_is_a_task():
    plan = parse(
        "3.汇总上报。各地、各部门将本单位编制完成的目录报送市政府办公室审核,并按审核意见修改完善后上网公开。",
        "责任单位:市政府办公室,各县(市)区政府。",
        "完成时间:2008年3月20日前。",
        "(三)检查验收阶段根据",
        "考核办法的要求,对各地、各部门目录编制及公开情况进行检查验收,对全市工作进行总结评比。",
        "责任单位:市政府办公室。",
        "完成时间:2008年3月底。",
        "四、工作要求",
        "各地、各部门要高度重视,制定各自的工作方案,明确任务,落实责任,认真组织实施。",
        year=2008,
    )
    # 3. and (三) mix the plan's levels: numbered in page order, warned.
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["市政府办公室", "各县(市)区政府"], date(2008, 3, 20)),
        (2, ["市政府办公室"], date(2008, 3, 31)),
    ]
    assert any("重新编号" in warning for warning in plan.warnings)


def test_a_heading_over_numbered_tasks_stays_a_heading():
    # Forbidden: a （二） heading read as a task when numbered tasks stand under it, even
    # though the last of them is followed by label lines.
    plan = parse(
        "(二)公开审核阶段",
        "1.审核报审稿。市政府办公室对各地、各部门报送的目录进行审核并提出修改意见。",
        "责任单位:市政府办公室。",
        "2.公示汇总。各地、各部门将审定后的目录上网公开,并报送市政府办公室备案。",
        "责任单位:市政府各部门。",
        year=2008,
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "(二)公开审核阶段", ["市政府办公室"]),
        (2, "(二)公开审核阶段", ["市政府各部门"]),
    ]


# ---- a page cut after a quote, before the task's bracket --------------------------------------


_BRACKETED = (
    "一、提升政务服务效能",
    "(一)深化“一件事一次办”改革,梳理业务办理情形,丰富应用场景,优化升级智能导办服务。"
    "(县行政审批服务局牵头,县直相关单位按职责分工负责)",
    "(二)推进政务服务一体化平台建设,推动小程序与政务服务系统互联互通,推行全程网办。"
    "(县行政审批服务局牵头,县直相关单位按职责分工负责)",
)


def test_a_page_cut_after_a_quote_leaves_the_half_task_out():
    plan = parse(
        *_BRACKETED,
        "(三)推进综合窗口设置。按照相对集中办理的原则,设置市场准入、工程建设项目等“综合窗”",
        year=2021,
    )
    assert [item.number for item in plan.items] == [1, 2]
    assert any("第3项中途截断" in warning for warning in plan.warnings)


def test_a_last_task_closed_by_a_full_stop_is_kept_though_it_names_no_units():
    # Forbidden: a whole last paragraph (its sentence ended) dropped as cut; it stays,
    # flagged for its missing units.
    plan = parse(*_BRACKETED, "(三)推进综合窗口设置,设置市场准入等“综合窗”。", year=2021)
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert plan.items[2].lead_units == [] and plan.items[2].flags


# ---- a collective of two kinds of body -------------------------------------------------------


def test_a_collective_with_its_qualifier_covering_two_kinds_of_body_is_one_unit():
    plan = parse(
        "1.深化政务服务“网上办”,持续优化办事流程。(牵头单位:市行政审批服务局;责任单位:"
        "市直有关部门、单位,各区市政府)",
        "2.优化“掌上办”功能,拓宽移动端服务范围。(牵头单位:市大数据局;责任单位:县直相关单位、部门)",
    )
    assert read(plan, "support_units") == [
        (["市直有关部门、单位", "各区市政府"],),
        (["县直相关单位、部门"],),
    ]


# ---- a | row whose last cell wrapped onto a line of its own -----------------------------------

_HEADER = "工作任务 | 具体要求 | 具体措施 | 牵头落实科室 | |"


def test_a_units_cell_wrapped_onto_its_own_line_belongs_to_the_row_above():
    plan = parse(
        _HEADER,
        "一、重点领域公开 | (一)推进建议提案办理结果公开。 | 1.及时公开答复。 2.公开总体情况。 |",
        "办公室 | |",
        "(二)公开预算执行审计报告。 | 审计报告须在局政务网公开。 | 财务室、技术科 | ||",
        year=2017,
    )
    assert read(plan, "number", "lead_units") == [(1, ["办公室"]), (2, ["财务室", "技术科"])]


def test_a_lone_cell_that_names_no_units_is_not_joined_to_the_row_above():
    # Forbidden: a line of text (not units) joined to a short row as its units cell.
    plan = parse(
        _HEADER,
        "一、重点领域公开 | (一)推进建议提案办理结果公开。 | 1.及时公开答复。 |",
        "做好公开答复的跟踪督办工作,确保按时办结。 | |",
        "(二)公开预算执行审计报告。 | 审计报告须在局政务网公开。 | 财务室、技术科 | ||",
        year=2017,
    )
    assert all("做好" not in unit for item in plan.items for unit in item.lead_units)
