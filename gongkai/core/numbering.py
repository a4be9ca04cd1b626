"""Serial numbers (流水号) of the numbered records: one counter row per series, locked while a
number is taken."""

from __future__ import annotations

from django.db import transaction


@transaction.atomic
def take_next(counter_model, **series) -> int:
    """The next serial of one series (`counter_model` has a `last` field). It holds its own
    transaction: PostgreSQL refuses a row lock outside one, and a caller without one (a
    management command such as `gongkai demo`) must still queue on the lock."""
    counter_model.objects.get_or_create(**series)
    counter = counter_model.objects.select_for_update().get(**series)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
