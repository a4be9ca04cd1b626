"""Rules of the seventh round on plans of other bodies (issue 14): what a careful clerk would
not accept silently — a gap in the plan's numbering, a heading run into its first task on
one line, numbered paragraphs some of which name no units.

The plans here are small and invented, typed by hand in the shape each layout has; the real
ones are scored by test_import_real_plans.py (real_heldout4, real_heldout5).
"""

from datetime import date

from gongkai.plans.tests.plan_text import LONG, parse, read


def test_it_keeps_the_plans_own_numbers_across_a_gap_and_flags_the_task_after_it():
    plan = parse(
        "序号|工作任务|责任单位|完成时限",
        "1|做好规范性文件公开，及时更新规范性文件库|法规科|2023年6月底前",
        "2|加强政策解读，重要政策同步解读|办公室|长期坚持",
        "4|完善政府网站，确保信息及时更新|信息中心|9月底前",
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["法规科"]),
        (2, ["办公室"]),
        (4, ["信息中心"]),
    ]
    assert [item.flags for item in plan.items[:2]] == [[], []]
    assert plan.items[2].flags == ["原文编号从2跳到4，中间的任务可能漏读，请核对"]


# ---- a heading run into its first task on one line ---------------------------------------


def test_it_cuts_a_long_line_starting_with_a_heading_before_its_first_group():
    plan = parse(
        "2022年政务公开工作要点",
        f"一、聚焦重点领域，提升公开质量 （一）做好财政信息公开。{LONG}。（责任单位：市财政局）",
        year=2022,
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、聚焦重点领域，提升公开质量", ["市财政局"])
    ]


def test_it_cuts_a_preamble_ending_in_a_colon_the_heading_and_the_first_numbered_task():
    plan = parse(
        "1、教育局政务公开重点工作方案为持续深化政务公开工作，现将重点工作任务分解如下："
        "一、围绕经济发展，推进政策文件公开"
        f"1.全面公开现行有效规范性文件。{LONG}。牵头科室：办公室，责任科室：各科室。",
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、围绕经济发展，推进政策文件公开", ["办公室"], ["各科室"])
    ]
    assert plan.items[0].requirement.startswith("全面公开现行有效规范性文件")


def test_a_numbered_paragraph_ending_in_a_colon_introduces_the_tasks_and_is_none():
    plan = parse(
        "1、现将重点工作任务分解如下：",
        "一、推进政策公开",
        "1.做好规范性文件公开。（责任单位：法规科）",
        "2.加强政策解读。（责任单位：办公室）",
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、推进政策公开", ["法规科"]),
        (2, "一、推进政策公开", ["办公室"]),
    ]


def test_it_reads_the_deadline_label_after_a_full_stop_inside_a_units_bracket():
    (item,) = parse(
        "一、推进政策公开",
        "1.完善规章动态更新机制。及时更新。（牵头科室：办公室，责任科室：各科室。完成时限：长期坚持）",
    ).items
    assert (item.lead_units, item.support_units, item.deadline_text) == (
        ["办公室"],
        ["各科室"],
        "长期坚持",
    )
    assert (item.due_date, item.ongoing) == (date(2023, 12, 31), True)


def test_it_flags_a_deadline_ending_in_the_next_tasks_number_and_that_task():
    first, second = parse(
        "一、推进政策公开",
        "1.做好规范性文件公开。牵头科室：法规科。完成时限：2023年10月底前2，",
        "2、加强政策解读。（牵头科室：办公室。完成时限：长期坚持）",
    ).items
    assert (first.number, first.due_date, second.number) == (1, date(2023, 10, 31), 2)
    assert first.flags == ["完成时限“2023年10月底前2，”末尾多出“2”（可能是下一项的编号），请核对"]
    assert second.flags == [
        "本项的编号也出现在上一项末尾，任务从哪里开始、编号取自哪里不能确定，请核对"
    ]


# ---- numbered paragraphs, some naming no units -------------------------------------------


