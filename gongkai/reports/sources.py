"""Figures the report reads from the other apps' records, each one aggregate query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from gongkai.plans.models import Assignment, Plan


def regulatory_counts(year: int) -> dict[str, list[int]]:
    """规章 and 行政规范性文件: [本年制发, 本年废止, 现行有效 at the year's end]."""
    from gongkai.publications.models import REGULATORY_KINDS, Document, Status, Validity

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    published = Document.objects.filter(
        kind__in=REGULATORY_KINDS, published_at__isnull=False
    ).exclude(status=Status.WITHDRAWN)
    ended = Q(validity__in=[Validity.REPEALED, Validity.EXPIRED, Validity.AMENDED])
    rows = published.values("kind").annotate(
        made=Count("pk", filter=Q(written_on__gte=start, written_on__lte=end)),
        repealed=Count("pk", filter=ended & Q(expires_on__gte=start, expires_on__lte=end)),
        valid=Count("pk", filter=Q(published_at__date__lte=end) & (~ended | Q(expires_on__gt=end))),
    )
    counts = {row["kind"]: [row["made"], row["repealed"], row["valid"]] for row in rows}
    return {"rule": counts.get("rule", [0, 0, 0]), "normative": counts.get("normative", [0, 0, 0])}


def plan_results(year: int) -> dict | None:
    """Item 38: the year's plan results from the ledger, by share of tasks."""
    plan = Plan.objects.filter(year=year).order_by("-imported_at").first()
    if plan is None:
        return None
    shares = Assignment.objects.filter(task__plan=plan)
    by_status = dict(shares.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        "title": plan.title,
        "tasks": plan.tasks.count(),
        "shares": sum(by_status.values()),
        "by_status": by_status,
    }
