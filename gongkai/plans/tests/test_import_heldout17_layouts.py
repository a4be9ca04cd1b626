"""Rules of the round on real_heldout17 (issue 14): documents of the State Council given as the
HTML of one table cell, their prose tasks each closed by a units bracket, the issuer and date at
the end; 2009年底前 tasks with 责任单位及责任人 lines; a person named before the units. The plans
here are small and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py.
"""

import pytest

from gongkai.plans.importers import PlanImportError, parse_plan_text
from gongkai.plans.tests.plan_text import parse, read

# ---- a document laid out in one table cell, signed and dated at its end ------------------------

_CELL_PAGE = (
    '<table><tbody><tr><td><p style="text-indent: 2em;">一、稳定就业</p>'
    '<p style="text-indent: 2em;">（一）支持企业稳岗。加大稳岗支持力度。'
    '<span style="font-family: 楷体;">（市人社局、市财政局负责）</span></p>'
    '<p style="text-indent: 2em;">（二）加强职业培训。扩大培训规模。'
    '<span style="font-family: 楷体;">（市人社局、市教育局负责）</span></p>'
    '<p style="text-align: right;">{issuer} &nbsp; &nbsp; &nbsp;</p>'
    '<p style="text-align: right;">2018年11月16日&nbsp;&nbsp;&nbsp;&nbsp;</p>'
    '<p style="text-indent: 2em;">（此件公开发布）</p></td></tr><tr><td></td></tr></tbody></table>'
)


def test_the_issuer_and_date_ending_a_one_cell_page_are_no_deadline():
    for issuer in ("国务院", "某市人民政府办公室"):
        plan = parse_plan_text(_CELL_PAGE.format(issuer=issuer), 2018)
        assert read(plan, "number", "lead_units", "due_date") == [
            (1, ["市人社局", "市财政局"], None),
            (2, ["市人社局", "市教育局"], None),
        ], issuer


def test_a_date_the_last_task_states_itself_stays_its_deadline():
    # The step the rule forbids: a task's own date (not a signature after it) is kept.
    page = _CELL_PAGE.replace("扩大培训规模。", "2018年12月31日前扩大培训规模。")
    plan = parse_plan_text(page.format(issuer="国务院"), 2018)
    assert [str(item.due_date) for item in plan.items] == ["None", "2018-12-31"]


def test_a_table_of_several_cells_is_still_read_as_a_table():
    page = (
        "<table><tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>"
        "<tr><td>1</td><td>支持企业稳岗</td><td>市人社局</td><td>2018年12月底</td></tr></table>"
    )
    plan = parse_plan_text(page, 2018)
    assert read(plan, "number", "lead_units", "due_date")[0][:2] == (1, ["市人社局"])
    assert str(plan.items[0].due_date) == "2018-12-31"


def test_a_signature_in_plain_text_with_a_three_character_issuer_is_taken_off():
    plan = parse(
        "1.支持企业稳岗。（市人社局负责）",
        "2.加强职业培训。（市教育局负责）",
        "国务院",
        "2018年11月16日",
        year=2018,
    )
    assert read(plan, "number", "due_date") == [(1, None), (2, None)]


# ---- 1.2009年底前,… tasks, each followed by 责任单位及责任人:…主要领导 ---------------------------

_HEADS_LINES = (
    "一、消防站点建设",
    "1.2009年底前,完成特勤消防三中队建设,并配套完成消防车辆装备建设。",
    "责任单位及责任人:呈贡县政府、市发改委、市公安消防支队主要领导。",
    "2.2010年底前,完成盘龙消防三中队建设。",
    "责任单位及责任人:盘龙区政府主要领导。",
)


def test_a_task_opening_on_its_deadline_year_and_its_units_and_heads_line_are_read():
    plan = parse(*_HEADS_LINES, year=2009)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["呈贡县政府", "市发改委", "市公安消防支队"], []),
        (2, ["盘龙区政府"], []),
    ]
    assert [str(item.due_date) for item in plan.items] == ["2009-12-31", "2010-12-31"]
    assert all(any("任务内容" in flag for flag in item.flags) for item in plan.items)


def test_the_units_heads_are_no_unit():
    from gongkai.lib.unit_text import parse_units

    for heads in ("主要领导", "主要负责人", "负责同志"):
        assert parse_units(f"市发改委、盘龙区政府{heads}").lead == ["市发改委", "盘龙区政府"]


def test_a_year_opening_an_annex_title_or_a_decimal_is_no_task_number():
    # The step the rule forbids: 2.2025年十五件民盼实事任务分解 (an annex's title, no deadline
    # after its year) and 1.5倍 stay words, not tasks 2 and 1.
    from gongkai.plans.importers.cells import _NUMBERED

    assert _NUMBERED.match("1.2009年底前,完成营房改造。").group(1) == "1"
    assert _NUMBERED.match("3、2024年6月底前完成验收。").group(1) == "3"
    assert not _NUMBERED.match("2.2025年十五件民盼实事任务分解")
    assert not _NUMBERED.match("1.5倍以上")


# ---- …等和各有关省级人民政府负责: the list's 等 tail, then one more unit joined by 和 ----------


