import pytest

from gongkai.lib.unit_text import parse_units


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        ("新闻处牵头, 各处室、直属单位配合", ["新闻处"], ["各处室", "直属单位"]),
        ("新闻处牵头，各处室、各直属单位配合", ["新闻处"], ["各处室", "直属单位"]),
        ("新闻处、审批处牵头, 各处室、直属单位配合", ["新闻处", "审批处"], ["各处室", "直属单位"]),
        (
            "法规处、新闻处、审批处、指挥中心分别牵头, 各处室、直属单位配合",
            ["法规处", "新闻处", "审批处", "指挥中心"],
            ["各处室", "直属单位"],
        ),
        ("法规处主办、新闻处协办", ["法规处"], ["新闻处"]),
        ("新闻处会法规处", ["新闻处"], ["法规处"]),
        ("新闻处会同法规处、审批处", ["新闻处"], ["法规处", "审批处"]),
        ("法规处牵头，新闻处负责落实", ["法规处"], ["新闻处"]),
        ("（牵头单位：法规处；责任单位：各处室、各直属单位）", ["法规处"], ["各处室", "直属单位"]),
        (
            "指挥中心牵头, 审批处等各处室、直属单位配合",
            ["指挥中心"],
            ["审批处", "各处室", "直属单位"],
        ),
        ("各处室、直属单位", ["各处室", "直属单位"], []),
        ("新闻处", ["新闻处"], []),
        ("科技处技术支持", ["科技处"], []),
        (
            "新闻处牵头，各处室、局保密办、直属单位配合",
            ["新闻处"],
            ["各处室", "局保密办", "直属单位"],
        ),
        ("新聞處牽頭，各處室配合", ["新闻处"], ["各处室"]),
        # Labels with 责任 between the role and the unit word; 协同 supports.
        (
            "牵头责任单位:市财政局。；协同责任单位:市税务局、市人行",
            ["市财政局"],
            ["市税务局", "市人行"],
        ),
        ("牵头单位：市财政局；协同单位：市审计局", ["市财政局"], ["市审计局"]),
    ],
)
def test_it_reads_lead_and_support(text, lead, support):
    parsed = parse_units(text)
    assert (parsed.lead, parsed.support) == (lead, support)
    assert parsed.flags == []


def test_it_keeps_parenthetical_remarks_as_a_note():
    parsed = parse_units(
        "机关党委牵头（机关党委负责收集党委会议题，会新闻处、法规处审核确定），"
        "相关单位配合 直属单位配合"
    )
    assert parsed.lead == ["机关党委"]
    assert parsed.support == ["相关单位", "直属单位"]
    assert "会新闻处、法规处审核确定" in parsed.note


def test_it_keeps_duties_of_helpers_as_a_note():
    parsed = parse_units("新闻处牵头，科技处负责网络安全，各处室、直属单位负责自主发布信息审核把关")
    assert parsed.lead == ["新闻处"]
    assert parsed.support == ["科技处", "各处室", "直属单位"]
    assert "科技处负责网络安全" in parsed.note


def test_it_assigns_no_unit_when_the_cell_says_there_is_no_duty():
    text = "我局属于政务中心进驻部门，无专区建设职责。"
    parsed = parse_units(text)
    assert (parsed.lead, parsed.support) == ([], [])
    assert parsed.note == text
    assert parsed.flags


def test_it_flags_a_sentence_without_units():
    parsed = parse_units("按要求落实")
    assert (parsed.lead, parsed.support, parsed.note) == ([], [], "按要求落实")
    assert parsed.flags[0].startswith("未能识别责任单位")


def test_it_flags_helpers_without_a_lead():
    parsed = parse_units("各处室、直属单位配合")
    assert parsed.lead == []
    assert parsed.support == ["各处室", "直属单位"]
    assert parsed.flags


