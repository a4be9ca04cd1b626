"""Rules of round 29 on prose plans (issue 14): how a plan's prose names its units (sectors
sharing one kind word, 公安、安监部门; 分工负责; two names joined by 和 where one has a 与 of its
own). The plans here are small and invented, typed in the shape each rule reads; the real ones
are scored by corpus_score.py.
"""

from gongkai.lib.unit_text import parse_units
from gongkai.plans.tests.plan_text import crawled_page, parse, read

# ---- sectors sharing one kind word: 公安、安监部门 ----------------------------------------------


def test_sectors_before_their_shared_kind_word_are_units_as_written():
    # 04_pingtan_2013: （区交通与建设局牵头，公安、安监、质监、信息化部门配合） was no units
    # bracket at all (公安 is no unit's name alone), and 公安、安监部门 one glued name.
    parsed = parse_units("区交通局牵头，卫生、环保、市场监管部门配合")
    assert (parsed.lead, parsed.support) == (["区交通局"], ["卫生", "环保", "市场监管部门"])
    assert not parsed.note
    parsed = parse_units("区教育、体育部门负责")
    assert parsed.lead == ["区教育", "体育部门"]


def test_sectors_closed_by_etc_and_their_kind_are_units():
    parsed = parse_units("区县民政、卫生、残疾人工作委员会办公室等部门分工负责")
    assert parsed.lead == ["区县民政", "卫生", "残疾人工作委员会办公室"]
    assert not parsed.flags


def test_a_collective_tail_still_holds_its_qualifiers_together():
    # Near-miss: 县直、驻县有关部门 is one collective (有关 sums them up), not sectors.
    assert parse_units("县直、驻县有关部门负责").lead == ["县直、驻县有关部门"]
    assert parse_units("市直、驻市相关部门配合").support == ["市直、驻市相关部门"]


def test_sectors_need_a_kind_word_and_a_list_of_names_only():
    # Near-misses: no kind word after the list, or a piece that is a sentence, or 单位.
    assert parse_units("卫生、环保配合").support == []
    assert parse_units("区交通局牵头，做好宣传、教育部门配合").support == []
    assert "卫生" not in parse_units("卫生、环保单位配合").support
    # A list joined by commas is no shared-kind list either.
    assert "卫生" not in parse_units("区交通局牵头，卫生，环保部门配合").support


def test_fengong_before_fuze_is_a_manner_word_not_part_of_the_name():
    assert parse_units("区公安部门分工负责").lead == ["区公安部门"]
    assert parse_units("区财政局分工落实").lead == ["区财政局"]


def test_a_prose_plan_with_shared_kind_brackets_gives_every_task_its_units():
    plan = parse(
        "某区贯彻落实道路安全工作意见任务分工方案",
        "一、强化运输企业管理",
        "1.严格市场准入管理，对新设立运输企业严把安全条件审核关。（区交通局牵头，公安、安监部门配合）",
        "2.推广车辆动态监控，督促企业规范卫星定位装置使用。（区县公安、交通等部门分工负责）",
        year=2013,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区交通局"], ["公安", "安监部门"]),
        (2, ["区县公安", "交通"], []),
    ]


# ---- two names joined by 和, a 与 inside the second ------------------------------------------


def test_two_names_joined_by_he_part_though_one_has_a_yu_inside():
    parsed = parse_units("区交通局牵头，公安部门和县规划与建设局配合")
    assert parsed.support == ["公安部门", "县规划与建设局"]
    assert any("拆为两个单位" in flag for flag in parsed.flags)  # said, as every 和 split is


def test_a_name_with_he_and_yu_inside_stays_whole():
    # Near-miss: 普法与依法治理处 and 县工业和信息化局 are names; nothing before a joint ends
    # as a body of its own.
    assert parse_units("县工业和信息化局").lead == ["县工业和信息化局"]
    assert parse_units("县农业与农村和水利局").lead == ["县农业与农村和水利局"]


# ---- 牵头负责单位：X；配合单位：Y ------------------------------------------------------------


