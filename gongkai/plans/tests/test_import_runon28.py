"""Tables run into one line (round 28): each rule on an invented plan, and the step it forbids."""

from datetime import date

from gongkai.plans.tests.plan_text import LONG as _LONG
from gongkai.plans.tests.plan_text import parse, read

# ---- a printed page's number left inside a run-on table (…乙港区—2—二、…) -----------------

_PAGED = (
    "某市规划目标任务分解落实方案序号主要工作任务第一责任单位主要责任单位一、主要指标"
    "1地区生产总值年均增长10%左右。市发展改革委各县(市、区)政府、甲开发区"
    "2服务业增加值比重达到40%。市发展改革委各县(市、区)政府"
    "3地方财政收入年均增长12%。市财政局各县(市、区)政府、乙港区—2—二、产业升级"
    "4社会消费品零售总额年均增长11%以上。市经贸委各县(市、区)政府、甲开发区"
)


def test_a_page_number_between_two_rows_is_no_part_of_the_units_before_it():
    plan = parse(_PAGED, year=2006)
    assert plan.items[2].support_units == ["各县(市、区)政府", "乙港区"]
    assert plan.items[3].section == "二、产业升级"


def test_a_year_span_written_with_dashes_is_left_as_it_is():
    # The step the rule forbids: 2006—2010 is no page number.
    plan = parse(_PAGED.replace("年均增长11%以上", "2006—2010年均增长11%以上"), year=2006)
    assert plan.items[3].lead_units == ["市经贸委"]


# ---- a row whose requirement has no full stop at all (…先进技术市科技局市发展改革委、…) -----


def test_a_row_with_no_full_stop_has_its_units_read_from_the_first_name_the_rest_are_names():
    plan = parse(
        _PAGED.replace("年均增长11%以上。", "推广应用通信技术、新能源技术等先进技术"), year=2006
    )
    assert read(plan, "lead_units", "support_units")[3] == (
        ["市经贸委"],
        ["各县(市、区)政府", "甲开发区"],
    )
    assert plan.items[3].flags


def test_a_row_with_no_full_stop_whose_end_is_no_list_of_names_keeps_no_units():
    # The step the rule forbids: text that merely mentions a body (…配合市财政局做好测算工作)
    # read as the units.
    plan = parse(
        _PAGED.replace(
            "比重达到40%。市发展改革委各县(市、区)政府", "比重达到40%配合市财政局做好测算"
        ),
        year=2006,
    )
    lead, support = plan.items[1].lead_units, plan.items[1].support_units
    assert not any("财政局" in unit for unit in lead + support)
    assert plan.items[1].flags


# ---- a deadline column run into units that run together (12月区甲局区乙局某管理处) -------

_DATED = (
    "分解表 序号主要工作任务具体工作措施完成时限主要责任单位任务来源"
    "1推进生态建设1、建立领导机制3月区经发局区环保局1、全区工作要点 "
    "2、保障水库水质安全12月区环保局区农业局某水库管理处 3、组织编制建设规划12月区环保局"
    " 注：主要责任单位第一个为牵头单位，其余为主要配合单位。"
)


def test_a_name_run_on_after_a_bureau_with_no_place_before_it_is_a_unit_of_its_own():
    plan = parse("生态环境保护工作要点", _DATED, year=2016)
    assert read(plan, "lead_units", "support_units")[1] == (
        ["区环保局"],
        ["区农业局", "某水库管理处"],
    )


def test_a_bureau_whose_name_goes_on_to_a_short_ending_is_not_cut():
    # The step the rule forbids: 区环保局监测站 (a name of four or more needed after the cut)
    # and 区农业局 alone stay whole.
    plan = parse("生态环境保护工作要点", _DATED.replace("某水库管理处", "监测站"), year=2016)
    assert read(plan, "lead_units", "support_units")[1] == (["区环保局"], ["区农业局监测站"])


def test_a_document_title_run_on_after_the_units_is_not_read_as_a_unit():
    body = _DATED.replace("12月区环保局 注", "全年区环保局某综合实验区2016年度目标责任书 注")
    plan = parse("生态环境保护工作要点", body, year=2016)
    assert read(plan, "lead_units", "support_units", "due_date")[2] == (
        ["区环保局"],
        [],
        date(2016, 12, 31),
    )


