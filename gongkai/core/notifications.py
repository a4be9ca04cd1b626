"""Notifications (通知): stored rows shown in the app, plus an e-mail copy to whoever has an
address (SMTP when a host is set, the console otherwise: core.mailing). A copy that fails is
recorded on the row (mail_error) and said on the dashboard, not swallowed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

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
        message = EmailMessage(
            f"[{settings.SITE_NAME}] 工作提醒", f"{text}\n{link}", to=[user.email]
        )
        if why := deliver(message):
            Notification.objects.filter(pk=row.pk).update(mail_error=why)
    return True
