"""Rules of round 15 on plans of other bodies (issue 14), from real_heldout13 (its README) and
from what a web page cut by the search tool leaves around a plan. The plans here are small and
invented, typed in the shape each layout has; the real ones are scored by
test_import_real_plans.py.
"""

from datetime import date

import pytest

from gongkai.plans.tests.plan_text import parse, read

# ---- 牵头责任单位: / 协同责任单位: lines under each target ------------------------------------


def test_it_reads_lead_and_support_from_compound_role_labels_on_lines_of_their_own():
    plan = parse(
        "一、确保完成全年主要预期目标",
        "1. 地区生产总值增长8%以上。",
        "牵头负责领导:张某。",
        "牵头责任单位:市发展改革委。",
        "协同责任单位:市经信局、市人行、市商务局等,各县、市、区政府。",
        "2. 财政收入增长8%左右。",
        "牵头负责领导:张某。",
        "牵头责任单位:市财政局。",
        "协同责任单位:市税务局。",
        year=2020,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市发展改革委"], ["市经信局", "市人行", "市商务局", "各县、市、区政府"]),
        (2, ["市财政局"], ["市税务局"]),
    ]
    # The leader's line names a person: no unit, and the support line is not left as text.
    assert all("协同" not in item.measures and "张某" not in item.lead_units for item in plan.items)


# ---- (1)(2)(3) sub-tasks run together in their measure's paragraph -------------------------


def test_run_on_sub_tasks_each_closed_by_its_units_are_tasks_numbered_in_order_flagged():
    plan = parse(
        "一、持续减少审批事项",
        "1.深化商事制度改革。(1)全面落实多证合一改革,实行一照一码。(市市场监管局牵头负责)"
        "(2)完善企业登记全程电子化,推行网上申请。(市数据局牵头负责)"
        "(3)推进企业名称登记改革,开放企业名称库。(市市场监管局牵头,市数据局配合)",
        "2.压减审批事项。全面清理市级审批事项。(市审改办牵头负责)",
        year=2017,
    )
    assert read(plan, "number", "lead_units", "support_units") == [
        (1, ["市市场监管局"], []),
        (2, ["市数据局"], []),
        (3, ["市市场监管局"], ["市数据局"]),
        (4, ["市审改办"], []),
    ]
    assert all(any("拆分" in flag for flag in item.flags) for item in plan.items[:3])


def test_points_of_one_task_closed_by_one_units_bracket_stay_one_task():
    plan = parse(
        "一、持续减少审批事项",
        "1.深化商事制度改革。(1)全面落实多证合一改革;(2)完善企业登记全程电子化;"
        "(3)推进企业名称登记改革。(市市场监管局牵头负责)",
        year=2017,
    )
    assert read(plan, "number", "lead_units") == [(1, ["市市场监管局"])]


def test_a_page_cut_inside_the_last_run_on_sub_task_leaves_it_out_warned():
    plan = parse(
        "一、持续减少审批事项",
        "1.深化商事制度改革。(1)全面落实多证合一改革,实行一照一码。(市市场监管局牵头负责)"
        "(2)完善企业登记全程电子化,推行网上申请。(市数据局牵头负责)(3)推进企业名称登记改革,建设完善企业",
        year=2017,
    )
    assert read(plan, "number", "lead_units") == [(1, ["市市场监管局"]), (2, ["市数据局"])]
    assert any("第3项中途截断" in warning for warning in plan.warnings)


# ---- 2023年底完成80%以上 in a task's text ----------------------------------------------------


@pytest.mark.parametrize(
    "text, due, flag",
    [
        ("扎实推进各项工作,2023年底完成80%以上指标任务。", date(2023, 12, 31), "取自任务内容"),
        # A figure at a year's end is no time limit.
        ("公开2022年末政府债务余额和限额情况。", None, "未填写完成时限"),
    ],
)
def test_a_year_end_followed_by_completing_in_a_tasks_text_is_its_deadline_flagged(text, due, flag):
    plan = parse("一、提升基础能力", f"(一)统筹推进均衡化发展。{text}(市数据局牵头)", year=2023)
    (item,) = plan.items
    assert item.due_date == due
    assert any(flag in f for f in item.flags)