def test_it_keeps_cn_numbered_paragraphs_without_units_as_tasks_beside_one_with_two_brackets():
    plan = parse(
        "一、加强组织领导，全面做好政务公开工作。",
        "（一）按时报送政务公开相关信息。各处室和单位要根据各自的责任分工，提供政务信息公开相关材料，并按照要求持续更新，确保信息的真实性、准确性和时效性。",
        "（二）指定专人做好政务信息公开工作。各处室和单位要按照职能对应做好门户网站相应栏目信息发布工作，并指定专人作为信息员负责发布工作。",
        "（三）全面落实“五公开”。拟制公文时明确公开属性，随公文一并报批。（责任单位：各处室和单位）",
        "建立政务公开考核制度，每季度通报政务公开落实情况。（牵头单位：办公室，配合单位：信息中心）",
        year=2017,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, [], []),
        (2, [], []),
        (3, ["各处室和单位"], []),
        (4, ["办公室"], ["信息中心"]),
    ]
    assert "未填写责任单位" in plan.items[0].flags
    assert "原文此段没有任务编号（或编号无法识别），但注有责任单位，已作为一项任务，请核对" in (
        plan.items[3].flags
    )


def test_a_paragraph_with_its_own_units_after_a_task_that_named_its_units_is_a_task():
    plan = parse(
        "一、推进政策公开",
        "1.做好规范性文件公开，及时更新规范性文件库。（责任单位：法规科）",
        "建立政务公开考核制度，每季度通报政务公开落实情况。（牵头单位：办公室，配合单位：信息中心）",
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["法规科"], []),
        (2, ["办公室"], ["信息中心"]),
    ]
    assert "信息中心" not in plan.items[0].measures


# ---- columns of part and group headings before the tasks ---------------------------------


def test_a_requirement_column_holding_only_part_headings_groups_the_numbered_tasks_after_it():
    plan = parse(
        "工作要求 | 工作任务 | 具体要求 | 责任单位 |",
        "一、优化公开基础 | （一）深化规范性文件公开。 | "
        "1.推进规范性文件库建设，集中统一公开。 | 市政府办公室、市司法局 |",
        "（二）推进基层公开标准化。 | 2.持续推动主动公开目录的动态更新调整。 | 市有关单位 |",
        "3.持续做好基层政务公开标准目录的动态调整和落实。 | 各镇(街) |",
        "二、强化政策解读 | （三）提升解读质量。 | "
        "4.加大惠民资金发放信息公开力度。 | 市财政局牵头，各镇(街)配合 |",
        year=2022,
    )
    assert read(plan, "number", "section", "subsection", "lead_units", "support_units") == [
        (1, "一、优化公开基础", "(一)", ["市政府办公室", "市司法局"], []),
        (2, "一、优化公开基础", "(二)", ["市有关单位"], []),
        (3, "一、优化公开基础", "(二)", ["各镇(街)"], []),
        (4, "二、强化政策解读", "(三)", ["市财政局"], ["各镇(街)"]),
    ]
    assert plan.items[2].requirement.startswith("持续做好基层政务公开标准目录")


def test_unknown_headers_over_heading_columns_padded_with_empty_cells_are_read_by_content():
    plan = parse(
        "工作要求 | 一级要点 | 二级要点 | 责任科室 |",
        "一、优化公开基础 | （一）深化规范性文件公开。 | "
        "1.规范行政法规使用，确保文本为最新版本。 | 法规科牵头，办公室配合 |",
        "2.摸清规范性文件底数，健全动态更新工作机制。 | 办公室牵头，各科室按职责分工落实 | ||",
        "（二）推进基层公开标准化。 | 3.持续推动主动公开目录的动态更新调整。 | 办公室 | |",
        year=2022,
    )
    assert read(plan, "number", "section", "subsection", "lead_units", "support_units") == [
        (1, "一、优化公开基础", "(一)", ["法规科"], ["办公室"]),
        (2, "一、优化公开基础", "(一)", ["办公室"], ["各科室"]),
        (3, "一、优化公开基础", "(二)", ["办公室"], []),
    ]
    assert all(item.flags for item in plan.items)  # the columns were read by content


# ---- a document-sharing site's text preview ----------------------------------------------


