"""Probe 11 F1.5: a mailbox reply period follows the holiday calendar like an application's
(DESIGN: anything derived from the calendar is recomputed when the calendar changes).

LY 建议 accepted Tue 2027-12-28, 15 working days (participation.md §9.5). Without 2028's
schedule only weekends and 元旦 (Sat 1-1) are skipped: 12-29..31 (3), 1-3..7 (8), 1-10..14
(13), 1-17, 1-18 → 2028-01-18 暂定. With 1-3 entered as 元旦 (observed) the 15th day is
1-19."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.mailbox import statistics
from gongkai.mailbox.models import Category
from gongkai.testing import on_day, written_message

D = dt.date
SCHEDULE_2027 = [
    ("01-01", "元旦"), *[(f"02-{d:02}", "春节") for d in range(6, 10)], ("04-05", "清明节"),
    ("05-01", "劳动节"), ("05-02", "劳动节"), ("06-09", "端午节"), ("09-15", "中秋节"),
    ("10-01", "国庆节"), ("10-02", "国庆节"), ("10-03", "国庆节"),
]  # fmt: skip
# 2028 as an administrator enters it: 春节 four days and more, 劳动节 two (国务院令第795号).
SCHEDULE_2028 = [
    ("01-01", "元旦"), ("01-03", "元旦"),
    *[(f"01-{d}", "春节") for d in range(25, 32)], ("02-01", "春节"),
    ("04-04", "清明节"), ("05-01", "劳动节"), ("05-02", "劳动节"), ("05-28", "端午节"),
    ("10-01", "国庆节"), ("10-02", "国庆节"), ("10-03", "国庆节"), ("10-04", "中秋节"),
]  # fmt: skip


def _enter(client, admin, year=2028, days=SCHEDULE_2028):
    client.force_login(admin)
    client.post(
        reverse("core:holidays"),
        {"schedule-year": year, "schedule-notice": f"国办发明电〔{year - 1}〕1号"},
    )
    for day, name in days:
        client.post(
            reverse("core:holidays"), {"override-date": f"{year}-{day}", "override-name": name}
        )
    return client.post(reverse("core:holiday_schedule_confirm", args=[year]), follow=True)


@pytest.fixture
def year_2027_entered(cast, client):
    with on_day(2026, 12, 1):
        assert "已确认2027年" in _enter(client, cast.admin, 2027, SCHEDULE_2027).content.decode()


def _reply(cast, message):
    message.draft(by=cast.clerk, text="答复如下。")
    message.approve(by=cast.head)
    message.release(by=cast.press)


@pytest.mark.django_db
def test_an_open_messages_period_is_recomputed_and_a_reply_on_the_true_day_is_on_time(
    cast, client, year_2027_entered
):
    with on_day(2027, 12, 28):
        message = written_message(category=Category.SUGGEST)
        message.assign(by=cast.press, unit=cast.units["法规处"])
    assert (message.due_date, message.due_provisional) == (D(2028, 1, 18), True)
    with on_day(2028, 1, 13):
        page = _enter(client, cast.admin).content.decode()
    assert "已确认2028年节假日安排录入完整" in page
    message.refresh_from_db()
    assert (message.due_date, message.due_provisional) == (D(2028, 1, 19), False)
    # audited at each change: 1-3 entered (→ 1-19, still 暂定), then the year confirmed
    entries = AuditEntry.objects.filter(action="message.recompute_due", target_id=str(message.pk))
    assert [(e.before, e.after) for e in entries.order_by("pk")] == [
        ({"due_date": "2028-01-18", "due_provisional": True},
         {"due_date": "2028-01-19", "due_provisional": True}),
        ({"due_date": "2028-01-19", "due_provisional": True},
         {"due_date": "2028-01-19", "due_provisional": False}),
    ]  # fmt: skip
    with on_day(2028, 1, 19):
        _reply(cast, message)
    total = statistics.year_table(2027)["total"]
    assert (total["timed"], total["on_time"]) == (1, 1)


@pytest.mark.django_db
def test_a_reply_given_while_the_period_was_provisional_is_timed_on_the_true_day(
    cast, client, year_2027_entered
):
    """Replied on 1-19 before 2028 was confirmed: the stored 1-18 was never firm, so the
    message is recomputed although closed, and counts on time."""
    with on_day(2027, 12, 28):
        message = written_message(category=Category.SUGGEST)
        message.assign(by=cast.press, unit=cast.units["法规处"])
    with on_day(2028, 1, 19):
        _reply(cast, message)
    assert statistics.year_table(2027)["total"]["on_time"] == 0
    with on_day(2028, 1, 20):
        _enter(client, cast.admin)
    message.refresh_from_db()
    assert (message.due_date, message.due_provisional) == (D(2028, 1, 19), False)
    assert statistics.year_table(2027)["total"]["on_time"] == 1


@pytest.mark.django_db
def test_a_firm_period_of_an_answered_message_is_left_alone(cast, client):
    """The step forbidden: a message answered on a period counted on a known year is not
    rewritten (nor audited) when a later year's schedule is entered."""
    with on_day(2026, 11, 2):
        message = written_message()
        message.assign(by=cast.press, unit=cast.units["法规处"])
        _reply(cast, message)
    before = (message.due_date, message.due_provisional)
    with on_day(2026, 12, 1):
        _enter(client, cast.admin)
    message.refresh_from_db()
    assert (message.due_date, message.due_provisional) == before
    assert not AuditEntry.objects.filter(action="message.recompute_due").exists()
