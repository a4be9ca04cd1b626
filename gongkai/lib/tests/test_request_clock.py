"""依申请公开办理期限 (rules.md §1.3, §1.5): dates worked out by hand around 国庆 and 春节.

The calendar facts the hand computations rest on are checked against chinese_calendar
itself in the `calendar` fixture, so a wrong assumption fails loudly here, not silently.
"""

import datetime as dt

import chinese_calendar
import pytest

from gongkai.lib.request_clock import (
    ClockInput,
    Pause,
    compute_deadline,
    fee_payment_due,
    receipt_date,
    reply_due_for_other_agency,
    reply_due_for_third_party,
    supplement_notice_due,
)
from gongkai.lib.workdays import UnknownHolidayYear, WorkdayCalendar

D = dt.date


def _days(start, end):
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


HOLIDAYS = [
    *_days(D(2022, 9, 10), D(2022, 9, 12)),  # 中秋 (Mon 9/12 off)
    *_days(D(2022, 10, 1), D(2022, 10, 7)),  # 国庆
    *_days(D(2023, 1, 21), D(2023, 1, 27)),  # 春节
    *_days(D(2024, 2, 10), D(2024, 2, 17)),  # 春节
]
ADJUSTED_WORKDAYS = [  # 调休上班 on a weekend
    D(2022, 10, 8),
    D(2022, 10, 9),
    D(2023, 1, 28),
    D(2023, 1, 29),
    D(2024, 2, 4),
    D(2024, 2, 18),
]


@pytest.fixture(scope="module")
def calendar():
    for day in HOLIDAYS:
        assert not chinese_calendar.is_workday(day), day
    for day in ADJUSTED_WORKDAYS:
        assert day.weekday() >= 5 and chinese_calendar.is_workday(day), day
    return WorkdayCalendar()


def test_it_gives_twenty_working_days_across_national_day(calendar):
    """第三十三条第二款: 20 WD from 2022-09-28 (次日起算): 9/29, 9/30, 10/8, 10/9 (调休),
    10/10–14, 10/17–21, 10/24–28, 10/31 → 2022-10-31."""
    result = compute_deadline(ClockInput(D(2022, 9, 28)), calendar, today=D(2022, 10, 20))
    assert result.due == D(2022, 10, 31)
    assert result.state == "running"
    assert result.clock_start == D(2022, 9, 28)
    assert result.workdays_allowed == 20
    # 9/29, 9/30, 10/8, 10/9, 10/10–14, 10/17–20
    assert result.workdays_used == 13
    assert result.workdays_left == 7
    assert result.paused_workdays == 0
    assert result.workings[0] == (
        "2022年9月28日收到申请（第三十一条），次日起算20个工作日（第三十三条第二款）"
    )
    assert any("国庆节" in line for line in result.workings)


def test_it_gives_twenty_working_days_across_spring_festival_2023(calendar):
    """第三十三条第二款: from 2023-01-18: 1/19, 1/20, 1/28, 1/29 (调休), 1/30–2/3, 2/6–10,
    2/13–17, 2/20 → 2023-02-20."""
    result = compute_deadline(ClockInput(D(2023, 1, 18)), calendar, today=D(2023, 1, 18))
    assert result.due == D(2023, 2, 20)
    assert result.workdays_used == 0
    assert result.workdays_left == 20


def test_it_can_count_the_start_day_when_configured(calendar):
    """民法典 第二百零一条 is the default; counting 2022-09-28 itself makes it day 1 → 10-28."""
    result = compute_deadline(
        ClockInput(D(2022, 9, 28), count_start_day=True), calendar, today=D(2022, 9, 28)
    )
    assert result.due == D(2022, 10, 28)
    assert result.workdays_used == 1
    assert "当日起算" in result.workings[0]


