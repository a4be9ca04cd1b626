"""Publications as evidence for ledger tasks (gongkai.site.parts): what the work ledger
shows under a task without anyone uploading it twice."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from gongkai.publications.models import (
    CATEGORY_NUMERALS,
    REGULATORY_KINDS,
    Category,
    CleanupCampaign,
    Document,
    Kind,
)

LIMIT = 30  # the newest; the portal has the rest


def for_task(task) -> list[dict]:
    """Related publications of the plan's year, by the kinds of evidence the task names
    (task.kinds_of_evidence(): 涉企政策, 规范性文件清理, 政策解读, 保密审查, 公开目录)."""
    year = task.plan.year
    published = Document.public.filter(published_at__year=year).select_related("unit")
    found: list[dict] = []
    for kind in task.kinds_of_evidence():
        if kind == "涉企政策":
            found += _documents(published.filter(business_related=True), "涉企政策")
        elif kind == "规范性文件清理":
            found += _campaigns(year)
            found += _documents(published.filter(kind__in=REGULATORY_KINDS), "规章、规范性文件")
        elif kind == "政策解读":
            found += _documents(published.filter(kind=Kind.INTERPRETATION), "政策解读")
        elif kind == "保密审查":
            found += _documents(published, "三审发布")
        elif kind == "公开目录":
            found += _catalogue(published)
    return found


def _documents(documents, kind: str) -> list[dict]:
    return [
        {
            "title": f"{d.title}（{d.index_no}）",
            "url": reverse("publications_public:document", args=[d.pk]),
            "date": timezone.localtime(d.published_at).date(),
            "kind": kind,
        }
        for d in documents.order_by("-published_at")[:LIMIT]
    ]


def _campaigns(year: int) -> list[dict]:
    items = []
    for campaign in CleanupCampaign.objects.filter(year=year):
        done = campaign.completion()
        items.append(
            {
                "title": f"{campaign}：已完成{done['done']}/{done['total']}件",
                "url": reverse("publications:campaign_detail", args=[campaign.pk]),
                "date": timezone.localtime(campaign.started_at).date(),
                "kind": "年度清理",
            }
        )
    return items


def _catalogue(published) -> list[dict]:
    counts = dict(published.values_list("category").annotate(n=Count("id")).order_by())
    url = reverse("publications_public:catalogue")
    return [
        {
            "title": f"（{CATEGORY_NUMERALS[key]}）{label}：{counts.get(key, 0)}件",
            "url": f"{url}?category={key}",
            "date": None,
            "kind": "法定主动公开目录",
        }
        for key, label in Category.choices
    ]
