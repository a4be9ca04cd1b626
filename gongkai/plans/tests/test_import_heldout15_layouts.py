"""Rules of the round on real_heldout15 (issue 14): plans of other government work — 政府工作报告
分工, 营商环境, 安全生产, 乡村振兴 — with units written in ways the earlier batches did not show.
The plans here are small and invented, typed in the shape each layout has; the real ones are
scored by test_import_real_plans.py.
"""

from gongkai.lib.unit_text import parse_units
from gongkai.plans.tests.plan_text import parse, read

# ---- a bare organ after a bracket and a space is more of the name --------------------------


def test_a_bare_organ_after_a_bracket_and_a_space_goes_on_the_name_before_it():
    parsed = parse_units("各县区(开发区) 安委会")
    assert (parsed.lead, parsed.support) == (["各县区(开发区)安委会"], [])


def test_names_separated_by_a_space_stay_two_units():
    parsed = parse_units("市委宣传部(市文明办) 市财政局")
    assert (parsed.lead, parsed.support) == (["市委宣传部", "市财政局"], [])


# ---- a page cut inside a list of numbers ----------------------------------------------------


_HOTLINES = (
    "二、归并方式",
    "(一)整体并入。取消12300、12301共2条热线号码,话务座席统一归并到12345热线。"
    "(牵头单位:区大数据局;配合单位:各镇政府。完成时间:2021年8月底前)",
    "(二)双号并行。保留12315、12316、123",
)


def test_a_last_task_the_page_stops_inside_a_list_of_numbers_is_left_out_and_told():
    plan = parse(*_HOTLINES, year=2021)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区大数据局"], ["各镇政府"])
    ]
    assert any("第2项中途截断" in warning for warning in plan.warnings)


def test_a_last_task_ending_on_its_own_number_is_kept():
    whole = (*_HOTLINES[:2], "(二)双号并行。保留12315热线。(牵头单位:区市场监管局)")
    plan = parse(*whole, year=2021)
    assert read(plan, "number", "lead_units") == [(1, ["区大数据局"]), (2, ["区市场监管局"])]
    assert not any("截断" in warning for warning in plan.warnings)


# ---- 分管领导: a person / 部门分工:X牵头,Y配合 lines ------------------------------------------


_DUTY_LINES = (
    "一、主要预期目标",
    "1.地区生产总值增长6%以上。",
    "分管省领导:林克庆",
    "部门分工:省发展改革委牵头,各地、各部门配合。",
    "2.地方一般公共预算收入增长5%左右。",
    "分管省领导:林克庆",
    "部门分工:省财政厅牵头,各地、各部门配合。",
)


def test_a_duty_split_line_gives_lead_and_support_and_the_leader_is_no_unit():
    plan = parse(*_DUTY_LINES, year=2021)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["省发展改革委"], ["各地", "各部门"]),
        (2, ["省财政厅"], ["各地", "各部门"]),
    ]
    assert not any("林克庆" in u for i in plan.items for u in i.lead_units + i.support_units)


def test_a_page_stopping_on_the_duty_label_of_a_task_without_units_leaves_it_out_told():
    plan = parse(
        *_DUTY_LINES, "3.固定资产投资增长8%左右。", "分管省领导:张新", "部门分工:", year=2021
    )
    assert [i.number for i in plan.items] == [1, 2]
    assert any("第3项中途截断" in warning for warning in plan.warnings)


def test_a_qualifier_before_a_collective_still_goes_with_it_but_each_ge_stands_alone():
    assert parse_units("县直、驻县有关单位").lead == ["县直、驻县有关单位"]
    assert parse_units("各地、各部门").lead == ["各地", "各部门"]


# ---- 一、X牵头工作(8项): the lead named only in the heading -----------------------------------


_HEADING_LED = (
    "一、县示范区管委会牵头工作(3项)",
    "1.建设循环水养殖基地。",
    "2.打造食用菌生产基地。",
    "二、县发改局牵头工作(1项)",
    "3.推进重点项目建设。",
)


