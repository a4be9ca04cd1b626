"""A 12345 work order's 派发时间 as staff copy it: a time that has not come yet cannot be right,
and an order is never accepted (受理) before the hotline passed it on."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.mailbox.models import Message, MessageStatus
from gongkai.testing import written_message

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)


def _order(dispatched: str) -> dict:
    return {
        "hotline_order_no": "GZ12345-2026-0099",
        "submitted_at": dispatched,
        "category": "complain",
        "subject": "工地夜间施工",
        "body": "工地晚上施工，存在安全隐患。",
        "name": "市民",
        "phone": "13800138000",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("dispatched", ["2026-12-05T09:00", "2026-11-26T10:30"])
def test_it_refuses_a_dispatch_time_that_has_not_come_yet(client, cast, dispatched):
    client.force_login(cast.press)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("mailbox:hotline"), _order(dispatched))
    assert response.status_code == 200
    assert "派发时间不能晚于当前时间" in response.content.decode()
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_it_registers_an_order_dispatched_earlier_today(client, cast):
    client.force_login(cast.press)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("mailbox:hotline"), _order("2026-11-26T09:30"))
    assert response.status_code == 302
    order = Message.objects.get()
    assert order.submitted_at == dt.datetime(2026, 11, 26, 9, 30, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_it_refuses_to_accept_an_order_before_it_was_dispatched(cast):
    # A dispatch time in the future that reached the database by another way than the form.
    with time_machine.travel(NOW, tick=False):
        order = written_message(submitted_at=dt.datetime(2026, 12, 5, 9, 0, tzinfo=SHANGHAI))
        with pytest.raises(DomainError, match="受理日期不能早于"):
            order.assign(by=cast.press, unit=cast.units["法规处"])
    order.refresh_from_db()
    assert order.status == MessageStatus.RECEIVED and order.accepted_on is None
