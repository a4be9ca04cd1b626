"""Who sees which meetings, and the count the ledger and the annual report read."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from gongkai.core.roles import Role
from gongkai.meetings.models import Meeting


def visible_meetings(user) -> QuerySet[Meeting]:
    """The press office and the leaders see every unit's meetings; a unit sees its own. The
    sign-ups' contact details are for these people only."""
    if user.has_role(Role.PRESS_OFFICE, Role.LEADER, Role.AUDITOR):
        return Meeting.objects.all()
    if user.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return Meeting.objects.filter(unit_id=user.unit_id)
    return Meeting.objects.none()


def meetings_with_public_attendance(year: int) -> QuerySet[Meeting]:
    """决策会议公众列席 of `year` (seed item 11: at least 3 a year; the bureau plans 4): held
    meetings at least one citizen attended, each annotated with `present` (how many did).
    Counted in the database: `.count()` for the number."""
    return (
        Meeting.objects.with_public_attendance()
        .filter(starts_at__year=year)
        .annotate(present=Count("signups", filter=Q(signups__attended=True), distinct=True))
        .order_by("starts_at")
    )
