"""The press office's dashboard figures, each one aggregate query, drawn as SVG."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.disclosure_requests.taxonomy import DEFAULT_REPORT_ROW, report_row
from gongkai.plans.models import Assignment, Plan, Progress, ProgressStatus
from gongkai.reports import svg

GROUP_NAMES = [
    ("1", "予以公开"),
    ("2", "部分公开"),
    ("3", "不予公开"),
    ("4", "无法提供"),
    ("5", "不予处理"),
    ("6", "其他处理"),
]


def applications_by_month(year: int):
    replied = DisclosureRequest.objects.filter(replied_on__year=year)
    counts = (
        replied.annotate(m=ExtractMonth("replied_on"))
        .order_by()
        .values_list("m", "outcome")
        .annotate(n=Count("pk"))
    )
    series = {key: [0] * 12 for key, _ in GROUP_NAMES}
    for month, outcome, n in counts:
        if outcome in DEFAULT_REPORT_ROW:
            series[report_row(outcome)[0]][month - 1] += n
    return svg.stacked_columns(
        [f"{m}月" for m in range(1, 13)],
        [(name, series[key]) for key, name in GROUP_NAMES],
        title=f"{year}年每月答复的申请（按答复类型）",
    )


def days_to_reply(year: int):
    took = ExpressionWrapper(F("replied_on") - F("received_on"), output_field=DurationField())
    rows = (
        DisclosureRequest.objects.filter(replied_on__year=year)
        .exclude(handling_unit=None)
        .values("handling_unit__name")
        .annotate(avg=Avg(took), worst=Max(took))
        .order_by("-worst")
    )
    avg = [(r["handling_unit__name"], round(_days(r["avg"]), 1)) for r in rows]
    worst = [(r["handling_unit__name"], _days(r["worst"])) for r in rows]
    return svg.bars(avg, unit="天", title="平均答复用时"), svg.bars(
        worst, unit="天", title="最长答复用时"
    )


def _days(value) -> float:
    if value is None:
        return 0
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    return value / 86_400_000_000  # SQLite returns microseconds


def overdue_by_unit(year: int):
    late = Q(replied_on__gt=F("due_date")) | Q(
        replied_on__isnull=True, due_date__lt=timezone.localdate()
    )
    rows = (
        DisclosureRequest.objects.filter(received_on__year=year, due_date__isnull=False)
        .filter(late)
        .values("handling_unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return svg.bars(
        [(r["handling_unit__name"] or "未交办", r["n"]) for r in rows],
        unit="件",
        title="超期答复（按承办单位）",
    )


def publications_by_category(year: int):
    from gongkai.publications.models import CATEGORY_NUMERALS, Category, Document

    rows = (
        Document.public.filter(published_at__year=year)
        .values("category")
        .annotate(n=Count("pk"))
        .order_by("category")
    )
    labels = dict(Category.choices)
    return svg.bars(
        [
            (f"（{CATEGORY_NUMERALS[r['category']]}）{labels[r['category']][:8]}", r["n"])
            for r in rows
        ],
        unit="件",
        title="主动公开（按条例第二十条分类）",
    )


def ledger_by_unit(year: int):
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        return svg.bars([])
    done = Q(status__in=[ProgressStatus.DONE, ProgressStatus.ONGOING])
    rows = (
        Assignment.objects.filter(task__plan=plan)
        .values("unit__name")
        .annotate(total=Count("pk"), done=Count("pk", filter=done))
        .order_by("unit__order")
    )
    return svg.bars(
        [(r["unit__name"], round(100 * r["done"] / r["total"])) for r in rows],
        unit="%",
        title="台账完成率（按单位）",
    )


def ledger_by_quarter(year: int):
    """Shares with a 已完成/常态化推进 update posted by the end of each quarter."""
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        return svg.bars([])
    progress = Progress.objects.filter(
        assignment__task__plan=plan, status__in=[ProgressStatus.DONE, ProgressStatus.ONGOING]
    )
    ends = [dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30), dt.date(year, 12, 31)]
    counts = progress.aggregate(
        **{
            f"q{i + 1}": Count("assignment", distinct=True, filter=Q(created_at__date__lte=end))
            for i, end in enumerate(ends)
        }
    )
    total = Assignment.objects.filter(task__plan=plan).count() or 1
    return svg.bars(
        [(f"第{'一二三四'[i]}季度末", round(100 * counts[f"q{i + 1}"] / total)) for i in range(4)],
        unit="%",
        title="台账完成率（按季度）",
    )


def all_charts(year: int) -> list[tuple[str, object]]:
    avg, worst = days_to_reply(year)
    return [
        ("每月答复的申请（按答复类型）", applications_by_month(year)),
        ("平均答复用时（自然日，按承办单位）", avg),
        ("最长答复用时（自然日，按承办单位）", worst),
        ("超期答复（按承办单位）", overdue_by_unit(year)),
        ("主动公开（按条例第二十条分类）", publications_by_category(year)),
        ("台账完成率（按单位）", ledger_by_unit(year)),
        ("台账完成率（按季度末）", ledger_by_quarter(year)),
    ]