def test_a_unit_joined_by_and_after_the_lists_etc_is_a_unit_of_its_own():
    from gongkai.lib.unit_text import parse_units

    parsed = parse_units("商务部、发展改革委、农业农村部等和各有关省级人民政府负责")
    assert parsed.lead == ["商务部", "发展改革委", "农业农村部", "各有关省级人民政府"]
    assert not parsed.flags
    assert parse_units("商务部等和市公安局负责").lead == ["商务部", "市公安局"]


def test_a_collective_tail_after_etc_stays_dropped():
    # The step the rule forbids: 等部门和单位 sums up the names before it, no unit.
    from gongkai.lib.unit_text import parse_units

    assert parse_units("商务部、财政部等部门和单位负责").lead == ["商务部", "财政部"]
    assert parse_units("商务部等有关部门负责").lead == ["商务部"]


# ---- the legend after 负责 inside the same bracket: （X、Y负责。列第一位者为牵头单位，下同） --

_LEGEND_IN_BRACKET = (
    "一、稳定就业",
    "（一）支持企业稳岗。加大稳岗支持力度。（市人社局、市财政局负责。列第一位者为牵头单位，下同）",
    "（二）加强职业培训。扩大培训规模。（市人社局、市教育局、共青团市委负责）",
    "（三）开展见习。扩大见习规模。（市人社局、市教育局牵头负责）",
)


def test_the_legend_after_the_units_in_their_bracket_makes_the_first_lead_from_there_on():
    plan = parse(*_LEGEND_IN_BRACKET)
    assert read(plan, "number", "lead_units", "support_units", "note") == [
        (1, ["市人社局"], ["市财政局"], ""),
        (2, ["市人社局"], ["市教育局", "共青团市委"], ""),
        # 牵头 written in the bracket: the units say their own roles.
        (3, ["市人社局", "市教育局"], [], ""),
    ]


def test_a_sentence_after_the_units_in_their_bracket_that_is_no_legend_stays_a_remark():
    # The step the rule forbids: any sentence after 负责。 read as the roles' legend.
    plan = parse(
        "一、稳定就业",
        "（一）支持企业稳岗。加大稳岗支持力度。（市人社局、市财政局负责。以下工作均需各区落实）",
        "（二）加强职业培训。扩大培训规模。（市人社局、市教育局负责）",
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市人社局", "市财政局"], []),
        (2, ["市人社局", "市教育局"], []),
    ]
    assert "以下工作均需各区落实" in plan.items[0].note


def test_a_central_committee_of_a_peoples_organisation_is_a_unit():
    from gongkai.lib.unit_text import parse_units

    assert parse_units("共青团中央、全国妇联负责").lead == ["共青团中央", "全国妇联"]


# ---- 一、总体要求 with （一）指导思想。（二）基本原则。 naming no units, tasks after it --

_AIMS = (
    "一、总体要求",
    "（一）指导思想。以新发展理念为指导，推动农业机械化高质量发展。",
    "（二）基本原则。坚持市场主导、政府引导。",
    "二、主要任务",
    "（三）完善创新体系。加快推进农机装备创新。（市工信局、市农业农村局负责）",
    "（四）推进协同发展。支持产业链上下游协作。（市工信局、市商务局负责）",
    "（五）优化产业布局。鼓励大型企业做强做优。（市发改委负责）",
)


def test_an_opening_part_of_aims_naming_no_units_is_no_task_and_said():
    plan = parse(*_AIMS)
    assert read(plan, "number", "lead_units") == [
        (3, ["市工信局", "市农业农村局"]),
        (4, ["市工信局", "市商务局"]),
        (5, ["市发改委"]),
    ]
    assert any("一、总体要求" in w and "未作为任务导入" in w for w in plan.warnings)


def test_a_target_paragraph_with_no_aims_title_stays_an_item():
    # The step the rule forbids: a numbered paragraph under 一、总体目标 that is not titled as
    # an aim (a target written as a task) is kept, flagged for its missing units.
    plan = parse(
        "一、总体目标",
        "1.重点引进和培养1万名企业紧缺人才。",
        "二、主要任务",
        "2.实施引才计划。（市人社局负责）",
        "3.实施育才计划。（市教育局负责）",
        "4.实施留才计划。（市住建局负责）",
    )
    assert [item.number for item in plan.items] == [1, 2, 3, 4]
    assert plan.items[0].flags


# ---- 1、title / 由X副市长负责,市Y牵头,相关部门配合,… (a person in charge, then the units) --


def test_the_roles_opening_a_tasks_text_are_its_units_and_the_person_in_charge_none():
    plan = parse(
        "1、设立综合配套改革试验区事宜",
        "由杨志武副市长负责,市发改委牵头,相关部门配合,尽快完成实施方案。",
        "2、轨道交通项目",
        "由吴继德副市长负责,市建设局牵头,市发改委配合,进一步修改完善项目建设方案。",
        year=2010,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市发改委"], ["相关部门"]),
        (2, ["市建设局"], ["市发改委"]),
    ]
    assert all(item.flags for item in plan.items)


