"""The publications sections of the staff dashboard: first what waits for my review (it holds
up a publication and its 第二十六条 deadline), lower down my unit's drafts."""

from django.utils import timezone

from gongkai.publications import selectors


def review_queue(user):
    """待我审核, placed first on the dashboard, above ledger tasks."""
    waiting = list(selectors.waiting_for(user)[:20])
    if not waiting:
        return None
    return {
        "template": "publications/_dashboard.html",
        "title": "待我审核",
        "waiting": waiting,
        "drafts": [],
        "today": timezone.localdate(),
    }


def my_documents(user):
    """本单位草稿 (returned drafts among them)."""
    drafts = list(selectors.unit_drafts(user)[:20]) if user.unit_id else []
    if not drafts:
        return None
    return {
        "template": "publications/_dashboard.html",
        "title": "主动公开",
        "waiting": [],
        "drafts": drafts,
        "today": timezone.localdate(),
    }
