"""Rules of the fifth round on plans of other bodies (issue 14): plans whose line breaks were
lost (the whole body on one line, as a crawler or a PDF gives it), and tables whose cells
were run together with no separator at all.

The plans here are small and invented, typed by hand in the shape each layout has; the real
ones are scored by test_import_real_plans.py (real_dev3).
"""

from gongkai.plans.importers.items import _STUCK, _UNREAD, NO_UNITS
from gongkai.plans.tests.plan_text import LONG as _LONG
from gongkai.plans.tests.plan_text import parse, read

# ---- a plan whose line breaks were lost ------------------------------------------------


def test_it_restores_the_breaks_of_a_prose_plan_given_on_one_line():
    body = (
        "当前位置：首页政务公开部门文件 关于印发2023年安全生产工作要点的通知"
        f"各处室：现将工作要点印发给你们。{_LONG}。"
        f"一、健全责任体系（一）压实领导责任。统一、规范开展检查，{_LONG}。（综合处负责）"
        f"（二）落实部门责任。按照第（一）项的要求，投入1.5亿元，{_LONG}。（经济处牵头，建设处配合）"
        f"二、推进专项整治（三）开展燃气整治。{_LONG}。（建设处负责）"
    )
    plan = parse("2023年安全生产工作要点", body, year=2023)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、健全责任体系", ["综合处"], []),
        (2, "一、健全责任体系", ["经济处"], ["建设处"]),
        (3, "二、推进专项整治", ["建设处"], []),
    ]
    # 统一、 第（一）项 and 1.5亿 are inside the text, no breaks.
    assert "统一、规范开展检查" in plan.items[0].requirement
    assert "按照第（一）项的要求，投入1.5亿元" in plan.items[1].requirement


def test_it_reads_numbered_tasks_of_a_one_line_plan_whose_numbers_follow_headings_directly():
    body = (
        f"{_LONG}。一、树牢安全理念1.深入学习安全论述。{_LONG}。（党群处负责）"
        f"2.落实十五条措施。{_LONG}。(各处室按职责分工负责)"
        f"二、健全责任体系3.推动部门落实监管责任。{_LONG}。（经济处负责）"
    )
    plan = parse("2022年安全生产工作要点", body, year=2022)
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、树牢安全理念", ["党群处"]),
        (2, "一、树牢安全理念", ["各处室"]),
        (3, "二、健全责任体系", ["经济处"]),
    ]


def test_it_keeps_the_body_of_a_long_line_that_starts_with_the_pages_breadcrumb():
    line = (
        "当前位置： 首页 > 政务公开 > 部门文件 2023年工作要点 一、加强政策公开 "
        "1.做好规范性文件公开工作，及时发布并更新规范性文件库，确保文件准确完整。（法规科负责） "
        "2.加强政策解读，重要政策文件与解读材料同步组织、同步审签、同步部署。（办公室负责） "
        "3.做好政策问答工作，围绕群众关心的热点问题，及时回应社会关切。（宣传科负责） "
        "4.完善政府网站建设，确保网站信息及时更新，栏目设置合理规范。（信息中心负责） "
        "5.规范依申请公开工作，严格按照法定时限答复，提升答复质量和规范化水平。（法规科负责） "
        "6.加强基层政务公开标准化规范化建设，推动公开事项目录编制和动态调整。（办公室负责） "
        "7.做好政府信息公开工作年度报告的编制和发布工作，按时向社会公开。（法规科负责）"
    )
    plan = parse(line, year=2023)
    assert read(plan, "number", "lead_units") == [
        (1, ["法规科"]),
        (2, ["办公室"]),
        (3, ["宣传科"]),
        (4, ["信息中心"]),
        (5, ["法规科"]),
        (6, ["办公室"]),
        (7, ["法规科"]),
    ]