def test_it_says_when_the_supplement_notice_is_due(calendar):
    """第三十条: 7 WD from 2022-09-28: 9/29, 9/30, 10/8, 10/9, 10/10, 10/11, 10/12."""
    assert supplement_notice_due(D(2022, 9, 28), calendar) == D(2022, 10, 12)
    result = compute_deadline(ClockInput(D(2022, 9, 28)), calendar, today=D(2022, 9, 28))
    assert result.supplement_notice_due == D(2022, 10, 12)
    # 2023 春节: 1/19, 1/20, 1/28, 1/29, 1/30, 1/31, 2/1
    assert supplement_notice_due(D(2023, 1, 18), calendar) == D(2023, 2, 1)


def test_it_waits_for_the_supplement_without_a_due_date(calendar):
    """第三十条: 答复期限自行政机关收到补正的申请之日起计算 — no due date until then."""
    inp = ClockInput(D(2022, 9, 28), supplement_requested_on=D(2022, 9, 30))
    result = compute_deadline(inp, calendar, today=D(2022, 10, 20))
    assert result.state == "awaiting_supplement"
    assert result.due is None
    assert result.workdays_left is None
    assert result.workdays_used == 2  # 9/29, 9/30; the clock stops after the notice
    assert result.clock_start == D(2022, 9, 28)


def test_it_restarts_a_full_twenty_working_days_after_the_supplement(calendar):
    """第三十条: after 补正 the period restarts in full from receipt of the supplement.

    Supplement received 2022-10-10: 10/11–14, 10/17–21, 10/24–28, 10/31–11/4, 11/7 → 11-07.
    The wrong "remainder" reading (2 WD used before the notice, 18 left) would stop at the
    18th: 10/11–14, 10/17–21, 10/24–28, 10/31, 11/1, 11/2, 11/3 → 11-03.
    """
    inp = ClockInput(
        D(2022, 9, 28),
        supplement_requested_on=D(2022, 9, 30),
        supplement_received_on=D(2022, 10, 10),
    )
    result = compute_deadline(inp, calendar, today=D(2022, 10, 20))
    assert result.due == D(2022, 11, 7)
    assert result.state == "running"
    assert result.clock_start == D(2022, 10, 10)
    assert result.workdays_used == 8  # 10/11–14, 10/17–20
    assert result.supplement_notice_due == D(2022, 10, 12)
    assert result.due != D(2022, 11, 3)  # the remainder reading
    assert any("重新计算（第三十条）" in line for line in result.workings)


def test_it_pushes_the_due_date_by_a_third_party_consultation(calendar):
    """第三十三条第三款: consulting a third party (sent 10/10, answered 10/17) excludes
    10/11, 10/12, 10/13, 10/14, 10/17 — exactly 5 WD — so 10-31 moves 5 WD (11/1, 11/2,
    11/3, 11/4, 11/7) to 11-07."""
    pause = Pause("third_party", D(2022, 10, 10), D(2022, 10, 17), label="某公司")
    result = compute_deadline(
        ClockInput(D(2022, 9, 28), pauses=(pause,)), calendar, today=D(2022, 11, 1)
    )
    assert result.due == D(2022, 11, 7)
    assert result.paused_workdays == 5
    # 21 WD from 9/29 to 11/1 (9/29, 9/30, 10/8, 10/9, 10/10–14, 17–21, 24–28, 10/31, 11/1)
    # less the 5 paused; left: 11/2, 11/3, 11/4, 11/7
    assert result.workdays_used == 16
    assert result.workdays_left == 4
    assert any(
        "征求第三方意见（某公司）" in line and "5个工作日不计入" in line for line in result.workings
    )


def test_it_pauses_across_spring_festival_2024(calendar):
    """第三十三条第三款 across 2024 春节: received 1/29; consulting another agency from 2/2 to
    2/19 excludes 2/4 (调休), 2/5–9, 2/18 (调休), 2/19 — 8 WD. Unpaused: 1/30–2/2, 2/4 (调休),
    2/5–9, 2/18 (调休), 2/19–23, 2/26–29 → 2/29; plus 8 WD (3/1, 3/4–8, 3/11, 3/12) → 3/12."""
    assert compute_deadline(ClockInput(D(2024, 1, 29)), calendar, today=D(2024, 1, 29)).due == D(
        2024, 2, 29
    )
    pause = Pause("other_agency", D(2024, 2, 2), D(2024, 2, 19))
    result = compute_deadline(
        ClockInput(D(2024, 1, 29), pauses=(pause,)), calendar, today=D(2024, 2, 20)
    )
    assert result.paused_workdays == 8
    assert result.due == D(2024, 3, 12)
    assert result.workdays_used == 5  # 1/30, 1/31, 2/1, 2/2, 2/20