def test_it_does_not_split_a_committee_name():
    parsed = parse_units("市政务公开领导小组办公室牵头，编委会配合")
    assert parsed.lead == ["市政务公开领导小组办公室"]
    assert parsed.support == ["编委会"]


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        # The role words of other bodies' plans (issue 14), names kept as written.
        (
            "责任处室：国土空间规划局牵头，规划管理处、详细规划处负责落实",
            ["国土空间规划局"],
            ["规划管理处", "详细规划处"],
        ),
        ("责任处室：不动产登记局牵头，确权登记处落实", ["不动产登记局"], ["确权登记处"]),
        (
            "责任处室：矿业权管理处主办、矿产资源保护监督处协办",
            ["矿业权管理处"],
            ["矿产资源保护监督处"],
        ),
        ("责任处室：办公室会宣传教育中心", ["办公室"], ["宣传教育中心"]),
        ("牵头单位:登记注册处,责任单位:信息中心", ["登记注册处"], ["信息中心"]),
        ("牵头：医药服务管理科\n配合：办公室", ["医药服务管理科"], ["办公室"]),
        ("法规审查处、办公室按职责分工落实", ["法规审查处", "办公室"], []),
        ("办公室、宣传教育中心、信息中心分别负责", ["办公室", "宣传教育中心", "信息中心"], []),
        ("督察办牵头，各有关处室按职责分工落实", ["督察办"], ["各有关处室"]),
        ("办公室、宣传处等部门", ["办公室", "宣传处"], []),
        ("运输管理处等市有关单位", ["运输管理处"], []),
        ("行政复议一处(复议办)牵头,行政复议二处配合", ["行政复议一处"], ["行政复议二处"]),
        ("普法与依法治理处", ["普法与依法治理处"], []),
        ("县工业和信息化局、县商务局", ["县工业和信息化局", "县商务局"], []),
        ("办公室和法规科", ["办公室", "法规科"], []),
        ("县发展改革局牵头，市直各部门配合", ["县发展改革局"], ["市直各部门"]),
        ("牵头单位：县发展改革局，责任单位：各乡镇人民政府", ["县发展改革局"], ["各乡镇人民政府"]),
        ("应急指挥中心", ["应急指挥中心"], []),
    ],
)
def test_it_reads_the_role_words_of_other_bodies(text, lead, support):
    parsed = parse_units(text)
    assert (parsed.lead, parsed.support) == (lead, support)


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        # The roles run on with no comma between them.
        ("县司法局牵头各行政机关负责", ["县司法局"], ["各行政机关"]),
        # One 各 over two kinds of body.
        ("各科室、单位", ["各科室、单位"], []),
        # One 有关 over two kinds of body; a named unit's list goes on after it.
        ("市直有关部门、单位,各区市政府", ["市直有关部门、单位", "各区市政府"], []),
        # A bare kind after a named unit is no collective's second kind: dropped as before.
        ("市财政局、单位", ["市财政局"], []),
        # The governments' offices of the districts and counties, named once at the end.
        (
            "市政府各部门，各区、县〔市〕政府办公室负责",
            ["市政府各部门", "各区、县〔市〕政府办公室"],
            [],
        ),
        # 实施 inside a working group's name is no verb.
        ("总规实施工作组各成员单位负责落实", ["总规实施工作组各成员单位"], []),
        # 司(局): the same body's other kind of name, an alias.
        ("制发司(局)牵头,各有关司(局)、信息中心配合", ["制发司"], ["各有关司", "信息中心"]),
    ],
)
def test_it_reads_the_units_of_paragraph_plans(text, lead, support):
    parsed = parse_units(text)
    assert (parsed.lead, parsed.support, parsed.flags) == (lead, support, [])


def test_it_keeps_the_city_office_apart_from_the_districts_without_a_bracket():
    parsed = parse_units("各区、市政府办公室")
    assert parsed.lead == ["各区", "市政府办公室"]