def test_it_cuts_tasks_out_of_a_heading_with_no_full_stop_followed_by_bracketed_measures():
    plan = parse(
        "2023年安全生产工作要点",
        "一、夯实基层基础",
        "（一）加快屏障建设一是治理源头隐患：探索渔长制，落实包船到人（农业处负责）；"
        "组建岸线巡防队伍（各联合党委负责）；推动安装燃气报警器（建设处负责）。"
        "二是推进为民办实事项目。（综治处负责）",
        "（二）加强安全培训。组织观看专题片，推进安全宣传五进工作。（各处室按职责分工负责）",
        year=2023,
    )
    assert read(plan, "section", "lead_units") == [
        ("一、夯实基层基础", ["农业处"]),
        ("一、夯实基层基础", ["各联合党委"]),
        ("一、夯实基层基础", ["建设处"]),
        ("一、夯实基层基础", ["综治处"]),
        ("一、夯实基层基础", ["各处室"]),
    ]


# ---- a table whose cells were run together ---------------------------------------------


def test_it_reads_each_row_of_a_run_on_table_with_its_units_after_the_requirement_flagged():
    line = (
        "关于印发2022年政务公开工作任务分解表的通知 各单位：现印发给你们。"
        "附件2022年政务公开工作任务分解表工作任务工作要求牵头单位配合/责任单位"
        f"一、加强市场主体信息公开1.增强政策透明度，{_LONG}。 区直各有关单位，各片区管理局"
        f"2.建立审批问题反馈机制，{_LONG}。区经济发展局区行政审批局区直各有关单位，各片区管理局"
        f"一、加强市场主体信息公开3.持续推进执法信息公开，{_LONG}。区财政局区直各有关单位，各区属国有企业"
        "二、开展规范性文件集中公开4.有序推进规范性文件集中公开。 区直各有关单位，各片区管理局"
    )
    plan = parse(line, year=2022)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、加强市场主体信息公开", ["区直各有关单位", "各片区管理局"], []),
        (
            2,
            "一、加强市场主体信息公开",
            ["区经济发展局", "区行政审批局"],
            ["区直各有关单位", "各片区管理局"],
        ),
        (3, "一、加强市场主体信息公开", ["区财政局"], ["区直各有关单位", "各区属国有企业"]),
        (4, "二、开展规范性文件集中公开", ["区直各有关单位", "各片区管理局"], []),
    ]
    assert plan.items[1].requirement == f"建立审批问题反馈机制，{_LONG}。"
    assert all(_STUCK in item.flags for item in plan.items)


def test_it_keeps_the_rows_of_a_run_on_table_with_units_before_the_text_unitless_and_flagged():
    line = (
        "2018年政务公开工作主要任务分解表工 作 任 务牵头单位责 任 单 位工 作 要 求"
        f"一、加强解读回应（一）推进政务公开1.政府工作公开透明 省政府各部门，各设区市政府{_LONG}。"
        f"2.做好权责清单公开省审改办省政府各部门，各设区市政府{_LONG}。"
        f"3.推进预决算公开省财政厅省政府各部门，各设区市政府{_LONG}。"
    )
    plan = parse(line, year=2018)
    assert read(plan, "number", "section", "lead_units", "support_units") == [
        (1, "一、加强解读回应", [], []),
        (2, "一、加强解读回应", [], []),
        (3, "一、加强解读回应", [], []),
    ]
    assert plan.items[2].requirement.startswith("推进预决算公开省财政厅")
    assert all(_UNREAD in item.flags and NO_UNITS not in item.flags for item in plan.items)


def test_it_reads_the_units_before_the_text_of_a_run_on_table_where_rows_repeat_one_list():
    line = (
        "2018年政务公开工作主要任务分解表工 作 任 务牵头单位责 任 单 位工 作 要 求"
        f"一、加强解读回应1.政府工作公开透明 省政府各部门、各直属机构，各设区市政府坚持{_LONG}。"
        f"2.推进政策执行公开 省政府各部门、各直属机构，各设区市政府制定{_LONG}。"
        f"3.做好权责清单公开省审改办省政府各部门、各直属机构，各设区市政府全面{_LONG}。"
        f"4.推进预决算公开省财政厅省政府各部门、各直属机构，各设区市政府推动{_LONG}。"
    )
    plan = parse(line, year=2018)
    everyone = ["省政府各部门", "各直属机构", "各设区市政府"]
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, everyone, []),
        (2, everyone, []),
        (3, ["省审改办"], everyone),
        (4, ["省财政厅"], everyone),
    ]
    assert plan.items[3].requirement == f"推进预决算公开。推动{_LONG}。"
    assert all(_STUCK in item.flags for item in plan.items)
