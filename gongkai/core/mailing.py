"""Sending one e-mail without hiding a failure (邮件发送). The backend is settings.EMAIL_BACKEND:
SMTP when GONGKAI_EMAIL_HOST is set, the console otherwise (README), so no path skips the mail
because no host is set. Nothing is raised: a mail server that is down never undoes the step
that sent the mail; the caller records the returned reason where its process records things."""

from __future__ import annotations

from django.core import mail

REFUSED = "邮件服务器未接受"


def deliver(message: mail.EmailMessage, connection=None) -> str:
    """'' when the backend took `message`, else why not (short, for a timeline or audit row)."""
    try:
        delivered = (connection or mail.get_connection(fail_silently=False)).send_messages(
            [message]
        )
    except Exception as error:  # noqa: BLE001 — SMTP, socket, TLS: each is recorded
        return f"{type(error).__name__}: {error}"[:200]
    return "" if delivered else REFUSED
