"""Rules of the thirteenth round on plans of other bodies (issue 14), from real_heldout10's
failures and the conventions left open by real_heldout9. The plans here are small and
invented, typed by hand in the shape each layout has; the real ones are scored by
test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.importers.subjects import SUBJECT_FLAG
from gongkai.plans.importers.tail import CUT_WARNING, ELIDED_WARNING
from gongkai.plans.tests.plan_text import LONG, parse, read

# ---- the year of a bare table ----------------------------------------------------------------

_TABLE = (
    "序号\t工作任务\t责任单位\t完成时限",
    "1\t及时公开重大建设项目批准和实施信息。\t办公室\t全年",
    "2\t做好政策解读工作。\t法规科\t6月底前",
)


def test_a_bare_table_that_never_writes_its_year_flags_the_dates_reckoned_from_the_import_year():
    plan = parse(*_TABLE, year=2024)
    assert read(plan, "due_date") == [(date(2024, 12, 31),), (date(2024, 6, 30),)]
    assert all(any("未写明年份" in flag for flag in item.flags) for item in plan.items)


def test_a_bare_table_that_writes_its_year_is_trusted():
    # Forbidden: a flag when the page itself names the year (in a cell, or a title line).
    in_a_cell = (*_TABLE[:2], "2\t做好政策解读工作。\t法规科\t2024年6月底前")
    titled = ("2024年政务公开工作任务分工", *_TABLE)
    for plan in (parse(*in_a_cell, year=2024), parse(*titled, year=2024)):
        assert [item.flags for item in plan.items] == [[], []]


# ---- duties opening on their units (a plan naming none by label) -------------------------------


def test_two_duties_opening_on_their_units_are_the_division_of_labour_of_a_small_plan():
    plan = parse(
        "一、活动时间",
        "6月9日上午10:00，群众代表由人大办负责邀请。",
        "二、其他事项安排",
        "1.党政办负责会议场地准备;",
        "2.文化站负责做好活动宣传报道。",
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "二、其他事项安排", ["党政办"]),
        (2, "二、其他事项安排", ["文化站"]),
    ]
    assert all(SUBJECT_FLAG in item.flags for item in plan.items)
    # The warning says the units were read so; it counts no paragraph left out (一、's is none).
    assert any("已作为任务读取，请核对" in w for w in plan.warnings)


def test_one_paragraph_opening_on_a_unit_is_no_division_of_labour():
    # Forbidden: a lone paragraph's subject taken as its unit (the plan's prose names actors).
    plan = parse(
        "一、主要职责",
        "1.政务公开工作领导小组负责研究、协调政务公开中的重要问题。",
        "二、工作要求",
        "1.加强组织领导，压实工作责任。",
    )
    assert read(plan, "lead_units") == [([],), ([],)]
    assert not any(SUBJECT_FLAG in item.flags for item in plan.items)


def test_duties_written_x_yao_keep_the_plans_own_numbers_past_a_gap():
    plan = parse(
        "一、公开内容",
        "1、秘书科要全面做好政府总值班工作;做好依申请公开工作。",
        "5、外事侨务科要将工作职责、办事程序公开;做好依申请公开工作。",
        "6、劳资科要将劳资管理制度向机关内部公开。",
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["秘书科"]),
        (5, ["外事侨务科"]),
        (6, ["劳资科"]),
    ]


def test_duties_after_their_unit_and_a_gap_are_read_and_a_cut_last_one_is_left_out():
    plan = parse(
        "文章来源:某市财政局  |  发布日期:2018年06月19日",
        "三、工作分工",
        "  办公室  组织、协调和管理主动公开政府信息的事宜;统一受理政府信息公开申请;",
        "  法规处  负责规范性文件的法律审核,参与信息公开属性的审核。",
        "  人教处  负责将政务公开工作列入绩效考核内容。",
        "  各业务处室  负责在草拟公文的同时,审查并明确该公文的信息公开属",
    )
    assert read(plan, "number", "lead_units") == [(1, ["办公室"]), (2, ["法规处"]), (3, ["人教处"])]
    assert CUT_WARNING.format(n=4) in plan.warnings
    # Forbidden: a whole last duty (ending with its full stop) is kept.
    whole = parse(
        "三、工作分工",
        "  办公室  组织、协调和管理主动公开政府信息的事宜。",
        "  法规处  负责规范性文件的法律审核。",
    )
    assert read(whole, "number", "lead_units") == [(1, ["办公室"]), (2, ["法规处"])]


# ---- a mirror site's elision notice ------------------------------------------------------------


def test_a_task_a_mirror_site_elided_words_of_is_left_out_and_said_so():
    plan = parse(
        "一、公开内容",
        "1、秘书科要全面做好政府总值班工作;做好依申请公开工作。",
        "2、综合科要全面做好政务信息报送工作;做好《**",
        "……(某某文秘网省略217字,正式会员可完整阅读)……",
        "督;加强行政审批制度改革;做好依申请公开工作。",
        "5、外事侨务科要将工作职责、办事程序公开;做好依申请公开工作。",
    )
    assert read(plan, "number", "lead_units") == [(1, ["秘书科"]), (5, ["外事侨务科"])]
    assert ELIDED_WARNING.format(n=2, notice="省略217字") in plan.warnings
    assert any("跳到5" in flag for flag in plan.items[1].flags)


def test_a_plan_whose_every_task_is_elided_keeps_them_flagged_rather_than_none():
    plan = parse(
        "一、公开内容",
        "1、秘书科要全面做好……(某网省略80字)……依申请公开工作。",
        "2、综合科要全面做好……(某网省略90字)……报送工作。",
    )
    assert read(plan, "number", "lead_units") == [(1, ["秘书科"]), (2, ["综合科"])]
    assert all(any("被网页省略" in flag for flag in item.flags) for item in plan.items)


# ---- duties under a heading naming their unit (（一）办公室职责) ---------------------------------

_DUTIES = (
    "一、领导小组及职责",
    "（一）领导小组",
    "组长:张三",
    "（二）主要职责",
    "1.负责全局政府信息公开工作的审核与决策。",
    "2.负责推进、指导、协调全局政府信息公开工作。",
    "二、责任处室及其职责",
    "本局政府信息公开具体工作由办公室和信息中心负责,具体职责为:",
    "（一）办公室职责",
    "1.负责本局政府信息公开工作的具体组织协调;",
    "2.对拟公开的政府信息进行保密审查;",
    "（二）信息中心职责",
    "负责网站的维护,发布本局政务信息,及时删除不应发布的信息。",
)


def test_duties_take_the_unit_their_heading_names_and_an_unnumbered_one_is_a_duty_too():
    plan = parse(*_DUTIES)
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、领导小组及职责", ["领导小组"]),
        (2, "一、领导小组及职责", ["领导小组"]),
        (3, "二、责任处室及其职责", ["办公室"]),
        (4, "二、责任处室及其职责", ["办公室"]),
        (5, "二、责任处室及其职责", ["信息中心"]),
    ]
    assert all("已取其标题所注的单位" in " ".join(item.flags) for item in plan.items)


def test_a_duties_heading_naming_no_unit_gives_none():
    # Forbidden: 工作职责 / 主要职责 read as a unit, or the intro line (…具体职责为:) as a duty.
    plan = parse(
        "一、工作职责",
        "1.负责全局政府信息公开工作的审核与决策。",
        "2.负责推进、指导、协调全局政府信息公开工作。",
        "（一）主要职责",
        "具体职责为:",
        "3.负责网站的维护。",
    )
    assert read(plan, "number", "lead_units") == [(1, []), (2, []), (3, [])]


# ---- a deadline written last inside a labelled units bracket -----------------------------------


def test_a_deadline_written_last_in_a_units_label_is_the_tasks_deadline():
    plan = parse(
        "一、提升政务服务效能",
        "1.加大简政放权力度。承接好省下放行政许可事项。"
        "(牵头单位:州审批局;责任单位:州司法局及州直相关单位,各县市人民政府,6月底完成)",
        year=2020,
    )
    assert read(plan, "lead_units", "support_units", "due_date") == [
        (["州审批局"], ["州司法局", "州直相关单位", "各县市人民政府"], date(2020, 6, 30))
    ]


def test_a_labelled_deadline_is_not_overridden_and_a_last_unit_stays_a_unit():
    # Forbidden: the unlabelled piece taken over a 完成时限 label, or a unit taken as a date.
    plan = parse(
        "一、提升政务服务效能",
        "1.加大简政放权力度。(牵头单位:州审批局;完成时限:9月底前;责任单位:州司法局,6月底完成)",
        "2.推动导则落实。(牵头单位:州审批局;责任单位:州司法局,各县市人民政府)",
        year=2020,
    )
    assert read(plan, "due_date", "support_units") == [
        (date(2020, 9, 30), ["州司法局"]),
        (None, ["州司法局", "各县市人民政府"]),
    ]


# ---- a page cut inside a labelled units bracket ------------------------------------------------

_BRACKETED = (
    "一、聚焦重点领域",
    "1.及时公开产业链建设政策举措。〔牵头单位:县工信局、县发改委;责任单位:各乡(镇)人民政府〕",
    "2.加强民营经济政策信息公开。〔牵头单位:县财政局;责任单位:县政府有关部门〕",
)


def test_a_last_task_cut_inside_its_labelled_bracket_is_left_out_and_said_so():
    plan = parse(*_BRACKETED, "3.加强电子商务政策信息公开。〔牵头单位:县商务局、县教体局;责任单")
    assert read(plan, "number", "lead_units") == [(1, ["县工信局", "县发改委"]), (2, ["县财政局"])]
    assert CUT_WARNING.format(n=3) in plan.warnings


def test_a_last_task_whose_unclosed_bracket_ends_on_a_whole_word_is_kept_flagged():
    # Forbidden: a bracket the writer only forgot to close (its last name whole) cut away.
    plan = parse(*_BRACKETED, "3.加强电子商务政策信息公开。〔牵头单位:县商务局;责任单位:县教体局。")
    assert read(plan, "number", "lead_units")[-1] == (3, ["县商务局"])
    assert any("没有闭合" in flag for flag in plan.items[-1].flags)


# ---- members' duties run into one paragraph (县环保局。负责…县农委。负责…) -----------------------

_PREAMBLE = "为认真做好秸秆禁烧工作,进一步改善环境质量,根据有关规定,制订本方案。"


def test_a_paragraph_of_units_each_followed_by_its_duties_is_one_task_per_unit():
    plan = parse(
        _PREAMBLE
        + f"一、目标任务5月底到9月底全县秸秆禁烧。{LONG}。"
        + "二、职责分工为切实加强对禁烧工作的领导,县政府成立领导小组。各成员单位职责如下:"
        + "县环保局。负责对全县禁烧工作实施统一监督,并承担日常工作。"
        + "县交通局、公路局。负责对公路两侧燃烧秸秆情况的巡查。"
        + "县农委。负责全县秸秆综合利用工作的督导;负责技术推广。"
        + "县广电局。负责对全县农作"
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "二、职责分工", ["县环保局"]),
        (2, "二、职责分工", ["县交通局", "公路局"]),
        (3, "二、职责分工", ["县农委"]),
    ]
    assert all(SUBJECT_FLAG in item.flags for item in plan.items)
    assert CUT_WARNING.format(n=4) in plan.warnings


def test_one_unit_followed_by_its_duties_in_a_paragraph_is_no_list():
    # Forbidden: a paragraph cut at a single 'X。负责' (or at names that are no units).
    plan = parse(
        "一、工作要求",
        "1.加强组织领导。县环保局。负责统一监督。(责任单位:县环保局)",
        "2.强化宣传。广泛宣传。负责到人。(责任单位:县广电局)",
    )
    assert read(plan, "number", "lead_units") == [(1, ["县环保局"]), (2, ["县广电局"])]
