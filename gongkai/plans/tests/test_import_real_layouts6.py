"""Rules of the sixth round on plans of other bodies (issue 14): role labels written after a
task without brackets (牵头处室：X；责任部门：Y；配合部门：Z), and more tables run into one line
(a number left out, a row with no requirement running into the next number, units whose
cells are told apart only by a space or by the list the rows repeat).

The plans here are small and invented, typed by hand in the shape each layout has; the real
ones are scored by test_import_real_plans.py (real_heldout6).
"""

import time

from gongkai.lib.unit_text import parse_units
from gongkai.plans.importers.items import _STUCK
from gongkai.plans.tests.plan_text import LONG, parse, read, units

# ---- role labels without brackets ------------------------------------------------------


def test_it_reads_a_collective_joined_by_ji_in_a_support_label():
    parsed = parse_units("牵头处室：建设处；配合部门：相关联合党委及村居")
    assert (parsed.lead, parsed.support) == (["建设处"], ["相关联合党委", "村居"])
    assert parsed.flags == []


def test_it_reads_peoples_organisations_by_their_short_names_as_units():
    parsed = parse_units("（牵头单位：市科协，配合单位：市经贸委、市工商联，各区、县级市）")
    assert (parsed.lead, parsed.support) == (["市科协"], ["市经贸委", "市工商联", "各区", "县级市"])


def test_it_reads_a_unit_name_of_more_than_twenty_characters():
    parsed = parse_units(
        "牵头处室：建设处；配合部门：区综合执法与应急局派驻新城片区执法队筹建组、财政办"
    )
    assert parsed.support == ["区综合执法与应急局派驻新城片区执法队筹建组", "财政办"]


def test_it_flags_a_labelled_group_it_cannot_read_instead_of_dropping_it():
    parsed = parse_units("牵头处室：建设处；配合部门：这里写的是一句很长的话而不是任何单位的名字")
    assert (parsed.lead, parsed.support) == (["建设处"], [])
    assert parsed.flags == ["未能识别配合部门：这里写的是一句很长的话而不是任何单位的名字"]


def test_it_reads_role_labels_after_the_task_with_a_space_before_a_colon():
    body = (
        "一、重点任务（一）城市更新工程"
        f"1.提升宜居水平。推动社区创建绿色社区，形成年度总结{LONG}。"
        "牵头处室：建设处；责任部门：新城联合党委及如意社区；配合部门：财政办、经济处等。 "
        f"2.保障城市供水。配合区交通局，推进供水管网工程建设{LONG}。"
        "牵头处室：建设处；配合部门 ：相关村居。"
        f"{LONG}。"
    )
    plan = parse("2022年城乡建设品质提升实施方案", body, year=2022)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["建设处"], ["新城联合党委", "如意社区", "财政办", "经济处"]),
        (2, ["建设处"], ["相关村居"]),
    ]
    assert plan.items[1].requirement == f"保障城市供水。配合区交通局，推进供水管网工程建设{LONG}。"


def test_it_reads_the_one_task_a_subheading_carries_on_its_own_line():
    body = (
        "一、重点任务（一）城市更新工程"
        f"1.提升宜居水平。推动社区创建绿色社区，形成年度总结{LONG}。牵头处室：建设处。"
        f"（二）新区拓展工程 配合区文体局，推进演艺中心、科技文化中心扩建工程建设{LONG}。"
        "牵头处室：社会处。"
        "（三）生态连绵工程"
        f"1.城市绿地建设。配合区交通局，加大城市公园绿地建设力度{LONG}。"
        "牵头处室：资源处；配合部门：各村居。"
        f"{LONG}。"
    )
    plan = parse("2022年城乡建设品质提升实施方案", body, year=2022)
    assert read(plan, "number", "subsection", "lead_units", "support_units") == [
        (1, "(一)", ["建设处"], []),
        (2, "(二)", ["社会处"], []),
        (3, "(三)", ["资源处"], ["各村居"]),
    ]
    assert plan.items[1].requirement.startswith("配合区文体局，推进演艺中心")
    assert "原文此段没有任务编号（或编号无法识别），但注有责任单位，已作为一项任务，请核对" in (
        plan.items[1].flags
    )


# ---- tables run into one line ------------------------------------------------------------


def test_it_reads_a_run_on_table_whose_numbering_leaves_one_out_and_a_space_ends_the_lead_cell():
    line = (
        "2021年政务公开工作主要任务分解表工作任务工作要求牵头单位配合/责任单位"
        "一、深化政务公开（一）做好规划公开"
        f"1.主动公开规划纲要。通过门户网站集中展示{LONG}。"
        "区发展局区资源局 区直有关单位，各乡镇政府"
        f"2.归集整理历史规划。通过信息公开专栏集中发布{LONG}。区发展局区直有关单位，各乡镇政府"
        f"3.做好规划数据互联。通过专题专栏集中展示{LONG}。区发展局 区直有关单位，各乡镇政府"
        f"5.加强市场规则公开。及时做好宣传{LONG}。区发展局区审批局区直有关单位，各乡镇政府"
    )
    plan = parse(line, year=2021)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["区发展局", "区资源局"], ["区直有关单位", "各乡镇政府"]),
        (2, ["区发展局"], ["区直有关单位", "各乡镇政府"]),
        (3, ["区发展局"], ["区直有关单位", "各乡镇政府"]),
        (5, ["区发展局", "区审批局"], ["区直有关单位", "各乡镇政府"]),
    ]
    assert all(_STUCK in item.flags for item in plan.items)


