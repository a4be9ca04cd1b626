"""`gongkai remind` for messages and the two alarms of the national checks (participation.md §9.2):
each fires the day after its line, not on it, and only once."""

import datetime as dt

import pytest

from gongkai.core.models import Notification
from gongkai.mailbox import reminders
from gongkai.mailbox.models import Message, NotPublishedReason
from gongkai.testing import on_day, replied_message, written_message

pytestmark = pytest.mark.django_db


def _texts(user):
    return sorted(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_the_unanswered_alarm_rings_on_day_61_not_on_day_59_or_60(cast):
    # Written 2022-09-01: day 60 is 2022-10-31, day 61 is 2022-11-01.
    with on_day(2022, 9, 1):
        message = written_message()
    for day, expected in ((dt.date(2022, 10, 30), 0), (dt.date(2022, 10, 31), 0)):
        assert reminders.unanswered_too_long(day).count() == expected
    reminders.sweep(today=dt.date(2022, 10, 31), days=3)
    assert _texts(cast.press) == []
    lines = reminders.sweep(today=dt.date(2022, 11, 1), days=3)
    assert lines == [f"超60日未答复\t2022-09-01\t未交办\t{message.tracking_no}"]
    assert _texts(cast.press) == [
        f"警示：留言 {message.tracking_no} 自2022年9月1日起已超过60日未答复"
        "（政府网站检查：有效留言超过3个月未回应即单项否决）"
    ]
    reminders.sweep(today=dt.date(2022, 11, 2), days=3)  # once, not every day
    assert Notification.objects.filter(user=cast.press).count() == 1


def test_a_declined_or_answered_message_never_rings_the_unanswered_alarm(cast):
    with on_day(2022, 9, 1):
        declined = written_message()
        declined.decline(by=cast.press, reason="无实质内容")
    assert reminders.unanswered_too_long(dt.date(2022, 12, 1)).count() == 0
    assert Message.objects.get(pk=declined.pk).is_valid is False


def _replied(cast, on, **fields):
    with on_day(*on):
        return replied_message(cast, **fields)


def test_the_unpublished_alarm_rings_31_days_after_release_for_consented_replies_only(cast):
    consented = _replied(cast, (2022, 9, 1))
    _replied(cast, (2022, 9, 1), publish_consent=False)
    withheld = _replied(cast, (2022, 9, 1))
    withheld.withhold(by=cast.press, reason=NotPublishedReason.WRITER_ASKED)
    assert list(reminders.unpublished_too_long(dt.date(2022, 10, 1))) == []  # day 30
    assert list(reminders.unpublished_too_long(dt.date(2022, 10, 2))) == [consented]  # day 31
    reminders.sweep(today=dt.date(2022, 10, 2), days=3)
    assert _texts(cast.press) == [
        f"警示：留言 {consented.tracking_no} 已于2022年9月1日答复，超过30日未公开，"
        "也未说明不予公开的理由"
    ]
    assert _texts(cast.clerk) == []  # publishing is the press office's step


def test_due_and_overdue_replies_go_to_the_unit_and_the_office(cast):
    # A consultation accepted Monday 2022-11-07 is due Monday 2022-11-14.
    with on_day(2022, 11, 7):
        message = written_message()
        message.assign(by=cast.press, unit=cast.units["法规处"])
    Notification.objects.all().delete()  # the assignment's own notice
    assert reminders.sweep(today=dt.date(2022, 11, 10), days=3) == []
    reminders.sweep(today=dt.date(2022, 11, 11), days=3)
    due = f"即将到期：留言 {message.tracking_no} 答复期限为2022年11月14日"
    assert _texts(cast.clerk) == [due] and _texts(cast.head) == [due]
    assert _texts(cast.press) == [due]
    assert _texts(cast.other_clerk) == []
    reminders.sweep(today=dt.date(2022, 11, 15), days=3)
    assert f"已超过答复期限：留言 {message.tracking_no} 答复期限为2022年11月14日" in _texts(
        cast.clerk
    )


def test_the_dashboard_shows_a_unit_its_own_open_messages_and_the_office_all(cast):
    with on_day(2022, 9, 1):
        ours = written_message()
        ours.assign(by=cast.press, unit=cast.units["法规处"])
        theirs = written_message()
        theirs.assign(by=cast.press, unit=cast.units["审批处"])
    with on_day(2022, 11, 1):
        clerk, office = reminders.dashboard(cast.clerk), reminders.dashboard(cast.press)
    assert clerk["rows"] == [ours] and clerk["open_total"] == 1
    assert clerk["unanswered_alarm"] == 1 and clerk["unpublished_alarm"] == 0
    assert not clerk["signals"]  # 集中反映的问题 is refused to a unit (403): no link to it
    assert office["open_total"] == 2 and office["overdue"] == 2
    assert reminders.dashboard(cast.subordinate_clerk) is None


def test_the_leaders_the_mailbox_is_addressed_to_see_every_open_message_on_the_dashboard(cast):
    """Was: the 签发领导 read every message in the mailbox's lists and got no dashboard section."""
    with on_day(2022, 9, 1):
        written_message().assign(by=cast.press, unit=cast.units["法规处"])
        written_message().assign(by=cast.press, unit=cast.units["审批处"])
    with on_day(2022, 11, 1):
        leader = reminders.dashboard(cast.leader)
    assert leader["open_total"] == 2 and leader["overdue"] == 2
    assert leader["unanswered_alarm"] == 2 and leader["signals"]