def test_it_keeps_a_places_bracket_in_a_name():
    assert parse_units("各镇（办）、各县（市、区）政府").lead == [
        "各镇（办）",
        "各县（市、区）政府",
    ]


def test_a_private_use_character_in_the_text_is_dropped_not_taken_for_a_held_bracket():
    # Found by the importers' fuzz test in CI: "办公室\ue000" raised IndexError.
    parsed = parse_units("办公室\ue000、法规科（\ue001）")
    assert parsed.lead == ["办公室", "法规科"]


@pytest.mark.parametrize(
    "text, lead, support",
    [
        ("市人力资源和社会保障局牵头，市财政局配合", ["市人力资源和社会保障局"], ["市财政局"]),
        ("社会组织管理局、市工商业联合会办公室", ["社会组织管理局", "市工商业联合会办公室"], []),
        ("区社会工作部负责", ["区社会工作部"], []),
        ("市财政局会计处牵头，各区配合", ["市财政局会计处"], ["各区"]),
    ],
)
def test_a_unit_whose_name_holds_hui_inside_a_word_is_neither_split_nor_flagged(
    text, lead, support
):
    parsed = parse_units(text)
    assert (parsed.lead, parsed.support, parsed.flags) == (lead, support, [])


def test_a_name_still_holding_a_co_sign_after_a_units_name_is_flagged():
    # 会 after a name's organ word (…科会…) is the verb the clause reader did not split.
    parsed = parse_units("办公室、法规科会新闻科")
    assert parsed.flags == ["“法规科会新闻科”可能是“X会Y”（X牵头、Y配合），请核对"]


def test_two_names_joined_by_he_are_read_as_two_units_and_flagged():
    parsed = parse_units("法规科和区划地名科、各相关科室")
    assert parsed.lead == ["法规科", "区划地名科", "各相关科室"]
    assert parsed.flags == ["“法规科和区划地名科”已按“和”拆为两个单位，请核对"]


def test_a_collective_whose_ge_covers_two_kinds_joined_by_he_stays_one_name():
    parsed = parse_units("（责任单位：各处室和单位）")
    assert (parsed.lead, parsed.flags) == (["各处室和单位"], [])


@pytest.mark.parametrize(
    "text, lead",
    [
        # corpus_score: a collective is kept as written; the 各 after 辖区内 covers 派出所 too.
        ("辖区内各司法所和派出所", ["辖区内各司法所和派出所"]),
        ("全区各学校和卫生院", ["全区各学校和卫生院"]),
        # The near-misses: a name with its own place, or a body that is no bare kind.
        ("各司法所和区公安局", ["各司法所", "区公安局"]),
        ("各村和环发公司", ["各村", "环发公司"]),
    ],
)
def test_a_ge_after_a_place_qualifier_covers_the_bare_kind_joined_by_he(text, lead):
    assert parse_units(text).lead == lead


@pytest.mark.parametrize(
    "text, lead, support",
    [
        ("省公安厅会同省人社厅、卫计委、教育厅", ["省公安厅"], ["省人社厅", "卫计委", "教育厅"]),
        ("市发改委会同市财政局", ["市发改委"], ["市财政局"]),
        ("区管委会办公室", ["区管委会办公室"], []),
    ],
)
def test_a_department_or_committee_before_hui_tong_leads_and_a_committees_name_stays(
    text, lead, support
):
    parsed = parse_units(text)
    assert (parsed.lead, parsed.support, parsed.flags) == (lead, support, [])


def test_collectives_each_starting_with_ge_are_separate_units():
    parsed = parse_units("各街道、各部门、各驻区机构")
    assert parsed.lead == ["各街道", "各部门", "各驻区机构"]


def test_a_collective_qualified_before_its_ge_takes_the_bare_collective_after_it():
    assert parse_units("市直各部门、各单位").lead == ["市直各部门、各单位"]


