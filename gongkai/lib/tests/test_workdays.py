"""Working-day arithmetic (rules.md §1.5, §5): the basis of every statutory deadline."""

import datetime as dt

import chinese_calendar
import pytest

from gongkai.lib.workdays import (
    PACKAGE_YEARS,
    Override,
    UnknownHolidayYear,
    WorkdayCalendar,
    missing_statutory_holidays,
    parse_iso_date,
)

D = dt.date


def test_it_counts_twenty_working_days_across_national_day_2022():
    """条例 第三十三条: 20 working days; 2022-10-01..07 off, 10-08 and 10-09 调休上班."""
    count = WorkdayCalendar().add_workdays(D(2022, 9, 28), 20)
    assert count.due == D(2022, 10, 31)
    assert [d.date for d in count.skipped][:7] == [D(2022, 10, i) for i in range(1, 8)]
    assert {d.reason for d in count.skipped[:7]} == {"国庆节"}
    assert [d.date for d in count.adjusted_workdays] == [D(2022, 10, 8), D(2022, 10, 9)]


def test_it_does_not_count_the_start_day():
    """民法典 第二百零一条: 开始的当日不计入 — Monday + 1 working day is Tuesday."""
    assert WorkdayCalendar().add_workdays(D(2022, 9, 5), 1).due == D(2022, 9, 6)


def test_it_can_count_the_start_day_when_configured():
    assert WorkdayCalendar().add_workdays(D(2022, 9, 5), 1, count_start_day=True).due == D(
        2022, 9, 5
    )


def test_it_starts_after_a_weekend_receipt():
    """An application received on Saturday: the first counted day is Monday (rules.md §1.3)."""
    count = WorkdayCalendar().add_workdays(D(2022, 9, 3), 1)
    assert count.due == D(2022, 9, 5)
    assert [d.reason for d in count.skipped] == ["周末"]


def test_it_crosses_spring_festival_2023():
    """2023 春节 1/21–27 off; 1/28 and 1/29 (Sat, Sun) 调休上班. 7 WD after 2023-01-18."""
    count = WorkdayCalendar().add_workdays(D(2023, 1, 18), 7)
    # 1/19, 1/20, then 1/28, 1/29 (调休), 1/30, 1/31, 2/1
    assert count.due == D(2023, 2, 1)
    assert D(2023, 1, 28) in count.counted and D(2023, 1, 23) not in count.counted


def test_it_refuses_a_year_it_does_not_know():
    with pytest.raises(UnknownHolidayYear, match="请先维护2027年节假日安排"):
        WorkdayCalendar().add_workdays(D(2026, 12, 20), 20)


def test_it_uses_a_maintained_year_with_its_overrides():
    overrides = {D(2027, 1, 1): Override(False, "元旦"), D(2027, 1, 2): Override(True, "元旦")}
    cal = WorkdayCalendar(overrides, maintained_years=[2027])
    count = cal.add_workdays(D(2026, 12, 31), 2)
    assert count.due == D(2027, 1, 4)  # 1/1 off (Fri), 1/2 (Sat) 调休上班, 1/3 Sunday
    assert count.counted == (D(2027, 1, 2), D(2027, 1, 4))


def test_an_override_wins_over_the_package():
    cal = WorkdayCalendar({D(2022, 9, 5): Override(False, "台风停工")})
    assert not cal.is_workday(D(2022, 9, 5))
    assert cal.day(D(2022, 9, 5)).reason == "台风停工"


def test_it_counts_workdays_between_two_dates():
    assert (
        WorkdayCalendar().workdays_between(D(2022, 9, 30), D(2022, 10, 10)) == 3
    )  # 10/8, 10/9, 10/10


def test_it_refuses_negative_days():
    with pytest.raises(ValueError, match="不能为负数"):
        WorkdayCalendar().add_workdays(D(2022, 9, 5), -1)


