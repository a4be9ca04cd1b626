"""The monthly handling figures (participation.md §9.2), counted by hand below."""

import pytest

from gongkai.mailbox import statistics
from gongkai.mailbox.models import Category
from gongkai.testing import on_day, written_message


def _answer(cast, message, on):
    message.draft(by=cast.clerk, text="答复如下。")
    message.approve(by=cast.head)
    with on_day(*on):
        message.release(by=cast.press)


@pytest.fixture
def year_2022(cast):
    """A: 咨询 written and accepted Wed 2022-09-28, answered Mon 10-10 (5 working days over 国庆,
    12 calendar days, on time). B: 建议 of 09-05, declined. C: 投诉 of 09-30, accepted, open.
    D: 咨询 of Mon 11-07, due 11-14, answered Wed 11-16 (7 working days, 9 days, late)."""
    fagui = cast.units["法规处"]
    with on_day(2022, 9, 28):
        a = written_message()
        a.assign(by=cast.press, unit=fagui)
    _answer(cast, a, (2022, 10, 10))
    with on_day(2022, 9, 5):
        b = written_message(category=Category.SUGGEST)
        b.decline(by=cast.press, reason="内容与本局职责无关")
    with on_day(2022, 9, 30, hour=23):  # 23:00 in Guangzhou is still 30 September
        c = written_message(category=Category.COMPLAIN)
        c.assign(by=cast.press, unit=fagui)
    with on_day(2022, 11, 7):
        d = written_message()
        d.assign(by=cast.press, unit=fagui)
    _answer(cast, d, (2022, 11, 16))
    return a, b, c, d


@pytest.mark.django_db
def test_it_counts_a_declined_message_as_received_but_not_valid(year_2022):
    september = statistics.year_table(2022)["months"][8]
    assert september["label"] == "9月"
    assert september["received"] == 3
    assert september["valid"] == 2
    assert september["declined"] == 1
    assert september["accepted"] == 2
    assert september["answered"] == 1
    assert september["pending"] == 1


@pytest.mark.django_db
def test_it_averages_working_days_over_the_holiday_and_calendar_days(year_2022):
    table = statistics.year_table(2022)
    september, november = table["months"][8], table["months"][10]
    assert september["workdays"] == 5
    assert september["calendar_days"] == 12
    assert september["on_time"] == 1
    assert november["workdays"] == 7
    assert november["calendar_days"] == 9
    assert november["on_time"] == 0
    assert table["total"]["workdays"] == 6
    assert table["total"]["calendar_days"] == 10.5
    assert table["total"]["on_time_rate"] == 50.0
    assert table["months"][0]["received"] == 0


@pytest.mark.django_db
def test_it_groups_by_category_and_by_unit(year_2022):
    table = statistics.year_table(2022)
    categories = {row["label"]: (row["received"], row["answered"]) for row in table["categories"]}
    assert categories == {"咨询": (2, 2), "建议": (1, 0), "投诉": (1, 0)}
    units = {row["label"]: row["received"] for row in table["units"]}
    assert units == {"法规处": 3, "未交办": 1}
    assert statistics.year_table(2021)["total"]["received"] == 0
