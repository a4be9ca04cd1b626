"""Working days (工作日) by the State Council's yearly holiday notice.

A working day is Monday to Friday, minus statutory holidays, plus adjusted weekend workdays
(调休上班). Data comes from an agency-maintained override table first, then the pinned
`chinese_calendar` package (2004–2026). A year that neither knows is an error, never a guess:
statutory deadlines must not be computed on made-up holidays.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import chinese_calendar

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
PACKAGE_YEARS = range(2004, 2027)  # what chinesecalendar 1.11.0 knows; checked in tests
# Holidays whose dates the law fixes (全国年节及纪念日放假办法): the only ones known before the
# State Council publishes a year's schedule. A provisional count (暂定) skips these and weekends.
FIXED_DATE_HOLIDAYS = {
    (1, 1): "元旦",
    (5, 1): "劳动节",
    (10, 1): "国庆节",
    (10, 2): "国庆节",
    (10, 3): "国庆节",
}


# 全国年节及纪念日放假办法 as revised by 国务院令第795号 (in force 2025-01-01): 劳动节 two days
# (5月1日、2日) and 春节 four (农历除夕、正月初一至初三). Years before keep the old rule.
REVISED_HOLIDAYS_FROM = 2025
SPRING_FESTIVAL_DAYS = 4


def fixed_date_holidays(year: int) -> dict[tuple[int, int], str]:
    """The fixed-date statutory holidays of `year`, by (month, day)."""
    if year < REVISED_HOLIDAYS_FROM:
        return FIXED_DATE_HOLIDAYS
    return {**FIXED_DATE_HOLIDAYS, (5, 2): "劳动节"}


# The statutory holidays whose dates move (lunar calendar, solar terms): every year's notice
# gives each days off, so a schedule names each (中秋 may come with 国庆: "国庆节、中秋节").
MOVING_HOLIDAYS = {"春节": "春节", "清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


def missing_statutory_holidays(year: int, overrides: Mapping[dt.date, Override]) -> list[str]:
    """The statutory holidays of `year` that are not days off, e.g. ["元旦（1月1日）", "春节"]:
    a schedule without one of them cannot be the State Council's (全国年节及纪念日放假办法
    第二条). The fixed-date ones are checked by date, the moving ones by name. The days off
    are the overrides entered, over the package's own for a year it holds (2004–2026)."""
    off: dict[dt.date, str] = {}
    if year in PACKAGE_YEARS:
        date = dt.date(year, 1, 1)
        while date.year == year:
            is_holiday, name = _package_detail(date)
            if is_holiday and name:
                off[date] = HOLIDAY_NAMES_ZH.get(name, name)
            date += dt.timedelta(days=1)
    for date, override in overrides.items():
        if date.year != year:
            continue
        if override.is_workday:
            off.pop(date, None)
        else:
            off[date] = override.name
    missing: dict[str, list[str]] = {}
    for (month, day), name in sorted(fixed_date_holidays(year).items()):
        if dt.date(year, month, day) not in off:
            missing.setdefault(name, []).append(f"{month}月{day}日")
    fixed = [f"{name}（{'、'.join(days)}）" for name, days in missing.items()]
    names = set(off.values())
    moving = [full for word, full in MOVING_HOLIDAYS.items() if not any(word in n for n in names)]
    spring = sum("春节" in name for name in off.values())
    if year >= REVISED_HOLIDAYS_FROM and 0 < spring < SPRING_FESTIVAL_DAYS:
        moving.insert(
            0,
            f"春节（已录入{spring}天，应不少于{SPRING_FESTIVAL_DAYS}天：农历除夕、正月初一至初三，"
            "国务院令第795号）",
        )
    return fixed + moving


