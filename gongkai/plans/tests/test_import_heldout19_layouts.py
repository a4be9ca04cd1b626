"""real_heldout19's rules on invented plans: each rule and the step it forbids."""

from gongkai.plans.importers import ParsedItem, ParsedPlan, parse_plan_text
from gongkai.plans.importers.base import NUMBERED_IN_ORDER, OWN_NUMBERS
from gongkai.plans.importers.unread import with_unread_rows

_TASKS = (
    "一、整合资源\n"
    "1．制定整合方案。（甲局、乙局、丙局，2016年4月底前完成）\n"
    "2．建设交易平台。（丁局、戊局，2016年9月底前完成）\n"
    "{note}"
)
_NOTE = "注：列第一位的为牵头单位。\n"


def test_a_plan_saying_its_first_listed_unit_leads_has_the_others_support():
    plan = parse_plan_text(_TASKS.format(note=_NOTE), 2016)
    assert [(i.lead_units, i.support_units) for i in plan.items] == [
        (["甲局"], ["乙局", "丙局"]),
        (["丁局"], ["戊局"]),
    ]


def test_a_plan_not_saying_so_keeps_every_listed_unit_leading():
    plan = parse_plan_text(_TASKS.format(note=""), 2016)
    assert [(i.lead_units, i.support_units) for i in plan.items] == [
        (["甲局", "乙局", "丙局"], []),
        (["丁局", "戊局"], []),
    ]


def test_the_legend_in_any_of_its_forms_orders_a_bare_list_but_not_one_whose_roles_are_written():
    written = (
        "一、整合资源\n"
        "1．制定整合方案。（甲局、乙局牵头，2016年4月底前完成）\n"
        "2．建设交易平台。（丁局、戊局，2016年9月底前完成）\n"
        "3．建设系统。（己局、庚局分别负责，2016年9月底前完成）\n"
        "注：排名第一个的为牵头部门。\n"
    )
    plan = parse_plan_text(written, 2016)
    assert [(i.lead_units, i.support_units) for i in plan.items] == [
        (["甲局", "乙局"], []),  # the bracket writes 牵头 for both: two leads, as written
        (["丁局"], ["戊局"]),
        (["己局", "庚局"], []),  # 分别负责: each its own part
    ]


_RUN_ON = (
    "存在问题整改措施责任单位投资不足出台扩大投资的实施意见。甲局牵头，乙局、丙局"
    "创新投融资方式。丁局牵头，戊局抓好重点项目建设。甲局牵头，己局"
)


def _one_task(numbering):
    # The reader's result on such a line: its rows read as one task (real_heldout19 02).
    item = ParsedItem(
        number=1, section="", requirement="出台扩大投资的实施意见", lead_units=["甲局"]
    )
    return ParsedPlan(title="", year=2016, items=[item], numbering=numbering)


def test_a_table_run_into_one_line_read_as_one_task_warns_of_its_rows_by_number():
    plan = with_unread_rows(_one_task(NUMBERED_IN_ORDER), _RUN_ON)
    assert any("编号为2、3的任务可能漏读" in w for w in plan.warnings), plan.warnings


def test_numbered_tasks_or_bracketed_leads_are_not_warned_of_by_row():
    assert with_unread_rows(_one_task(OWN_NUMBERS), _RUN_ON).warnings == []
    bracketed = "抓好投资（甲局牵头）抓好项目（乙局牵头）抓好建设（丙局牵头）"
    assert with_unread_rows(_one_task(NUMBERED_IN_ORDER), bracketed).warnings == []


# ---- one rule for a task's number before a deadline (headers.AFTER_NUMBER) ---------------------


def test_every_number_check_takes_a_task_opening_with_its_deadline_and_no_amount():
    from gongkai.plans.importers.items import _NUMBER_OPENS_SENTENCE
    from gongkai.plans.importers.runon import _cut_at_next_numbers
    from gongkai.plans.importers.runon_dated import _number_at
    from gongkai.plans.importers.unread import _numbered_start

    dated, amount = "。2.2017年底前完成平台建设", "。2.5亿元用于平台建设工作"
    assert _numbered_start(2).search(dated) and not _numbered_start(2).search(amount)
    assert _NUMBER_OPENS_SENTENCE.search(dated) and not _NUMBER_OPENS_SENTENCE.search(amount)
    assert _number_at(2).search("甲局2、2017年10月底前建成") and not _number_at(2).search(
        "甲局2、5亿元"
    )
    assert _cut_at_next_numbers(["1.建立制度2.2017年底前建成平台"]) == [
        "1.建立制度",
        "2.2017年底前建成平台",
    ]
    assert _cut_at_next_numbers(["1.建立制度2.5亿元用于平台"]) == ["1.建立制度2.5亿元用于平台"]


