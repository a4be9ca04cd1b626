"""Rules of the tenth round on plans of other bodies (issue 14): units written without a label
(as a sentence's subject, run together), lists stopped where a number or heading is glued on.
The plans here are small and invented, typed by hand in the shape each layout has; the real
ones are scored by test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.importers.subjects import SUBJECT_FLAG
from gongkai.plans.tests.plan_text import parse, read


def test_it_reads_a_group_of_duties_opening_on_their_units_as_the_tasks_of_a_plan_naming_none():
    plan = parse(
        "一、工作内容",
        "1.应急处置。区畜牧局统一采购药剂，及时处置群众反映的问题。",
        "2.日常巡查。由各乡镇组织巡查，发现问题及时上报。",
        "二、职责分工",
        "1.区畜牧局负责疫情监测和技术指导；牵头制定防控方案。",
        "2.由区财政局牵头保障防控经费。",
        "3.市场监督所做好流通环节的检查工作。",
        "4.各街道、区属企业、各村（居）作为业主单位落实管护责任。",
    )
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "二、职责分工", ["区畜牧局"], []),
        (2, "二、职责分工", ["区财政局"], []),
        (3, "二、职责分工", ["市场监督所"], []),
        (4, "二、职责分工", ["各街道", "区属企业", "各村"], []),
    ]
    assert all(SUBJECT_FLAG in item.flags for item in plan.items)
    assert any("其余 2 段" in w for w in plan.warnings)


def test_it_takes_no_subjects_from_a_group_where_one_duty_opens_otherwise():
    plan = parse(
        "一、职责分工",
        "1.区畜牧局负责疫情监测和技术指导。",
        "2.区财政局负责保障防控经费。",
        "3.加强流通环节的检查工作。",
    )
    assert read(plan, "number", "lead_units") == [(1, []), (2, []), (3, [])]
    assert not any(SUBJECT_FLAG in item.flags for item in plan.items)


def test_it_takes_no_subjects_in_a_plan_that_labels_its_units():
    plan = parse(
        "一、职责分工",
        "1.区畜牧局负责疫情监测和技术指导。（责任单位：区农业局）",
        "2.区财政局负责保障防控经费。（责任单位：区财政局）",
        "3.区商务局负责流通环节的检查工作。（责任单位：区商务局）",
    )
    assert read(plan, "number", "lead_units") == [
        (1, ["区农业局"]),
        (2, ["区财政局"]),
        (3, ["区商务局"]),
    ]


def test_it_takes_a_target_year_a_task_commits_to_as_that_years_end_flagged():
    plan = parse(
        "一、工作内容",
        "1.广泛摸排线索。建立举报奖励制度，确保2024年举报件数实现增长。责任单位：各村居",
        "2.提升宣传效果。确保2024年起每季度开展一次宣传。责任单位：各处室",
    )
    assert read(plan, "number", "due_date") == [(1, date(2024, 12, 31)), (2, None)]
    assert "完成时限取自任务内容（“2024年”），请核对" in plan.items[0].flags


def test_it_takes_a_target_reached_by_the_plans_year_as_its_end_but_a_later_year_as_a_goal():
    # corpus_score: 到YYYY年 of the plan's year is its end, flagged; a later year's is a goal.
    plan = parse(
        "一、重点任务",
        "1.推进村庄规划。到2023年，实现村庄规划管控全覆盖。责任处室：资源生态处",
        "2.改善人居环境。到2025年，农村卫生厕所普及率达到95%。责任处室：农业农村处",
        "3.提升污水处理。污水处理率达到2023年目标。责任处室：交通建设处",
    )
    assert read(plan, "number", "due_date") == [(1, date(2023, 12, 31)), (2, None), (3, None)]
    assert "完成时限取自任务内容（“2023年”），请核对" in plan.items[0].flags
    assert "未填写完成时限" in " ".join(plan.items[1].flags)


def test_it_takes_the_one_day_set_for_a_tasks_action_as_its_deadline_flagged():
    plan = parse(
        "一、整治内容",
        "1.开展渔具堆放整治。各相关处室于5月8日开展综合执法。责任单位：资源处、各村委会",
        "2.开展巡查。于5月8日至5月20日每日巡查。责任单位：资源处",
    )
    assert read(plan, "number", "due_date") == [(1, date(2023, 5, 8)), (2, None)]
    assert "完成时限取自任务内容（“5月8日”），请核对" in plan.items[0].flags


# A table run into one line: 序号|项目类别|工作内容|节点安排|责任单位|备注, the group and the
# schedule cells printed on some rows only (merged), units spaced or run together, 备注 after.
SCHEDULE = "3月1日-3月10日，摸底排查；3月11日-4月20日，集中整治；4月21日开始，转入长效常态化。"
NOTED_TABLE = (
    "附件2某街道市容整治任务清单序号项目类别工作内容节点安排责任单位备注"
    f"1道路保洁专项行动城区每日清扫主次干道。{SCHEDULE}城管中队在建道路由施工单位负责。"
    "2清理卫生死角，做到日产日清。城管中队 环卫公司 "
    f"3道路保洁专项行动乡村清理村道沿线垃圾。{SCHEDULE}城管中队环卫公司 注：乡村指各行政村。"
    "4绿化提升专项行动城区补种行道树。建设办"
    f"5绿化提升专项行动乡村开展义务植树活动。{SCHEDULE}建设办各行政村 附件3整治任务分解表"
)


def test_it_reads_a_run_on_table_whose_units_run_together_before_a_note_column():
    plan = parse(NOTED_TABLE)
    assert read(plan, "number", "subsection", "lead_units", "support_units") == [
        (1, "道路保洁专项行动", ["城管中队"], []),
        (2, "道路保洁专项行动", ["城管中队", "环卫公司"], []),
        (3, "道路保洁专项行动", ["城管中队", "环卫公司"], []),
        (4, "绿化提升专项行动", ["建设办"], []),
        (5, "绿化提升专项行动", ["建设办", "各行政村"], []),
    ]
    # The group cell is the tasks' 工作任务, not a part of the plan (no heading above).
    assert {item.section for item in plan.items} == {""}
    assert all(item.flags for item in plan.items)


def test_it_gives_a_schedule_cell_printed_on_some_rows_to_the_rows_after_it():
    plan = parse(NOTED_TABLE)
    assert read(plan, "number", "due_date", "ongoing") == [
        (n, date(2023, 4, 20), True) for n in range(1, 6)
    ]


def test_it_reads_duties_headed_by_their_unit_as_the_tasks_of_a_plan_naming_none():
    plan = parse(
        "二、整治内容",
        "（一）整治充装站。全面排查充装站的安全隐患，督促整改到位。",
        "（二）整治配送环节。严查无资质配送，规范配送车辆。",
        "三、职责分工",
        "（一）建设处。负责牵头组织本次专项整治，统筹协调各项工作。",
        "（二）经济发展处。负责督促餐饮场所使用合格气瓶。",
        "（三）综合执法队：负责查处违规经营行为。",
        "（四）某某燃气有限公司。负责做好气瓶配送安全管理。",
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "三、职责分工", ["建设处"]),
        (2, "三、职责分工", ["经济发展处"]),
        (3, "三、职责分工", ["综合执法队"]),
        (4, "三、职责分工", ["某某燃气有限公司"]),
    ]
    assert all(SUBJECT_FLAG in item.flags for item in plan.items)


def test_it_reads_a_run_on_table_with_a_space_between_cells_and_a_deadline_column():
    plan = parse(
        "附件1 安全大排查任务清单 序号 工作任务 工作内容 责任单位及分工 完成时限"
        " 1 开展隐患排查 对辖区敬老院开展全面排查，建立问题清单。 民政办负责 2022年4月8日前"
        " 对商场开展排查，督促整改到位。 经济办配合区商务局落实 2022年4月15日前"
        " 2 深化安全 培训教育 组织开展安全培训。 各科室 各社区 2022年4月20日前"
        " 3 强化督导检查 对整改情况开展督导检查。 党政办牵头， 各科室配合 4月30日前",
        year=2022,
    )
    assert read(plan, "number", "subsection", "lead_units", "support_units", "due_date") == [
        (1, "开展隐患排查", ["民政办"], [], date(2022, 4, 8)),
        (2, "开展隐患排查", ["区商务局"], ["经济办"], date(2022, 4, 15)),
        (3, "深化安全 培训教育", ["各科室", "各社区"], [], date(2022, 4, 20)),
        (4, "强化督导检查", ["党政办"], ["各科室"], date(2022, 4, 30)),
    ]
    # The group cell is the tasks' 工作任务, not a part of the plan (no heading above).
    assert {item.section for item in plan.items} == {""}
    assert all(item.flags for item in plan.items)


def test_it_reads_units_labels_run_on_after_a_comma_to_the_paragraphs_end():
    plan = parse(
        "一、目标任务",
        "1.甲小区项目200套，责任单位：某某投资公司。",
        "2.乙小区项目100套，责任单位：某某建设公司；配合单位：南区管理局。",
        year=2016,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["某某投资公司"], []),
        (2, ["某某建设公司"], ["南区管理局"]),
    ]


def test_it_takes_the_units_after_a_label_of_no_role_as_support_and_says_so():
    plan = parse(
        "一、目标任务",
        "1.甲小区项目200套，责任单位：某某投资公司，所属片区：北区管理局。",
        year=2016,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["某某投资公司"], ["北区管理局"])
    ]
    assert (
        "“所属片区”不是责任单位的角色标签，其后的单位已作为配合单位，请核对" in plan.items[0].flags
    )


def test_it_gives_a_groups_closing_deadline_sentence_to_every_task_of_the_group_flagged():
    plan = parse(
        "一、新开工项目 1.甲小区项目200套，责任单位：甲投资公司。2.乙小区项目100套，"
        "责任单位：乙建设公司。以上项目2016年9月底前开工。二、基本建成项目 1.丙小区项目"
        "300套，责任单位：甲投资公司。上述项目2016年12月底前基本建成。",
        year=2016,
    )
    assert read(plan, "number", "section", "lead_units", "due_date") == [
        (1, "一、新开工项目", ["甲投资公司"], date(2016, 9, 30)),
        (2, "一、新开工项目", ["乙建设公司"], date(2016, 9, 30)),
        (3, "二、基本建成项目", ["甲投资公司"], date(2016, 12, 31)),
    ]
    assert all(any("本部分末尾" in f for f in item.flags) for item in plan.items)