# ---- a ledger page: label: | value | rows -------------------------------------------------


_LEDGER = (
    "重点工作: | 支持开发区打造营商环境改革创新试验区。 |",
    "牵头单位: | 开发区管委会 |",
    "年度阶段性工作目标: | 第一季度:完成课题研究。 第四季度:推动创建试验区。 |",
    "进展落实情况: | 第三季度: 按计划推进中。 1.省政府规章已于8月1日印发。 2.9月4日召开座谈会,"
    "建立观察员所提意见建议交办机制,推动各项改革举措落地见效。 第四季度: 已完成。 |",
)


def test_a_ledger_pages_label_rows_are_read_as_one_task_with_its_units():
    plan = parse(*_LEDGER, year=2019)
    assert read(plan, "number", "lead_units", "support_units", "due_date") == [
        (1, ["开发区管委会"], [], None)
    ]
    (item,) = plan.items
    assert item.requirement == "支持开发区打造营商环境改革创新试验区。"
    # Its progress report's dates are no deadline: none written, said so.
    assert "未填写完成时限" in item.flags


def test_a_pages_index_block_of_label_rows_is_no_task():
    plan = parse(
        "索引号: | 11440100/2019-00123 |",
        "发布机构: | 市政府办公厅 |",
        "成文日期: | 2019-03-01 |",
        "序号 | 工作任务 | 责任单位 | 完成时限",
        "1 | 公开财政预决算。 | 市财政局 | 2019年6月底前",
        year=2019,
    )
    assert read(plan, "number", "lead_units") == [(1, ["市财政局"])]


def test_a_short_note_holding_a_deadline_is_still_read_as_one():
    plan = parse(
        "序号 | 工作任务 | 责任单位 | 备注",
        "1 | 公开财政预决算。 | 市财政局 | 推进中；11月底前完成",
        year=2022,
    )
    (item,) = plan.items
    assert item.due_date == date(2022, 11, 30)


# ---- a page cut by the search tool, and the debris around a plan ----------------------------

_TASKS = (
    "一、加强重点领域信息公开",
    "(一)推进财政信息公开。全面公开财政预决算和部门预决算信息,细化公开内容。"
    "(区财政局牵头,各部门负责落实)",
    "(二)推进重大项目信息公开。及时公开重大建设项目批准和实施信息,按季度公开进展。"
    "(区发展改革委牵头,区住房城乡建设委负责落实)",
)
_LABELLED = (
    "1.推进财政信息公开。全面公开预决算。",
    "牵头单位:区财政局",
    "完成时限:2019年6月底前",
    "配合单位:各部门",
    "2.推进重大项目信息公开。及时公开批准和实施信息。",
    "牵头单位:区发展改革委",
    "完成时限:2019年9月底前",
)
_TWO_ITEMS = [
    (1, ["区财政局"], ["各部门"]),
    (2, ["区发展改革委"], ["区住房城乡建设委"]),
]


def test_a_page_cut_inside_a_units_bracket_leaves_the_half_task_out_warned():
    for cut in ("(区公共资源交易中心牵头,区发展", "(牵头单位:区公共资源交易中心;责任单位:区政"):
        plan = parse(*_TASKS, f"(三)推进公共资源配置信息公开。全面公开公共资源交易信息。{cut}")
        assert read(plan, "number", "lead_units", "support_units") == _TWO_ITEMS
        assert any("第3项中途截断" in warning for warning in plan.warnings)


def test_a_page_cut_inside_a_label_after_the_units_read_flags_the_last_item():
    plan = parse(*_LABELLED, "配合单", year=2019)
    first, last = plan.items
    assert (last.number, last.lead_units, last.due_date) == (2, ["区发展改革委"], date(2019, 9, 30))
    assert any("截断" in flag for flag in last.flags)
    assert not any("截断" in flag for flag in first.flags)
    assert any("第2项的“配合单”处截断" in warning for warning in plan.warnings)