def test_it_joins_a_previews_numbered_chunks_cut_in_mid_sentence_and_reads_every_task():
    # The preview numbers its chunks 1、 2、 wherever the cut falls; task 3 starts in chunk 2.
    first = (
        "1、2022年政务公开工作要点一、优化政务公开工作基础（一）深化规范性文件公开。"
        f"1.规范行政法规使用。{LONG}。（责任科室：法规科）"
        f"2.摸清本单位规范性文件底数。{LONG}。（责任科室：办公室）"
        "3.规范编制发布政府信息公开工作年度报"
    )
    second = f"2、告，提高年报内容质量。{LONG}。（责任科室：办公室）"
    plan = parse(first, "", second, year=2022)
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、优化政务公开工作基础", ["法规科"]),
        (2, "一、优化政务公开工作基础", ["办公室"]),
        (3, "一、优化政务公开工作基础", ["办公室"]),
    ]
    assert plan.items[2].requirement.startswith("规范编制发布政府信息公开工作年度报告，提高")


def test_a_group_heading_carrying_a_task_whose_number_was_lost_keeps_it_flagged():
    plan = parse(
        "一、优化政务公开工作基础",
        "（一）深化规范性文件公开。L规范行政法规使用，确保使用的行政法规文本为最新版本。各科室",
        "2.摸清本单位规范性文件底数，健全动态更新工作机制。各科室按要求落实",
        year=2022,
    )
    assert [item.number for item in plan.items] == [1, 2]
    assert plan.items[0].requirement.startswith("L规范行政法规使用")
    assert "原文此段没有任务编号（或编号无法识别），已作为一项任务，请核对" in plan.items[0].flags


def test_a_task_whose_number_was_lost_is_kept_in_a_plan_whose_other_tasks_name_units():
    plan = parse(
        "一、优化政务公开工作基础",
        "（一）深化规范性文件公开。L规范行政法规使用，确保使用的行政法规文本为最新版本。",
        "2.摸清本单位规范性文件底数，健全动态更新工作机制。（责任单位：法规科）",
        year=2022,
    )
    assert read(plan, "number", "lead_units") == [(1, []), (2, ["法规科"])]
    assert "未填写责任单位" in plan.items[0].flags


# ---- tables run into one line ------------------------------------------------------------


def test_a_run_on_rows_units_cell_starts_at_the_first_collective_after_the_named_leads():
    line = (
        "2021年政务公开工作主要任务分解表序号工作任务牵头单位配合单位一、深化政务公开"
        f"1.公开市场体系方案。{LONG}。 区经济发展局 区市场监管局区直有关单位，各乡镇人民政府"
        f"2.加强执法信息公开。{LONG}。区执法局区市场监管局区直有关单位，各乡镇人民政府"
        f"3.扩大预决算公开范围。{LONG}。区财政局区直有关单位，各乡镇人民政府"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区经济发展局", "区市场监管局"], ["区直有关单位", "各乡镇人民政府"]),
        (2, ["区执法局", "区市场监管局"], ["区直有关单位", "各乡镇人民政府"]),
        (3, ["区财政局"], ["区直有关单位", "各乡镇人民政府"]),
    ]


def test_a_run_on_row_whose_last_sentence_has_no_full_stop_gives_the_names_at_its_end():
    line = (
        "2021年政务公开工作主要任务分解表序号工作任务牵头单位配合单位一、深化政务公开"
        f"1.扩大预决算公开范围。{LONG}。区财政局区直有关单位，各乡镇人民政府"
        f"2.深化政府债务信息公开。{LONG}，定期公开债务限额 、余额 、发行等相关信息区财政金融局 "
        f"3.公开惠民资金发放信息。{LONG}。区农业农村局区直有关单位，各乡镇人民政府"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "lead_units", "support_units")[1] == (2, ["区财政金融局"], [])
    assert plan.items[1].requirement.endswith("等相关信息")


