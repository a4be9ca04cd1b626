"""The 政策问答 section of the staff dashboard: entries waiting for this head's approval, the
unit's entries withdrawn because a source ended, and questions citizens asked that got none."""

from gongkai.answers import services
from gongkai.answers.models import Entry, EntryStatus, writers_of
from gongkai.core import review
from gongkai.core.roles import Role


def my_entries(user):
    if not user.unit_id:
        return None
    unit_entries = Entry.objects.filter(unit_id=user.unit_id)
    waiting = _waiting_for(user)
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


def _waiting_for(user) -> list[Entry]:
    """Entries this user may approve: the unit head's, or a 签发领导's for a head's own entry."""
    pending = Entry.objects.filter(status=EntryStatus.PENDING)
    if user.has_role(Role.LEADER):
        pending = list(pending)
    elif user.has_role(Role.UNIT_HEAD):
        pending = list(pending.filter(unit_id=user.unit_id))
    else:
        return []
    heads = review.head_ids({e.unit_id for e in pending})
    writers = writers_of(pending)
    return [e for e in pending if review.may_check(user, e.unit_id, writers[e.pk], heads)][:20]
