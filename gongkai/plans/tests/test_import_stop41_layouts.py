"""Rules of stop 41 (issue 14) on shapes the read batches plans35 and plans39 and the blind batch
plans43 showed: a duties part whose paragraph is a run of clauses, each opening on its units
(X负责…，Y负责…); numbers joined into the plan's last task; a legend under a table saying its
first unit leads. The plans here are small and invented, typed in the shape each layout has;
the real ones are scored by corpus_score."""

from gongkai.plans.importers import parse_plan_file
from gongkai.plans.importers.breaks import angle_closed
from gongkai.plans.tests.corpus_score import office_file
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


_LEGEND = "注：主要责任单位第一个为牵头单位，其余为主要配合单位。"


def _units_table(*notes: str, units: str = "区经发局\n区环土局\n相关乡镇人民政府") -> list[tuple]:
    """A Word table whose units cells list names one a line, with ``notes`` above it."""
    spec = {
        "format": "docx",
        "before": ["2016年生态环境保护工作要点分工表", *notes],
        "rows": [
            ["序号", "主要工作任务", "完成时限", "主要责任单位"],
            ["1", "建立生态文明建设领导机制", "3月", units],
            ["2", "组织编制生态文明建设规划", "12月", "区环土局"],
        ],
    }
    plan = parse_plan_file(office_file(spec), "plan.docx", 2016)
    return read(plan, "lead_units", "support_units")


def test_a_legend_by_the_table_makes_every_cells_first_unit_lead():
    # plans43 02: 注：主要责任单位第一个为牵头单位，其余为主要配合单位 — the plan's one note on how
    # its units cells read; read as a plain list, every unit led (34 items silently wrong).
    assert _units_table(_LEGEND) == [
        (["区经发局"], ["区环土局", "相关乡镇人民政府"]),
        (["区环土局"], []),
    ]


def test_a_legend_under_the_table_reads_the_same():
    # The page prints it under the table: in a sheet, a row of its own after the tasks.
    spec = {
        "format": "xlsx",
        "before": ["2016年生态环境保护工作要点分工表"],
        "rows": [
            ["序号", "主要工作任务", "完成时限", "主要责任单位"],
            ["1", "建立生态文明建设领导机制", "3月", "区经发局、区环土局"],
            ["2", "组织编制生态文明建设规划", "12月", "区环土局"],
            [_LEGEND, "", "", ""],
        ],
    }
    plan = parse_plan_file(office_file(spec), "plan.xlsx", 2016)
    assert read(plan, "lead_units", "support_units") == [
        (["区经发局"], ["区环土局"]),
        (["区环土局"], []),
    ]


def test_no_legend_or_roles_written_leave_the_cell_as_written():
    # Forbidden: with no legend every unit of a plain list leads; a cell naming its roles
    # (X牵头，Y配合) is read by them, whatever the legend says; a long paragraph of the plan
    # holding the phrase is no note on the table.
    assert _units_table()[0] == (["区经发局", "区环土局", "相关乡镇人民政府"], [])
    roles = "区环土局牵头，区经发局、相关乡镇人民政府配合"
    assert _units_table(_LEGEND, units=roles)[0] == (
        ["区环土局"],
        ["区经发局", "相关乡镇人民政府"],
    )
    paragraph = "各单位要高度重视生态环境保护工作，明确分管领导和具体责任人，" * 2 + _LEGEND
    assert _units_table(paragraph)[0] == (["区经发局", "区环土局", "相关乡镇人民政府"], [])


_INTRODUCED = (
    "一、明确保障粮食安全责任",
    "（一）强化政府粮食安全责任。各乡镇人民政府必须切实承担起保障粮食安全的主体责任。主要职责是：",
    "1.严守耕地红线，稳定粮食播种面积和粮食产量。",
    "2.落实和完善粮食扶持政策，抓好粮食购销；",
    "3.完善储备粮管理制度，落实粮食储备规模。责任单位：区直各相关单位，各乡镇人民政府。",
    "（二）强化有关部门职责。加强粮食行政管理机构和队伍建设。责任单位：区农村发展局、财政金融局。",
    "二、提高粮食综合生产能力",
    "（三）落实最严格的耕地保护制度。做好基本农田的保护工作。责任单位：区环境与国土资源局。",
)


def test_points_a_groups_heading_introduces_are_that_groups_one_task():
    # plans43 06: （一）…主要职责是：1.…8.…责任单位：X, the plan's other （一）s each one task
    # closed by its units: the points are the task's, not eight tasks of which seven name no unit.
    plan = parse(_TITLE, *_INTRODUCED, year=2016)
    assert read(plan, "number", "lead_units") == [
        (1, ["区直各相关单位", "各乡镇人民政府"]),
        (2, ["区农村发展局", "财政金融局"]),
        (3, ["区环境与国土资源局"]),
    ]
    assert "严守耕地红线" in plan.items[0].requirement


def test_points_with_no_introduction_or_numbered_again_stay_tasks():
    # Forbidden: a heading that does not introduce its points (no closing colon) heads tasks
    # sharing the units; so do points numbered again under each 一是…： (lists inside one part,
    # real_heldout18 05's shape: the rule first read it 0/6).
    plain = [_INTRODUCED[1].replace("主要职责是：", "")]
    plan = parse(_TITLE, _INTRODUCED[0], *plain, *_INTRODUCED[2:], year=2016)
    assert len(plan.items) == 5
    again = [_INTRODUCED[3].replace("2.", "1.")]
    plan = parse(_TITLE, *_INTRODUCED[:3], *again, *_INTRODUCED[4:], year=2016)
    assert len(plan.items) > 3