def test_a_whole_last_label_line_is_no_cut():
    plan = parse(*_LABELLED, "配合单位:区住房城乡建设委", year=2019)
    assert read(plan, "support_units") == [(["各部门"],), (["区住房城乡建设委"],)]
    assert not any("截断" in flag for item in plan.items for flag in item.flags)
    assert plan.warnings == []


def test_a_sites_footer_after_the_plan_is_no_unit_and_no_text_of_its_last_task():
    for footer in (
        ("主办单位:某区人民政府办公室 承办单位:某区政务服务管理局", "版权所有 京ICP备05060933号"),
        ("网站主办:某区人民政府办公室  技术支持:某区信息中心",),
        ("【字体:大 中 小】【打印本页】【关闭窗口】", "扫一扫在手机打开当前页"),
        (
            "相关链接",
            "关于印发北京市2019年政务公开工作要点的通知",
            "某区2019年政务公开工作要点解读",
        ),
    ):
        plan = parse(*_TASKS, "", *footer)
        assert read(plan, "number", "lead_units", "support_units") == _TWO_ITEMS, footer
        assert plan.items[-1].measures == "", footer


def test_a_last_tasks_units_on_a_line_with_two_roles_are_not_taken_for_a_footer():
    plan = parse(
        "1.推进财政信息公开。全面公开预决算。",
        "主办单位:区财政局;协办单位:各部门",
        "2.推进重大项目信息公开。及时公开批准和实施信息。",
        "主办单位:区发展改革委;协办单位:区住房城乡建设委",
        year=2019,
    )
    assert read(plan, "number", "lead_units", "support_units") == _TWO_ITEMS


def test_a_pages_header_debris_before_the_plan_is_no_task():
    plan = parse(
        "当前位置: 首页 > 政务公开 > 通知公告",
        "索引号: 000014349/2019-00012",
        "发布机构: 区政府办公室",
        "发布时间:2019-03-01 10:00 来源:区政府办公室 浏览次数:1234",
        "分享到: 微信 微博 QQ空间",
        "【字体:大 中 小】 打印",
        *_TASKS,
        year=2019,
    )
    assert read(plan, "number", "lead_units", "support_units") == _TWO_ITEMS


def test_the_issuers_signature_and_date_after_the_plan_are_no_deadline_of_its_last_task():
    for end in (
        ("某区人民政府办公室", "2019年3月1日", "(此件公开发布)"),
        ("抄送:区委办公室,区人大常委会办公室。", "某区人民政府办公室 2019年3月5日印发"),
    ):
        plan = parse(*_TASKS, *end, year=2019)
        assert read(plan, "number", "lead_units", "support_units") == _TWO_ITEMS, end
        assert plan.items[-1].due_date is None and plan.items[-1].measures == "", end


def test_dates_alone_on_their_lines_as_the_plans_deadline_column_are_kept():
    plan = parse(
        "1.推进财政信息公开。全面公开预决算。",
        "区财政局",
        "2019年6月30日",
        "2.推进重大项目信息公开。及时公开批准和实施信息。",
        "区发展改革委",
        "2019年9月30日",
        "3.推进公共资源配置信息公开。全面公开交易信息。",
        "区公共资源交易中心",
        "2019年12月31日",
        year=2019,
    )
    assert read(plan, "lead_units", "due_date") == [
        (["区财政局"], date(2019, 6, 30)),
        (["区发展改革委"], date(2019, 9, 30)),
        (["区公共资源交易中心"], date(2019, 12, 31)),
    ]


def test_role_labels_in_lenticular_brackets_are_labels_not_units():
    plan = parse(
        "1.推进财政信息公开。全面公开预决算。【牵头单位】区财政局【配合单位】区审计局",
        "2.推进重大项目信息公开。及时公开批准和实施信息。【牵头单位】区发展改革委",
        year=2019,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["区财政局"], ["区审计局"]),
        (["区发展改革委"], []),
    ]


