"""The annual report's tables (国办公开办函〔2021〕30号 format, rules.md §3.3), counted in SQL.

Each table is {"columns": [...], "rows": [{"key", "label", "values": [...]}]} with the official
labels; every figure can be traced to the records behind it (`cell_records`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from gongkai.disclosure_requests.models import ApplicantType, DisclosureRequest, FeeNotice, Remedy
from gongkai.disclosure_requests.taxonomy import DEFAULT_REPORT_ROW, REPORT_ROWS, report_row

APPLICANT_COLUMNS = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]
APPLICANT_KEYS = [t.value for t in ApplicantType]  # the official column order

GROUPS = {
    "3": "（三）不予公开",
    "4": "（四）无法提供",
    "5": "（五）不予处理",
    "6": "（六）其他处理",
}
NEW, CARRIED_IN, TOTAL, CARRIED_OUT = "new", "carried_in", "total", "carried_out"


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def row_queryset(year: int, key: str) -> QuerySet[DisclosureRequest]:
    """The applications a row counts: the same definition the counts use, for drill-down."""
    start, end = _year_bounds(year)
    requests = DisclosureRequest.objects.all()
    if key == NEW:
        return requests.filter(received_on__gte=start, received_on__lte=end)
    if key == CARRIED_IN:
        return requests.filter(received_on__lt=start).filter(
            Q(replied_on__isnull=True) | Q(replied_on__gte=start)
        )
    if key == CARRIED_OUT:
        return requests.filter(received_on__lte=end).filter(
            Q(replied_on__isnull=True) | Q(replied_on__gt=end)
        )
    replied = requests.filter(replied_on__gte=start, replied_on__lte=end)
    if key == TOTAL:
        return replied
    outcomes = [o for o in DEFAULT_REPORT_ROW if report_row(o) == key]
    return replied.filter(outcome__in=outcomes)


def _by_type(qs) -> list[int]:
    counts = dict(qs.order_by().values_list("applicant_type").annotate(n=Count("pk")))
    values = [counts.get(k, 0) for k in APPLICANT_KEYS]
    return [*values, sum(values)]


def applications_table(year: int) -> dict:
    """Table 三: 收到和处理政府信息公开申请情况 — four queries whatever the volume."""
    start, end = _year_bounds(year)
    # Group by outcome in SQL (a covering index serves it) and fold outcomes into rows here.
    replied = DisclosureRequest.objects.filter(replied_on__gte=start, replied_on__lte=end)
    cells: dict[str, dict[str, int]] = {}
    for outcome, kind, n in (
        replied.order_by().values_list("outcome", "applicant_type").annotate(n=Count("pk"))
    ):
        if outcome in DEFAULT_REPORT_ROW:
            row = cells.setdefault(report_row(outcome), {})
            row[kind] = row.get(kind, 0) + n

    def outcome_values(key):
        values = [cells.get(key, {}).get(k, 0) for k in APPLICANT_KEYS]
        return [*values, sum(values)]

    rows = [
        {
            "key": NEW,
            "label": "一、本年新收政府信息公开申请数量",
            "values": _by_type(row_queryset(year, NEW)),
        },
        {
            "key": CARRIED_IN,
            "label": "二、上年结转政府信息公开申请数量",
            "values": _by_type(row_queryset(year, CARRIED_IN)),
        },
        {"key": "3", "label": "三、本年度办理结果", "values": None},
    ]
    for key, label in REPORT_ROWS:
        group = key.split(".")[0]
        if "." in key and key.endswith(".1"):
            rows.append({"key": group, "label": GROUPS[group], "values": None})
        rows.append({"key": key, "label": label, "values": outcome_values(key)})
    total = [
        sum(
            r["values"][i]
            for r in rows
            if r["values"] is not None and r["key"] not in (NEW, CARRIED_IN)
        )
        for i in range(len(APPLICANT_COLUMNS))
    ]
    rows.append({"key": TOTAL, "label": "（七）总计", "values": total})
    rows.append(
        {
            "key": CARRIED_OUT,
            "label": "四、结转下年度继续办理",
            "values": _by_type(row_queryset(year, CARRIED_OUT)),
        }
    )
    return {"columns": APPLICANT_COLUMNS, "rows": rows}


REMEDY_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
REMEDY_GROUPS = [
    (Remedy.Kind.RECONSIDERATION, "行政复议"),
    (Remedy.Kind.LITIGATION_DIRECT, "行政诉讼：未经复议直接起诉"),
    (Remedy.Kind.LITIGATION_AFTER, "行政诉讼：复议后起诉"),
]
RESULT_KEYS = [
    Remedy.Result.UPHELD,
    Remedy.Result.CORRECTED,
    Remedy.Result.OTHER,
    Remedy.Result.PENDING,
]


def remedy_queryset(year: int) -> QuerySet[Remedy]:
    """Cases filed in the year; a result decided after the year's end counts as 尚未审结."""
    start, end = _year_bounds(year)
    return Remedy.objects.filter(filed_on__gte=start, filed_on__lte=end)


def review_litigation_table(year: int) -> dict:
    """Table 四: 政府信息公开行政复议、行政诉讼情况 — fifteen numbers in one row, one query."""
    _, end = _year_bounds(year)
    as_of_year_end = Case(
        When(Q(decided_on__isnull=True) | Q(decided_on__gt=end), then=Value("pending")),
        default="result",
        output_field=CharField(),
    )
    counts = {
        (k, r): n
        for k, r, n in remedy_queryset(year)
        .annotate(at_end=as_of_year_end)
        .order_by()
        .values_list("kind", "at_end")
        .annotate(n=Count("pk"))
    }
    groups = []
    for kind, label in REMEDY_GROUPS:
        values = [counts.get((kind, r), 0) for r in RESULT_KEYS]
        groups.append({"key": kind, "label": label, "values": [*values, sum(values)]})
    return {
        "columns": REMEDY_COLUMNS,
        "groups": groups,
        "values": [v for g in groups for v in g["values"]],
    }


