"""Stored once, whatever the network does: a citizen's form carries an idempotency key (bound to
its content), so a retried or double-clicked submission finds the first record, never a second."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction

T = TypeVar("T", bound=models.Model)


def create_once(model: type[T], idempotency_key: str, create: Callable[[], T]) -> tuple[T, bool]:
    """(record, created). `create` runs in its own transaction. When a concurrent retry committed
    first, the key's unique constraint fails this one and the first record is returned; an
    IntegrityError from any other constraint is raised to the caller."""
    existing = model.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = model.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing, False


def content_key(idempotency_key: str, cleaned_data: dict) -> str:
    """The key a submission is stored under: the form's key bound to what was submitted. A
    retry of the same submission finds the first one; the same form key with other content
    (someone replaying a key they saw) is a new application, never the first one's number
    and query code."""
    content = hashlib.sha256()
    for name in sorted(cleaned_data):
        if name == "attachments":
            for upload in cleaned_data[name]:
                content.update(f"{name}={upload.name}:".encode())
                for chunk in upload.chunks():
                    content.update(chunk)
                upload.seek(0)
        else:
            content.update(f"{name}={cleaned_data[name]}\n".encode())
    message = f"submission:{idempotency_key}:{content.hexdigest()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
