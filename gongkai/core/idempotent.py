"""Stored once, whatever the network does: a citizen's form carries an idempotency key (bound to
its content), so a retried or double-clicked submission finds the first record, never a second."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction

T = TypeVar("T", bound=models.Model)

# What a staff "new" form sent again is told (a double click, back and 保存 again).
ALREADY_SAVED = "{}已经保存过，这次提交是重复的，未重复保存。"


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


def form_key(form, by) -> str:
    """The key a staff "new" form's record is stored under (core.forms.OnceForm): the form's
    hidden key bound to what it sent and who sent it. The same page sent twice finds the first
    record; other content, or another person replaying the key, is a record of its own."""
    data = form.cleaned_data
    content = {name: value for name, value in data.items() if name not in FORM_STATE}
    content["by"] = by.pk
    return content_key((data.get("idempotency_key") or uuid.uuid4().hex)[:64], content)


# The hidden fields that say which page sent a form, not what it says.
FORM_STATE = ("idempotency_key", "seen", "version")


def create_from_form(model: type[T], form, by, create: Callable[[str], T]) -> tuple[T, bool]:
    """(record, created) for a staff "new" form: `create(key)` makes the record and stores the
    key on its `idempotency_key` (unique), at most once per form sent (create_once)."""
    key = form_key(form, by)
    return create_once(model, key, lambda: create(key))
