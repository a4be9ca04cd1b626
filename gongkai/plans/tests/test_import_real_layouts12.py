"""Rules of the twelfth round on plans of other bodies (issue 14), from real_heldout9's
failures. The plans here are small and invented, typed by hand in the shape each layout has;
the real ones are scored by test_import_real_plans.py.
"""

from gongkai.plans.importers.tail import CUT_WARNING
from gongkai.plans.tests.plan_text import parse, read

_PROSE = (
    "一、优化审批服务",
    "1.精简审批手续。完善网上服务大厅功能。（甲局牵头，乙局配合）",
    "2.提高土地审批效率。区政府审查后办理登记。（丙局牵头，丁局配合）",
)


def test_it_leaves_out_a_task_the_page_cuts_off_before_its_units_and_says_so():
    plan = parse(*_PROSE, "3.强化项目会办推")
    assert read(plan, "number", "lead_units") == [(1, ["甲局"]), (2, ["丙局"])]
    assert CUT_WARNING.format(n=3) in plan.warnings


def test_it_leaves_out_a_task_cut_inside_its_units_bracket():
    plan = parse(*_PROSE, "3.持续深化改革。全面梳理改革事项目录。（甲局、乙")
    assert [item.number for item in plan.items] == [1, 2]
    assert CUT_WARNING.format(n=3) in plan.warnings


def test_a_page_footer_after_a_cut_task_is_no_unit_of_it_and_no_reason_to_keep_it():
    footer = (
        "扫一扫在手机打开当前页",
        "主办单位：某某市人民政府办公室  ICP备案号：琼ICP备05000000号",
    )
    plan = parse(*_PROSE, "3.强化项目会办推", *footer)
    assert read(plan, "number", "lead_units") == [(1, ["甲局"]), (2, ["丙局"])]
    assert CUT_WARNING.format(n=3) in plan.warnings
    # Forbidden: the footer taken off, a whole last task stays, with its units.
    plan = parse(*_PROSE, "3.强化项目会办推进。（戊局负责）", *footer)
    assert read(plan, "number", "lead_units")[-1] == (3, ["戊局"])


def test_it_leaves_out_a_numbered_target_whose_unit_lines_the_page_lacks():
    plan = parse(
        "一、主要预期目标",
        "1.地区生产总值增长6%左右。",
        "牵头单位:区发改局",
        "责任单位:各街道",
        "2.固定资产投资增长15%左右。",
        "牵头单位:区发改局",
        "责任单位:区直各部门",
        "3.其他主要经济指标不低于全市平均水平。",
    )
    assert [item.number for item in plan.items] == [1, 2]
    assert CUT_WARNING.format(n=3) in plan.warnings


def test_it_keeps_a_last_task_without_units_when_the_page_goes_on_after_it():
    # Forbidden: a footer after the last task shows the page was not cut inside it.
    plan = parse(*_PROSE, "3.强化项目会办推进。", "", "甲市人民政府办公室", "2023年3月1日印发")
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert not any("截断" in w for w in plan.warnings)


def test_it_keeps_a_whole_last_task_that_names_no_units_like_none_of_the_plan():
    # Forbidden: a plan naming no units at all loses no task to the rule.
    plan = parse("一、优化审批服务", "1.精简审批手续。", "2.提高审批效率。", "3.强化项目推进")
    assert [item.number for item in plan.items] == [1, 2, 3]


def test_it_leaves_out_a_table_row_cut_before_its_closing_cells():
    rows = [
        "工作任务 | 目标和要求 | 责任单位 | 备注 |",
        "深化公开内容 | 推进重要信息公开 | 推进规划信息公开 | 市规划局、市财政局 | |",
        "完善草案公开 | 完善重大决定草案的公开工作 | 市信息委 | |",
        "深化处罚结果公开 | 加大处罚结果公开力度 | 市工商局 | |",
        "规范电话号码公开 | 做好电话号码公开工作 | 市政府",
    ]
    plan = parse(*rows)
    assert len(plan.items) == 3
    assert CUT_WARNING.format(n=4) in plan.warnings
    # Forbidden: the same row closed by its bar is whole and stays.
    assert len(parse(*rows[:-1], rows[-1] + " | |").items) == 4


