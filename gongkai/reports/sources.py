"""Figures the report reads from the other apps' records, each one aggregate query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from gongkai.plans.models import Assignment, Plan


def regulatory_counts(year: int) -> dict[str, dict[str, int]]:
    """规章 and 行政规范性文件, each {made, repealed, valid, valid_last_year} in one query.

    One date says when a document stopped being in force: its 失效日期 (`expires_on`), which
    `Document.set_validity` records on 废止/失效/修订 and which a 有效期 sets in advance. 本年制发
    counts by 成文日期, and so does 现行有效 (made by the year's end, not ended by then): every
    document made enters 现行有效 or 本年废止, and 上年有效 + 本年制发 − 本年废止 = 现行有效
    holds whenever no document ends before it is made (Document.clean refuses that).
    """
    from gongkai.publications.models import REGULATORY_KINDS, Document, DocumentStatus

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    last_end = start - dt.timedelta(days=1)
    published = Document.objects.filter(
        kind__in=REGULATORY_KINDS, published_at__isnull=False
    ).exclude(status=DocumentStatus.WITHDRAWN)

    def in_force_at(day):
        return Q(written_on__lte=day) & (Q(expires_on__isnull=True) | Q(expires_on__gt=day))

    rows = (
        published.order_by()
        .values("kind")
        .annotate(
            made=Count("pk", filter=Q(written_on__gte=start, written_on__lte=end)),
            repealed=Count("pk", filter=Q(expires_on__gte=start, expires_on__lte=end)),
            valid=Count("pk", filter=in_force_at(end)),
            valid_last_year=Count("pk", filter=in_force_at(last_end)),
        )
    )
    counts = {row.pop("kind"): row for row in rows}
    zero = {"made": 0, "repealed": 0, "valid": 0, "valid_last_year": 0}
    return {"rule": counts.get("rule", zero), "normative": counts.get("normative", zero)}


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


def participation(year: int) -> dict:
    """Item 38's participation figures: consultations opened and their comments, meetings
    with public attendance (seed item 11), and the mailbox's messages received and answered."""
    from gongkai.consultations.models import Comment, Consultation
    from gongkai.mailbox.models import Message, MessageStatus
    from gongkai.meetings.selectors import meetings_with_public_attendance

    messages = Message.objects.filter(submitted_at__year=year)
    return {
        "consultations": Consultation.objects.filter(opened_at__year=year).count(),
        "comments": Comment.objects.filter(consultation__opened_at__year=year).count(),
        "meetings": meetings_with_public_attendance(year).count(),
        "messages": messages.count(),
        "answered": messages.filter(status=MessageStatus.REPLIED).count(),
    }