def test_it_has_no_due_date_while_a_pause_is_open(calendar):
    """第三十三条第三款: third party asked on 2022-10-12 and not yet answered: the clock
    stops from 10/13. Counted: 9/29, 9/30, 10/8–12 = 7; paused 10/13, 14, 17–20 = 6."""
    pause = Pause("third_party", D(2022, 10, 12), None)
    result = compute_deadline(
        ClockInput(D(2022, 9, 28), pauses=(pause,)), calendar, today=D(2022, 10, 20)
    )
    assert result.state == "paused"
    assert result.due is None
    assert result.workdays_used == 7
    assert result.workdays_left == 13
    assert result.paused_workdays == 6


def test_it_adds_an_extension_of_twenty_working_days(calendar):
    """第三十三条第二款: extended by 20 WD: 10/31 + 11/1–4, 7–11, 14–18, 21–25, 28 → 11-28."""
    result = compute_deadline(
        ClockInput(D(2022, 9, 28), extension_workdays=20), calendar, today=D(2022, 11, 1)
    )
    assert result.workdays_allowed == 40
    assert result.due == D(2022, 11, 28)
    assert any("延长20个工作日（第三十三条第二款）" in line for line in result.workings)


@pytest.mark.parametrize("days", [21, -1])
def test_it_rejects_an_extension_beyond_twenty_working_days(calendar, days):
    """第三十三条第二款: 延长的期限最长不得超过20个工作日."""
    with pytest.raises(ValueError, match="延长答复期限须在0至20个工作日之间"):
        compute_deadline(
            ClockInput(D(2022, 9, 28), extension_workdays=days), calendar, today=D(2022, 10, 1)
        )


def test_it_uses_an_override_set_under_article_35(calendar):
    """第三十五条: a reasonable delayed deadline replaces the computed one, which is still
    shown. Working days left from 12/1: 12/2, 12/5–9, 12/12–16, 12/19–23, 12/26–30 = 21."""
    inp = ClockInput(D(2022, 9, 28), override_due=D(2022, 12, 30))
    result = compute_deadline(inp, calendar, today=D(2022, 12, 1))
    assert result.state == "overridden"
    assert result.due == D(2022, 12, 30)
    assert result.workdays_left == 21
    assert any("第三十五条" in line and "2022年10月31日" in line for line in result.workings)


def test_it_counts_overdue_working_days_as_negative(calendar):
    """第三十三条第二款: due 2022-10-31; on 11/3 it is 3 WD late (11/1, 11/2, 11/3); on Saturday
    11/5 it is 4 WD late (the weekend adds none)."""
    inp = ClockInput(D(2022, 9, 28))
    result = compute_deadline(inp, calendar, today=D(2022, 11, 3))
    assert result.workdays_left == -3
    assert result.workdays_used == 23
    assert any("已超过答复期限3个工作日" in line for line in result.workings)
    assert compute_deadline(inp, calendar, today=D(2022, 11, 5)).workdays_left == -4
    assert compute_deadline(inp, calendar, today=D(2022, 10, 31)).workdays_left == 0


