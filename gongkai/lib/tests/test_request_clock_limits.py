"""Consultation and fee periods have an upper bound; unknown years give a provisional date.

Dates worked out by hand on the 2022 calendar: 国庆 10/1–10/7 off, 10/8 (Sat) and 10/9 (Sun)
调休 workdays; 2027 has no schedule in chinese_calendar 1.11.0.
"""

import datetime as dt

import pytest

from gongkai.lib.request_clock import ClockInput, Pause, compute_deadline
from gongkai.lib.workdays import Override, UnknownHolidayYear, WorkdayCalendar

D = dt.date
RECEIVED = D(2022, 9, 28)
# 15 WD after 2022-10-10: 10/11–14 (4), 10/17–21 (9), 10/24–28 (14), 10/31 (15).
CONSULTATION_LIMIT = D(2022, 10, 31)


def _case(*pauses):
    return ClockInput(RECEIVED, pauses=tuple(pauses))


def test_a_late_answer_excludes_only_the_fifteen_day_window():
    """第三十二条、第三十三条第三款: sent 2022-10-10, answered 2022-12-05. Before the pause 5 WD
    were used (9/29, 9/30, 10/8, 10/9, 10/10); only 10/11–10/31 is excluded; the remaining
    15 WD run 11/1–11/4, 11/7–11/11, 11/14–11/18, 11/21 → 2022-11-21 (not 2022-12-26)."""
    pause = Pause("third_party", D(2022, 10, 10), D(2022, 12, 5), limit=CONSULTATION_LIMIT)
    result = compute_deadline(_case(pause), WorkdayCalendar(), today=D(2022, 12, 6))
    assert result.due == D(2022, 11, 21)
    assert result.state == "running"
    assert any("已超过期限" in line for line in result.workings)


def test_an_unbounded_pause_would_have_given_december_twenty_sixth():
    """The same case without the limit: paused through 12/5, so 15 WD from 12/6 → 12/26.
    Keeps the first test honest: the limit is what moves the date."""
    pause = Pause("third_party", D(2022, 10, 10), D(2022, 12, 5))
    result = compute_deadline(_case(pause), WorkdayCalendar(), today=D(2022, 12, 6))
    assert result.due == D(2022, 12, 26)


def test_an_unanswered_consultation_still_has_a_due_date():
    """第三十三条第三款 with the 15 WD limit: while waiting, the case stays on the clock with its
    latest possible due date (2022-11-21), so reminders still see it."""
    pause = Pause("other_agency", D(2022, 10, 10), None, limit=CONSULTATION_LIMIT)
    waiting = compute_deadline(_case(pause), WorkdayCalendar(), today=D(2022, 10, 20))
    assert waiting.due == D(2022, 11, 21) and waiting.state == "paused"
    lapsed = compute_deadline(_case(pause), WorkdayCalendar(), today=D(2022, 11, 2))
    assert lapsed.due == D(2022, 11, 21) and lapsed.state == "running"
    assert any("视为同意公开（第三十四条）" in line for line in lapsed.workings)


def test_an_early_answer_brings_the_date_forward():
    """Answered 2022-10-14: 10/11–10/14 (4 WD) excluded; 15 WD from 10/17: 10/17–21 (5),
    10/24–28 (10), 10/31–11/4 (15) → 2022-11-04."""
    pause = Pause("third_party", D(2022, 10, 10), D(2022, 10, 14), limit=CONSULTATION_LIMIT)
    result = compute_deadline(_case(pause), WorkdayCalendar(), today=D(2022, 10, 20))
    assert result.due == D(2022, 11, 4)


def test_a_year_without_a_schedule_gives_a_provisional_date():
    """Received 2026-12-10 (Thu). 2026: 12/11, 12/14–18, 12/21–25, 12/28–31 = 15 WD; 2027 is
    unknown, so provisionally 1/1 (元旦, fixed date) and the weekend 1/2–1/3 are skipped:
    1/4–1/8 → 20 WD on 2027-01-08 (暂定)."""
    with pytest.raises(UnknownHolidayYear):
        compute_deadline(ClockInput(D(2026, 12, 10)), WorkdayCalendar(), today=D(2026, 12, 10))
    result = compute_deadline(
        ClockInput(D(2026, 12, 10)), WorkdayCalendar(provisional=True), today=D(2026, 12, 10)
    )
    assert result.due == D(2027, 1, 8) and result.provisional
    assert any("2027年节假日安排尚未录入" in line for line in result.workings)


def test_a_known_year_is_not_provisional():
    result = compute_deadline(
        ClockInput(RECEIVED), WorkdayCalendar(provisional=True), today=D(2022, 10, 1)
    )
    assert result.due == D(2022, 10, 31) and not result.provisional


def test_entering_the_year_replaces_the_provisional_date():
    """With 2027 registered and 1/1–1/3 entered as 元旦 (and, say, 1/4 also off): 12/11–12/31
    15 WD, then 1/5–1/8 (4) and 1/11 (Mon) → 2027-01-11, no longer provisional."""
    overrides = {D(2027, 1, d): Override(False, "元旦") for d in (1, 2, 3, 4)}
    result = compute_deadline(
        ClockInput(D(2026, 12, 10)),
        WorkdayCalendar(overrides, maintained_years=[2027], provisional=True),
        today=D(2026, 12, 10),
    )
    assert result.due == D(2027, 1, 11) and not result.provisional
