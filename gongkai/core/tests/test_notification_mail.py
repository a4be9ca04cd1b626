"""A notification's e-mail copy: sent with no SMTP host set (the console in production, as the
README says), a copy that fails recorded on the row and said on the dashboard instead of
swallowed; sent only after the caller's transaction commits (review of stop 28: it went out
inside it, so a slow server held the caller's row locks and a rolled-back step still mailed);
and a failed copy may be sent again (重新发送), locked, audited, its outcome recorded again."""

import pytest
from django.db import transaction
from django.urls import reverse

from gongkai.core.models import AuditEntry, Notification
from gongkai.core.notifications import notify

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _with_address(user, address="clerk@example.gov.cn"):
    user.email = address
    user.save(update_fields=["email"])
    return user


def test_without_an_smtp_host_the_copy_still_goes_out(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""
    _with_address(cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(user=cast.clerk, key="t:1", text="新交办：依申请公开 2022-001", link="/x/")
    assert [m.to for m in mailoutbox] == [["clerk@example.gov.cn"]]
    assert "新交办" in mailoutbox[0].body
    assert Notification.objects.get().mail_error == ""
    with django_capture_on_commit_callbacks(execute=True):
        assert not notify(user=cast.clerk, key="t:1", text="again")  # once per key: no second
    assert len(mailoutbox) == 1


def test_a_copy_that_fails_is_recorded_and_shown(
    cast, client, smtp_refused, django_capture_on_commit_callbacks
):
    _with_address(cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(user=cast.clerk, key="t:2", text="新交办：依申请公开 2022-002")  # no raise
    row = Notification.objects.get()
    assert "ConnectionRefusedError" in row.mail_error
    client.force_login(cast.clerk)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "新交办：依申请公开 2022-002" in page and "邮件未发出" in page
    assert reverse("core:notification_resend", args=[row.pk]) in page and "重新发送" in page


def test_no_address_no_mail_and_nothing_recorded(cast, smtp_refused):
    _with_address(cast.clerk, "")
    notify(user=cast.clerk, key="t:3", text="提醒")
    assert Notification.objects.get().mail_error == ""  # a tried mail would have failed


def test_a_rolled_back_step_sends_nothing_and_a_committed_one_sends_after_its_commit(
    cast, transactional_db, settings, mailoutbox
):
    """Real commits (transactional_db). On main the mail went out inside the transaction: the
    rolled-back step had already mailed, and the committed one mailed before its commit."""
    settings.EMAIL_BACKEND = LOCMEM
    _with_address(cast.clerk)
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(user=cast.clerk, key="t:4", text="新交办：依申请公开 2022-004")
        raise RuntimeError("the step failed after notifying")
    assert mailoutbox == [] and not Notification.objects.exists()

    with transaction.atomic():
        notify(user=cast.clerk, key="t:5", text="新交办：依申请公开 2022-005")
        assert mailoutbox == []  # not while the step's locks are held
    assert [m.to for m in mailoutbox] == [["clerk@example.gov.cn"]]
    assert "2022-005" in mailoutbox[0].body
    assert Notification.objects.get().mail_error == ""


def test_a_failure_after_the_commit_is_still_recorded_on_the_row(
    cast, transactional_db, smtp_refused
):
    _with_address(cast.clerk)
    with transaction.atomic():
        notify(user=cast.clerk, key="t:6", text="新交办：依申请公开 2022-006")
    assert "ConnectionRefusedError" in Notification.objects.get().mail_error


def _failed(cast, django_capture_on_commit_callbacks) -> Notification:
    _with_address(cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=cast.clerk, key="t:7", text="新交办：依申请公开 2022-007", link="/x/")
    row = Notification.objects.get()
    assert row.mail_error
    return row


def test_resend_sends_the_failed_copy_once_records_it_and_audits_it(
    cast, client, settings, smtp_refused, mailoutbox, django_capture_on_commit_callbacks
):
    row = _failed(cast, django_capture_on_commit_callbacks)
    failure = row.mail_error
    settings.EMAIL_BACKEND = LOCMEM  # the mail server is back
    client.force_login(cast.clerk)
    url = reverse("core:notification_resend", args=[row.pk])

    page = client.post(url, follow=True).content.decode()

    assert "提醒邮件已重新发送" in page
    assert [m.to for m in mailoutbox] == [["clerk@example.gov.cn"]]
    assert "2022-007" in mailoutbox[0].body
    row.refresh_from_db()
    assert row.mail_error == ""
    entry = AuditEntry.objects.get(action="notification.resend_mail")
    assert entry.actor == cast.clerk and entry.target_id == str(row.pk)
    assert (entry.before, entry.after) == ({"mail_error": failure}, {"mail_error": ""})
    assert "邮件未发出" not in client.get(reverse("core:dashboard")).content.decode()

    # A second click (or a page left open): nothing to send, nothing written.
    page = client.post(url, follow=True).content.decode()
    assert "无需重新发送" in page
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(action="notification.resend_mail").count() == 1


def test_a_resend_that_fails_again_is_recorded_again(
    cast, client, smtp_refused, mailoutbox, django_capture_on_commit_callbacks
):
    row = _failed(cast, django_capture_on_commit_callbacks)
    Notification.objects.filter(pk=row.pk).update(mail_error="SMTPServerDisconnected: earlier")
    client.force_login(cast.clerk)
    page = client.post(reverse("core:notification_resend", args=[row.pk]), follow=True)
    assert "邮件仍未发出" in page.content.decode()
    row.refresh_from_db()
    assert "ConnectionRefusedError" in row.mail_error  # the new outcome, not the old one
    entry = AuditEntry.objects.get(action="notification.resend_mail")
    assert entry.before == {"mail_error": "SMTPServerDisconnected: earlier"}
    assert "ConnectionRefusedError" in entry.after["mail_error"]
    assert mailoutbox == []


def test_another_users_notification_cannot_be_resent(
    cast, client, settings, smtp_refused, mailoutbox, django_capture_on_commit_callbacks
):
    row = _failed(cast, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = LOCMEM
    client.force_login(cast.head)
    response = client.post(reverse("core:notification_resend", args=[row.pk]))
    assert response.status_code == 404
    assert mailoutbox == []
    assert not AuditEntry.objects.filter(action="notification.resend_mail").exists()
    assert Notification.objects.get().mail_error == row.mail_error
    assert client.get(reverse("core:notification_resend", args=[row.pk])).status_code == 405