def test_it_reads_a_short_run_on_table_whose_header_words_run_together_in_its_line():
    line = (
        "2021年政务公开工作主要任务分解表序号工作任务牵头单位配合单位一、深化政务公开"
        "1.扩大预决算公开范围。推进部门所属单位预算、决算公开。区财政局区直有关单位，各乡镇"
        "2.深化政府债务信息公开。定期公开债务限额、余额等信息。区财政局 "
        "3.公开惠民资金发放信息。推动补贴信息公开向村和社区延伸。区农业局区直有关单位，各乡镇"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、深化政务公开", ["区财政局"], ["区直有关单位", "各乡镇"]),
        (2, "一、深化政务公开", ["区财政局"], []),
        (3, "一、深化政务公开", ["区农业局"], ["区直有关单位", "各乡镇"]),
    ]


def test_it_cuts_the_deadline_off_the_end_of_a_run_on_row_after_its_units():
    line = (
        "2021年政务公开工作任务分解表序号工作任务责任单位完成时限一、深化政务公开"
        "1.扩大预决算公开范围。推进部门所属单位预算、决算公开。区财政局2021年12月底前"
        "2.深化政府债务信息公开。定期公开债务限额、余额等信息。区财政局区直有关单位持续推进"
        "3.公开惠民资金发放信息。推动补贴信息公开向村和社区延伸。区农业局 6月底前"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "lead_units", "support_units", "deadline_text", "due_date") == [
        (1, ["区财政局"], [], "2021年12月底前", date(2021, 12, 31)),
        (2, ["区财政局"], ["区直有关单位"], "持续推进", date(2021, 12, 31)),
        (3, ["区农业局"], [], "6月底前", date(2021, 6, 30)),
    ]


def test_it_cuts_the_deadline_standing_between_a_run_on_rows_requirement_and_its_units():
    line = (
        "2021年政务公开工作任务分解表序号工作任务完成时限责任单位一、深化政务公开"
        "1.扩大预决算公开范围。推进部门所属单位预算、决算公开。2021年12月底前区财政局"
        "2.深化政府债务信息公开。定期公开债务限额、余额等信息。持续推进区财政局区直有关单位，各乡镇"
        "3.公开惠民资金发放信息。推动补贴信息公开向村和社区延伸。6月底前区农业局"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "lead_units", "support_units", "deadline_text") == [
        (1, ["区财政局"], [], "2021年12月底前"),
        (2, ["区财政局"], ["区直有关单位", "各乡镇"], "持续推进"),
        (3, ["区农业局"], [], "6月底前"),
    ]
    assert plan.items[1].ongoing


def test_a_run_on_tables_time_arrangement_column_is_its_deadline_even_after_a_towns_name():
    line = (
        "2021年政务公开重点任务分工表序号重点任务工作措施责任单位时间安排一、深化政务公开"
        "1.扩大预决算公开范围。推进部门所属单位预算、决算公开。区财政局区直有关单位，各乡镇6月底前"
        "2.深化政府债务信息公开。定期公开债务限额、余额等信息。区财政局持续推进"
        "3.公开惠民资金发放信息。推动补贴信息公开向村和社区延伸。区农业局区直有关单位，各乡镇年底前"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "support_units", "deadline_text") == [
        (1, ["区直有关单位", "各乡镇"], "6月底前"),
        (2, [], "持续推进"),
        (3, ["区直有关单位", "各乡镇"], "年底前"),
    ]


# ---- a units bracket the page never closes -----------------------------------------------


def test_it_reads_a_units_bracket_the_page_never_closes_and_flags_it():
    (item,) = parse(
        "一、围绕重大部署着力推进公开",
        "1.围绕新旧动能转换做好公开。及时公开相关规划政策落实情况。"
        "(牵头单位:经济发展局,责任单位:宣传部、社会综合管理中心,各有关部门、单位",
        year=2018,
    ).items
    assert (item.lead_units, item.support_units) == (
        ["经济发展局"],
        ["宣传部", "社会综合管理中心", "各有关部门、单位"],
    )
    assert "原文此项的责任单位括号没有闭合（原文可能在此截断），已按闭合读取，请核对" in item.flags