def test_it_finds_the_list_run_on_rows_repeat_with_nothing_marking_where_it_starts():
    # No space for an empty lead cell; rows 1 and 5 name no lead, row 4 has no requirement
    # and runs into row 5's number.
    line = (
        "2017年政务公开工作主要任务分解表工　作　任　务牵头单位责　任　单　位工　作　要　求"
        "一、助力稳增长（一）加强预期引导"
        f"1.深入解读政策背景省直各部门，各设区市，综合实验区通过新闻发布会及时传递政策意图{LONG}。"
        f"2.按月公开财政收支情况省财政厅各设区市，综合实验区在门户网站集中公开财政收支信息{LONG}。"
        f"3.公开国民经济运行情况省统计局省新闻办，各设区市，综合实验区按季度召开新闻发布会{LONG}。"
        "4.公开审计结果公告省审计厅各设区市，综合实验区"
        f"5.公开降低企业成本措施省直有关部门，各设区市，综合实验区主动公开降低物流成本的措施{LONG}。"
    )
    plan = parse(line, year=2017)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["省直各部门", "各设区市", "综合实验区"], []),
        (2, ["省财政厅"], ["各设区市", "综合实验区"]),
        (3, ["省统计局"], ["省新闻办", "各设区市", "综合实验区"]),
        (4, ["省审计厅"], ["各设区市", "综合实验区"]),
        (5, ["省直有关部门", "各设区市", "综合实验区"], []),
    ]
    assert plan.items[2].requirement == f"公开国民经济运行情况。按季度召开新闻发布会{LONG}。"
    assert all(_STUCK in item.flags for item in plan.items)


def test_it_finds_where_the_units_cell_starts_before_a_repeated_list_and_carries_merged_rows():
    # Row 2 starts its units cell after a space (an empty lead cell), row 3 with a lead whose
    # alias follows in brackets, row 4 with a 、 list; row 5 has no units (merged from above).
    line = (
        "2016年政务公开工作主要任务分解表工 作 任 务牵头单位责　任　单　位工　作　要　求"
        "一、推进公开（一）推进清单公开"
        f"1.公开审计结果省审计厅各设区市、综合实验区重点公开审计结果公告{LONG}。"
        f"2.推进办事公开 各行业主管部门，各设区市、综合实验区制定完善具体办法{LONG}。"
        f"3.公开权力清单省编办（省审改办）省直各部门，各设区市、综合实验区集中展示{LONG}。"
        "4.推动两级政府公开责任清单"
        f"5.公开空气质量省环保厅省卫计委、住建厅，各设区市、综合实验区细化公开预报{LONG}。"
        f"6.公开降低成本措施省财政厅各设区市、综合实验区主动公开物流成本{LONG}。"
    )
    plan = parse(line, year=2016)
    places = ["各设区市", "综合实验区"]
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["省审计厅"], places),
        (2, ["各行业主管部门", *places], []),
        (3, ["省编办"], ["省直各部门", *places]),
        (4, ["省编办"], ["省直各部门", *places]),
        (5, ["省环保厅"], ["省卫计委", "住建厅", *places]),
        (6, ["省财政厅"], places),
    ]
    assert plan.items[3].flags[0] == (
        "原文表格的单元格粘连在一起（没有分隔），本行看不出自己的责任单位，"
        "已按合并单元格沿用上一行的责任单位，请核对"
    )


def test_it_finds_a_repeated_list_in_long_run_on_rows_in_a_moment():
    # Comparing whole rows is quadratic in their length: 60 rows of 3,000 characters took
    # minutes. Each row's text differs (its number spelled into it).
    rows = "".join(
        f"{n}.公开第{n}项清单省财政厅各设区市，综合实验区" + f"第{n}项要求，" * 400 + "。"
        for n in range(1, 61)
    )
    started = time.monotonic()
    plan = parse("2017年任务分解表工作任务牵头单位责任单位工作要求一、推进公开" + rows, year=2017)
    # A guard against the quadratic comparison (minutes), not a timing: ~0.5 s alone, and a
    # loaded machine must not fail it.
    assert time.monotonic() - started < 30.0
    assert len(plan.items) == 60
    assert units(plan.items[59]) == (["省财政厅"], ["各设区市", "综合实验区"])