class UnknownHolidayYear(Exception):
    """No holiday schedule is known for a year that a computation needs."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"请先维护{year}年节假日安排")


@dataclass(frozen=True)
class Override:
    """One agency-maintained day: a holiday (is_workday=False) or a 调休 workday (True)."""

    is_workday: bool
    name: str = ""


@dataclass(frozen=True)
class Day:
    date: dt.date
    is_workday: bool
    reason: str  # 工作日 / 周末 / 国庆节 / 调休上班（国庆节）…


@dataclass(frozen=True)
class Count:
    """The result of counting working days, with its workings shown."""

    start: dt.date
    days: int
    due: dt.date
    counted: tuple[dt.date, ...]
    skipped: tuple[Day, ...]  # non-working days passed over on the way
    adjusted_workdays: tuple[Day, ...] = field(default=())  # weekend days counted (调休)

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "days": self.days,
            "due": self.due.isoformat(),
            "skipped": [{"date": d.date.isoformat(), "reason": d.reason} for d in self.skipped],
            "adjusted_workdays": [
                {"date": d.date.isoformat(), "reason": d.reason} for d in self.adjusted_workdays
            ],
        }


class WorkdayCalendar:
    """Answers "is this a working day?" from overrides, then the package; refuses unknown years.

    `overrides` maps dates to Override; `maintained_years` are years whose whole schedule the
    agency has entered (needed for years the package does not cover). A `provisional` calendar
    answers for unknown years too, from weekends and the fixed-date holidays only: callers
    must then mark what they computed as 暂定 (see `knows_year`).
    """

    def __init__(
        self,
        overrides: Mapping[dt.date, Override] | None = None,
        maintained_years: Iterable[int] = (),
        *,
        provisional: bool = False,
    ):
        self.overrides = dict(overrides or {})
        self.maintained_years = frozenset(maintained_years)
        self.provisional = provisional

    def knows_year(self, year: int) -> bool:
        return year in self.maintained_years or year in PACKAGE_YEARS

    def day(self, date: dt.date) -> Day:
        weekend = date.weekday() >= 5
        override = self.overrides.get(date)
        if not self.knows_year(date.year):
            if not self.provisional:
                raise UnknownHolidayYear(date.year)
            if override is not None:
                return _describe(date, override.is_workday, override.name, weekend)
            name = fixed_date_holidays(date.year).get((date.month, date.day), "")
            return _describe(date, not (weekend or name), name, weekend)
        if override is not None:
            return _describe(date, override.is_workday, override.name, weekend)
        if date.year in PACKAGE_YEARS:
            is_holiday, name = _package_detail(date)
            return _describe(date, not is_holiday, HOLIDAY_NAMES_ZH.get(name, name or ""), weekend)
        return _describe(date, not weekend, "", weekend)

    def is_workday(self, date: dt.date) -> bool:
        return self.day(date).is_workday

    def add_workdays(self, start: dt.date, days: int, *, count_start_day: bool = False) -> Count:
        """The `days`-th working day after `start`.

        By default the start day is not counted (民法典 第二百零一条: 开始的当日不计入);
        `count_start_day` exists because that convention is not written in the 条例.
        """
        if days < 0:
            raise ValueError("工作日天数不能为负数")
        counted, skipped, adjusted = [], [], []
        date = start if count_start_day else start + dt.timedelta(days=1)
        while len(counted) < days:
            info = self.day(date)
            if info.is_workday:
                counted.append(date)
                if date.weekday() >= 5:
                    adjusted.append(info)
            else:
                skipped.append(info)
            date += dt.timedelta(days=1)
        due = counted[-1] if counted else start
        return Count(start, days, due, tuple(counted), tuple(skipped), tuple(adjusted))

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: the days the clock ran from `start` to `end`."""
        total, date = 0, start + dt.timedelta(days=1)
        while date <= end:
            total += self.is_workday(date)
            date += dt.timedelta(days=1)
        return total


@functools.lru_cache(maxsize=16384)
def _package_detail(date: dt.date) -> tuple[bool, str | None]:
    """The package's answer, remembered: it rescans its whole table on every call (~20 µs)."""
    return chinese_calendar.get_holiday_detail(date)


def _describe(date: dt.date, is_workday: bool, name: str, weekend: bool) -> Day:
    if is_workday:
        reason = (
            f"调休上班（{name}）" if weekend and name else ("调休上班" if weekend else "工作日")
        )
    else:
        reason = name or ("周末" if weekend else "休息日")
    return Day(date, is_workday, reason)


def parse_iso_date(text: str) -> dt.date:
    """A YYYY-MM-DD date, or a ValueError with a Chinese message naming the input."""
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"日期格式不正确：{text!r}，应为 YYYY-MM-DD，例如 2022-09-28") from None
