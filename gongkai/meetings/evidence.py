"""Meetings as evidence for a ledger task about 列席 (the seed's item 11; gongkai.site.parts): the
year's meetings with public attendance, counted in the database, each linked to its page."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gongkai.meetings.selectors import meetings_with_public_attendance

KIND = "决策会议公众列席"


def for_task(task) -> list[dict]:
    """Seed item 11: 邀请公众代表列席本单位决策会议不少于3次 (the bureau: one a quarter)."""
    if "列席会议" not in task.kinds_of_evidence():  # plans.evidence_kinds
        return []
    year = task.plan.year
    held = list(meetings_with_public_attendance(year))
    count = {
        "title": (
            f"{year}年公众代表列席决策会议{len(held)}次（全市要求不少于"
            f"{settings.MEETINGS_CITY_MINIMUM}次，本局计划{settings.MEETINGS_BUREAU_PLAN}次）"
        ),
        "url": reverse("meetings_public:list"),
        "date": None,
        "kind": KIND,
    }
    return [count] + [
        {
            "title": f"{m.title}（{m.number}，公众代表列席{m.present}人）",
            "url": reverse("meetings_public:detail", args=[m.pk]),
            "date": timezone.localtime(m.starts_at).date(),
            "kind": KIND,
        }
        for m in held
    ]