# ---- a part of the task led by another unit after the list (real_heldout19 09 #9) -------------

_PART = (
    "一、整合资源\n"
    "1．建设专家库。（甲局、乙局、丙局，评审专家征集及考评机制由丁局牵头，2016年底前完成）\n"
    "2．建设交易平台。（戊局牵头，己局、庚局配合，2016年9月底前完成）\n"
    "{note}"
)


def test_a_part_of_the_task_led_by_another_unit_is_flagged_and_under_the_legend_both_lead():
    from gongkai.plans.importers.first_listed import PART_LED

    told = PART_LED.format("评审专家征集及考评机制", "丁局")
    plan = parse_plan_text(_PART.format(note=_NOTE), 2016)
    first, second = plan.items
    assert (first.lead_units, first.support_units) == (["甲局", "丁局"], ["乙局", "丙局"])
    assert told in first.flags
    assert (second.lead_units, second.support_units, second.flags) == (
        ["戊局"],
        ["己局", "庚局"],
        [],
    )
    unsaid = parse_plan_text(_PART.format(note=""), 2016).items[0]
    assert told in unsaid.flags  # no legend: the roles as read, flagged all the same
    assert unsaid.lead_units == ["丁局"]


# ---- duty paragraphs headed by their unit and a colon (real_heldout19 04, 05) -----------------

_DUTIES = (
    "一、目标任务\n"
    "全年淘汰旧车不少于450辆。\n"
    "二、补贴办法\n"
    "（一）补贴范围：具备下列条件的旧车提前淘汰，可以享受补贴：\n"
    "1.在本区注册登记的旧车，以省下达的名单为准。\n"
    "2.报废时实际使用年限距强制报废年限一年以上。\n"
    "三、职责分工\n"
    "（一）区甲局：牵头负责淘汰工作，督促、调度工作进展。\n"
    "（二）区乙局（商务部门）：对回收拆解企业加强行业监督管理。\n"
    "（三）车主所在乡镇政府及公安派出所：配合做好政策宣传及动员工作。\n"
)


def test_duty_paragraphs_headed_by_a_unit_and_a_colon_are_the_tasks_of_a_unitless_plan():
    plan = parse_plan_text(_DUTIES, 2016)
    assert [(i.number, i.section, i.lead_units) for i in plan.items] == [
        (1, "三、职责分工", ["区甲局"]),
        (2, "三、职责分工", ["区乙局"]),
        (3, "三、职责分工", ["车主所在乡镇政府", "公安派出所"]),
    ]
    assert all("主语" in " ".join(i.flags) for i in plan.items)
    assert any("未作为任务" in w for w in plan.warnings)  # the conditions 1. 2. are said


def test_a_colon_after_words_that_are_no_unit_or_before_a_scrap_is_no_duty():
    # （一）补贴范围： names no unit; 1.经营单位:全部考核。 is a scope, too short for a duty.
    plan = parse_plan_text(_DUTIES.split("三、职责分工")[0], 2016)
    assert all(not i.lead_units for i in plan.items)
    scope = (
        "一、考核范围\n1.经营单位:全部进行考核。\n2.其他产废单位 :\n3.年产100吨以上的单位抽查。\n"
    )
    assert all(not i.lead_units for i in parse_plan_text(scope, 2018).items)


def test_a_part_heading_followed_by_the_sentence_introducing_its_list_is_the_section():
    text = (
        "三、主要任务及分工 本次专项整治的主要任务是：\n"
        "（一）甲局：一是加强企业源头管控，督促企业严格落实管理工作。\n"
        "（二）乙局：一是打击无牌营运车辆，依法查处违法行为。\n"
    )
    assert {i.section for i in parse_plan_text(text, 2016).items} == {"三、主要任务及分工"}
    kept = text.replace("是：", "是加强管控。")  # a heading run into a sentence of its own
    assert {i.section for i in parse_plan_text(kept, 2016).items} != {"三、主要任务及分工"}
    glued = text.replace(" 本次专项整治", "各级各部门要围绕专项整治")
    assert {i.section for i in parse_plan_text(glued, 2016).items} == {"三、主要任务及分工"}
    titled = text.replace(" 本次专项整治的主要任务是：", "和工作措施：")  # the colon is the title's
    assert {i.section for i in parse_plan_text(titled, 2016).items} == {
        "三、主要任务及分工和工作措施："
    }


