"""Outside probes: a 征集意见 comment sent twice (Back and 提交 again, or a reload of a fresh
form: a new idempotency key) made two comments for the office to answer and count. As an
application or a mailbox message, the same comment sent again is the first one: its receipt
is shown again, nothing is written."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.consultations.models import Comment
from gongkai.consultations.tests.test_consultation import _on, _opened
from gongkai.core.models import Throttle

pytestmark = pytest.mark.django_db
HOME = {"REMOTE_ADDR": "198.51.100.7"}
COMMENT = {"text": "建议明确储存单位安全管理制度的内容。", "name": "张三"}


def _send(client, c, key, **fields):
    url = reverse("consultations_public:page", args=[c.pk])
    return client.post(url, {**COMMENT, **fields, "idempotency_key": key}, **HOME)


def test_a_comment_sent_again_from_a_fresh_form_is_the_first_one_with_its_receipt(cast):
    c = _opened(cast)
    browser = Client()
    with _on(2022, 9, 10):
        _send(browser, c, "first-page")
        throttled = sorted(Throttle.objects.values_list("key", "count"))
    with _on(2022, 9, 10, hour=11):  # Back, and 提交 again: the page made a new key
        again = _send(browser, c, "second-page").content.decode()
    first = Comment.objects.get()
    assert first.number in again and 'id="repeated"' in again
    assert "提交过内容相同的意见，本次未重复提交" in again
    # a repeat takes none of the network's hourly comments
    assert sorted(Throttle.objects.values_list("key", "count")) == throttled


def test_the_same_form_sent_twice_shows_its_receipt_without_the_repeat_notice(cast):
    """A double click (the same key) was one comment already; its answer stays the plain one."""
    c = _opened(cast)
    with _on(2022, 9, 10):
        _send(Client(), c, "same")
        again = _send(Client(), c, "same").content.decode()
    assert Comment.objects.count() == 1
    assert Comment.objects.get().number in again and 'id="repeated"' not in again


@pytest.mark.parametrize(
    "change",
    [
        {"text": "建议删除第三条。"},
        {"name": "李四"},
        {"publish_consent": "on"},
        {"REMOTE_ADDR": "203.0.113.5"},  # another network: another person's same words
    ],
    ids=["other-words", "other-name", "consent", "other-network"],
)
def test_a_comment_that_differs_or_comes_from_elsewhere_is_a_new_one(cast, change):
    c = _opened(cast)
    with _on(2022, 9, 10):
        _send(Client(), c, "one")
        meta = {"REMOTE_ADDR": change.pop("REMOTE_ADDR")} if "REMOTE_ADDR" in change else HOME
        url = reverse("consultations_public:page", args=[c.pk])
        page = Client().post(url, {**COMMENT, **change, "idempotency_key": "two"}, **meta)
    assert Comment.objects.count() == 2 and 'id="repeated"' not in page.content.decode()


def test_the_same_comment_a_day_later_is_a_new_one(cast):
    c = _opened(cast)
    with _on(2022, 9, 10):
        _send(Client(), c, "one")
    with _on(2022, 9, 11, hour=11):
        _send(Client(), c, "two")
    assert Comment.objects.count() == 2
    assert Comment.objects.order_by("pk").last().sent_on == dt.date(2022, 9, 11)
