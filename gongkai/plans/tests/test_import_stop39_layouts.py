"""Rules of stop 39 (issue 14) on shapes the blind batches plans33–36 showed. The plans here are
small and invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py."""

import pytest

from gongkai.plans.importers import PlanImportError, parse_plan_file
from gongkai.plans.importers.base import ParsedItem, naming_left_out
from gongkai.plans.importers.paragraphs import LOST_TABLE
from gongkai.plans.tests.corpus_score import office_file
from gongkai.plans.tests.plan_text import parse, read

_ROWS = [
    ["1", "滨海暗流等涉水区域", "设置安全警示标识牌，做好巡查工作", "各联合党委", "各包村工作大队"],
    ["2", "城市公园", "对临水地带进行隐患排查", "交通与建设处", "各联合党委、各包村工作大队配合"],
]


def _sheet(header: list[str]):
    spec = {
        "format": "xlsx",
        "before": ["附件1", "摸排整治重点及职责分工"],
        "rows": [header, *_ROWS],
    }
    return parse_plan_file(office_file(spec), "plan.xlsx", 2021)


def test_units_columns_named_beside_task_columns_in_the_plans_own_words_are_kept():
    # plans36 06: 摸排区域 | 摸排整治重点 are no header words, but 责任处室 | 配合单位 are: the
    # helpers stay helpers, not a note guessed from content; the guessed columns are still said.
    plan = _sheet(["序号", "摸排区域", "摸排整治重点", "责任处室", "配合单位"])
    assert [item.lead_units for item in plan.items] == [["各联合党委"], ["交通与建设处"]]
    assert [item.support_units for item in plan.items] == [
        ["各包村工作大队"],
        ["各联合党委", "各包村工作大队"],
    ]
    assert plan.items[0].requirement.startswith("滨海暗流")
    assert any("按内容判断" in warning for warning in plan.warnings)


def test_a_header_of_unknown_words_only_is_still_guessed_from_content():
    plan = _sheet(["序号", "摸排区域", "摸排整治重点", "处室", "协同"])
    assert [item.lead_units for item in plan.items] == [["各联合党委"], ["交通与建设处"]]
    assert any("按内容判断" in warning for warning in plan.warnings)


_DUTIES = (
    "二、工作措施（一）政法综治处:1.落实安全管理责任，开展摸排检查。2.配合区消防做好管理工作。"
    "（二）交通与建设处：1.督促物业服务企业加强宣传教育。2.加强对所属人防工程的监督管理。"
    "（三）平潭供电公司南区供电所：定期对所属供电设施进行检测，消除供电隐患。"
    "三、工作要求（一）强化组织领导。各有关部门要高度重视。"
)


def test_a_unit_heading_ending_on_a_colon_leads_the_numbered_duties_under_it():
    # plans36 04: （一）政法综治处: then 1. 2. — the unit's duties, each a task it leads (flagged:
    # taken from the heading); a （三）X：… with its duty after the colon is X's one task, not
    # the group's above it.
    plan = parse(_DUTIES, year=2021)
    assert read(plan, "number", "lead_units") == [
        (1, ["政法综治处"]),
        (2, ["政法综治处"]),
        (3, ["交通与建设处"]),
        (4, ["交通与建设处"]),
        (5, ["平潭供电公司南区供电所"]),
    ]
    assert all(any("标题所注" in flag for flag in item.flags) for item in plan.items[:4])
    assert plan.items[0].requirement.startswith("落实安全管理责任")


def test_a_heading_ending_on_a_colon_that_names_no_unit_gives_no_units():
    # Forbidden: （一）主要措施： is no unit; its tasks name none and say so.
    plan = parse(_DUTIES.replace("（一）政法综治处:", "（一）主要措施："), year=2021)
    assert [item.lead_units for item in plan.items[:2]] == [[], []]


