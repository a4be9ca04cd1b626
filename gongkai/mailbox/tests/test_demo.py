"""The demo loads a year of messages once: a second run adds nothing."""

import io

import pytest

from gongkai.core.bureau import ensure_people
from gongkai.mailbox import demo, trends
from gongkai.mailbox.models import Message, MessageStatus

pytestmark = pytest.mark.django_db


def test_the_demo_runs_twice_without_duplicates_and_its_spike_is_flagged(monkeypatch):
    monkeypatch.setattr(demo, "DAYS", 90)  # a quarter is enough to show it; the demo has a year
    people = ensure_people()
    demo.load(people, io.StringIO())
    count = Message.objects.count()
    numbers = set(Message.objects.values_list("tracking_no", flat=True))
    out = io.StringIO()
    demo.load(people, out)
    assert out.getvalue() == "领导信箱：演示数据已存在，跳过"
    assert Message.objects.count() == count > 60
    assert set(Message.objects.values_list("tracking_no", flat=True)) == numbers
    statuses = set(Message.objects.values_list("status", flat=True))
    assert {MessageStatus.REPLIED, MessageStatus.DECLINED, MessageStatus.ASSIGNED} <= statuses
    last_week = [s for s in trends.recent_spikes(demo.timezone.localdate(), weeks=2)]
    assert "自行车" in {s.word for s in last_week}
    for message in Message.objects.published():
        assert message.phone not in message.public_body
        assert message.name not in message.public_body