def test_a_lead_label_with_fuze_names_the_lead():
    # heldout19/08: （牵头负责单位：X；配合单位：Y） gave Y alone, the lead lost.
    plan = parse(
        "某区旅游旺季行动计划",
        "一、优化旅游线路",
        "工作任务：将海岛游作为经典线路进行优化升级，推动线路落地。（牵头负责单位：区文旅局；配合单位：区交通局、区财政局）",
        year=2017,
    )
    assert read(plan, "lead_units", "support_units") == [(["区文旅局"], ["区交通局", "区财政局"])]


def test_a_lead_label_naming_a_person_is_no_units_label():
    # Near-miss: 牵头负责同志 names a person, not a kind of unit.
    parsed = parse_units("牵头负责同志：张三；配合单位：区财政局")
    assert "张三" not in parsed.lead + parsed.support


# ---- a label of no role after a space: 牵头单位：X 试点单位：Y --------------------------------


def test_a_label_of_no_role_after_a_space_is_not_left_in_the_names():
    # heldout18/05: 牵头单位：X、Y 试点单位：… gave the names 牵头单位：X and 试点单位：… .
    parsed = parse_units("牵头单位：区审批局、区数据中心 所属片区：东片区")
    assert parsed.lead == ["区审批局", "区数据中心"]
    assert parsed.support == ["东片区"]
    assert any("所属片区" in flag for flag in parsed.flags)  # said, never read silently


def test_role_labels_after_a_space_keep_their_roles():
    # Near-miss: a known label after a space is read as its role, with no flag.
    parsed = parse_units("牵头单位：区财政局 配合单位：区教育局")
    assert (parsed.lead, parsed.support, parsed.flags) == (["区财政局"], ["区教育局"], [])


# ---- a crawler's page, paragraphs joined by spaces: lists inside a paragraph, parts renumbered


def _activities(first_content: str) -> list[str]:
    """Activities （一）…（八） with 主办单位/承办单位 labels, as a crawler's page runs them."""
    names = "一二三四五六七八"
    paragraphs = []
    for at, numeral in enumerate(names):
        content = (
            first_content
            if at == 0
            else f"举办第{at + 1}项主题活动，邀请海内外嘉宾参加，扩大海岛旅游的影响力。"
        )
        paragraphs.append(
            f"（{numeral}）第{at + 1}项精品活动 活动时间：8—10月 活动地点：海滨浴场 "
            f"活动内容：{content} 主办单位：区管委会、省文旅厅 承办单位：区文旅局、区体育局"
        )
    return paragraphs


_TITLE = "某区旅游旺季行动计划"


def test_a_numbered_list_inside_a_paragraph_of_a_spaced_page_is_no_task():
    # heldout19/08: 共分三项子活动：1.…；2.…；3.… inside activity （一） became three tasks,
    # and every activity after it took the next one's number.
    content = (
        "举办周年系列活动，共分三项子活动：1.成果发布会，邀请知名旅行社参加；2.优质服务月启动仪式，"
        "组织千人开展优质服务行动；3.生活美学艺术展，展览展销艺术精品。"
    )
    plan = parse(
        *crawled_page(
            _TITLE,
            "一、活动时间 旅游旺季8—10月，共三个月。",
            "二、策划精品活动 按照务实管用的原则，精心策划精品活动。具体安排如下：",
            *_activities(content),
        ),
        year=2017,
    )
    assert len(plan.items) == 8
    assert read(plan, "lead_units")[0] == (["区管委会", "省文旅厅"],)
    assert "子活动" in plan.items[0].measures