def fees_collected(year: int) -> int:
    start, end = _year_bounds(year)
    paid = FeeNotice.objects.filter(  # a refunded fee counts what was kept (109号第五条)
        state__in=(FeeNotice.State.PAID, FeeNotice.State.REFUNDED),
        settled_on__gte=start,
        settled_on__lte=end,
    )
    kept = F("amount") - Coalesce(F("refund_amount"), 0)
    return paid.aggregate(total=Sum(kept))["total"] or 0


def proactive_table(year: int, manual: dict[str, Decimal | int | str | None]) -> dict:
    """Table 二: 主动公开政府信息情况. 规章/规范性文件 counted from the catalogue; decisions and
    fee amounts the system does not hold are entered by hand (`manual`, keyed as below)."""
    from gongkai.reports.sources import regulatory_counts

    counted = regulatory_counts(year)

    def m(key):
        value = manual.get(key)
        return 0 if value in (None, "") else value

    def regulatory_row(key, label, kind):
        c = counted[kind]
        values = [c["made"], c["repealed"], c["valid"]]
        return {
            "key": key,
            "label": label,
            "values": values,
            "valid_last_year": c["valid_last_year"],
        }

    rules = regulatory_row("rules", "规章", "rule")
    if manual.get("rules_not_applicable"):
        # A department that cannot make 规章 writes "/" there (rules.md §3.3, seen in real reports).
        rules = {"key": "rules", "label": "规章", "values": ["/", "/", "/"]}

    return {
        "blocks": [
            {
                "caption": "第二十条第（一）项",
                "columns": ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                "rows": [rules, regulatory_row("normative", "行政规范性文件", "normative")],
            },
            {
                "caption": "第二十条第（五）项",
                "columns": ["信息内容", "本年处理决定数量"],
                "rows": [{"key": "licensing", "label": "行政许可", "values": [m("licensing")]}],
            },
            {
                "caption": "第二十条第（六）项",
                "columns": ["信息内容", "本年处理决定数量"],
                "rows": [
                    {"key": "penalty", "label": "行政处罚", "values": [m("penalty")]},
                    {"key": "coercion", "label": "行政强制", "values": [m("coercion")]},
                ],
            },
            {
                "caption": "第二十条第（八）项",
                "columns": ["信息内容", "本年收费金额（单位：万元）"],
                "rows": [
                    {"key": "admin_fees", "label": "行政事业性收费", "values": [m("admin_fees")]}
                ],
            },
        ]
    }


MANUAL_KEYS = {
    "licensing": "行政许可处理决定数量",
    "penalty": "行政处罚处理决定数量",
    "coercion": "行政强制处理决定数量",
    "admin_fees": "行政事业性收费金额（万元）",
    "rules_not_applicable": "本机关无规章制定权（规章栏填“/”）",
}


def check_applications(table: dict) -> list[str]:
    """勾稽关系 (rules.md §3.3): each problem named by its cell, in Chinese."""
    rows = {r["key"]: r for r in table["rows"] if r["values"] is not None}
    cols = table["columns"]
    problems = []
    for i, col in enumerate(cols):
        new, carried_in = rows[NEW]["values"][i], rows[CARRIED_IN]["values"][i]
        total, carried_out = rows[TOTAL]["values"][i], rows[CARRIED_OUT]["values"][i]
        if new + carried_in != total + carried_out:
            problems.append(
                f"“{col}”列：一（{new}）+ 二（{carried_in}）≠（七）总计（{total}）+ "
                f"四（{carried_out}）"
            )
        parts = sum(
            r["values"][i]
            for k, r in rows.items()
            if k not in (NEW, CARRIED_IN, TOTAL, CARRIED_OUT)
        )
        if parts != total:
            problems.append(f"“{col}”列：各办理结果之和（{parts}）≠（七）总计（{total}）")
    for row in rows.values():
        if sum(row["values"][:-1]) != row["values"][-1]:
            problems.append(
                f"“{row['label']}”行：各类申请人之和（{sum(row['values'][:-1])}）≠ "
                f"总计（{row['values'][-1]}）"
            )
        if any(v < 0 for v in row["values"]):
            problems.append(f"“{row['label']}”行有负数")
    return problems


def check_proactive(table: dict) -> list[str]:
    """Table 二, 第二十条第（一）项, per row: 上年现行有效 + 本年制发 − 本年废止 = 现行有效
    (a row written "/" has nothing to check)."""
    problems = []
    for row in table["blocks"][0]["rows"]:
        if "/" in row["values"]:
            continue
        made, repealed, valid = row["values"]
        last = row["valid_last_year"]
        if last + made - repealed != valid:
            problems.append(
                f"表二“{row['label']}”行：上年现行有效件数（{last}）+ 本年制发件数（{made}）"
                f"− 本年废止件数（{repealed}）≠ 现行有效件数（{valid}）"
            )
    return problems


def check_review_litigation(table: dict) -> list[str]:
    problems = []
    for group in table["groups"]:
        *parts, total = group["values"]
        if sum(parts) != total:
            problems.append(
                f"表四“{group['label']}”：维持、纠正、其他、尚未审结之和（{sum(parts)}）≠ "
                f"总计（{total}）"
            )
    return problems