def test_a_heading_naming_who_leads_its_work_gives_its_tasks_their_lead_flagged():
    plan = parse(*_HEADING_LED, year=2025)
    assert read(plan, "number", "lead_units") == [
        (1, ["县示范区管委会"]),
        (2, ["县示范区管委会"]),
        (3, ["县发改局"]),
    ]
    assert all(any("标题所注" in f for f in i.flags) for i in plan.items)


def test_a_heading_of_work_that_names_no_one_leading_gives_no_units():
    plan = parse("一、重点工作(2项)", "1.建设循环水养殖基地。", "2.打造食用菌生产基地。", year=2025)
    assert read(plan, "lead_units") == [([],), ([],)]


def test_a_heading_led_task_the_page_stops_inside_is_left_out_and_told():
    plan = parse(*_HEADING_LED, "4.加强示范区与主城区基础设施", year=2025)
    assert [i.number for i in plan.items] == [1, 2, 3]
    assert any("第4项中途截断" in warning for warning in plan.warnings)


# ---- a unit alone in brackets on its own line; 1﹒ numbers; a dot lost; 一' headings ----------


def test_a_units_bracket_alone_on_the_line_after_a_tasks_paragraphs_gives_its_units():
    plan = parse(
        "一、加快推进农业高质量发展",
        "1. 稳定粮食生产。",
        "落实产粮大县奖励等政策,全市粮食播种面积稳定在180万亩以上。",
        "(市农业农村局)",
        "2. 实施优质粮食工程。",
        "推动大米提档升级。",
        "(市发展改革委)",
        year=2020,
    )
    assert read(plan, "number", "lead_units", "measures") == [
        (1, ["市农业农村局"], "落实产粮大县奖励等政策,全市粮食播种面积稳定在180万亩以上。"),
        (2, ["市发展改革委"], "推动大米提档升级。"),
    ]


def test_a_bracket_that_is_no_units_alone_on_a_line_stays_text():
    plan = parse("一、重点工作", "1. 稳定粮食生产。", "(见附件1)", year=2020)
    assert read(plan, "lead_units", "measures") == [([], "(见附件1)")]


def test_a_number_whose_dot_was_lost_is_read_when_it_fits_the_sequence_and_only_then():
    plan = parse(
        "一、抓好生猪稳产保供",
        "1. 加快恢复生猪生产。(市农业农村局)",
        "2 加强猪肉市场监测和调控。(市商务局)",
        "3. 强化非洲猪瘟疫病防控。(市农业农村局)",
        year=2020,
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["市农业农村局"]),
        (2, ["市商务局"]),
        (3, ["市农业农村局"]),
    ]
    # 180 万亩 opens a sentence of task 1, no task of its own: it fits no gap in the numbers.
    plan = parse(
        "一、稳定粮食生产",
        "1. 稳定粮食生产。",
        "180 万亩以上的播种面积保持稳定。",
        "(市农业农村局)",
        "2. 实施优质粮食工程。(市发展改革委)",
        year=2020,
    )
    assert read(plan, "number", "lead_units") == [(1, ["市农业农村局"]), (2, ["市发展改革委"])]


def test_small_full_stop_numbers_and_a_quote_for_the_headings_mark_are_read():
    plan = parse(
        "一'加快推进农业高质量发展",
        "1﹒稳定粮食生产。(市农业农村局)",
        "2﹒实施优质粮食工程。(市发展改革委)",
        year=2020,
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一'加快推进农业高质量发展", ["市农业农村局"]),
        (2, "一'加快推进农业高质量发展", ["市发展改革委"]),
    ]


def test_a_document_sharing_sites_notice_is_no_task():
    plan = parse(
        "合集下载",
        "  1. 1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑服务。",
        '  2. 2、"仅部分预览"的文档,不可在线预览部分如存在完整性等问题,可反馈申请退款。',
        "1. 稳定粮食生产。(市农业农村局)",
        "2. 夯实农业生产基础。(市发展改革委)",
        year=2020,
    )
    assert read(plan, "number", "lead_units") == [(1, ["市农业农村局"]), (2, ["市发展改革委"])]


