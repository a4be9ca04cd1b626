"""Layouts and wordings met in the third batch of real plans (tests/real_heldout3/, issue 14)
and the rules that read them in general: a bracket of names with no role word, a remark
after the units, a paragraph with no number, a plan that never writes its year.

The plans here are small and invented, typed by hand in the shape each layout has when
a web page is captured as text; the real ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.importers import parse_plan_file, parse_plan_text
from gongkai.plans.tests.plan_text import lines as _lines
from gongkai.plans.tests.plan_text import parse, read
from gongkai.plans.tests.plan_text import units as _units

# ---- units brackets ---------------------------------------------------------------------


def test_it_reads_a_bare_bracket_of_bodies_as_units_and_one_of_places_as_text():
    items = parse(
        "一、深化重点领域信息公开",
        "（一）做好重大战略信息公开。依法公开科技创新领域工作推进情况(区科委、各街镇)。"
        "做好示范区建设信息公开(长三角一体化示范区)。做好对口合作信息公开(区合作交流办)。",
        year=2024,
    ).items
    assert [(i.number, *_units(i)) for i in items] == [
        (1, ["区科委", "各街镇"], []),
        (2, ["区合作交流办"], []),
    ]
    assert "长三角一体化示范区" in items[1].requirement


def test_it_reads_the_units_before_a_remark_in_the_same_bracket():
    (item,) = parse(
        "二、主要任务",
        "（一）夯实主动公开基础。建立政务公开事项标准体系。（市府办〔市大数据局〕牵头，"
        "市政府各部门、各县〔区〕政府负责。以下工作均需各县〔区〕政府落实，不再列出）",
        year=2022,
    ).items
    assert _units(item) == (["市府办"], ["市政府各部门", "各县〔区〕政府"])
    assert "以下工作均需" in item.note


# ---- tasks without numbers ---------------------------------------------------------------


def test_it_gives_the_units_on_a_paragraphs_title_to_its_tasks_that_name_none():
    items = parse(
        "一、深化重点领域公开",
        "（一）推进决策公开（法规科牵头）。制定重大决策目录。（各科室负责）做好决策草案公开。",
        "（二）做好解读。及时解读政策。（办公室负责）做好回应工作。（宣传科负责）",
        "（三）做好预公开（法规科牵头）。公开决策草案。",
        year=2024,
    ).items
    assert [(i.number, i.requirement, *_units(i)) for i in items] == [
        (1, "制定重大决策目录。做好决策草案公开。", ["各科室"], []),
        (2, "做好解读。及时解读政策。", ["办公室"], []),
        (3, "做好回应工作。", ["宣传科"], []),
        (4, "公开决策草案。", ["法规科"], []),
    ]
    assert any("标题所注" in flag for flag in items[3].flags)


def test_it_takes_a_paragraph_with_units_but_a_garbled_number_as_a_flagged_task():
    plan = parse(
        "一、认真落实政务公开重点工作任务",
        "?。ㄒ唬嗔η鍐",
        "建立健全权力清单和责任清单制度，在本单位网站公开。（区编办牵头落实）",
        "（二）安全生产信息公开",
        "推进安全生产监管执法信息公开。（区安全生产监督局牵头落实）",
        year=2016,
    )
    assert [(i.number, *_units(i)) for i in plan.items] == [
        (1, ["区编办"], []),
        (2, ["区安全生产监督局"], []),
    ]
    assert any("没有任务编号" in flag for flag in plan.items[0].flags)
    assert not any("不连续" in warning for warning in plan.warnings)


def test_it_cuts_an_unnumbered_paragraph_of_two_tasks_and_keeps_the_other_paragraphs():
    items = parse(
        "2024年某局政务公开工作要点",
        "一、深化重点领域公开",
        "及时公开政策文件，做好政策解读。（法规科负责）做好规范性文件清理结果公开。（办公室负责）",
        "做好财政预决算公开工作，细化公开内容。（财务科牵头）（各科室配合）",
        "二、加强平台建设",
        "完善网站功能，提升服务水平。（信息中心负责）",
        year=2024,
    ).items
    assert [(i.number, i.section[:2], *_units(i)) for i in items] == [
        (1, "一、", ["法规科"], []),
        (2, "一、", ["办公室"], []),
        (3, "一、", ["财务科"], ["各科室"]),
        (4, "二、", ["信息中心"], []),
    ]
    assert any("逐项拆分" in flag for flag in items[0].flags)


def test_it_numbers_tasks_again_in_order_when_an_unnumbered_one_takes_a_taken_number():
    plan = parse(
        "一、推进决策公开",
        "1.公开重大决策目录。（区府办负责）",
        "（一）做好解读",
        "做好政策解读工作，提升解读质量。（区司法局负责）",
        "2.公开决策草案。（区发改委负责）",
        year=2023,
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["区府办"]),
        (2, ["区司法局"]),
        (3, ["区发改委"]),
    ]
    assert all(any("重新编号" in flag for flag in i.flags) for i in plan.items)


def test_it_warns_of_a_part_whose_paragraphs_gave_no_task():
    plan = parse(
        "2023年某区政务公开工作要点",
        "一、总体要求",
        "以新时代中国特色社会主义思想为指导，全面推进政务公开。",
        "二、重点任务",
        "（一）做好规划公开。及时公开规划原文和解读。（区发改委负责）",
        "三、深化解读回应",
        "围绕群众关切的热点问题，及时做好政策解读工作，提升解读质量。",
        year=2023,
    )
    assert read(plan, "number", "lead_units") == [(1, ["区发改委"])]
    (warning,) = [w for w in plan.warnings if "未能识别出任务" in w]
    assert "三、深化解读回应" in warning
    assert not any("总体要求" in w for w in plan.warnings)


# ---- run-on copies and tables -----------------------------------------------------------


def test_it_cuts_a_run_on_plan_at_headings_that_follow_a_full_stop_without_a_space():
    preamble = "为进一步提高政府工作透明度，全面推进政务公开标准化规范化建设，制定本要点。" * 8
    text = (
        f"2020年某区政务公开工作要点{preamble}一、抓好信息公开规定落实(一)做好专题宣传。"
        "通过线上线下多种渠道开展专题宣传，抓好有关人员学习培训。(责任单位:区府办、区司法局)"
    )
    (item,) = parse(text, year=2020).items
    assert item.section == "一、抓好信息公开规定落实"
    assert _units(item) == (["区府办", "区司法局"], [])


def test_it_takes_a_label_row_across_a_table_with_no_group_column_as_the_part():
    items = parse(
        "工作任务及要求",
        "牵头单位",
        "|",
        "围绕重大部署着力推进公开",
        "|",
        "聚焦乡村振兴做好公开",
        "|",
        "及时公开实施乡村振兴战略的政策举措。",
        "区农业局",
        "|",
        "及时公开乡村振兴战略规划推进落实情况。",
        "区发改局",
        "|",
        "深入解读三农政策和强农惠农富农举措。",
        "区农业局",
        "|",
        year=2018,
    ).items
    assert [(i.number, i.section, i.lead_units) for i in items] == [
        (1, "围绕重大部署着力推进公开", ["区农业局"]),
        (2, "围绕重大部署着力推进公开", ["区发改局"]),
        (3, "围绕重大部署着力推进公开", ["区农业局"]),
    ]


def test_it_reads_a_luoshi_keshi_header_and_a_units_cell_captured_after_its_group():
    # One cell per line with blank lines between; the units cell of 3–4 merged over both
    # rows, captured once after the last.
    cells = [
        "某局2021年政务公开工作要点分工方案",
        "工作任务", "具体要求", "落实科室(部门)",
        "做好规划公开", "1.主动公开各类规划原文和政策解读。", "各科室按职责分工落实",
        "2.集中发布规划原文和解读。", "办公室",
        "做好执法信息公开", "3.主动公开市场准入负面清单。",
        "4.定期公布监督检查结果。", "法规科、医药服务管理科按职责分工落实",
    ]  # fmt: skip
    items = parse_plan_text("\n\n".join(cells), 2021).items
    assert [(i.number, i.lead_units) for i in items[:2]] == [(1, ["各科室"]), (2, ["办公室"])]
    assert [i.number for i in items] == [1, 2, 3, 4]
    # 3 has no units cell, and the group above ends before it: the merged cell below it.
    assert items[2].lead_units == items[3].lead_units == ["法规科", "医药服务管理科"]
    assert any("同组下方" in flag for flag in items[2].flags)


# ---- the plan's year ----------------------------------------------------------------------


def test_it_flags_dates_reckoned_from_the_import_year_when_the_plan_never_writes_it():
    plan = parse(
        "某局政务公开工作任务分解（辽政办公开〔2023〕6号）",
        "一、规范管理",
        "1.全面公开现行有效行政规范性文件。(牵头单位:区司法局,完成时限:长期坚持)",
        "2.做好政策解读。(牵头单位:区政府办公室,完成时限:6月底前)",
        year=2023,
    )
    first, second = plan.items
    assert (first.due_date, first.ongoing) == (date(2023, 12, 31), True)
    assert second.due_date == date(2023, 6, 30)
    assert all(any("未写明年份" in flag for flag in i.flags) for i in plan.items)
    assert any("未写明年份" in warning for warning in plan.warnings)


def test_it_trusts_the_import_year_when_the_plan_writes_it():
    text = _lines(
        "2023年某局政务公开工作要点",
        "一、规范管理",
        "1.做好政策解读。(牵头单位:区政府办公室,完成时限:6月底前)",
    )
    (item,) = parse_plan_file(text.encode(), "plan.txt", 2023).items
    assert item.due_date == date(2023, 6, 30) and item.flags == []


def test_it_flags_a_unit_name_that_reads_as_a_sentence():
    first, second = parse(
        "工作任务\t完成时限\t责任单位",
        "1.健全政务公开工作机构。\t2020年底前\t县乡两级政府要健全政务公开工作机构、各乡镇政府",
        "2.规范政府信息管理。\t2020年底前\t各乡镇政府",
        year=2020,
    ).items
    assert any("不像单位名称" in flag for flag in first.flags)
    assert second.flags == []
