"""Stored once, whatever the network does: a citizen's form carries an idempotency key (bound to
its content), so a retried or double-clicked submission finds the first record, never a second."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