@pytest.mark.parametrize(
    ("day", "is_workday", "reason"),
    [
        (D(2022, 10, 3), False, "国庆节"),  # Monday, 国庆 10/1–10/7 放假
        (D(2022, 10, 8), True, "调休上班（国庆节）"),  # Saturday
        (D(2022, 10, 9), True, "调休上班（国庆节）"),  # Sunday
        (D(2022, 10, 10), True, "工作日"),  # Monday
        (D(2022, 10, 15), False, "周末"),  # Saturday
        (D(2022, 9, 12), False, "中秋节"),  # Monday, 中秋 9/10–9/12 放假
        (D(2023, 1, 27), False, "春节"),  # Friday, 春节 1/21–1/27 放假
        (D(2023, 1, 28), True, "调休上班（春节）"),  # Saturday
        (D(2024, 2, 4), True, "调休上班（春节）"),  # Sunday
        (D(2024, 2, 16), False, "春节"),  # Friday, 春节 2/10–2/17 放假
        (D(2024, 2, 18), True, "调休上班（春节）"),  # Sunday
    ],
)
def test_it_knows_the_state_council_schedule(day, is_workday, reason):
    """国务院办公厅关于2022年、2023年、2024年部分节假日安排的通知: the holidays and the
    weekend days worked in lieu (调休上班), typed from the notices."""
    assert WorkdayCalendar().is_workday(day) is is_workday
    assert WorkdayCalendar().day(day).reason == reason


def test_package_years_match_the_installed_package():
    """If chinese_calendar is upgraded, PACKAGE_YEARS must follow it. The pinned package ends
    with 2026 (rules.md §5): 国务院办公厅 2025-11-04 gives 10/1–10/7 off and Saturday 10/10
    调休上班; it starts with 2004."""
    assert (PACKAGE_YEARS[0], PACKAGE_YEARS[-1]) == (2004, 2026)
    assert chinese_calendar.is_workday(D(2026, 10, 1)) is False
    assert chinese_calendar.is_workday(D(2026, 10, 10)) is True
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 6, 1))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2003, 6, 2))


def test_it_parses_iso_dates_and_names_bad_ones():
    assert parse_iso_date(" 2022-09-28 ") == D(2022, 9, 28)
    with pytest.raises(ValueError, match="2022-13-01"):
        parse_iso_date("2022-13-01")


# 全国年节及纪念日放假办法 as revised by 国务院令第795号 (in force 2025-01-01): 劳动节 5月1日、2日;
# 春节 four days (农历除夕、正月初一至初三). Probe 11 F1.1.
SCHEDULE_2028 = {
    dt.date(2028, 1, 1): Override(False, "元旦"),
    dt.date(2028, 1, 26): Override(False, "春节"),  # one day named 春节 only
    dt.date(2028, 4, 4): Override(False, "清明节"),
    dt.date(2028, 5, 1): Override(False, "劳动节"),
    dt.date(2028, 5, 28): Override(False, "端午节"),
    dt.date(2028, 10, 1): Override(False, "国庆节"),
    dt.date(2028, 10, 2): Override(False, "国庆节"),
    dt.date(2028, 10, 3): Override(False, "国庆节"),
    dt.date(2028, 10, 4): Override(False, "中秋节"),
}


def test_from_2025_a_schedule_lacking_may_2nd_or_four_spring_festival_days_is_incomplete():
    assert missing_statutory_holidays(2028, SCHEDULE_2028) == [
        "劳动节（5月2日）",
        "春节（已录入1天，应不少于4天：农历除夕、正月初一至初三，国务院令第795号）",
    ]
    full = {
        **SCHEDULE_2028,
        dt.date(2028, 5, 2): Override(False, "劳动节"),
        **{dt.date(2028, 1, d): Override(False, "春节") for d in (25, 27, 28)},
    }
    assert missing_statutory_holidays(2028, full) == []


def test_before_2025_the_old_rule_stands():
    """The same shape of schedule for 2003, a year outside the package (old 放假办法: 劳动节
    on 5月1日 only, 春节 checked by name)."""
    old = {day.replace(year=2003): o for day, o in SCHEDULE_2028.items()}
    assert missing_statutory_holidays(2003, old) == []
    assert WorkdayCalendar(provisional=True).day(D(2003, 5, 2)).is_workday  # a Friday


def test_a_provisional_count_skips_may_2nd_from_2025():
    """2028-05-02 is a Tuesday: counted as a working day it would shorten a provisional period."""
    calendar = WorkdayCalendar(provisional=True)
    assert calendar.day(dt.date(2028, 5, 2)).reason == "劳动节"
    assert calendar.add_workdays(dt.date(2028, 4, 28), 1).due == dt.date(2028, 5, 3)
