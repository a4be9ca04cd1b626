"""Rules of the eleventh round on plans of other bodies (issue 14). The plans here are small
and invented, typed by hand in the shape each layout has; the real ones are scored by
test_import_real_plans.py.
"""

from gongkai.plans.importers.paragraphs import _SPLIT_FLAG
from gongkai.plans.tests.plan_text import parse, read


def test_it_cuts_a_numbered_task_going_on_with_a_second_bracketed_task_into_two():
    plan = parse(
        "一、重点任务",
        "1.开展隐患整治。组织对本行业开展分析。（各处室、各村居按职责分工负责）",
        "2.强化涉疫场所管理。组织对检测点开展专项检查。（甲处牵头）各有关处室统筹好疫情防控，"
        "督促单位落实专人值守。（各相关处室按照职责分工负责）",
        "3.加强文物建筑检查。深化隐患排查整治。（相关处室配合区文体局落实）",
        "4.强化宣传教育。向公众普及消防知识。（乙处、丙处按职责分工负责）",
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["各处室", "各村居"], []),
        (2, ["甲处"], []),
        (3, ["各相关处室"], []),
        (4, ["区文体局"], ["相关处室"]),
        (5, ["乙处", "丙处"], []),
    ]
    assert all(_SPLIT_FLAG in item.flags for item in plan.items[1:3])


def test_it_leaves_out_the_notices_numbered_summary_before_its_first_part_and_says_so():
    plan = parse(
        "现下达目标任务为：1.新开工300套；2.基本建成100套。现提出如下要求：一、新开工项目 "
        "1.甲小区200套，责任单位：甲投资公司；2.乙小区100套，责任单位：乙建设公司。"
        "二、基本建成项目 1.丙小区100套，责任单位：甲投资公司。三、其它要求 1.务必高度重视。"
        "各单位要加强领导。2.务必尽快启动。要抓紧做好前期工作。",
        year=2016,
    )
    assert read(plan, "number", "section", "lead_units") == [
        (1, "一、新开工项目", ["甲投资公司"]),
        (2, "一、新开工项目", ["乙建设公司"]),
        (3, "二、基本建成项目", ["甲投资公司"]),
    ]
    assert any("第一个部分标题之前" in w for w in plan.warnings)


def test_it_leaves_out_closing_parts_whose_only_units_are_a_bracket_inside_a_paragraph():
    plan = parse(
        "一、落实责任制",
        "（一）建立消防安全组织，落实消防安全措施。（甲处、各村居）",
        "（二）定期召开会议，督促整改火灾隐患。（乙处牵头，各村居配合）",
        "（三）推进消防队伍建设。（丙办事处负责）",
        "二、做好火灾预防工作",
        "（一）建立常态化火灾隐患排查整治机制，组织开展冬春火灾防控。",
        "（二）每半年组织各处室（中心）、各村（居）消防管理人员开展1次消防安全培训。",
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["甲处", "各村居"], []),
        (2, ["乙处"], ["各村居"]),
        (3, ["丙办事处"], []),
    ]
    assert any("未作为任务导入" in w for w in plan.warnings)


def test_it_takes_a_bracket_after_a_name_in_a_list_as_part_of_the_name_not_the_units():
    plan = parse(
        "一、重点任务",
        "1.开展隐患整治。组织对本行业开展分析。（甲处、各村居按职责分工负责）",
        "2.加强燃气管理。开展常态化安全检查。（乙处牵头，丙处配合）",
        "3.强化宣传教育。向公众普及消防知识。（各相关处室按职责分工负责）",
        "4.部署发动。各处室（中心）、各村居要制定具体实施方案，召开会议部署。（丁处负责）",
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["甲处", "各村居"], []),
        (2, ["乙处"], ["丙处"]),
        (3, ["各相关处室"], []),
        (4, ["丁处"], []),
    ]
    assert "多处责任单位括注" not in "".join(plan.items[3].flags)