def test_roles_in_two_clauses_after_a_paragraphs_last_sentence_are_its_units():
    plan = parse(
        "一、加强重点领域信息公开",
        "(一)推进财政信息公开。全面公开财政预决算。由区财政局负责,各部门配合。",
        "(二)推进重大项目信息公开。及时公开批准信息,各部门要加强配合。(区发展改革委负责)",
        year=2019,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["区财政局"], ["各部门"]),
        (["区发展改革委"], []),
    ]


@pytest.mark.parametrize(
    "label, lead, support",
    [
        ("参与单位", ["区财政局"], ["区审计局", "各街道"]),
        ("协助单位", ["区财政局"], ["区审计局", "各街道"]),
        ("支持单位", ["区财政局"], ["区审计局", "各街道"]),
        ("责任主体", ["区财政局"], ["区审计局", "各街道"]),
        ("主责单位", ["区财政局", "区审计局", "各街道"], []),
    ],
)
def test_every_role_label_on_a_line_of_its_own_is_read_not_left_as_text(label, lead, support):
    plan = parse(
        "1.推进财政信息公开。全面公开预决算。",
        "牵头单位:区财政局",
        f"{label}:区审计局、各街道",
        "完成时限:2019年6月底前",
        "2.推进重大项目信息公开。及时公开批准和实施信息。",
        "牵头单位:区发展改革委",
        "完成时限:2019年9月底前",
        year=2019,
    )
    first, _ = plan.items
    assert (first.lead_units, first.support_units, first.measures) == (lead, support, "")


def test_a_units_label_of_a_role_not_known_is_read_as_support_flagged_never_dropped():
    plan = parse(
        "1.推进财政信息公开。全面公开预决算。",
        "牵头单位:区财政局",
        "督办单位:区政府督查室",
        "完成时限:2019年6月底前",
        "2.推进重大项目信息公开。及时公开批准和实施信息。",
        "牵头单位:区发展改革委",
        "完成时限:2019年9月底前",
        year=2019,
    )
    first, second = plan.items
    assert (first.support_units, first.measures) == (["区政府督查室"], "")
    assert any("督办单位" in flag for flag in first.flags)
    assert second.flags == []


def test_a_first_unit_leads_legend_holds_for_its_bracket_and_the_later_ones():
    plan = parse(
        "一、加强重点领域信息公开",
        "(一)推进财政信息公开。全面公开预决算信息。(区财政局、区审计局,排在第一位的为牵头单位,下同)",
        "(二)推进重大项目信息公开。及时公开批准和实施信息。(区发展改革委、区住房城乡建设委)",
        "(三)推进公共资源信息公开。及时公开交易信息。(区政务服务局牵头,各部门配合)",
        year=2019,
    )
    assert read(plan, "lead_units", "support_units") == [
        (["区财政局"], ["区审计局"]),
        (["区发展改革委"], ["区住房城乡建设委"]),
        (["区政务服务局"], ["各部门"]),
    ]


def test_without_a_legend_a_bare_list_of_units_all_lead():
    plan = parse(
        "一、加强重点领域信息公开",
        "(一)推进财政信息公开。全面公开预决算信息。(区财政局、区审计局)",
        year=2019,
    )
    assert read(plan, "lead_units", "support_units") == [(["区财政局", "区审计局"], [])]


def test_the_last_tasks_unit_and_date_lines_are_no_signature_in_a_short_page():
    # Two dates alone on their lines, as a notice's signature and the plan's would be.
    plan = parse(
        "1.推进财政信息公开。全面公开预决算。",
        "区财政局",
        "2019年6月30日",
        "2.推进重大项目信息公开。及时公开批准和实施信息。",
        "区发展改革委",
        "2019年9月30日",
        year=2019,
    )
    assert read(plan, "lead_units", "due_date") == [
        (["区财政局"], date(2019, 6, 30)),
        (["区发展改革委"], date(2019, 9, 30)),
    ]
