"""The bureau's working-day calendar: the package's data under the admin-maintained overrides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.dispatch import Signal

from gongkai.core import audit
from gongkai.core.models import HolidayOverride, HolidaySchedule
from gongkai.lib.workdays import PACKAGE_YEARS, Count, Override, WorkdayCalendar

# Sent inside the transaction that changes the holiday calendar, with `by` (the administrator).
# Apps that store dates derived from it recompute them and return how many records changed;
# receivers live in the apps, because core sits below them.
calendar_changed = Signal()


def workday_calendar(*, provisional: bool = False) -> WorkdayCalendar:
    """Read fresh from the database each time: a few rows, and admins' edits apply at once.
    `provisional`: answer for years not yet entered too (see WorkdayCalendar)."""
    overrides = {
        o.date: Override(o.is_workday, o.name)
        for o in HolidayOverride.objects.only("date", "is_workday", "name")
    }
    # Only years confirmed complete are known; a year merely registered stays provisional.
    years = HolidaySchedule.objects.filter(confirmed_at__isnull=False).values_list(
        "year", flat=True
    )
    return WorkdayCalendar(overrides, years, provisional=provisional)


def add_workdays(start: dt.date, days: int, calendar: WorkdayCalendar | None = None) -> Count:
    """The statutory count: the start day excluded unless GONGKAI_COUNT_START_DAY says otherwise."""
    calendar = calendar or workday_calendar()
    return calendar.add_workdays(start, days, count_start_day=settings.COUNT_START_DAY)


# What a provisional count (暂定) leaves out, as every page and letter says it.
PROVISIONAL_BASIS = "周末和元旦（1月1日）、劳动节（5月1日、2日）、国庆节（10月1日至3日）"


def provisional_note(
    calendar: WorkdayCalendar,
    start: dt.date,
    end: dt.date,
    *,
    to_public: bool = False,
    told: bool = False,
) -> str:
    """Why a date counted from `start` to `end` is 暂定, or "" when every year it crosses is
    entered and confirmed: the one wording for the reply period, 补正 period, consultation
    feedback and the deadline calculator. Staff read what to do (the 系统管理员 enters the
    year); `to_public` words it for an applicant, who knows no 系统管理员 and is promised
    nothing the system does not do (no notice is sent when a date is counted again). `told`: a
    date already told to the applicant as it stands (the 补正 period), which entering the year
    does not move: the staff are not promised a recount, and the applicant reads it as firm."""
    years = [y for y in range(start.year, end.year + 1) if not calendar.knows_year(y)]
    if not years:
        return ""
    named = "、".join(f"{y}年" for y in years)
    if to_public and told:
        # binding as told: the applicant is not left to expect another date
        return (
            f"{named}节假日安排尚未公布，本期限按{PROVISIONAL_BASIS}不计算工作日计算，"
            "公布后不再变动"
        )
    if to_public:
        return f"{named}节假日安排尚未公布，本日期暂按{PROVISIONAL_BASIS}不计算工作日计算"
    if told:
        return (
            f"{named}节假日安排尚未录入，暂按{PROVISIONAL_BASIS}"
            "不计算工作日；已按此告知申请人，系统管理员录入后也不重新计算"
        )
    return (
        f"{named}节假日安排尚未录入，暂按{PROVISIONAL_BASIS}"
        "不计算工作日，为暂定；系统管理员录入后以正式安排为准"
    )


def recompute_stored_dates(
    rows: Iterable,
    *,
    by,
    action: str,
    dates: Callable[[object], dict],
    recompute: Callable[[object], None],
    unit: Callable[[object], object],
    fields: Iterable[str] = (),
) -> int:
    """The one way a `calendar_changed` receiver updates what it stored: for each row (already
    locked by the caller's select_for_update), `recompute` it in place; a row whose `dates`
    (a dict keyed by field name, JSON-able) changed is saved (those fields and `fields`) and
    audited as `action` with the dates before and after. Returns how many rows changed."""
    changed = 0
    for row in rows:
        before = dates(row)
        recompute(row)
        after = dates(row)
        if after != before:
            row.save(update_fields=[*before, *fields])
            audit.record(by, action, row, unit=unit(row), before=before, after=after)
            changed += 1
    return changed


def missing_next_year(today: dt.date) -> int | None:
    """From November on, the year whose schedule should already be entered (and confirmed
    complete) but is not."""
    if today.month < 11:
        return None
    year = today.year + 1
    known = (
        year in PACKAGE_YEARS
        or HolidaySchedule.objects.filter(year=year, confirmed_at__isnull=False).exists()
    )
    return None if known else year