def test_a_collective_starting_with_ge_is_a_unit_however_it_ends_but_each_item_is_not():
    assert parse_units("各区属事业单位，各区属国企").lead == ["各区属事业单位", "各区属国企"]
    assert parse_units("各项工作").lead == []


def test_it_reads_a_customs_office_as_a_unit_among_those_taking_part():
    parsed = parse_units("区财政金融局牵头，区经济发展局、福州海关等参与")
    assert (parsed.lead, parsed.support, parsed.note) == (
        ["区财政金融局"],
        ["区经济发展局", "福州海关"],
        "",
    )


@pytest.mark.parametrize(
    "text, lead, support",
    [
        ("经济发展处配合区经发局落实", ["区经发局"], ["经济发展处"]),
        ("相关处室配合区应急局、区消防大队落实", ["区应急局", "区消防大队"], ["相关处室"]),
        ("党群工作处协助区民政局负责", ["区民政局"], ["党群工作处"]),
    ],
)
def test_it_makes_the_unit_an_other_helps_the_lead_and_the_helper_support(text, lead, support):
    parsed = parse_units(text)
    assert (parsed.lead, parsed.support, parsed.flags) == (lead, support, [])


def test_it_reads_units_doing_the_work_as_fits_them_as_leads():
    parsed = parse_units("各相关处室结合工作实际推广")
    assert (parsed.lead, parsed.support, parsed.flags) == (["各相关处室"], [], [])


def test_it_reads_a_list_of_doers_with_a_comma_in_it_after_配合_as_the_leads():
    parsed = parse_units("甲处、相关单位配合区公安局，区交通局、区消防支队落实")
    assert (parsed.lead, parsed.support) == (
        ["区公安局", "区交通局", "区消防支队"],
        ["甲处", "相关单位"],
    )


def test_it_reads_units_split_by_object_as_the_doers_leading_and_their_helpers_supporting():
    parsed = parse_units("甲处配合区甲局负责养老院；乙处配合区乙局负责商场，配合区丙局负责网吧")
    assert (parsed.lead, parsed.support) == (["区甲局", "区乙局", "区丙局"], ["甲处", "乙处"])
    assert any("按对象分别写明" in flag for flag in parsed.flags)


def test_a_list_going_on_past_its_tail_word_keeps_its_order_and_its_role():
    # X牵头，A、B等部门，C、D配合: one list of supporters, its 等部门 in the middle dropped.
    parsed = parse_units("区发改局牵头,区财政局、区水务局等部门,区国投公司、各街道办事处配合")
    assert parsed.lead == ["区发改局"]
    assert parsed.support == ["区财政局", "区水务局", "区国投公司", "各街道办事处"]
    # Forbidden: a tail word that ends its list before a clause of another role joins nothing.
    parsed = parse_units("区财政局、区水务局等部门负责,区国投公司配合")
    assert (parsed.lead, parsed.support) == (["区财政局", "区水务局"], ["区国投公司"])


def test_an_unknown_word_where_only_the_role_verb_can_stand_is_read_as_it_flagged():
    # A mirror site swapped 负责 for 卖力: after 牵头 or 按职责分工 it can only be the verb.
    parsed = parse_units("省生长改造委牵头卖力")
    assert (parsed.lead, parsed.support) == (["省生长改造委"], [])
    assert any("卖力" in flag for flag in parsed.flags)
    parsed = parse_units("交通运输厅、能源局等省有关部门和各地级以上市人民政府按职责分工卖力")
    assert parsed.lead == ["交通运输厅", "能源局", "各地级以上市人民政府"]
    assert any("卖力" in flag for flag in parsed.flags)
    # Forbidden: a verb we know, or a name's end, is not read as an odd verb, nor flagged.
    assert parse_units("市发改委牵头负责").flags == []
    assert not any("角色词" in f for f in parse_units("甲处牵头，各科室").flags)


