"""Consultations as evidence for ledger tasks that name 征求意见 (the seed's items 9 and 10):
what the ledger shows under the task without anyone uploading it."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.consultations.models import Consultation

KIND = "意见征集"  # plans.evidence_kinds


def for_task(task) -> list[dict]:
    if KIND not in task.kinds_of_evidence():
        return []
    found = (
        Consultation.objects.filter(opened_at__year=task.plan.year)
        .annotate(
            comment_count=Count("comments"),
            adopted=Count("comments", filter=Q(comments__disposition__in=["adopted", "partly"])),
        )
        .order_by("-opened_at")
    )
    return [
        {
            "title": f"《{c.draft_title}》公开征求意见：收到意见{c.comment_count}条，"
            f"采纳或部分采纳{c.adopted}条"
            + ("，已反馈采纳情况" if c.concluded_at else "，采纳情况尚未反馈"),
            "url": reverse("consultations_public:page", args=[c.pk]),
            "date": timezone.localtime(c.opened_at).date(),
            "kind": "意见征集",
        }
        for c in found
    ]