def test_a_place_run_on_after_the_units_with_no_year_after_it_is_kept():
    # The step the rule forbids: without a document's year after it, the place is left as
    # written (a reader cannot tell it from a unit).
    body = _DATED.replace("12月区环保局 注", "全年区环保局某综合实验区 注")
    plan = parse("生态环境保护工作要点", body, year=2016)
    assert plan.items[2].lead_units == ["区环保局某综合实验区"]


# ---- a list written over and over that goes on with one more name on some rows --------------

_LISTED = (
    "2018年政务公开工作主要任务分解表工 作 任 务牵头单位责 任 单 位工 作 要 求"
    f"一、加强解读回应1.政府工作公开透明 省政府各部门、各直属机构，各设区市政府坚持{_LONG}。"
    f"2.推进政策执行公开 省政府各部门、各直属机构，各设区市政府制定{_LONG}。"
    f"3.做好权责清单公开省审改办省政府各部门、各直属机构，各设区市政府，省信息中心推动{_LONG}。"
    f"4.推进预决算公开省财政厅省政府各部门、各直属机构，各设区市政府推动{_LONG}。"
)
_EVERYONE = ["省政府各部门", "各直属机构", "各设区市政府"]


def test_a_comma_and_a_name_right_after_the_shared_list_is_one_more_unit_of_that_row():
    plan = parse(_LISTED, year=2018)
    assert read(plan, "lead_units", "support_units")[2:] == [
        (["省审改办"], [*_EVERYONE, "省信息中心"]),
        (["省财政厅"], _EVERYONE),
    ]
    assert plan.items[2].requirement == f"做好权责清单公开。推动{_LONG}。"


def test_a_requirement_starting_right_after_the_list_with_no_comma_is_left_to_the_text():
    # The step the rule forbids: 省信息中心推动… with no comma before it is the requirement's
    # first words, not a unit.
    plan = parse(_LISTED.replace("各设区市政府，省信息中心推动", "各设区市政府省信息中心推动"))
    assert read(plan, "lead_units", "support_units")[2] == (["省审改办"], _EVERYONE)


# ---- collectives run together after the requirement (区直有关单位各区属事业单位各区属国企) -----

_COLLECTIVES = (
    "2021年政务公开工作主要任务分解表工作任务工作要求牵头单位配合/责任单位"
    "一、深化政务公开（一）做好规划公开"
    f"1.主动公开规划纲要。通过门户网站集中展示{_LONG}。区发展局区资源局区直有关单位，各乡镇政府"
    f"2.归集整理历史规划。通过信息公开专栏集中发布{_LONG}。区发展局区直有关单位，各乡镇政府"
    f"3.做好规划数据互联。通过专题专栏集中展示{_LONG}。区直有关单位各区属事业单位各区属国企"
)


def test_collectives_run_together_with_nothing_between_have_the_first_leading():
    plan = parse(_COLLECTIVES, year=2021)
    assert read(plan, "lead_units", "support_units")[2] == (
        ["区直有关单位"],
        ["各区属事业单位", "各区属国企"],
    )
    assert plan.items[2].flags


def test_one_collective_with_a_ge_inside_its_name_is_not_cut():
    # The step the rule forbids: 区直各部门 is one collective (its 各 follows 直, not a name's end).
    plan = parse(_COLLECTIVES.replace("区直有关单位各区属事业单位各区属国企", "区直各部门"))
    assert read(plan, "lead_units", "support_units")[2] == (["区直各部门"], [])


# ---- a row's own list before the shared one, its names parted by ， and 、 -----------------

_OWN_LIST = (
    "2017年政务公开工作主要任务分解表工　作　任　务牵头单位责　任　单　位工　作　要　求"
    f"一、助力防风险1.做好政策解读省住建厅各设区市，某综合实验区做好{_LONG}。"
    f"2.及时回应关切省国土厅各设区市，某综合实验区及时{_LONG}。"
    "3.高度重视舆论引导省金融办，省财政厅，人行某中心支行，某证监局、某银监局，"
    f"各设区市，某综合实验区密切关注{_LONG}。"
    f"4.加强信息公开省住建厅各设区市，某综合实验区严格{_LONG}。"
)


