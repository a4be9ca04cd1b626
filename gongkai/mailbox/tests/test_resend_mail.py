"""Review of stop 28: an e-mail to the writer that failed (tell_failed on the timeline) could not
be sent again; the office could only tell the writer another way. 重新发送 is now a step of the
press office, offered only while the last try failed: locked and audited like every step, the
mail sent after its commit, the outcome put on the timeline again."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.mailbox.models import NOTHING_TO_RESEND, MessageEvent
from gongkai.testing import replied_message

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
REPLY = "根据《汽车加油加气加氢站技术标准》，安全间距另有规定。"


def _failed(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = replied_message(cast, REPLY)  # the release's mail: refused by the server
    message.refresh_from_db()
    assert message.unsent_mail() == "release"
    return message


def _resend(client, message, callbacks):
    with callbacks(execute=True):
        return client.post(reverse("mailbox:step", args=[message.pk, "resend_mail"]))


def _trail(message):
    return (
        list(message.events.order_by("pk").values_list("kind", flat=True)),
        AuditEntry.objects.filter(action__startswith="message.").count(),
    )


def test_the_office_resends_a_failed_mail_once_and_the_outcome_is_recorded(
    cast, client, settings, smtp_refused, mailoutbox, django_capture_on_commit_callbacks
):
    message = _failed(cast, django_capture_on_commit_callbacks)
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert "重新发送邮件告知留言人" in page

    settings.EMAIL_BACKEND = LOCMEM  # the mail server is back
    response = _resend(client, message, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[message.email]]
    assert message.tracking_no in mailoutbox[0].body and "已答复" in mailoutbox[0].body
    kinds, _ = _trail(message)
    assert kinds[-3:] == ["tell_failed", "resend_mail", "tell_resent"]
    assert message.events.get(kind="resend_mail").actor == cast.press
    for action in ("message.resend_mail", "message.tell_resent"):
        assert AuditEntry.objects.get(action=action).target_id == str(message.pk)
    assert message.unsent_mail() == ""
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert "邮件已重新发出" in page and "重新发送邮件告知留言人</button>" not in page

    # A second click from the page left open: told why, nothing written, nothing sent.
    before = _trail(message)
    response = _resend(client, message, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert NOTHING_TO_RESEND in messages
    assert _trail(message) == before and len(mailoutbox) == 1


def test_a_resend_that_fails_again_is_recorded_again_and_offered_again(
    cast, client, smtp_refused, mailoutbox, django_capture_on_commit_callbacks
):
    message = _failed(cast, django_capture_on_commit_callbacks)
    client.force_login(cast.press)
    _resend(client, message, django_capture_on_commit_callbacks)
    kinds, _ = _trail(message)
    assert kinds[-3:] == ["tell_failed", "resend_mail", "tell_failed"]
    assert "ConnectionRefusedError" in message.events.order_by("-pk").first().data["error"]
    assert message.unsent_mail() == "release" and mailoutbox == []


def test_only_the_press_office_resends_and_not_while_nothing_failed(
    cast, client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        sent = replied_message(cast, REPLY)  # went out: nothing to resend
    client.force_login(cast.press)
    before = _trail(sent)
    response = _resend(client, sent, django_capture_on_commit_callbacks)
    assert NOTHING_TO_RESEND in [str(m) for m in response.wsgi_request._messages]
    assert _trail(sent) == before and len(mailoutbox) == 1


def test_the_handling_unit_cannot_resend(
    cast, client, smtp_refused, django_capture_on_commit_callbacks
):
    message = _failed(cast, django_capture_on_commit_callbacks)
    before = _trail(message)
    client.force_login(cast.clerk)  # the unit that drafted the reply
    response = _resend(client, message, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert _trail(message) == before
    assert not MessageEvent.objects.filter(kind="resend_mail").exists()