def test_it_leaves_out_a_last_row_of_cells_one_per_line_cut_inside_its_units_cell():
    cells = ["序号", "工作任务", "责任单位", "时限"]
    for n in (1, 2, 3):
        cells += [str(n), f"第{n}项任务，及时公开有关政策措施。", "办公室牵头，各科室落实", "全年"]
    whole = "\n|\n".join(cells) + "\n|"
    plan = parse(whole + "\n4\n|\n加强权力运行信息公开。\n|\n办公室牵头，各")
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert CUT_WARNING.format(n=4) in plan.warnings
    # Forbidden: the row whose cells are all there and closed stays.
    plan = parse(whole + "\n4\n|\n加强权力运行信息公开。\n|\n办公室牵头，各科室落实\n|\n全年\n|")
    assert [item.number for item in plan.items] == [1, 2, 3, 4]


def test_a_heading_whose_paragraph_a_bracket_line_closes_is_a_task_numbered_as_written():
    plan = parse(
        "(牵头单位:市教育局,配合单位:各区政府)",  # the units of a task on the page before
        "九、指导检查镇(街)政府信息公开工作",
        "各区政府要定期指导检查镇(街)政府信息公开工作情况,逐步推进办事公开向社区延伸。",
        "(牵头单位:各区政府,配合单位:市政府办公厅、市监察局)",
        "十、继续组织政府信息公开工作培训活动",
        "全年组织开展1-2次政府信息公开专项学习培训,掌握依申请公开的操作流程。",
        "(牵头单位:市政府办公厅,配合单位:各区政府)",
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (9, "", ["各区政府"], ["市政府办公厅", "市监察局"]),
        (10, "", ["市政府办公厅"], ["各区政府"]),
    ]
    assert plan.items[0].requirement == "指导检查镇(街)政府信息公开工作"
    # Forbidden: a heading over a paragraph whose own sentence the bracket closes stays one.
    plan = parse(
        "一、推进落实“五公开”", "坚持以公开为常态、不公开为例外，推进五公开。（各处室落实）"
    )
    assert read(plan, "number", "section") == [(1, "一、推进落实“五公开”")]


def test_a_task_header_over_a_group_column_and_the_task_column_reads_both():
    plan = parse(
        "工作任务 | 目标和要求 | 责任单位 | 备注 |",
        "深化信息公开内容 | 推进重要信息公开 | 重点推进规划、土地出让等方面信息的公开 | "
        "市规划局、市财政局 | |",
        "完善草案公开工作 | 完善重大决定草案的公开工作 | 市信息委、市法制办 | |",
        "深化处罚结果公开 | 加大行政处罚结果信息的公开力度 | 市工商局 | |",
    )
    assert read(plan, "subsection", "requirement", "lead_units") == [
        ("深化信息公开内容", "推进重要信息公开", ["市规划局", "市财政局"]),
        ("深化信息公开内容", "完善草案公开工作", ["市信息委", "市法制办"]),
        ("深化信息公开内容", "深化处罚结果公开", ["市工商局"]),
    ]
    # Forbidden: rows as wide as the header take its columns as they are (工作任务 beside a
    # 要求 column groups the tasks, as in the seed).
    plan = parse(
        "工作任务 | 目标和要求 | 责任单位 | 备注 |",
        "推进重要信息公开 | 重点推进规划、土地出让等方面信息的公开 | 市规划局、市财政局 | |",
        "完善草案公开工作 | 完善重大决定草案的公开工作 | 市信息委、市法制办 | |",
    )
    assert read(plan, "subsection", "requirement", "lead_units") == [
        ("推进重要信息公开", "重点推进规划、土地出让等方面信息的公开", ["市规划局", "市财政局"]),
        ("完善草案公开工作", "完善重大决定草案的公开工作", ["市信息委", "市法制办"]),
    ]


def test_a_tables_last_row_naming_no_unit_is_kept():
    # Forbidden: a cell ends with no full stop; a whole row whose units cell names none stays.
    plan = parse(
        "序号 | 工作任务 | 责任单位 | 完成时限",
        "1 | 做好规范性文件公开 | 法规科 | 6月底前",
        "2 | 做好政策解读 | 办公室 | 9月底前",
        "3 | 做好其他工作 | 无 | 12月底前",
    )
    assert [item.number for item in plan.items] == [1, 2, 3]
    assert not any("截断" in w for w in plan.warnings)