def test_a_list_of_names_some_without_their_place_is_read_back_to_its_first_name():
    plan = parse(_OWN_LIST, year=2017)
    assert read(plan, "lead_units", "support_units")[2] == (
        [
            "省金融办",
            "省财政厅",
            "人行某中心支行",
            "某证监局",
            "某银监局",
            "各设区市",
            "某综合实验区",
        ],
        [],
    )
    assert plan.items[2].flags


def test_such_a_list_whose_first_name_is_not_a_place_s_body_is_not_read():
    # The step the rule forbids: a requirement's clause (…做好宣传工作，…) taken as the list's
    # start when no body with its place opens it.
    plan = parse(_OWN_LIST.replace("舆论引导省金融办，", "舆论引导，"), year=2017)
    lead, support = plan.items[2].lead_units, plan.items[2].support_units
    assert "舆论引导" not in "".join(lead + support)
    assert "人行某中心支行" not in lead + support


# ---- rows on lines of their own, cells parted by spaces, the header spaced out --------------

_COLUMNS = [
    "附件 某局2016年政务公开工作主要任务分解表 "
    "工 作 任 务 管委会牵头部门 本局责任处（单位） 工　作　要　求",
    "一、围绕深化改革推进公开",
    "（一）推进权力清单公开",
    "1.全面公开权力清单 区审批局 综合处牵头，各处配合落实 通过门户网站集中展示。",
    "2.公开取消下放事项 重点公开保留的许可事项清单。",
    "（二）推进监管公开",
    "3.公开随机抽查事项清单 综合处牵头 及时公布抽查结果。",
    "4.推进执法信息公开 执法处负责 公开执法的依据和结果。",
    "5.推进信用信息公示 区市场监管局 法规处牵头，各处配合落实 归集并公示许可信息。",
    "6.做好网站连接工作 区办公室 推动信用信息共享。",
]


def test_rows_with_cells_parted_by_spaces_take_the_units_from_the_body_s_own_column():
    plan = parse(*_COLUMNS, year=2016)
    assert read(plan, "number", "section", "subsection", "lead_units", "support_units") == [
        (1, "一、围绕深化改革推进公开", "(一)", ["综合处"], ["各处"]),
        # No units cell: merged from the row above on the page, and told.
        (2, "一、围绕深化改革推进公开", "(一)", ["综合处"], ["各处"]),
        (3, "一、围绕深化改革推进公开", "(二)", ["综合处"], []),
        (4, "一、围绕深化改革推进公开", "(二)", ["执法处"], []),
        (5, "一、围绕深化改革推进公开", "(二)", ["法规处"], ["各处"]),
        (6, "一、围绕深化改革推进公开", "(二)", ["法规处"], ["各处"]),
    ]
    assert all(item.flags for item in plan.items)
    # The upper level's department is no unit of this plan.
    assert not any("区" in unit for item in plan.items for unit in item.lead_units)


def test_such_rows_under_a_header_with_no_column_of_the_body_s_own_are_not_read_so():
    # The step the rule forbids: with one units column (牵头部门), which space-parted cell is a
    # unit cannot be told from the body's own divisions; the reader leaves the plan alone.
    header = _COLUMNS[0].replace(" 本局责任处（单位）", "")
    plan = parse(header, *_COLUMNS[1:], year=2016)
    assert [(i.lead_units, i.support_units) for i in plan.items] == [([], [])] * 6
    assert plan.warnings  # the user is told no units were read


# ---- a document-sharing site's preview: lines wrapped inside a cell run on with a space ------