def test_it_starts_counting_after_a_weekend_receipt(calendar):
    """第三十一条/第三十三条第二款 (rules.md §1.3): received Saturday 2022-09-03, the first
    counted day is Monday 9/5.
    9/5–9, (中秋 9/12 off) 9/13–16, 9/19–23, 9/26–30, (国庆) 10/8 Saturday 调休 → 10-08,
    the same as for a Friday receipt."""
    saturday = compute_deadline(ClockInput(D(2022, 9, 3)), calendar, today=D(2022, 9, 3))
    friday = compute_deadline(ClockInput(D(2022, 9, 2)), calendar, today=D(2022, 9, 2))
    assert saturday.due == friday.due == D(2022, 10, 8)
    # Counting the start day changes nothing when that day is not a working day.
    counted = compute_deadline(
        ClockInput(D(2022, 9, 3), count_start_day=True), calendar, today=D(2022, 9, 3)
    )
    assert counted.due == D(2022, 10, 8)


def test_it_lets_an_unknown_holiday_year_propagate(calendar):
    """第三十三条第二款 counts 工作日, which only the year's State Council schedule defines:
    a deadline is never computed on guessed holidays (rules.md §1.5, lib.workdays)."""
    with pytest.raises(UnknownHolidayYear):
        compute_deadline(ClockInput(D(2026, 12, 20)), calendar, today=D(2026, 12, 21))


def test_it_gives_consultation_and_fee_reply_dates(calendar):
    """第三十二条/第三十四条: 15 WD from 2022-09-28 → 10/24; 109号: fee paid within 20 WD
    from the day after the notice (2023-01-18) → 2023-02-20."""
    assert reply_due_for_third_party(D(2022, 9, 28), calendar) == D(2022, 10, 24)
    assert reply_due_for_other_agency(D(2022, 9, 28), calendar) == D(2022, 10, 24)
    assert fee_payment_due(D(2023, 1, 18), calendar) == D(2023, 2, 20)


def test_it_rejects_a_pause_that_ends_before_it_starts(calendar):
    """第三十三条第三款 / 109号: an excluded period (here the fee period) cannot end before it
    begins; the message names it in Chinese."""
    pause = Pause("fee", D(2022, 10, 10), D(2022, 10, 1))
    with pytest.raises(ValueError, match="信息处理费缴纳期间的结束日期不能早于开始日期"):
        compute_deadline(
            ClockInput(D(2022, 9, 28), pauses=(pause,)), calendar, today=D(2022, 10, 20)
        )


@pytest.mark.parametrize(
    ("channel", "kwargs", "expected"),
    [
        ("in_person", {"handed_in_on": D(2022, 9, 28)}, D(2022, 9, 28)),
        (
            "registered_mail",
            {"signed_on": D(2022, 9, 29), "confirmed_on": D(2022, 9, 30)},
            D(2022, 9, 29),
        ),
        (
            "ordinary_mail",
            {"signed_on": D(2022, 9, 29), "confirmed_on": D(2022, 9, 30)},
            D(2022, 9, 30),
        ),
        ("online", {"confirmed_on": D(2022, 9, 30)}, D(2022, 9, 30)),
        ("email", {"confirmed_on": D(2022, 9, 30)}, D(2022, 9, 30)),
        ("fax", {"handed_in_on": D(2022, 9, 28), "confirmed_on": D(2022, 9, 30)}, D(2022, 9, 30)),
    ],
)
def test_it_takes_the_receipt_date_by_channel(channel, kwargs, expected):
    """第三十一条: 当面提交→提交之日; 邮寄→签收之日; 平常信函→确认之日; 互联网/传真→双方确认之日."""
    assert receipt_date(channel, **kwargs) == expected


@pytest.mark.parametrize(
    ("channel", "kwargs", "message"),
    [
        ("in_person", {"confirmed_on": D(2022, 9, 28)}, "提交之日"),
        ("registered_mail", {"confirmed_on": D(2022, 9, 28)}, "签收之日"),
        ("ordinary_mail", {"signed_on": D(2022, 9, 28)}, "与申请人确认之日"),
        ("online", {"handed_in_on": D(2022, 9, 28)}, "双方确认之日"),
        ("carrier_pigeon", {}, "未知的申请渠道"),
    ],
)
def test_it_names_the_missing_receipt_date(channel, kwargs, message):
    """第三十一条: each channel needs its own date; the error names it in Chinese."""
    with pytest.raises(ValueError, match=message):
        receipt_date(channel, **kwargs)