_DUTY_BLOCKS = (
    "关于加强独居老人消防安全工作的实施方案",
    "一、工作目标",
    "全面排摸独居老人底数，落实分级分类管理，有效防范火灾事故发生。",
    "二、职责分工",
    "1.街道消委办。牵头开展独居老人消防安全关爱工作，建立分级分类管理机制。",
    "2.派出所。配合开展独居老人消防安全关爱工作，负责消防安全隐患的确认。",
    "3.城运中心。根据区网格中心要求，推动将独居老人消防安全管理工作纳入平台。",
    "三、工作要求",
    "1.加强组织领导。各部门要提高思想认识，细化任务分工，互相协作配合。",
    "2.强化宣传引导。利用多种形式宣传消防安全常识，营造良好氛围。",
)


def test_numbered_duties_headed_by_their_unit_and_a_full_stop_are_its_tasks():
    # plans44 06: 二、职责分工 1.街道消委办。牵头… 2.派出所。配合… 3.城运中心。根据… — each block's
    # opening sentence is its unit's name alone; the plan names units nowhere else.
    plan = parse(*_DUTY_BLOCKS, year=2022)
    assert read(plan, "lead_units") == [(["街道消委办"],), (["派出所"],), (["城运中心"],)]
    assert any("其余 2 段" in warning for warning in plan.warnings)


def test_a_title_closed_by_a_full_stop_is_no_unit():
    # Forbidden: 1.加强组织领导。… opens on its title, no unit's name: the 三、 paragraphs are
    # no one's duties, and a plan of such titles alone reads no units.
    plan = parse(*_DUTY_BLOCKS[:3], *_DUTY_BLOCKS[7:], year=2022)
    assert all(not item.lead_units for item in plan.items)


def test_a_units_bracket_closed_by_an_angle_bracket_is_closed():
    # plans43 01: …示范店。（区市场监管局〉5.开展餐饮业食品监督抽检。… — the typist's 〉
    # closes the bracket; read open, it ran on over task 5, and every number after slipped.
    tasks = (
        "二、目标任务",
        "1.开展餐饮服务标准化建设。创建1条餐饮食品安全示范街。（区市场监管局〉",
        "2.开展餐饮业食品监督抽检。加大问题产品的抽检力度。（区市场监管局）",
        "3.开展食品安全社会共治建设试点。打好食品安全监管基础。（区食安办、区财政金融局）",
    )
    plan = parse(*crawled_page(_TITLE, *tasks), year=2015)
    assert read(plan, "number", "lead_units") == [
        (1, ["区市场监管局"]),
        (2, ["区市场监管局"]),
        (3, ["区食安办", "区财政金融局"]),
    ]
    # Forbidden: 〈…〉 is a pair of its own (市政府办公室〈市政务公开办〉), left as written.
    assert angle_closed("（市政府办公室〈市政务公开办〉）") == "（市政府办公室〈市政务公开办〉）"


_OUTLINE_AND_DUTIES = (
    "关于印发住宅小区违法行为综合治理工作方案的通知",
    "三、重点工作",
    "1.充分发挥部门协作合力作用。建立住宅小区违法行为综合治理协作会商工作机制。",
    "2.加强教育培训和普法宣传。强化普法宣传、典型案例宣传，在执法中普法。",
    "四、部门职责",
    "（一）区城管执法局：负责年度住宅小区违法行为查处工作计划的制定、组织协调和日常监督。",
    "（二）区房管局：指导街镇督促物业服务企业落实住宅小区日常管理职责。",
    "（三）区绿化市容局：协助执法部门依法对住宅小区占绿毁绿问题进行认定。",
    "五、工作要求",
    "（一）加强组织领导。各相关职能部门要提高思想认识，细化任务分工，互相协作配合。",
    "（二）善用数据平台。充分发挥大数据信息化平台作用，提高解决问题的针对性。",
)


def test_a_plans_duties_are_its_tasks_when_it_names_units_nowhere_else():
    # plans44 08: outline paragraphs naming no unit around 六、部门职责 (一)区城管执法局：…
    # — the duties are the plan's division of labour; the outline is left out, and said.
    plan = parse(*_OUTLINE_AND_DUTIES, year=2024)
    assert read(plan, "number", "lead_units") == [
        (1, ["区城管执法局"]),
        (2, ["区房管局"]),
        (3, ["区绿化市容局"]),
    ]
    assert any("其余 4 段" in warning for warning in plan.warnings)


def test_one_duty_among_unitless_tasks_or_tasks_naming_units_leave_the_plan_as_read():
    # Forbidden: a single duty paragraph is no division of labour (every task kept), and a plan
    # whose tasks name their units by label keeps them all.
    one_duty = (*_OUTLINE_AND_DUTIES[:6], *_OUTLINE_AND_DUTIES[8:])
    assert len(parse(*one_duty, year=2024).items) == 5
    labelled = _OUTLINE_AND_DUTIES[2].replace("工作机制。", "工作机制。（责任单位：区司法局）")
    plan = parse(*_OUTLINE_AND_DUTIES[:2], labelled, *_OUTLINE_AND_DUTIES[3:], year=2024)
    assert read(plan, "lead_units")[:2] == [(["区司法局"],), ([],)]