# ---- a unitless plan numbering its parts apart: the tasks part holds the tasks (07) ------------

_PARTS = (
    "一、工作目标\n全面提升危险废物规范化管理水平。\n"
    "二、主要任务\n1.建立区级经营单位和产废单位名单。\n2.建立全区危险废物转移情况数据库。\n"
    "3.组织对辖区产废单位进行考评考核。\n"
    "三、考核要求\n1.经营单位全部进行考核，按规范化指标打分。\n2.产废单位按比例抽查考核并通报结果。\n"
)


def test_a_unitless_plan_numbering_its_parts_apart_takes_its_tasks_part_only():
    plan = parse_plan_text(_PARTS, 2018)
    assert [(i.number, i.section) for i in plan.items] == [
        (1, "二、主要任务"),
        (2, "二、主要任务"),
        (3, "二、主要任务"),
    ]
    assert any("三、考核要求" in w and "2段" in w for w in plan.warnings)


def test_numbered_through_or_naming_units_or_no_tasks_part_every_part_is_read():
    through = _PARTS.replace("1.经营", "4.经营").replace("2.产废", "5.产废")
    assert len(parse_plan_text(through, 2018).items) == 5
    named = _PARTS.replace("数据库。", "数据库。（甲局负责）")
    assert len(parse_plan_text(named, 2018).items) == 5
    other = _PARTS.replace("二、主要任务", "二、工作安排")
    assert len(parse_plan_text(other, 2018).items) == 5


# ---- a page run into one line whose activities name 主办单位/承办单位 is no site byline (08) ---


def test_a_long_line_naming_hosts_is_the_plan_and_a_short_byline_is_still_footer():
    from gongkai.plans.importers.tail import without_footer

    activity = "（一）周年节点活动 活动内容：举办周年系列活动，提高旅游服务质量，吸引外地游客。"
    body = activity * 3 + "主办单位：甲管委会、乙委员会 承办单位：丙局、丁局 " + activity * 3
    page = f"标题：行动计划\n{body}"
    assert without_footer(page) == page
    byline = "主办单位：某市人民政府办公室 承办单位：某市大数据中心"
    assert without_footer(f"{page}\n{byline}") == page


def test_the_legend_after_a_bracket_s_deadline_goes_with_its_units_not_into_the_deadline():
    from gongkai.plans.importers.brackets import _split_bracket

    text = (
        "一、整合资源\n"
        "1．制定整合方案。（甲局、乙局、丙局，2016年4月底前完成。列第一位的为牵头单位，下同）\n"
        "2．建设交易平台。（丁局、戊局，2016年9月底前完成）\n"
    )
    assert [
        (i.lead_units, i.support_units, str(i.due_date)) for i in parse_plan_text(text, 2016).items
    ] == [
        (["甲局"], ["乙局", "丙局"], "2016-04-30"),
        (["丁局"], ["戊局"], "2016-09-30"),
    ]
    # Undated, the legend stays with its units as before; no legend, nothing is added.
    assert _split_bracket("甲局、乙局负责。列第一位者为牵头单位，下同") == (
        "甲局、乙局负责。列第一位者为牵头单位，下同",
        "",
    )
    assert _split_bracket("甲局、乙局，2016年4月底前完成") == ("甲局、乙局", "2016年4月底前完成")


def test_an_opening_goal_paragraph_titled_目标要求_under_发展目标_is_no_task():
    text = (
        "一、明确发展目标\n"
        "（一）目标要求。以规范提升为主线，到2022年农民合作社质量明显提升。\n"
        "二、落实重点任务\n"
        "（二）开展专项清理。压实各片区管理局责任。（责任单位：甲局、乙局）\n"
        "（三）规范财务管理。指导合作社配备财务人员。（责任单位：丙局）\n"
        "（四）完善盈余分配。按章程制定分配方案。（责任单位：丁局）\n"
    )
    plan = parse_plan_text(text, 2020)
    assert [(i.number, i.lead_units) for i in plan.items] == [
        (2, ["甲局", "乙局"]),
        (3, ["丙局"]),
        (4, ["丁局"]),
    ]
    # The title glued to its paragraph (指导思想以…为指导, real_heldout18 09) is one too.
    glued = parse_plan_text(text.replace("（一）目标要求。", "（一）指导思想"), 2020)
    assert [i.number for i in glued.items] == [2, 3, 4]
    # A goal paragraph not titled as one stays an item (flagged for its missing units).
    kept = parse_plan_text(text.replace("目标要求。", "专项行动。"), 2020)
    assert [i.number for i in kept.items] == [1, 2, 3, 4]


