"""A reply-review step sent from a tab that showed an earlier draft (core.workflow.ShownState):
the head opened the page on draft 1, it was returned and rewritten elsewhere, and the old tab's
approval would pass text the head never read. Refused, nothing written."""

import pytest
from django.urls import reverse

from gongkai.core import audit
from gongkai.core.models import AuditEntry
from gongkai.mailbox.models import MessageStatus
from gongkai.testing import seen_on_page, written_message


def _seen_on_page(client, user, message) -> str:
    client.force_login(user)
    return seen_on_page(client, reverse("mailbox:detail", args=[message.pk]))


def _step(client, user, message, verb, data):
    client.force_login(user)
    return client.post(reverse("mailbox:step", args=[message.pk, verb]), data, follow=True)


def _audit_rows(message) -> int:
    """Steps logged: a page shown again with the refusal logs a read (audit.READ_ACTIONS)."""
    return (
        AuditEntry.objects.filter(target_type="mailbox.message", target_id=str(message.pk))
        .exclude(action__in=audit.READ_ACTIONS)
        .count()
    )


def _as_it_is(message) -> tuple:
    """What a refused step must leave untouched: state, texts, timeline, audit rows."""
    message.refresh_from_db()
    return (
        message.status,
        message.draft_text,
        message.reply_text,
        message.events.count(),
        _audit_rows(message),
    )


def _rewritten_after_tab_opened(client, cast):
    """Draft 1, the head's tab opened on it, then returned and rewritten (another tab)."""
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["新闻处"])
    message.draft(by=cast.press, text="第一稿：答复如下。")
    tab = _seen_on_page(client, cast.press_head, message)
    message.return_draft(by=cast.press_head, comment="请补充办理时限")
    message.draft(by=cast.press, text="第二稿：另行答复。")
    return message, tab


@pytest.mark.django_db
@pytest.mark.parametrize(
    "verb,data", [("approve", {"note": "同意"}), ("return_draft", {"comment": "退回"})]
)
def test_a_review_from_a_tab_that_showed_an_earlier_draft_is_refused(client, cast, verb, data):
    message, tab = _rewritten_after_tab_opened(client, cast)
    before = _as_it_is(message)
    response = _step(client, cast.press_head, message, verb, {**data, "seen": tab})
    assert "答复稿已由" in response.content.decode() and "重新提交" in response.content.decode()
    assert _as_it_is(message) == before
    assert message.status == MessageStatus.DRAFTED and message.draft_text == "第二稿：另行答复。"


@pytest.mark.django_db
def test_a_release_from_a_tab_that_showed_an_earlier_draft_is_refused(client, cast):
    message, _ = _rewritten_after_tab_opened(client, cast)
    message.approve(by=cast.press_head)
    message.return_reply(by=cast.press, comment="请改")
    message.draft(by=cast.press, text="第三稿。")
    message.approve(by=cast.press_head)
    tab = str(message.events.filter(kind="draft").order_by("-pk")[1].pk)  # an earlier draft's page
    before = _as_it_is(message)
    _step(client, cast.leader, message, "release", {"note": "签发", "seen": tab})
    assert _as_it_is(message) == before
    assert message.status == MessageStatus.APPROVED and message.reply_text == ""


@pytest.mark.django_db
def test_the_page_as_it_is_now_approves_the_draft_it_shows(client, cast):
    message, _ = _rewritten_after_tab_opened(client, cast)
    fresh, audits = _seen_on_page(client, cast.press_head, message), _audit_rows(message)
    _step(client, cast.press_head, message, "approve", {"note": "同意", "seen": fresh})
    message.refresh_from_db()
    assert message.status == MessageStatus.APPROVED
    assert message.events.filter(kind="approve", actor=cast.press_head).count() == 1
    assert _audit_rows(message) == audits + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "verb,data",
    [
        ("approve", {"note": "同意"}),
        ("return_draft", {"comment": "退回"}),
        ("release", {"note": "签发"}),
        ("return_reply", {"comment": "请改"}),
    ],
)
@pytest.mark.parametrize("sent", [{}, {"seen": ""}])
def test_a_review_step_without_what_the_page_showed_is_refused_and_writes_nothing(
    client, cast, verb, data, sent
):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复如下。")
    if verb in ("release", "return_reply"):
        message.approve(by=cast.head)
    actor = cast.head if verb in ("approve", "return_draft") else cast.press
    before = _as_it_is(message)
    client.force_login(actor)
    response = client.post(reverse("mailbox:step", args=[message.pk, verb]), {**data, **sent})
    assert response.status_code == 400
    assert "页面缺少答复稿版本，请刷新后重新审核。" in response.content.decode()
    assert _as_it_is(message) == before
