"""Stored once, whatever the network does: a citizen's form carries an idempotency key (bound to
its content), so a retried or double-clicked submission finds the first record, never a second."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

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


def repeated_by(candidates, form):
    """The first of `candidates` (records with `attachments`, each a stored `file`) that a
    citizen's form sent again repeats: every field of the form the same, and no file the record
    lacks (a new file makes a new record rather than losing the file). None when none does.
    The callers prefetch `attachments`: else one query per candidate."""
    data = form.cleaned_data
    new_files = {_digest16(upload) for upload in data.get("attachments", [])}
    for record in candidates:
        if all(getattr(record, name) == data[name] for name in form._meta.fields) and (
            new_files <= {a.file.name.rsplit("/", 1)[-1][:16] for a in record.attachments.all()}
        ):
            return record
    return None


def _digest16(upload) -> str:
    """The first 16 hex digits of a file's SHA-256, by which a stored upload is named."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()[:16]


def content_key(idempotency_key: str, cleaned_data: dict) -> str:
    """The key a submission is stored under: the form's key bound to what was submitted. A
    retry of the same submission finds the first one; the same form key with other content
    (someone replaying a key they saw) is a new application, never the first one's number
    and query code."""
    content = hashlib.sha256()
    for name in sorted(cleaned_data):
        if name == "attachments":
            for upload in cleaned_data[name]:
                _add_upload(content, name, upload)
        elif hasattr(cleaned_data[name], "chunks"):  # one file (a Q&A entry's 图解)
            _add_upload(content, name, cleaned_data[name])
        else:
            content.update(f"{name}={cleaned_data[name]}\n".encode())
    message = f"submission:{idempotency_key}:{content.hexdigest()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _add_upload(content, name: str, upload) -> None:
    """A file by its name and bytes: another file of the same name is other content."""
    content.update(f"{name}={upload.name}:".encode())
    for chunk in upload.chunks():
        content.update(chunk)
    upload.seek(0)


def form_key(form, by, *, on: dt.date | None = None) -> str:
    """The key a staff "new" form's record is stored under (core.forms.OnceForm): what the form
    sent, who sent it and the day. Not a key made with the page: Back re-fetches the form page
    (a fresh page, the typed text restored by the browser), so a page-made key would make Back
    and 保存 a second record. The same person sending the same content the same day is sending
    it again; other content, or another person, is a record of its own."""
    data = form.cleaned_data
    content = {name: value for name, value in data.items() if name not in FORM_STATE}
    content["by"] = by.pk
    return content_key(f"staff-new:{(on or timezone.localdate()).isoformat()}", content)


# The hidden fields that say which page sent a form, not what it says.
FORM_STATE = ("seen", "version")


def create_from_form(model: type[T], form, by, create: Callable[[str], T]) -> tuple[T, bool]:
    """(record, created) for a staff "new" form: `create(key)` makes the record and stores the
    key on its `idempotency_key` (unique), at most once (create_once)."""
    key = form_key(form, by)
    return create_once(model, key, lambda: create(key))
