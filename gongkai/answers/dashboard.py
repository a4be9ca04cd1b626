"""The 政策问答 section of the staff dashboard: entries waiting for this head's approval, the
unit's entries withdrawn because a source ended, and questions citizens asked that got none."""

from gongkai.answers import services
from gongkai.answers.models import Entry, EntryStatus
from gongkai.core.roles import Role


def my_entries(user):
    if not user.unit_id:
        return None
    unit_entries = Entry.objects.filter(unit_id=user.unit_id)
    waiting = []
    if user.has_role(Role.UNIT_HEAD):
        waiting = list(
            unit_entries.filter(status=EntryStatus.PENDING).exclude(submitted_by=user)[:20]
        )
    ended = list(unit_entries.filter(status=EntryStatus.WITHDRAWN, approved_by__isnull=False)[:10])
    unanswered = services.unanswered().count() if user.has_role(Role.PRESS_OFFICE) else 0
    if not (waiting or ended or unanswered):
        return None
    return {
        "template": "answers/_dashboard.html",
        "title": "政策问答",
        "waiting": waiting,
        "ended": ended,
        "unanswered": unanswered,
    }
