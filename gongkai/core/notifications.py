"""Notifications (通知): stored rows shown in the app, plus an e-mail copy to whoever has an
address (SMTP when a host is set, the console otherwise: core.mailing). The copy goes out after
the commit that stored the row: a slow mail server holds none of the caller's row locks, and a
step rolled back sends nothing. A copy that fails is recorded on the row (mail_error), said on
the dashboard (邮件未发出) and may be sent again from there (Notification.resend_mail)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.mailing import deliver
from gongkai.core.models import Notification


def notify(*, user, key: str, text: str, link: str = "") -> bool:
    """Store one notification; the same `key` for the same user is sent once (idempotent sweeps)."""
    try:
        with transaction.atomic():
            row = Notification.objects.create(user=user, key=key[:200], text=text, link=link)
    except IntegrityError:
        return False
    if user.email:
        transaction.on_commit(lambda: mail_copy(row, user.email))
    return True


def mail_copy(row: Notification, address: str) -> str:
    """Send the row's e-mail copy and record the outcome on it: '' when sent, else why not."""
    message = EmailMessage(
        f"[{settings.SITE_NAME}] 工作提醒", f"{row.text}\n{row.link}", to=[address]
    )
    why = deliver(message)
    Notification.objects.filter(pk=row.pk).update(mail_error=why)
    row.mail_error = why
    return why


audit.register_actions(**{"notification.resend_mail": "重新发送提醒邮件"})


@transaction.atomic
def resend_mail(*, by, pk: int) -> str:
    """重新发送: the e-mail copy of one of `by`'s own notifications, which failed. The row is
    locked — a double click sends once, the second finds it sent — and only this row: the send
    holds no procedure's lock. The outcome is recorded on the row again and in the audit;
    '' when sent, else why not. Another user's notification: Notification.DoesNotExist."""
    row = Notification.objects.select_for_update().get(pk=pk, user=by)
    if not row.mail_error:
        raise DomainError("该提醒的邮件已发出，无需重新发送。")
    if not by.email:
        raise DomainError("您的账户没有登记电子邮箱，无法发送邮件，请联系管理员登记。")
    before = row.mail_error
    why = mail_copy(row, by.email)
    audit.record(
        by,
        "notification.resend_mail",
        row,
        before={"mail_error": before},
        after={"mail_error": why},
    )
    return why