def test_a_space_inside_a_long_one_line_task_is_no_break_after_a_heading():
    (item,) = parse(
        "2022年政务公开工作要点",
        f"一、聚焦重点领域，提升公开质量 （一）规范财政资金领域信息公开。{LONG}。"
        "(责任时限:2022 年底前,牵头单位:市财政局、市能源局,责任单位:各县(区)政府,市政府各部门)",
        year=2022,
    ).items
    assert (item.section, item.lead_units, item.support_units, item.due_date) == (
        "一、聚焦重点领域，提升公开质量",
        ["市财政局", "市能源局"],
        ["各县(区)政府", "市政府各部门"],
        date(2022, 12, 31),
    )


def test_a_run_on_list_shared_after_empty_lead_cells_stops_where_the_names_end():
    # Rows 1 and 3 have an empty lead cell (a space) and start their requirements alike.
    line = (
        "2018年政务公开工作主要任务分解表工 作 任 务牵头单位责　任　单　位工　作　要　求"
        "一、推进公开（一）推进重点领域公开"
        "1.推进公益事业信息公开 省政府各部门、各直属机构，各设区市政府"
        f"贯彻落实《省政府办公厅关于公益事业的通知》{LONG}。"
        f"2.公开审计结果省审计厅省政府各部门、各直属机构，各设区市政府重点公开审计结果公告{LONG}。"
        "3.提高政府网站管理水平 省政府各部门、各直属机构，各设区市政府"
        f"贯彻落实《省政府办公厅关于网站的通知》{LONG}。"
    )
    plan = parse(line, year=2018)
    units = ["省政府各部门", "各直属机构", "各设区市政府"]
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, units, []),
        (2, ["省审计厅"], units),
        (3, units, []),
    ]
    assert plan.items[2].requirement.startswith(
        "提高政府网站管理水平。贯彻落实《省政府办公厅关于网站"
    )


def test_a_web_pages_attachment_link_after_the_last_run_on_row_is_no_part_of_its_units():
    line = (
        "2022年全区政务公开工作主要任务分解表序号工作任务牵头单位配合单位一、推进公开"
        "1.推进部门预算公开。及时公开预算。区财政局区直有关单位，各乡镇"
        "2.推进政策解读。同步解读政策文件。区管委会办公室区直有关单位，各乡镇"
        "3.加强统筹。方便社会公众了解各项制度规定。 政府信息公开工作部门"
        "关于印发2022年全区政务公开工作主要任务分解表的通知.pdf 附件下载"
    )
    plan = parse(line, year=2022)
    assert read(plan, "number", "lead_units")[2] == (3, ["政府信息公开工作部门"])


def test_it_reads_a_run_on_table_whose_number_column_runs_bare_into_each_task():
    line = (
        "2021年政务公开工作任务分解表序号工作任务责任单位完成时限一、深化政务公开"
        "1扩大预决算公开范围。推进部门所属单位预算、决算公开3项。区财政局2021年12月底前"
        "2深化政府债务信息公开。定期公开债务限额、余额等信息。区财政局区直有关单位持续推进"
        "3公开惠民资金发放信息。推动补贴信息公开向村和社区延伸。区农业局 6月底前"
        "二、加强政策解读4做好政策解读。重要政策同步解读。区管委会办公室持续推进"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "section", "lead_units", "deadline_text") == [
        (1, "一、深化政务公开", ["区财政局"], "2021年12月底前"),
        (2, "一、深化政务公开", ["区财政局"], "持续推进"),
        (3, "一、深化政务公开", ["区农业局"], "6月底前"),
        (4, "二、加强政策解读", ["区管委会办公室"], "持续推进"),
    ]
    assert plan.items[0].requirement.endswith("决算公开3项。")


def test_long_paragraphs_numbered_1_2_ending_in_their_units_are_tasks_not_preview_chunks():
    plan = parse(
        "一、推进政策公开",
        f"1、做好规范性文件公开。{LONG}。责任单位：办公室",
        f"2、加强政策解读。{LONG}。责任单位：法规科",
    )
    assert read(plan, "number", "lead_units") == [(1, ["办公室"]), (2, ["法规科"])]