@pytest.mark.parametrize(
    "text, lead",
    [
        # Two offices of one body with no 、 between them (real_heldout25 03 #4's page): cut, said.
        (
            "各联合党委、经济发展处交通与建设处、农业农村处按职责分工负责",
            ["各联合党委", "经济发展处", "交通与建设处", "农业农村处"],
        ),
        # The near-misses: an office of a 办事处 is its name; a part too short to be a body's.
        ("东庠办事处社会事务处", ["东庠办事处社会事务处"]),
        ("区经发局经信处发改处", ["区经发局经信处发改处"]),
    ],
)
def test_two_offices_run_together_are_cut_and_said(text, lead):
    parsed = parse_units(text)
    assert parsed.lead == lead
    assert any("连写在一起" in flag for flag in parsed.flags) == (len(lead) > 1)


@pytest.mark.parametrize(
    "text, lead",
    [
        # plans34 01 #10: a name after another's alias bracket, no 、 between them — the bracket
        # closes the first name (its alias dropped, as X（Y） is X); cut, said.
        ("公安局、综合执法局（安监局）规划局", ["公安局", "综合执法局", "规划局"]),
        # The near-misses: a bracket inside a name (各乡镇（街道）办事处), and one followed by
        # words that end in no organ (区教育局（体育局）直属学校), stay one name.
        ("各乡镇（街道）办事处", ["各乡镇（街道）办事处"]),
        ("区教育局（体育局）直属学校", ["区教育局（体育局）直属学校"]),
    ],
)
def test_a_name_after_an_alias_bracket_is_cut_and_said(text, lead):
    parsed = parse_units(text)
    assert parsed.lead == lead
    said = [flag for flag in parsed.flags if "连写在一起" in flag]
    assert bool(said) == (len(lead) > 2)
    assert all("\ue000" not in flag for flag in said)


def test_helpers_when_needed_are_helpers():
    # plans35 01: （法规处牵头，质监处、药械处根据需要配合）: they help when needed.
    parsed = parse_units("法规处牵头，质监处、药械处根据需要配合")
    assert (parsed.lead, parsed.support) == (["法规处"], ["质监处", "药械处"])
    # Forbidden: 根据需要 before another verb is no role (the cell is not read as units).
    assert parse_units("办公室根据需要安排").lead == []


def test_helpers_a_comma_cuts_from_their_verb_keep_their_place():
    # plans42 04 (辽宁省民政厅): 办公室牵头，A、B,C配合 — A and B carry no verb of their own but
    # help with C; they stand before C, as written.
    units = parse_units("办公室牵头，各有关处室、民服中心,省信息中心运维九部配合")
    assert (units.lead, units.support) == (
        ["办公室"],
        ["各有关处室", "民服中心", "省信息中心运维九部"],
    )


def test_units_with_no_verb_after_the_lead_and_helpers_still_help_after_them():
    # Forbidden: sorting helpers by place must not move a verbless unit named last before
    # the helpers named earlier, nor make it lead.
    units = parse_units("办公室牵头，法规处配合，民服中心")
    assert (units.lead, units.support) == (["办公室"], ["法规处", "民服中心"])


def test_a_manner_written_mid_list_is_said():
    # plans35 05: 责任部门：区公安局驻片区工作组、政法综治处、辖区派出所根据职责落实、各行政村 —
    # whether 各行政村 shares 根据职责落实 the list does not say: all lead, and it is said.
    units = parse_units("区公安局驻片区工作组、政法综治处、辖区派出所根据职责落实、各行政村")
    assert units.lead == ["区公安局驻片区工作组", "政法综治处", "辖区派出所", "各行政村"]
    assert any("根据职责落实" in flag for flag in units.flags)
    # Forbidden: closing the list, the manner is plain (every unit leads), nothing to say.
    units = parse_units("法规审查处、办公室按职责分工落实")
    assert (units.lead, units.flags) == (["法规审查处", "办公室"], [])