def test_the_same_number_again_after_a_full_stop_is_a_task_of_its_own():
    # plans36 04: …监督管理。2.负责… — the page numbered two duties 2. by a slip: two tasks,
    # and the repeat is said.
    plan = parse(_DUTIES.replace("监督管理。", "监督管理。2.负责废弃蓄电池的监督管理。"), year=2021)
    assert [item.requirement[:6] for item in plan.items[2:5]] == [
        "督促物业服务",
        "加强对所属人",
        "负责废弃蓄电",
    ]
    assert any("2之后是2" in flag for flag in plan.items[4].flags)


def test_the_same_number_again_inside_a_sentence_is_no_task():
    # Forbidden: …，2.负责… after 2. (no full stop before it) stays in its task.
    plan = parse(_DUTIES.replace("监督管理。", "监督管理，2.负责废弃蓄电池的监督管理。"), year=2021)
    assert len(plan.items) == 5
    assert "负责废弃蓄电池" in plan.items[3].requirement


_ENTRIES = (
    "某片区海上非法养殖综合整治工作方案 一、工作目标 全面清理非法养殖设施。 二、行动安排"
    " （一）摸底排查阶段。组织人员开展摸底排查行动。"
    " （二）强制清理阶段。对逾期未清理的设施依法查处。"
    " 三、职责分工 {}：联合工信部门加强对修造船企业的管控。"
    " 政法综治处：负责对船舶建造点进行执法检查。"
    " 区市场监督管理局君山分局：负责对船舶建造点的修造情况进行检查。"
    " 四、工作要求 （一）高度重视。各相关单位要主动作为，确保清理整治行动取得预期效果。"
)


def test_units_each_opening_on_its_colon_after_a_space_are_the_plans_duties():
    # plans36 05: 四、职责分工 经济发展处：… 政法综治处：… run into one line: each unit's duty is a
    # task it leads (flagged); the plan's unitless stages and requirements are left out, said.
    plan = parse(_ENTRIES.format("经济发展处"), year=2021)
    assert read(plan, "number", "lead_units") == [
        (1, ["经济发展处"]),
        (2, ["政法综治处"]),
        (3, ["区市场监督管理局君山分局"]),
    ]
    assert any("未作为任务" in warning for warning in plan.warnings)


def test_a_units_label_after_a_space_opens_no_duty():
    # Forbidden: 牵头单位：X is a label, not a unit named 牵头单位 whose duty follows.
    plan = parse(_ENTRIES.format("牵头单位"), year=2021)
    assert ["牵头单位"] not in [item.lead_units for item in plan.items]


_ACTIVITIES = (
    "某局2021年安全生产月活动方案 一、活动主题以“落实安全责任，推动安全发展”为主题。"
    "二、{}根据工作部署，结合工作实际，各所出资企业要采取多种形式开展活动。"
    "（一）深入学习安全生产重要论述局党委安排理论中心组专题学习。责任处室：党建人事处、办公室完成时限：6月25日前"
    "（二）开展宣传活动充分利用本单位宣传载体开展宣传。责任处室：办公室完成时限：6月15日前"
    "（三）开展应急演练组织开展1场安全生产应急演练活动。责任处室：办公室完成时限：6月28日前"
    "三、工作要求（一）加强领导，精心组织各所出资企业要提高认识，狠抓落实。"
    "（二）及时总结，加强报送办公室要加强活动信息的收集。"
)


def test_a_part_titled_by_its_contents_label_is_cut_from_the_sentence_after_it():
    # plans37 01: 五、主要内容根据工作部署，… — the part's title is the label alone.
    plan = parse(_ACTIVITIES.format("主要内容"), year=2021)
    assert {item.section for item in plan.items} == {"二、主要内容"}
    assert [item.lead_units for item in plan.items] == [
        ["党建人事处", "办公室"],
        ["办公室"],
        ["办公室"],
    ]