# ---- parts whose headings are the tasks (real_heldout18 05) -------------------------------------

_HEADED = (
    "一、实施档案电子化，构建审批一张网 为实现档案监管互认，推进全区档案电子化工程。"
    " 牵头单位：甲局 配合单位：乙局 完成时间：2018年12月底前完成\n"
    "二、加快医社保自助结算，实施多卡融合 进一步加大沟通协调力度，建立独立的社保卡管理系统。"
    " 牵头单位：丙局 配合单位：丁局 完成时间：2018年3月底前完成\n"
    "三、开启智能服务模式 引进智能自助终端机，建立自助服务区：\n"
    "1.办理通行证旅游签注自助申请；\n"
    "2.通行证旅游签注自助缴费。 牵头单位：戊局 配合单位：己局 完成时间：2017年12月底前完成\n"
)


def test_parts_whose_headings_are_the_tasks_are_read_as_numbered_with_their_points_joined():
    from gongkai.plans.importers.rows import POINTS_JOINED

    plan = parse_plan_text(_HEADED, 2017)
    assert [(i.number, i.section, i.lead_units, str(i.due_date)) for i in plan.items] == [
        (1, "", ["甲局"], "2018-12-31"),
        (2, "", ["丙局"], "2018-03-31"),
        (3, "", ["戊局"], "2017-12-31"),
    ]
    assert POINTS_JOINED in plan.items[2].flags and POINTS_JOINED not in plan.items[0].flags


def test_points_naming_their_own_units_stay_tasks_under_their_part():
    from gongkai.plans.importers.rows import HEADINGS_AS_TASKS

    own = _HEADED.replace("自助申请；", "自助申请。（庚局负责）")
    plan = parse_plan_text(own, 2017)
    assert HEADINGS_AS_TASKS not in plan.warnings
    assert len(plan.items) == 4 and all(i.section for i in plan.items)


def test_an_office_a_report_is_sent_to_by_its_other_name_is_no_task_s_units():
    notice = (
        "各相关科室：请认真贯彻落实，牵头单位应于2012年10月底前"
        "将落实情况书面报送局纠评办（局办公室）。\n"
    )
    tasks = (
        "一、纠正保障性住房建设问题\n"
        "严厉查处违规用地、闲置浪费土地行为。（牵头单位：监察大队，参加单位：征地部）\n"
        "二、纠正强制征地拆迁问题\n"
        "全面推广和谐征迁工作法，依法依规依程序征迁。（牵头单位：征地部，参与单位：法规科）\n"
    )
    plan = parse_plan_text(notice + tasks, 2012)
    assert [i.lead_units for i in plan.items] == [["监察大队"], ["征地部"]]
    # A task closed by its unit after a report it names (…做好信息报送（办公室）。) keeps it.
    own = parse_plan_text(
        tasks + "三、做好信息报送\n按月汇总上报纠风工作信息报送（办公室）。\n", 2012
    )
    assert own.items[-1].lead_units == ["办公室"]


def test_a_page_stopping_after_the_title_of_its_last_task_leaves_that_title_out():
    text = (
        "一、实施创新驱动发展战略\n"
        "（一）建设海洋实验室。实施透明海洋等重大战略科技任务，加快突破关键核心技术，推进成果转化。"
        "（市科技局牵头）\n"
        "（二）完善实验室建设体系。抢抓国家重点实验室重组机遇，组织现有实验室和高校院所争创。"
        "（市科技局牵头）\n"
        "（三）增强海洋科技创新策源能力。\n"
    )
    plan = parse_plan_text(text, 2023)
    assert [i.number for i in plan.items] == [1, 2]
    assert any("第3项" in w for w in plan.warnings), plan.warnings
    # Its text there, the last task stays (flagged for its missing units).
    whole = text.replace(
        "策源能力。", "策源能力。支持高校院所建设海洋科技创新平台，集聚一批高层次创新人才团队。"
    )
    assert [i.number for i in parse_plan_text(whole, 2023).items] == [1, 2, 3]
