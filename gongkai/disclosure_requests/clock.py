"""The application's statutory clock: model events in, `lib.request_clock` rules out.

Every date derived from the calendar is stored (the case's due date, the handling unit's
internal due date, each consultation's and fee notice's period) and recomputed here, by the
verbs and whenever the holiday calendar changes (`recompute_open_cases`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone

from gongkai.core.calendar import workday_calendar
from gongkai.lib.request_clock import (
    CONSULTATION_WORKDAYS,
    FEE_PAYMENT_WORKDAYS,
    ClockInput,
    Deadline,
    Pause,
    compute_deadline,
)
from gongkai.lib.workdays import WorkdayCalendar


def office_calendar() -> WorkdayCalendar:
    """The bureau's calendar, answering provisionally (暂定) for a year not yet entered: the
    period runs whether or not the schedule is maintained."""
    return workday_calendar(provisional=True)


def workdays_after(start: dt.date, days: int, calendar: WorkdayCalendar) -> dt.date:
    return calendar.add_workdays(start, days, count_start_day=settings.COUNT_START_DAY).due


def clock_input(case, calendar: WorkdayCalendar) -> ClockInput:
    pauses = []
    if case.pk is not None:  # a new application has no consultations or fees yet
        pauses += [
            Pause(
                kind=c.kind,
                start=c.sent_on,
                end=c.answered_on,
                label=c.party,
                # stored by _store_periods; computed here for rows from before it existed
                limit=c.reply_due or workdays_after(c.sent_on, CONSULTATION_WORKDAYS, calendar),
            )
            for c in case.consultations.all()
        ]
    if case.pk is not None and settings.FEE_PERIOD_EXCLUDED:
        pauses += [
            Pause(
                kind="fee",
                start=f.sent_on,
                end=f.settled_on,
                label=f"{f.amount}元",
                limit=f.payment_due
                or workdays_after(f.received_on or f.sent_on, FEE_PAYMENT_WORKDAYS, calendar),
            )
            for f in case.fee_notices.all()
        ]
    return ClockInput(
        received_on=case.received_on,
        supplement_requested_on=case.supplement_requested_on
        if case.supplement_received_on is None
        else None,
        supplement_received_on=case.supplement_received_on,
        pauses=tuple(pauses),
        extension_workdays=case.extension_workdays,
        override_due=case.override_due,
        count_start_day=settings.COUNT_START_DAY,
    )


def deadline_for(case, *, today: dt.date, calendar: WorkdayCalendar | None = None) -> Deadline:
    today = case.replied_on or today  # a replied case's clock stopped on the reply day
    calendar = calendar or office_calendar()
    return compute_deadline(clock_input(case, calendar), calendar, today=today)


def deadline_without_extension(case) -> Deadline:
    """The reply period as it would stand without the 第三十三条第二款 extension."""
    calendar = office_calendar()
    clock = dataclasses.replace(clock_input(case, calendar), extension_workdays=0)
    return compute_deadline(clock, calendar, today=case.replied_on or timezone.localdate())


def recompute_due(case, *, today: dt.date | None = None, calendar=None) -> None:
    """Store every date derived from the events and the calendar; never typed in."""
    calendar = calendar or office_calendar()
    if case.pk is not None:
        _store_periods(case, calendar)
    deadline = deadline_for(case, today=today or timezone.localdate(), calendar=calendar)
    case.due_date, case.due_provisional = deadline.due, deadline.provisional
    case.clock_state = deadline.state
    case.internal_due = None
    if case.assigned_on is not None:
        internal = workdays_after(case.assigned_on, settings.INTERNAL_HANDLING_WORKDAYS, calendar)
        case.internal_due = min(internal, case.due_date) if case.due_date else internal


def _store_periods(case, calendar) -> None:
    """15 WD for a consultation's answer (第三十二条、第三十四条); 20 WD to pay a fee from
    receiving its notice (109号)."""
    for consultation in case.consultations.all():
        due = workdays_after(consultation.sent_on, CONSULTATION_WORKDAYS, calendar)
        if consultation.reply_due != due:
            consultation.reply_due = due
            consultation.save(update_fields=["reply_due"])
    for notice in case.fee_notices.all():
        # 109号: from the day after the applicant received it (provisionally, sent, until a
        # posted notice's 送达 date is entered)
        due = workdays_after(notice.received_on or notice.sent_on, FEE_PAYMENT_WORKDAYS, calendar)
        if notice.payment_due != due:
            notice.payment_due = due
            notice.save(update_fields=["payment_due"])