def test_a_task_opened_after_a_colon_with_a_full_stop_is_still_a_task():
    # Near-miss: …以下五项工作：1.着力加强公民道德建设。一是…（责任单位：X） — the 1. opens a
    # task (its title ends in a full stop), though a colon stands before it.
    tasks = [
        f"{n}.着力加强第{n}项建设。一是继续深入贯彻落实实施纲要，组织学习宣传与评选帮扶活动。"
        f"（责任单位：区第{n}处）"
        for n in range(2, 6)
    ]
    plan = parse(
        *crawled_page(
            _TITLE,
            "一、总体要求 坚持问题导向，细化工作措施，压实工作责任。",
            "二、重点工作 各部门要全面对标创建的同时，重点组织实施好以下五项工作："
            "1.着力加强公民道德建设。一是继续深入贯彻落实实施纲要，组织道德模范学习宣传活动。（责任单位：区第1处）",
            *tasks,
            "三、工作要求 各部门要高度重视，加强组织领导，确保各项工作落到实处。",
            "四、附则 本方案自印发之日起施行。",
            "五、其他 未尽事宜另行通知，请各部门认真组织实施，确保取得实效。",
        ),
        year=2017,
    )
    assert [lead for (lead,) in read(plan, "lead_units")] == [[f"区第{n}处"] for n in range(1, 6)]


def test_parts_numbered_anew_on_a_spaced_page_are_parts():
    # heldout19/08: 一、活动时间 二、总牵头单位 三、策划… then 二、优化… 三、梳理… — the second
    # 二、 was no heading, its task read into the last activity.
    plan = parse(
        *crawled_page(
            _TITLE,
            "一、活动时间 旅游旺季8—10月，共三个月。",
            "二、策划精品活动 按照务实管用的原则，精心策划精品活动。具体安排如下：",
            *_activities("举办周年系列活动，邀请知名旅行社、两岸媒体参加，展示建设成效。"),
            "二、优化精选夏季旅游线路 工作任务：以夏季来海岛看海为主题，"
            "将海岛游作为经典线路优化升级。（牵头负责单位：省文旅厅；配合单位：区管委会）",
            "三、梳理出台旅游优惠政策 工作任务：认真分析客源市场新形势，"
            "出台精准管用的优惠政策。（牵头负责单位：区管委会；配合单位：省文旅厅）",
            "四、强化多元媒体宣传",
            "（一）工作任务：充分运用传统媒体资源，强化海岛旅游品牌，提高知晓度。",
            "（二）具体措施：1.加大广告投放力度。在省内机场投放灯箱广告。 2.加强媒体推广。组织记者"
            "赴海岛采风报道。（牵头负责单位：省文旅厅；配合单位：区管委会）",
        ),
        year=2017,
    )
    assert read(plan, "section", "lead_units")[8:10] == [
        ("二、优化精选夏季旅游线路", ["省文旅厅"]),
        ("三、梳理出台旅游优惠政策", ["区管委会"]),
    ]


def test_an_attachment_link_after_the_last_bracket_is_no_part_of_it():
    # heldout19/08: …（牵头负责单位：X；配合单位：Y） 附件下载 — the page's link after the last
    # task's bracket left it unclosed, and its units unread.
    plan = parse(
        *crawled_page(
            _TITLE,
            "一、活动时间 旅游旺季8—10月，共三个月。",
            "二、策划精品活动 按照务实管用的原则，精心策划精品活动。具体安排如下：",
            *_activities("举办周年系列活动，邀请知名旅行社、两岸媒体参加，展示建设成效。"),
            "三、拓展客源市场推介 工作任务：联合航空、铁路部门，组织旅游企业赴重要客源城市开展"
            "旅游推介。 具体措施：8月下旬，赴重点客源城市举办推介会，吸引游客到海岛旅游。 "
            "（牵头负责单位：区文旅局；配合单位：区交通局、区财政局） 附件下载",
        ),
        year=2017,
    )
    assert read(plan, "lead_units", "support_units")[-1] == (["区文旅局"], ["区交通局", "区财政局"])


def test_words_after_the_last_bracket_that_are_no_link_stay():
    # Near-miss: a sentence after the bracket is the plan's, not the page's link.
    plan = parse(
        "某区行动计划",
        "1.拓展客源市场推介。组织旅游企业赴重要客源城市开展旅游推介。（牵头单位：区文旅局） 附件一",
        year=2017,
    )
    assert "附件一" in plan.items[0].requirement + plan.items[0].measures + plan.items[0].note


