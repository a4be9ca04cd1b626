"""The application's statutory clock: model events in, `lib.request_clock` rules out."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from gongkai.core.calendar import workday_calendar
from gongkai.lib.request_clock import ClockInput, Deadline, Pause, compute_deadline
from gongkai.lib.workdays import UnknownHolidayYear

UNKNOWN_CALENDAR = "unknown_calendar"


def clock_input(request) -> ClockInput:
    pauses = []
    if request.pk is not None:  # a new application has no consultations or fees yet
        pauses += [
            Pause(kind=c.kind, start=c.sent_on, end=c.answered_on, label=c.party)
            for c in request.consultations.all()
        ]
    if request.pk is not None and settings.FEE_PERIOD_EXCLUDED:
        pauses += [
            Pause(kind="fee", start=f.sent_on, end=f.settled_on, label=f"{f.amount}元")
            for f in request.fee_notices.all()
        ]
    return ClockInput(
        received_on=request.received_on,
        supplement_requested_on=request.supplement_requested_on
        if request.supplement_received_on is None
        else None,
        supplement_received_on=request.supplement_received_on,
        pauses=tuple(pauses),
        extension_workdays=request.extension_workdays,
        override_due=request.override_due,
        count_start_day=settings.COUNT_START_DAY,
    )


def deadline_for(request, *, today: dt.date, calendar=None) -> Deadline | None:
    """None when the holiday schedule for a year the count reaches is not entered yet."""
    today = request.replied_on or today  # a replied case's clock stopped on the reply day
    try:
        return compute_deadline(clock_input(request), calendar or workday_calendar(), today=today)
    except UnknownHolidayYear:
        return None


def recompute_due(request, *, today: dt.date | None = None) -> None:
    """Store the due date derived from the events; never typed in."""
    from django.utils import timezone

    deadline = deadline_for(request, today=today or timezone.localdate())
    request.due_date = deadline.due if deadline else None
    request.clock_state = deadline.state if deadline else UNKNOWN_CALENDAR