_PREVIEW = (
    "1、某市某局2022年政务公开工作要点分工方案工作要求工作要点计划措施责任单位"
    "一、优化政 务公开工作 基础(一)深化行政 规章集中公开。"
    "1.规范行政法规使用,统一参考行政法规库,确保使用的行政法 规文本为最新版本。"
    "各科室按职能 落实,综合科 配合2.摸清规范性文件底数,健全动态更新工作机制,"
    "提高规范性文件公 开质量和搜索功能准确性。各科室按职能 落实,综合科 配合"
    "(二)持续推进 基层政务公开。3.结合权责清单以及实际承担的工作职责,"
    "持续推动政府信息主动公开目录的动态更 新调整,切"
    "\n2、实将主动公开目录列明的公开事项公开到位。各科室按职能 落实,综合科 配合"
)


def test_a_space_between_two_characters_of_a_preview_s_chunks_is_a_wrap_and_goes():
    plan = parse(_PREVIEW, year=2022)
    assert {item.section for item in plan.items} == {"一、优化政务公开工作基础"}


def test_the_same_text_outside_a_preview_keeps_its_spaces_as_written():
    # The step the rule forbids: without the preview's numbered chunks a space is the page's.
    plan = parse(_PREVIEW.replace("1、某市", "某市").replace("\n2、实将", "实将"), year=2022)
    assert {item.section for item in plan.items} == {"一、优化政 务公开工作 基础"}


def test_a_lead_whose_name_holds_a_quoted_name_is_read_whole():
    line = _LISTED.replace(
        "3.做好权责清单公开省审改办", "3.推广“互联网+政务服务”省“互联网+政务服务”联席办"
    )
    plan = parse(line, year=2018)
    assert read(plan, "lead_units", "support_units")[2] == (
        ["省“互联网+政务服务”联席办"],
        [*_EVERYONE, "省信息中心"],
    )


def test_a_title_ending_in_a_quoted_phrase_gives_no_lead():
    # The step the rule forbids: the quotes belong to a name only between its place and its end.
    line = _LISTED.replace("3.做好权责清单公开省审改办", "3.推广“互联网+政务服务”")
    plan = parse(line, year=2018)
    assert read(plan, "lead_units", "support_units")[2] == ([*_EVERYONE, "省信息中心"], [])


# ---- a cell per line: a requirement that opens with places is no units cell ------------------


def _cell_lines(second_task: str, third_units: str) -> list[str]:
    return [
        *("序号 |", "工作任务 |", "责任单位 |", "完成时限 |"),
        *("1 |", "推行基层政务服务一次告知制度。 |", "市数据局,各县区政府 |", "2020年底 |"),
        *("2 |", f"{second_task} |", "各县区政府,各乡镇政府 |", "2020年底 |"),
        *("3 |", "全面准确公开基层政务服务事项。 |", f"{third_units} |", "2021年底 |"),
    ]


def test_a_requirement_saying_what_places_bodies_shall_do_is_not_read_as_units():
    lines = _cell_lines(
        "县、乡两级政府要健全政务公开工作机构,确保有机构承担、有专人负责。", "市数据局,各乡镇政府"
    )
    plan = parse(*lines, year=2020)
    assert read(plan, "number", "lead_units") == [
        (1, ["市数据局", "各县区政府"]),
        (2, ["各县区政府", "各乡镇政府"]),
        (3, ["市数据局", "各乡镇政府"]),
    ]


def test_a_units_cell_saying_what_its_units_do_is_still_units():
    # The step the rule forbids: 各乡镇做好发布工作，市数据局做好技术支持 starts with units.
    lines = _cell_lines("推行政务公开标准目录。", "各乡镇做好发布工作,市数据局做好技术支持")
    plan = parse(*lines, year=2020)
    assert read(plan, "lead_units", "support_units")[2][0][0] == "各乡镇"


def test_an_office_s_name_holding_a_bureau_s_word_is_not_cut():
    # The step the rule forbids: 区管委会办公室综合处 and 区纪委员会监督处 are cut nowhere
    # inside 办公室 or 委员会.
    for whole in ("区管委会办公室综合处", "区纪委员会监督处"):
        plan = parse("生态环境保护工作要点", _DATED.replace("某水库管理处", whole), year=2016)
        assert read(plan, "lead_units", "support_units")[1] == (["区环保局"], ["区农业局", whole])