# ---- a span of years (3年内完成) and a start (2016年开始) in a units bracket -------------------


def test_a_span_of_years_is_no_deadline():
    from gongkai.lib.deadline_text import parse_deadline

    # heldout19/09: 3年内完成 was read as the plan year's end (年内), silently.
    for text in ("3年内完成", "三年内完成", "2016年开始，两年内完成"):
        parsed = parse_deadline(text, 2016)
        assert parsed.due_date is None and parsed.flags


def test_this_years_nian_nei_is_still_the_year_end():
    import datetime

    from gongkai.lib.deadline_text import parse_deadline

    # Near-miss: 年内完成, 2016年内 — this year (or the year written), its end.
    for text in ("年内完成", "2016年内", "今年年内完成"):
        assert parse_deadline(text, 2016).due_date == datetime.date(2016, 12, 31)


def test_a_bracket_of_units_and_a_span_gives_its_units_and_no_date():
    # heldout19/09: （区行政审批局、区公共资源交易中心等，2016年开始，3年内完成） was no units
    # bracket (the time pieces read as names), its task left with none.
    plan = parse(
        "某区平台整合实施方案",
        "一、强化实施保障",
        "1.加强督促检查，建立定期通报机制。（区审批局、区管委会办公室，2016年4月底前完成。"
        "列第一位的为牵头单位，下同）",
        "2.开展工作人员及管理人员轮训。（区审批局、区交易中心等，2016年开始，3年内完成）",
        year=2016,
    )
    second = plan.items[1]
    assert (second.lead_units, second.support_units) == (["区审批局"], ["区交易中心"])
    assert second.due_date is None and second.flags


# ---- 今年内 in a task's text ---------------------------------------------------------------


def test_jinnian_nei_in_the_text_is_the_plan_years_end_flagged():
    import datetime

    # heldout18/06: 今年内在各级网上办事大厅公布…清单 gave no deadline.
    plan = parse(
        "某区任务分工方案",
        "1.向社会公布收费目录清单。今年内在网上办事大厅公布收费清单，清单外收费一律不得实行。",
        "责任单位：区财政局牵头，区直相关部门按职责分工负责",
        year=2017,
    )
    item = plan.items[0]
    assert item.due_date == datetime.date(2017, 12, 31)
    assert any("今年内" in flag for flag in item.flags)


def test_jinnian_neirong_is_no_deadline():
    # Near-miss: 今年内容 (this year's content) says no time.
    plan = parse(
        "某区任务分工方案",
        "1.做好信息发布。及时更新今年内容，方便群众查阅。",
        "责任单位：区财政局",
        year=2017,
    )
    assert plan.items[0].due_date is None


# ---- two dates in a task's text, one before the plan's year ---------------------------------


def test_a_date_before_the_plan_year_gives_way_to_one_in_it():
    import datetime

    # heldout8/10: 2021年1月中旬前，完成排查。2022年2月底前，落实整改。 (a 2022 plan) took the
    # past date.
    plan = parse(
        "某片区2022年冬春火灾防控工作方案",
        "1.整治高层建筑火灾隐患。2021年1月中旬前，完成高层建筑排查。2022年2月底前，落实整改。"
        "（建设处牵头，综治处配合）",
        year=2022,
    )
    item = plan.items[0]
    assert item.due_date == datetime.date(2022, 2, 28)
    assert item.flags


def test_of_two_dates_in_the_plan_year_the_first_is_kept():
    import datetime

    # Near-miss: both in the plan's year — the first written, as before.
    plan = parse(
        "某片区2022年冬春火灾防控工作方案",
        "1.整治高层建筑火灾隐患。2022年1月底前，完成高层建筑排查。2022年2月底前，落实整改。"
        "（建设处牵头，综治处配合）",
        year=2022,
    )
    assert plan.items[0].due_date == datetime.date(2022, 1, 31)