def test_a_longer_title_opening_on_the_label_is_not_cut():
    # Forbidden: 二、主要内容和方式 goes on after the label: no cut inside it.
    plan = parse(_ACTIVITIES.format("主要内容和方式"), year=2021)
    assert all(item.section.startswith("二、主要内容和方式") for item in plan.items)


def test_closing_measures_left_out_are_named_by_their_first_words():
    # plans37 03: the user is told which paragraphs were left out, to find them on the page.
    plan = parse(_ACTIVITIES.format("主要内容"), year=2021)
    left_out = next(w for w in plan.warnings if "视为保障措施" in w)
    assert "“加强领导，精心组织" in left_out and "“及时总结，加强报送" in left_out


_MECHANISM = (
    "二、落实长效常态工作机制（一）实施志愿服务持续工程"
    "1.配合社区党组织开展志愿服务。责任领导：分管领导牵头处室：党建人事处责任处室：局各处室"
    "2.加强志愿服务培训工作，切实发挥作用。责任领导：分管领导牵头处室：办公室责任处室：局各处室"
    "（二）实施社区场所提升工程配合片区管理局，推进社区办公场所建设工作。"
    "责任领导：分管领导 责任处室：产权管理与资本运营处"
    "（三）强化监督问效把各处室的创城工作表现纳入绩效管理考核。"
    "责任领导：分管领导牵头处室：办公室责任处室：局各处室"
    "三、工作要求（一）提高政治站位。要把创城工作作为一项长期的政治任务。"
)


def test_a_group_line_running_its_title_into_a_labelled_task_is_that_task():
    # plans37 02: （二）title + task + its labels on one line, no number under it: a task, led by
    # its own label (a leader's label before it is no unit).
    plan = parse(_MECHANISM, year=2020)
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["党建人事处"], ["局各处室"]),
        (2, ["办公室"], ["局各处室"]),
        (3, ["产权管理与资本运营处"], []),
        (4, ["办公室"], ["局各处室"]),
    ]
    assert "责任领导" not in plan.items[0].requirement


def test_a_group_line_with_labels_over_numbered_tasks_stays_a_heading():
    # Forbidden: （二）'s labels over 1. 2. under it are the heading's, not a task of its own.
    text = _MECHANISM.replace(
        "（三）强化监督问效", "1.推进场所建设。2.完善场所设施。（三）强化监督问效"
    ).replace("推进社区办公场所建设工作。", "推进社区办公场所建设。")
    plan = parse(text.replace("建设。责任领导", "建设。 责任领导"), year=2020)
    assert [item.requirement for item in plan.items[2:4]] == ["推进场所建设。", "完善场所设施。"]
    assert len(plan.items) == 5


_SQUADS = (
    "某局赛事期间市容整治工作方案 一、整治范围 城区主次干道两侧。 二、职责分工 具体分工如下："
    " （一）{}要加强日常检查督导，及时排查解决整治工作中存在的问题。"
    " （二）案调、机动中队主要负责东大街西段日常巡查工作。"
    " （三）市容一中队负责金井湾大道等市容市貌巡查和整治工作。"
    " 三、工作要求 （一）精心组织安排。合理调配城市管理执法力量，确保取得实效。"
)


def test_units_opening_each_duty_are_read_joined_by_he_or_sharing_a_kind():
    # plans38 01: X、Y和Z要… (和 joins two units), 案调、机动中队主要负责… (案调 is no unit: it
    # shares 中队 with the next, kept as written), 市容一中队负责…: each duty led by them.
    plan = parse(_SQUADS.format("城市管理执法支队、城建监察大队和综合科"), year=2015)
    assert read(plan, "number", "lead_units") == [
        (1, ["城市管理执法支队", "城建监察大队", "综合科"]),
        (2, ["案调、机动中队"]),
        (3, ["市容一中队"]),
    ]
    left_out = next(w for w in plan.warnings if "未作为任务" in w)
    assert "未导入的段落：“精心组织安排。合理调配" in left_out


