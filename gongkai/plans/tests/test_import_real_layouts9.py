"""Rules of the ninth round on plans of other bodies (issue 14): a reader that is not sure
flags the item, never guesses silently. The plans here are small and invented, typed by hand
in the shape each layout has; the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.importers.paragraphs import _UNNUMBERED_FLAG
from gongkai.plans.tests.plan_text import parse, read, units

# A sentence long enough that the heading it follows cannot be a title alone.
BODY = "完善由牵头部门统筹协调、相关职能处室专项主抓、具体落实的协调推进机制，定期研究推进工作。"


def test_it_keeps_a_long_heading_closed_by_its_own_units_label_as_a_task_after_numbered_ones():
    plan = parse(
        "二、重点任务",
        "（一）厕所革命",
        "1.改造户用厕所。引导群众自主改造厕屋。责任处室:农业农村处、社会事业处",
        "2.提升公厕档次。改造升级一批老旧公厕。责任处室:交通建设处",
        "三、保障措施",
        "（三）加强组织领导" + BODY + "责任处室:农业农村处、资源生态处",
        "（四）完善配套政策" + BODY + "（牵头单位：经济发展处，配合单位：交通建设处）",
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "二、重点任务", ["农业农村处", "社会事业处"], []),
        (2, "二、重点任务", ["交通建设处"], []),
        (3, "三、保障措施", ["农业农村处", "资源生态处"], []),
        (4, "三、保障措施", ["经济发展处"], ["交通建设处"]),
    ]
    assert [_UNNUMBERED_FLAG in item.flags for item in plan.items] == [False, False, True, True]


def test_it_keeps_a_long_heading_over_numbered_tasks_a_heading():
    plan = parse(
        "三、保障措施",
        "（一）加强组织领导" + BODY + "责任处室:农业农村处",
        "1.改造户用厕所。引导群众自主改造厕屋。责任处室:社会事业处",
    )
    assert read(plan, "number", "lead_units") == [(1, ["社会事业处"])]


def test_it_leaves_the_pages_signature_date_and_source_out_of_the_last_tasks_units():
    plan = parse(
        "一、重点任务",
        "1.改造户用厕所。引导群众自主改造厕屋。责任处室:农业农村处",
        "2.提升公厕档次。改造升级一批老旧公厕。责任处室:交通建设处、社会事业处 某某区管理局"
        " 2023年3月16日 来源：某某区管理局 附件下载",
    )
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["农业农村处"], None),
        (2, ["交通建设处", "社会事业处"], None),
    ]


def test_it_leaves_a_pages_source_line_out_of_the_last_tasks_units():
    plan = parse(
        "一、重点任务",
        "1.结合宪法宣传周开展普法宣传活动。责任单位：局乡村振兴处、农业处 来源：某某局 附件下载",
    )
    assert read(plan, "lead_units") == [(["局乡村振兴处", "农业处"],)]


def test_it_reads_the_units_label_after_a_task_not_a_bracket_inside_its_text():
    plan = parse(
        "一、重点任务",
        "1.开展庭院创建。引导村民绿化庭院，培育示范户、示范村、示范镇（街道）。"
        "责任处室:党群工作处、农业农村处",
        "2.提升公厕档次。改造升级一批老旧公厕。责任处室:交通建设处",
    )
    assert read(plan, "lead_units") == [(["党群工作处", "农业农村处"],), (["交通建设处"],)]


def test_it_leaves_out_closing_measures_naming_no_units_in_a_plan_whose_tasks_all_name_theirs():
    plan = parse(
        "三、整治任务",
        "1.老城区环境卫生整治。清除卫生死角。（责任单位：甲镇人民政府、乙乡人民政府）",
        "2.城市道路综合整治。整治乱搭乱建。（责任单位：区综合执法局）",
        "3.园林绿化整治。补植绿地。（责任单位：区园林局）",
        "四、保障措施",
        "1.加强领导，落实责任。各责任单位要高度重视，落实领导责任制。",
        "2.统一调度，督查落实。要坚持统一领导，部门协调配合。",
    )
    assert read(plan, "number", "section") == [
        (1, "三、整治任务"),
        (2, "三、整治任务"),
        (3, "三、整治任务"),
    ]
    assert any("四、保障措施" in warning for warning in plan.warnings)


def test_it_keeps_paragraphs_naming_no_units_in_the_part_of_the_last_task_that_names_them():
    plan = parse(
        "三、整治任务",
        "1.老城区环境卫生整治。清除卫生死角。（责任单位：甲镇人民政府）",
        "2.城市道路综合整治。整治乱搭乱建。（责任单位：区综合执法局）",
        "3.园林绿化整治。补植绿地。（责任单位：区园林局）",
        "4.市政设施整治。更换维修破旧路灯。",
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["甲镇人民政府"]),
        (2, ["区综合执法局"]),
        (3, ["区园林局"]),
        (4, []),
    ]


def test_it_reads_a_units_label_run_on_after_a_title_with_no_full_stop():
    plan = parse(
        "一、重点宣传普及法律法规",
        "1.习近平法治思想责任单位：局机关党委、乡村振兴处，区农业中心",
        "2.《宪法》《民法典》责任单位：局农业处",
        "3.开展“12.4”国家宪法日学法活动责任单位：局乡村振兴处",
    )
    assert read(plan, "lead_units") == [
        (["局机关党委", "乡村振兴处", "区农业中心"],),
        (["局农业处"],),
        (["局乡村振兴处"],),
    ]


def test_it_reads_no_label_inside_a_sentence_that_goes_on():
    plan = parse(
        "一、重点任务",
        "1.完善工作机制。逐项明确责任单位：办公室要会同各科室抓好落实，确保按期完成。",
        "2.提升公厕档次。改造升级一批老旧公厕。（责任单位：交通建设处）",
    )
    assert read(plan, "lead_units") == [([],), (["交通建设处"],)]


# ---- tasks closed by role labels with no bracket, the list running on into the next title ----


def test_it_reads_a_group_whose_units_close_its_last_numbered_paragraph_as_one_task():
    plan = parse(
        "三、重点行动",
        "（一）高技术产业",
        "1．行动目标。推动上游产业集聚。到2018年，建设一批智能车间。",
        "2．主要任务推进两区产业一体化发展。牵头单位：区经发局经信处，配合单位：区通管办",
        "（二）现代农业",
        "1．行动目标。推进互联网与农业融合发展。",
        "2．主要任务建立健全农业信息服务体系。牵头单位：区农村发展局，配合单位：区商务局等",
        year=2016,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区经发局经信处"], ["区通管办"]),
        (2, ["区农村发展局"], ["区商务局"]),
    ]
    assert all(any("整组读作一项任务" in flag for flag in item.flags) for item in plan.items)


def test_it_cuts_a_paragraph_after_each_set_of_role_labels_where_the_names_end():
    plan = parse(
        "三、保障措施",
        "（一）强化人力保障加强多层次人才培养。支持校企共建基地。"
        "牵头单位：区党群工作部，配合单位：区教育局，区农村发展局等加大人才引进力度。"
        "吸引高端人才来岚创业。牵头单位：区党群工作部，配合单位：区台湾工作部",
        "（二）抓好组织实施加强协调沟通。发挥领导小组协调作用。"
        "牵头单位：区经济发展局，配合单位：区相关部门广泛宣传推广。"
        "组织好区内媒体开设专栏。牵头单位：区宣传部",
        year=2016,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["区党群工作部"], ["区教育局", "区农村发展局"]),
        (["区党群工作部"], ["区台湾工作部"]),
        (["区经济发展局"], ["区相关部门"]),
        (["区宣传部"], []),
    ]
    assert all(item.flags for item in plan.items)


def test_it_leaves_labels_inside_a_bracket_to_the_bracket_reader():
    plan = parse(
        "二、主要任务",
        "1．推进决策公开。（责任处室：办公室牵头，各相关处室配合）",
        "2．推进预算公开。（责任处室：预算处、国库处）",
        year=2018,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["办公室"], ["各相关处室"]),
        (["预算处", "国库处"], []),
    ]


def test_it_flags_units_read_from_a_bracket_of_bare_names_with_more_text_after_it():
    plan = parse(
        "一、重点任务",
        "1.开展庭院创建。培育示范户、示范村、示范镇（街道）。此外还要推进农村粪污资源化利用工作。",
        "2.提升公厕档次。改造升级一批老旧公厕。（交通建设处）",
    )
    first, second = plan.items
    assert first.lead_units == ["街道"]
    assert any("中间的括注" in flag for flag in first.flags)
    assert not any("中间的括注" in flag for flag in second.flags)


def test_it_flags_a_number_that_neither_follows_the_last_nor_restarts_at_one():
    task = "。改造升级一批老旧公厕。（责任单位：交通建设处；完成时限：2023年6月底前）"
    plan = parse(
        "一、重点任务",
        "1.改造户用厕所" + task,
        "2.提升公厕档次" + task,
        "二、保障措施",
        "1.加强组织领导" + task,
        "3.完善配套政策" + task,
    )
    assert read(plan, "number") == [(1,), (2,), (3,), (4,)]
    flagged = [any("既不连续" in flag for flag in item.flags) for item in plan.items]
    assert flagged == [False, False, False, True]


def test_it_reads_a_plan_afresh_after_reading_another_that_shares_its_lines():
    # What the readers remember of lines is kept within one plan (see forget_memos): the same
    # task line gives the same units in a plan read after another.
    line = "1.提升公厕档次。改造升级一批老旧公厕。（交通建设处、社会事业处负责）"
    first = parse("一、重点任务", line)
    second = parse("一、重点任务", line, "2.完善机制。建立长效管护机制。（农业农村处负责）")
    assert read(first, "lead_units") == [(["交通建设处", "社会事业处"],)]
    assert read(second, "lead_units") == [(["交通建设处", "社会事业处"],), (["农业农村处"],)]


def test_it_keeps_an_unnumbered_paragraph_closed_by_its_own_labels_as_a_task():
    plan = parse(
        "一、重点任务",
        "1.改造户用厕所。引导群众自主改造厕屋。责任单位：农业农村处。完成时限：2023年6月底前。",
        "加强农村公厕管护，建立长效管护机制，确保公厕干净整洁。责任单位：社会事业处。"
        "完成时限：2023年9月底前。",
        "2.提升公厕档次。改造升级一批老旧公厕。责任单位：交通建设处。完成时限：2023年6月底前。",
    )
    assert read(plan, "lead_units", "due_date") == [
        (["农业农村处"], date(2023, 6, 30)),
        (["社会事业处"], date(2023, 9, 30)),
        (["交通建设处"], date(2023, 6, 30)),
    ]
    assert _UNNUMBERED_FLAG in plan.items[1].flags


def test_it_flags_a_task_given_the_same_label_twice_and_keeps_its_first_deadline():
    plan = parse(
        "一、重点任务",
        "1.改造户用厕所。引导群众自主改造厕屋。",
        "责任单位：农业农村处",
        "完成时限：2023年6月底前",
        "加强农村公厕管护，建立长效管护机制，确保公厕干净整洁。",
        "责任单位：社会事业处",
        "完成时限：2023年9月底前",
        "2.提升公厕档次。改造升级一批老旧公厕。",
        "牵头单位：交通建设处",
        "配合单位：社会事业处",
        "完成时限：2023年6月底前",
    )
    first, second = plan.items
    assert first.due_date == date(2023, 6, 30)
    assert any("两处相同的标注" in flag for flag in first.flags)
    assert units(second) == (["交通建设处"], ["社会事业处"])
    assert not any("两处相同的标注" in flag for flag in second.flags)


def test_it_keeps_a_rows_last_cells_that_look_like_a_signature_and_date():
    plan = parse(
        "序号 工作任务 责任单位 完成时限",
        "1 加强政务公开平台建设工作 办公室 2023年12月31日",
        "2 推进决策公开工作 法规科 2023年6月30日",
    )
    assert read(plan, "number", "lead_units", "due_date") == [
        (1, ["办公室"], date(2023, 12, 31)),
        (2, ["法规科"], date(2023, 6, 30)),
    ]


# ---- a run-on table with a deadline column and cited lists between its rows ----------------


def test_it_reads_a_run_on_table_whose_rows_give_a_deadline_then_units_between_cited_lists():
    body = (
        "附件 2016年生态环境保护工作分解表 序号主要工作任务具体工作措施完成时限主要责任单位任务来源"
        "1推进生态文明建设1、建立生态文明建设领导机制3月区经发局区环保局"
        "1、全区2016年工作要点（综委〔2016〕5号）2、全省生态环境保护工作会议 "
        "2、制定加强生态环境保护工作的实施方案6月区环保局 3、组织编制生态文明建设规划12月区环保局"
        "2分解落实生态环保目标责任4、分解细化目标责任到各乡镇3月区环保局 "
        "1、目标责任书2、全省环境保护工作视频会议5、每月调度并通报目标责任落实情况全年区环保局"
        "区农业局 注：主要责任单位第一个为牵头单位，其余为主要配合单位。"
    )
    plan = parse("2016年生态环境保护工作要点", body, year=2016)
    assert read(plan, "number", "subsection", "lead_units", "support_units", "due_date") == [
        (1, "推进生态文明建设", ["区经发局"], ["区环保局"], date(2016, 3, 31)),
        (2, "推进生态文明建设", ["区环保局"], [], date(2016, 6, 30)),
        (3, "推进生态文明建设", ["区环保局"], [], date(2016, 12, 31)),
        (4, "分解落实生态环保目标责任", ["区环保局"], [], date(2016, 3, 31)),
        (5, "分解落实生态环保目标责任", ["区环保局"], ["区农业局"], date(2016, 12, 31)),
    ]
    # The group cell is the tasks' 工作任务, not a part of the plan (no heading above).
    assert {item.section for item in plan.items} == {""}
    assert all(item.flags for item in plan.items)


def test_it_lets_every_unit_lead_in_such_a_table_without_a_note_saying_the_first_leads():
    body = (
        "分解表 序号主要工作任务具体工作措施完成时限主要责任单位任务来源"
        "1推进生态文明建设1、建立领导机制3月区经发局区环保局1、全区工作要点 "
        "2、制定实施方案6月区环保局区农业局 3、组织编制建设规划12月区环保局"
    )
    plan = parse("生态环境保护工作要点", body, year=2016)
    assert read(plan, "lead_units", "support_units") == [
        (["区经发局", "区环保局"], []),
        (["区环保局", "区农业局"], []),
        (["区环保局"], []),
    ]


def test_it_cuts_after_a_label_sets_deadline_so_each_task_keeps_its_own():
    plan = parse(
        "一、重点任务",
        "1.推进预决算公开。按规定公开部门预决算。责任单位：财政局。完成时限：2023年6月底前。"
        "推进重大项目公开，及时公开项目批准信息。责任单位：发改局。完成时限：2023年9月底前。",
        "2.推进决策公开。责任单位：办公室。完成时限：2023年12月底前。",
    )
    assert read(plan, "lead_units", "due_date") == [
        (["财政局"], date(2023, 6, 30)),
        (["发改局"], date(2023, 9, 30)),
        (["办公室"], date(2023, 12, 31)),
    ]


def test_it_cuts_before_the_next_part_glued_to_the_last_units_label_list():
    text = (
        "一、总体要求做好林长制工作。二、考核对象为各片区。三、考核方式为按季度考核。"
        "四、考核内容1.营造林生产（8分）考核营造林质量和生产任务完成情况。"
        + "考核工作按季度开展，结果通报各处室和各村。"
        * 50
        + "责任处室：资源生态处、苏平服务站2.义务植树（3分）考核全民义务植树活动组织开展情况。"
        "责任处室：资源生态处、党政办公室五、缺项计分方法有缺项情形的，按平均分计分。"
    )
    plan = parse(text)
    assert read(plan, "number", "lead_units") == [
        (1, ["资源生态处", "苏平服务站"]),
        (2, ["资源生态处", "党政办公室"]),
    ]


def test_it_takes_no_ordinal_inside_a_part_title_for_the_parts_number():
    body = (
        "分解表 序号主要工作任务具体工作措施完成时限主要责任单位任务来源"
        "1第1部分工作1、建立领导机制3月区经发局1、全区工作要点 "
        "2、制定实施方案6月区环保局 2第2部分工作3、组织编制建设规划12月区环保局"
    )
    plan = parse("生态环境保护工作要点", body, year=2016)
    assert read(plan, "number", "subsection") == [
        (1, "第1部分工作"),
        (2, "第1部分工作"),
        (3, "第2部分工作"),
    ]


def test_it_takes_a_deadline_of_a_year_only_as_that_years_end_and_flags_it():
    plan = parse(
        "一、重点任务",
        "1.推进决策公开。（责任单位：办公室；完成时限：2023年）",
        "2.推进执行公开。（责任单位：法规科；完成时限：2023年度）",
    )
    assert read(plan, "due_date") == [(date(2023, 12, 31),), (date(2023, 12, 31),)]
    assert all(any("只写了年份" in flag for flag in item.flags) for item in plan.items)
