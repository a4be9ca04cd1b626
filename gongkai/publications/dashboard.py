"""The publications section of the staff dashboard: waiting for my review, my unit's drafts."""

from django.utils import timezone

from gongkai.publications import selectors


def my_documents(user):
    waiting = list(selectors.waiting_for(user)[:20])
    drafts = list(selectors.unit_drafts(user)[:20]) if user.unit_id else []
    if not waiting and not drafts:
        return None
    return {
        "template": "publications/_dashboard.html",
        "title": "主动公开",
        "waiting": waiting,
        "drafts": drafts,
        "today": timezone.localdate(),
    }