# ---- a page's index block in | cells above a prose plan ------------------------------------


_INDEXED = (
    "文号 | 平政办〔2013〕11号 | 索引号 | 005452065/2013-00024 | 关键词 | |",
    "主题分类 | 政府办文件 | 体裁分类 | 服务对象 |",
    "一、加快产业转型",
    "1.加大传统优势产业帮扶力度,释放产能。",
    "牵头单位:市工业和信息化局",
    "责任单位:市发改委、市商务局",
    "2.加快产业产品结构调整。",
    "牵头单位:市发改委",
    "责任单位:市工业和信息化局",
)


def test_a_pages_index_block_in_cells_leaves_a_prose_plan_prose_and_its_cut_end_told():
    plan = parse(*_INDEXED, "3.每个产业集聚区都要引进知名企业,形成龙头带", year=2013)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市工业和信息化局"], ["市发改委", "市商务局"]),
        (2, ["市发改委"], ["市工业和信息化局"]),
    ]
    assert any("第3项中途截断" in warning for warning in plan.warnings)


def test_a_table_row_naming_one_index_label_is_still_a_row():
    plan = parse(
        "序号 | 工作任务 | 责任单位 | 完成时限",
        "1 | 公开文号 | 市政府办 | 2013年6月底前",
        year=2013,
    )
    assert read(plan, "number", "lead_units") == [(1, ["市政府办"])]


# ---- a labelled value ends at a full stop a sentence follows --------------------------------


def test_a_sentence_after_the_units_labels_value_is_a_note_not_a_unit():
    parsed = parse_units(
        "责任单位:省发展改革委、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工"
    )
    assert (parsed.lead, parsed.support) == (["省发展改革委", "商务厅"], [])
    labelled = parse_units("牵头单位:市财政局。责任单位:市审计局。")
    assert (labelled.lead, labelled.support) == (["市财政局"], ["市审计局"])


# ---- 1.title / (1)…(4) points / (责任单位:…): one task ------------------------------------


_POINTS = (
    "(一)“一案三制”建设",
    "1.完善应急预案体系",
    "(1)加强应急预案管理,规范应急预案编制工作。",
    "(2)加强应急预案演练,完善演练管理制度。",
    "(责任单位:市直各有关单位、各县(市、区)人民政府)",
    "2.健全应急管理体制",
    "(1)推进应急管理办事机构建设。",
    "(2)落实应急管理专职人员编制。",
    "(责任单位:市应急局)",
)


def test_a_tasks_points_closed_by_one_units_bracket_are_its_measures_not_tasks():
    plan = parse(*_POINTS, year=2017)
    assert read(plan, "number", "lead_units") == [
        (1, ["市直各有关单位", "各县(市、区)人民政府"]),
        (2, ["市应急局"]),
    ]


def test_points_each_closed_by_their_own_units_stay_tasks():
    plan = parse(
        "(一)“一案三制”建设",
        "1.完善应急预案体系",
        "(1)加强应急预案管理。(责任单位:市应急局)",
        "(2)加强应急预案演练。(责任单位:市消防救援支队)",
        year=2017,
    )
    # (the title before them stays a task of its own, unitless and flagged, as before)
    assert [units for (units,) in read(plan, "lead_units")][-2:] == [
        ["市应急局"],
        ["市消防救援支队"],
    ]


def test_a_title_and_its_points_the_page_stops_inside_are_left_out_and_told():
    plan = parse(*_POINTS[:5], "2.健全应急管理体制", "(1)推进应急管理办事机构建", year=2017)
    assert read(plan, "number", "lead_units") == [(1, ["市直各有关单位", "各县(市、区)人民政府"])]
    assert any("第2项中途截断" in warning for warning in plan.warnings)


# ---- a mirror's copy (pinyin after characters, garbled numbers) is told, every item flagged --