def test_a_group_headings_opening_sentences_before_task_1_are_no_task_of_their_own():
    plan = parse(
        "一、推进决策公开",
        "（一）深化决策公开。各单位要把公众参与贯穿决策全过程，提高决策透明度。",
        "1.推进重大行政决策预公开。（责任单位：法规科）",
        "2.做好政策解读。（责任单位：办公室）",
    )
    assert read(plan, "number", "subsection", "lead_units") == [
        (1, "(一)", ["法规科"]),
        (2, "(一)", ["办公室"]),
    ]


def test_a_numbered_task_ending_in_a_colon_under_a_heading_is_still_a_task():
    plan = parse(
        "一、推进决策公开",
        "1.做好规范性文件公开。（责任单位：法规科）",
        "2.按要求做好以下工作：",
    )
    assert [item.number for item in plan.items] == [1, 2]


def test_it_restores_the_breaks_of_a_short_one_line_plan_of_two_parts():
    body = (
        "现将《2020年政务公开工作要点》印发给你们，请认真贯彻落实。2020年政务公开工作要点 "
        "一、围绕三大攻坚战加强信息公开（一）加强重大风险信息公开。定期公开债务限额等信息。"
        "责任单位：区财政金融局；完成时限：2020年12月底前。（二）加强精准脱贫信息公开。"
        "重点公开扶贫资金等信息。责任单位：区农业农村局、各片区管理局；完成时限：持续推进。"
        "二、围绕优化营商环境加强信息公开（三）深化“放管服”改革信息公开。及时公开权责清单。"
        "牵头单位：区行政审批局；配合单位：区直各单位。（四）加强政策解读。落实同步解读要求。"
        "牵头单位：区管委会办公室；配合单位：区直各单位；完成时限：持续推进。"
    )
    plan = parse(body, year=2020)
    assert read(plan, "number", "section", "lead_units", "support_units", "deadline_text") == [
        (1, "一、围绕三大攻坚战加强信息公开", ["区财政金融局"], [], "2020年12月底前"),
        (2, "一、围绕三大攻坚战加强信息公开", ["区农业农村局", "各片区管理局"], [], "持续推进"),
        (3, "二、围绕优化营商环境加强信息公开", ["区行政审批局"], ["区直各单位"], ""),
        (4, "二、围绕优化营商环境加强信息公开", ["区管委会办公室"], ["区直各单位"], "持续推进"),
    ]


def test_it_restores_the_breaks_of_a_short_one_line_plan_of_one_part_and_numbered_tasks():
    body = (
        "2021年政务公开工作要点 现将要点印发给你们，请认真贯彻落实。一、加强重点领域信息公开"
        "1.做好财政预决算公开。按规定公开部门预决算信息。（责任单位：区财政金融局）"
        "2.做好重大建设项目信息公开。公开项目审批、招标投标等信息。（责任单位：区发展改革局）"
        "3.做好政策解读工作。同步组织解读材料。（牵头单位：区管委会办公室；配合单位：区直各单位）"
    )
    plan = parse(body, year=2021)
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、加强重点领域信息公开", ["区财政金融局"]),
        (2, "一、加强重点领域信息公开", ["区发展改革局"]),
        (3, "一、加强重点领域信息公开", ["区管委会办公室"]),
    ]
    assert not any("逐项拆分" in flag for item in plan.items for flag in item.flags)


def test_a_header_on_its_own_line_over_rows_run_into_the_next_is_a_run_on_table():
    plan = parse(
        "2022年全区政务公开工作主要任务分解表",
        "序号工作任务牵头单位配合单位",
        "一、加强政策公开（一）做好规划公开"
        "1.主动公开规划纲要。通过门户网站集中展示。区发展局区直有关单位，各乡镇"
        "2.做好数据公开。通过专栏集中展示。区财政局区直有关单位，各乡镇"
        "3.做好市场规则公开。及时做好宣传。区发展局区审批局区直有关单位，各乡镇",
        year=2022,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区发展局"], ["区直有关单位", "各乡镇"]),
        (2, ["区财政局"], ["区直有关单位", "各乡镇"]),
        (3, ["区发展局", "区审批局"], ["区直有关单位", "各乡镇"]),
    ]
