"""Rules of stop 41 (issue 14) on a shape the read batch plans39 showed: a duties part whose
paragraph is a run of clauses, each opening on its units (X负责…，Y负责…). The plans here are
small and invented, typed in the shape the layout has; the real one is scored by corpus_score."""

from gongkai.plans.tests.plan_text import crawled_page, parse, read

_TITLE = "关于加强节日市场监管工作的通知"
_AIMS = "一、加强组织领导，确保市场秩序稳定。认真贯彻上级部门的通知精神，切实加强组织领导。"
_DUTIES_HEADING = "二、明确职责分工，强化督导检查"
_DUTIES = (
    "市场规范管理处负责牵头查处网络交易违法行为，信用信息监督管理处负责牵头查处无照经营违法行为，"
    "各分局、稽查支队负责查办相关案件。分局负责人要切实负起责任，抓好工作落实。"
)
_MEASURES = (
    "三、工作内容和要求",
    "（一）开展专项执法行动。对商品批发市场、集贸市场集中力量开展专项执法检查。",
    "（二）落实值班制度。严格节日值班制度，有效应对和妥善处置节日市场突发问题。",
)
_LEADS = [(["市场规范管理处"],), (["信用信息监督管理处"],), (["各分局", "稽查支队"],)]


def test_a_duties_paragraph_of_clauses_is_one_task_a_clause():
    # plans39 04: each clause opening on its units and 负责 is a unit's duty, the plan's tasks
    # (it names units nowhere else); 分局负责人要… is a person's duty, no clause of its own.
    plan = parse(_TITLE, _AIMS, _DUTIES_HEADING, _DUTIES, *_MEASURES, year=2016)
    assert read(plan, "lead_units") == _LEADS
    assert {item.section for item in plan.items} == {_DUTIES_HEADING}
    assert "分局负责人要切实负起责任" in plan.items[-1].requirement
    assert any("其余 2 段" in warning for warning in plan.warnings)


def test_a_duties_heading_run_into_its_first_clause_is_cut_where_its_phrases_pair():
    # plans39 04 as captured: 二、明确职责分工，强化督导检查市场规范管理处负责… — the title's second
    # phrase is as long as its first; what follows it is the first clause's unit.
    page = crawled_page(_TITLE, _AIMS, _DUTIES_HEADING + _DUTIES, *_MEASURES)
    plan = parse(*page, year=2016)
    assert read(plan, "lead_units") == _LEADS
    assert plan.items[0].section == _DUTIES_HEADING


def test_clauses_inside_a_numbered_task_stay_that_task():
    # Forbidden: a task's paragraph naming who does which part (1.…，区财政局负责…，区发改委负责…)
    # is one task, not a paragraph of duties.
    task = (
        "1.保障重点项目建设。统筹安排建设资金，区财政局负责资金保障，区发改委负责项目审批。"
        "（责任单位：区财政局）"
    )
    plan = parse(_TITLE, "二、主要任务", task, year=2016)
    assert read(plan, "number", "lead_units") == [(1, ["区财政局"])]


def test_a_paragraph_opening_on_no_unit_is_no_list_of_duties():
    # Forbidden: clauses with units after an opening that is no unit's duty are the paragraph's
    # own words (its units read, if at all, as a sentence's).
    opening = "认真贯彻上级部署，" + _DUTIES
    plan = parse(_TITLE, _AIMS, _DUTIES_HEADING, opening, *_MEASURES, year=2016)
    assert read(plan, "lead_units") != _LEADS


def test_a_heading_run_into_units_with_no_duties_word_is_not_cut():
    # Forbidden: the pairing cut is for a duties part's title (职责/分工); another part's title
    # run into a clause is left as it was read.
    heading = "二、加强组织领导，强化督导检查"
    page = crawled_page(_TITLE, _AIMS, heading + _DUTIES, *_MEASURES)
    plan = parse(*page, year=2016)
    assert read(plan, "lead_units")[:1] != _LEADS[:1]


_GROUP = (
    "三、主要任务",
    "（一）坚持思想先行强根基",
    "1.理论武装头脑。坚持把学习宣传贯彻党的创新理论作为首要任务。责任部门：党群工作处",
    "（二）深化基层减负提效能",
    "2.理清权责。各处室要制定完善自身职责清单，层层压实责任。3.精文减会。坚决防止文山会海反弹回潮，"
    "严禁重复发文。4.创新机制。建立三级联动的事务协调机制。责任部门：党政办公室牵头，各处室配合",
)


def test_numbers_joined_past_the_last_task_are_said_in_a_warning():
    # plans35 06: 18.理清权责。…19.精文减会。…20.创新机制。…责任部门：… read as one task; the gaps
    # the numbers read show (缺少：…) cannot show 19 and 20, the plan's last numbers.
    plan = parse(_TITLE, *_GROUP, year=2020)
    assert read(plan, "number") == [(1,), (2,)]
    assert "原文编号为3、4的任务连在第2项的内容中，未单独读出，请核对" in plan.warnings


def test_a_tasks_own_points_and_a_gap_already_said_get_no_such_warning():
    # Forbidden: a task whose text numbers its own points (2.… 1.… 2.…) holds no joined task;
    # a number joined before a task read after it is a gap the 缺少 warning names already.
    own = "2.理清权责。1.制定职责清单。2.压实责任。3.定期通报。责任部门：党政办公室"
    plan = parse(_TITLE, *_GROUP[:4], own, year=2020)
    assert not any("连在第" in warning for warning in plan.warnings)
    gap = (*_GROUP, "5.强化督查。建立督查督办机制。责任部门：党政办公室")
    plan = parse(_TITLE, *gap, year=2020)
    assert not any("连在第" in warning for warning in plan.warnings)
    assert any("缺少：3、4" in warning for warning in plan.warnings)