def test_a_person_in_charge_alone_is_never_a_unit():
    # The step the rule forbids: 由X副市长负责 read as a unit named 杨志武副市长.
    plan = parse(
        "1、设立综合配套改革试验区事宜",
        "由杨志武副市长负责,尽快完成实施方案。",
        "2、轨道交通项目",
        "由吴继德副市长负责,进一步修改完善项目建设方案。",
        year=2010,
    )
    assert all(not (item.lead_units or item.support_units) for item in plan.items)
    assert all(item.flags for item in plan.items)


# ---- a saved page whose 附件2 任务分工表 holds the items, 序号 merged over several rows --

_ROWS = (
    '<tr><td rowspan="2">1</td><td rowspan="2">扩大家庭医生来源。</td><td>推动人才下沉。</td>'
    "<td>各区政府</td><td>市卫生健康委</td><td>基层处</td><td>医政处</td></tr>"
    "<tr><td>引导医师多点执业。</td><td>各区政府、市医保局</td><td>市人社局、市医保局</td>"
    "<td>人事处</td><td>基层处</td></tr>"
    "<tr><td>2</td><td>优化签约团队。</td><td>组建签约团队。</td><td>各区政府</td>"
    "<td>市卫生健康委</td><td>基层处</td><td>/</td></tr>"
)
_HEADER = (
    "<tr><td>序号</td><td>工作事项</td><td>主要内容</td><td>牵头单位</td><td>配合单位</td>"
    "<td>市卫健委内牵头处室</td><td>市卫健委内配合处室</td></tr>"
)
_SAVED_PAGE = (
    "<html><body><div>网站首页 &gt; 政务公开</div>"
    "<p>二、主要任务</p><p>1.有序扩大家庭医生来源。各区要推动人才下沉。</p>"
    "<p>2.不断优化签约服务团队。组建签约团队。</p><p>3.完善培养培训体系。</p>"
    "<p>附件：1.监测指标体系</p><p>2.任务分工表</p>"
    "<p>附件2</p><p>关于推进家庭医生签约服务高质量发展工作的任务分工表</p>"
    f"<table>{_HEADER}{_ROWS}</table><p>打印本页</p></body></html>"
)


def test_a_saved_pages_annex_task_table_gives_the_items_not_the_notices_prose():
    plan = parse_plan_text(_SAVED_PAGE, 2023)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        # the 序号 merged over two rows: one item, its rows' units joined, leads first.
        (1, "", ["各区政府", "市医保局"], ["市卫生健康委", "市人社局"]),
        (2, "", ["各区政府"], ["市卫生健康委"]),
    ]
    assert any("附件" in w and "任务分工表" in w for w in plan.warnings)


def test_a_page_whose_table_is_under_no_annex_heading_is_read_whole():
    # The step the rule forbids: the notice's own task table (no 附件 before it) set aside.
    page = _SAVED_PAGE.replace("<p>附件2</p>", "<p>三、任务分工</p>")
    plan = parse_plan_text(page, 2023)
    assert not any("附件的任务分工表" in w for w in plan.warnings)


def test_rows_each_numbered_in_their_own_cell_stay_items_of_their_own():
    # The step the rule forbids: rows with 序号 of their own (or a 工作事项 merged over rows
    # numbered apart) joined into one item.
    rows = _ROWS.replace(' rowspan="2"', "")
    page = f"<table>{_HEADER}{rows}</table>"
    page = page.replace("<tr><td>引导医师", "<tr><td>2</td><td>扩大来源。</td><td>引导医师")
    page = page.replace("<tr><td>2</td><td>优化", "<tr><td>3</td><td>优化")
    plan = parse_plan_text(page, 2023)
    assert [item.number for item in plan.items] == [1, 2, 3]


# ---- a table run into one line under 序号主要工作任务第一责任单位主要责任单位 --

_RUNON = (
    "主要目标任务分解落实方案序号主要工作任务第一责任单位主要责任单位一、主要发展指标"
    "1地区生产总值年均增长12%左右。市发展改革委各县(市、区)政府、嘉兴港区"
    "2服务业增加值占生产总值比重达到40%。市发展改革委各县(市、区)政府"
    "3地方财政收入年均增长13%。市财政局各县(市、区)政府、市国税局"
    "4社会消费品零售总额年均增长12%以上。市经贸委各县(市、区)政府、嘉兴港区"
)


def test_a_run_on_table_with_a_first_responsible_unit_column_is_read_its_first_unit_leading():
    plan = parse(_RUNON, year=2006)
    assert read(plan, "number", "lead_units") == [
        (1, ["市发展改革委"]),
        (2, ["市发展改革委"]),
        (3, ["市财政局"]),
        (4, ["市经贸委"]),
    ]
    assert plan.items[2].support_units == ["各县(市、区)政府", "市国税局"]
    assert all(item.flags for item in plan.items)  # cells cut by content: every row told


def test_a_run_on_line_whose_header_names_people_is_still_refused():
    # The step the rule forbids: 第一责任人 (a person) read as a units column.
    with pytest.raises(PlanImportError):
        parse(_RUNON.replace("第一责任单位主要责任单位", "第一责任人主要负责人"), year=2006)
