"""The whole annual report as one JSON-able dict: sections 一 to 六 with the official headings."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings

from gongkai.reports import sources, tables

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def _number(value):
    if value in (None, "", "/"):
        return value
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    return int(number) if number == number.to_integral_value() else float(number)


def build(year: int, report=None) -> dict:
    manual = {k: _number(v) for k, v in (report.manual_values() if report else {}).items()}
    proactive = tables.proactive_table(year, manual)
    applications = tables.applications_table(year)
    review = tables.review_litigation_table(year)
    fees = tables.fees_collected(year)
    plan = sources.plan_results(year)
    other = report.other_matters if report else ""
    auto_other = [
        f"依据《政府信息公开信息处理费管理办法》，本年度共收取信息处理费{fees}元。"
        if fees
        else "本年度未收取信息处理费。"
    ]
    if plan:
        done = plan["by_status"].get("done", 0) + plan["by_status"].get("ongoing", 0)
        auto_other.append(
            f"《{plan['title']}》共{plan['tasks']}项任务、{plan['shares']}项单位分工，"
            f"已完成或常态化推进{done}项。"
        )
    joined = sources.participation(year)
    if any(joined.values()):
        auto_other.append(
            f"本年度公开征求意见{joined['consultations']}项，收到意见{joined['comments']}条；"
            f"邀请公众代表列席决策会议{joined['meetings']}次；领导信箱收到留言"
            f"{joined['messages']}件，已答复{joined['answered']}件。"
        )
    return {
        "title": f"{settings.AGENCY_NAME}{year}年政府信息公开工作年度报告",
        "year": year,
        "agency": settings.AGENCY_NAME,
        "sections": [
            {"heading": HEADINGS[0], "text": report.overview if report else ""},
            {"heading": HEADINGS[1], "table": "proactive"},
            {"heading": HEADINGS[2], "table": "applications"},
            {"heading": HEADINGS[3], "table": "review_litigation"},
            {"heading": HEADINGS[4], "text": report.problems if report else ""},
            {"heading": HEADINGS[5], "text": "\n".join([*auto_other, other]).strip()},
        ],
        "tables": {
            "proactive": proactive,
            "applications": applications,
            "review_litigation": review,
        },
        "fees_collected": fees,
        "plan_results": plan,
        "problems": tables.check_proactive(proactive)
        + tables.check_applications(applications)
        + tables.check_review_litigation(review),
    }


def figure_cells(data: dict) -> list[tuple[str, str]]:
    """Every figure of a built report as (cell name, value as text), in the tables' order:
    what a published report is compared against later (services.published_differences)."""
    tables = data["tables"]
    cells = []
    for block in tables["proactive"]["blocks"]:
        for row in block["rows"]:
            for column, value in zip(block["columns"][1:], row["values"], strict=True):
                cells.append((f"表二 {row['label']}·{column}", str(value)))
    applications = tables["applications"]
    for row in applications["rows"]:
        for column, value in zip(applications["columns"], row["values"] or (), strict=False):
            cells.append((f"表三 {row['label']}·{column}", str(value)))
    review = tables["review_litigation"]
    for group in review["groups"]:
        for column, value in zip(review["columns"], group["values"], strict=True):
            cells.append((f"表四 {group['label']}·{column}", str(value)))
    cells.append(("信息处理费（元）", str(data["fees_collected"])))
    return cells


def consistency(problems: list[str], *forms) -> dict:
    """What the report page may say of the 勾稽关系 (rules.md §3.3): "passed" only when the
    check ran on the figures being shown. While one of `forms` holds an error nothing it
    carries was saved, so the check ran on other figures: it claims nothing (re-probe).
    Returns {"state": "unchecked" | "failed" | "passed", "text": …}."""
    if any(form is not None and form.is_bound and form.errors for form in forms):
        return {
            "state": "unchecked",
            "text": "表单中有数据未通过校验，尚未保存，勾稽关系暂无法校验；"
            "请先改正标出的错误并保存。",
        }
    if problems:
        return {"state": "failed", "text": "以下数据不符合勾稽关系，不能发布："}
    return {"state": "passed", "text": "勾稽关系校验通过"}