def test_a_mirrors_copy_with_pinyin_flags_every_item_and_warns():
    plan = parse(
        "一(yī)、實施創(chuàng)新驅動發展戰略",
        "1.建設(shè)崂山實驗室。(牽頭單位:市科技局;配合單位:青島藍谷管理局)",
        "2.完善實驗室建設體系。(牽頭單位:市科技局)完成時限:2023年底前",
        year=2023,
    )
    assert read(plan, "number", "lead_units") == [(1, ["市科技局"]), (2, ["市科技局"])]
    assert all(any("转载网站的副本" in f for f in i.flags) for i in plan.items)
    assert any("转载网站的副本" in w for w in plan.warnings)


def test_a_garbled_number_flags_every_item():
    plan = parse(
        "一、努力構建現代產業體系",
        "(一)加快建設三大汽車產業基地。(牽頭單位:市經貿委;配合單位:市發改委)",
        "?。ǘ┩七M東部石化基地建設。(牽頭單位:市發改委;配合單位:市經貿委)",
        year=2006,
    )
    assert plan.items and all(any("转载网站的副本" in f for f in i.flags) for i in plan.items)


def test_a_clean_traditional_plan_is_no_mirrors_copy():
    plan = parse(
        "一、實施創新驅動發展戰略",
        "1.建設崂山實驗室。(牽頭單位:市科技局)完成時限:2023年底前",
        "2.完善實驗室建設體系(含a類項目)。(牽頭單位:市科技局)完成時限:2023年底前",
        year=2023,
    )
    assert not any("转载网站的副本" in f for i in plan.items for f in i.flags)
    assert not any("转载网站的副本" in w for w in plan.warnings)


# ---- 主要责任单位 | 协同配合单位: the units column leads when no 牵头 column stands -----------


def test_a_units_column_beside_a_support_column_and_no_lead_column_names_the_leads():
    plan = parse(
        "序号 | 重点工作任务 | 主要责任单位 | 协同配合单位",
        "3 | 固定资产投资增长7.5%左右。 | 区发改委 | 区工信局、区住建局",
        "4 | 社会消费品零售总额增长6%。 | 区商务局 | 区发改委",
        year=2025,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (3, ["区发改委"], ["区工信局", "区住建局"]),
        (4, ["区商务局"], ["区发改委"]),
    ]


def test_beside_a_lead_column_a_units_column_still_supports():
    plan = parse(
        "序号 | 主要任务 | 牵头单位 | 参与单位 | 责任单位",
        "1 | 严守水资源开发利用控制红线。 | 市水利局 | 市发改委 | 各县政府",
        year=2018,
    )
    assert read(plan, "lead_units", "support_units") == [(["市水利局"], ["市发改委", "各县政府"])]


def test_a_last_row_the_page_stops_inside_an_amount_of_is_left_out_and_told():
    header = ("序号", "重点工作任务", "主要责任单位", "协同配合单位")
    row68 = ("68", "持续推进学前教育普及普惠。", "区教育局", "区政府有关部门。")
    row69 = ("69", "深化与海亮集团合作,积极引进优质教育资源。", "区教育局", "区投资促进中心。")
    cut = ("73", "大力推进“安心托幼”,全区托位数提高至560")
    cells = (*header, *row68, *row69, *cut)
    plan = parse(*(line for cell in cells for line in (cell, "")), year=2025)
    assert [i.number for i in plan.items] == [68, 69]
    assert any("第73项中途截断" in warning for warning in plan.warnings)


def test_a_table_drawn_with_box_characters_is_no_garbled_copy():
    plan = parse(
        "┌──┬──────┬──────┐",
        "一、推进重点领域信息公开",
        "1.公开财政预决算。(牵头单位:市财政局)",
        "2.公开重大项目信息。(牵头单位:市发改委)",
        "└──┴──────┴──────┘",
        year=2023,
    )
    assert not any("转载网站的副本" in w for w in plan.warnings)