def test_words_joined_by_he_that_are_no_units_open_no_duty():
    # Forbidden: 宣传和教育要… names no unit: the plan's paragraphs are not read as duties.
    plan = parse(_SQUADS.format("宣传和教育"), year=2015)
    assert [item.lead_units for item in plan.items][0] == []


def _split_table(helpers_header: str):
    spec = {
        "format": "docx",
        "before": ["2022年全区政务公开工作主要任务分解表"],
        "rows": [
            ["工作任务", "工作要求", "牵头单位", helpers_header],
            [
                "一、加强涉及市场主体的信息公开",
                "1.增强政策制定实施的透明度。",
                "",
                "区直各有关单位",
            ],
            ["", "2.建立审批问题的办理和反馈机制。", "区行政审批局", "区直各有关单位"],
        ],
        "merges": [[1, 0, 2, 0]],
    }
    return parse_plan_file(office_file(spec), "plan.docx", 2022)


def test_a_row_with_no_lead_is_led_by_its_responsible_units():
    # plans40 01: 牵头单位 | 配合/责任单位 — a row whose 牵头 cell is empty names the units
    # responsible for it in the other column: they lead (责任, no 牵头), said on the item.
    plan = _split_table("配合/责任单位")
    assert [(item.lead_units, item.support_units) for item in plan.items] == [
        (["区直各有关单位"], []),
        (["区行政审批局"], ["区直各有关单位"]),
    ]
    assert any("配合/责任单位" in flag for flag in plan.items[0].flags)
    assert not any("未写明牵头单位" in flag for flag in plan.items[0].flags)


def test_a_row_with_no_lead_and_only_helpers_stays_unled():
    # Forbidden: a column headed 配合单位 alone holds helpers: no lead, and the item says so.
    plan = _split_table("配合单位")
    assert (plan.items[0].lead_units, plan.items[0].support_units) == ([], ["区直各有关单位"])
    assert any("未写明牵头单位" in flag for flag in plan.items[0].flags)


_NOTICE_AND_ANNEX = (
    "某局2017年工作要点 一、抓制度改革（一）深化商事制度改革。推进全程电子化登记。"
    "（二）完善执法体系。制定执法程序规范。 二、抓队伍建设（一）加强干部培训。编制教育培训计划。"
    " 附件：2017年主要任务分解表 类别项目内容责任领导{}责任人{}"
    "改 革 创 新试行个体工商户自助打照系统江裕森许可处林本勇12月"
    "试点个体工商户简易注销江裕森许可处林本勇3月"
)


def test_a_notice_whose_tasks_are_in_an_annex_table_run_into_one_line_is_refused():
    # plans36 02: the notice's points name no units; its annex table, run into one line, has
    # 责任处室 and 完成时限 columns but no 序号 — reading the points would be silently wrong.
    with pytest.raises(PlanImportError) as refused:
        parse(_NOTICE_AND_ANNEX.format("责任处室", "完成时限"), year=2017)
    assert str(refused.value) == LOST_TABLE


def test_an_annex_header_run_with_no_deadline_or_number_column_is_not_refused():
    # Forbidden: units columns alone (类别项目内容责任领导责任处室责任人) are no table to refuse on.
    plan = parse(_NOTICE_AND_ANNEX.format("责任处室", ""), year=2017)
    assert plan.items


def test_a_warning_names_the_first_ten_paragraphs_left_out_and_counts_the_rest():
    # Forbidden: a warning naming every one of a long list; the clerk reads ten and the count.
    left_out = [
        ParsedItem(number=n, requirement=f"第{n}段落：加强政务公开平台建设与管理工作")
        for n in range(12)
    ]
    warning = naming_left_out("以下段落未写明责任单位，未导入", left_out)
    assert warning.count("“") == 10
    assert "“第0段落：加强政务公开平台建设与…”" in warning
    assert "第10段落" not in warning and warning.endswith("等12段")
    assert "等" not in naming_left_out("未导入", left_out[:10])
