"""Notifications (通知): stored rows shown in the app, plus e-mail when SMTP is configured."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from gongkai.core.models import Notification


def notify(*, user, key: str, text: str, link: str = "") -> bool:
    """Store one notification; the same `key` for the same user is sent once (idempotent sweeps)."""
    try:
        with transaction.atomic():
            Notification.objects.create(user=user, key=key[:200], text=text, link=link)
    except IntegrityError:
        return False
    if settings.EMAIL_HOST and user.email:
        send_mail(
            f"[{settings.SITE_NAME}] 工作提醒",
            f"{text}\n{link}",
            None,
            [user.email],
            fail_silently=True,
        )
    return True
