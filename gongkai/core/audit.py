"""The audit log (审计日志): each staff change of state calls `record` in its transaction."""

from __future__ import annotations

import contextvars
import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from gongkai.core.actions import ACTION_LABELS
from gongkai.core.actions import action_label as action_label  # apps call audit.action_label
from gongkai.core.actions import register_actions as register_actions  # and register here
from gongkai.core.models import AuditEntry


@dataclass(frozen=True)
class RequestContext:
    ip: str | None
    request_id: uuid.UUID


_request_context: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "gongkai_request_context", default=None
)


def set_request_context(ip: str | None) -> contextvars.Token:
    return _request_context.set(RequestContext(ip=ip, request_id=uuid.uuid4()))


def reset_request_context(token: contextvars.Token) -> None:
    _request_context.reset(token)


def record(
    actor,
    action: str,
    target: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    unit=None,
    actor_name: str | None = None,
    **data,
) -> AuditEntry:
    """Append one entry. `before`/`after` are JSON-able snapshots of what changed. Without a
    staff actor, `actor_name` says who acted (an applicant proven by number and query code);
    otherwise the entry is the system's."""
    if action not in ACTION_LABELS:
        raise ValueError(f"unregistered audit action {action!r}")
    context = _request_context.get()
    actor = actor if actor is not None and actor.is_authenticated else None
    if unit is None and target is not None:
        unit = getattr(target, "unit", None) if hasattr(target, "unit_id") else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=str(actor) if actor else (actor_name or "系统"),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        unit=unit,
        unit_name=unit.name if unit is not None else "",
        before=before,
        after=after,
        data=data,
        ip=context.ip if context else None,
        request_id=context.request_id if context else None,
    )


# 查阅记录: reading or downloading citizens' personal data (an applicant's ID document, a
# writer's phone) is logged like a change (个人信息保护法 第五十一条、第五十五条). One entry per
# user, action, record and file within READ_WINDOW: a clerk reloads a case page after every step
# and would bury the log; one entry per half hour of work still shows every sitting in which
# someone opened the data, and a download is a separate action, never hidden by a page view.
READ_WINDOW = dt.timedelta(minutes=30)
READ_ACTIONS: set[str] = set()
READS = "reads"  # the audit list's filter for every read action at once


def register_read_actions(**labels: str) -> None:
    register_actions(**labels)
    READ_ACTIONS.update(labels)


register_read_actions(**{"audit.export": "导出审计日志"})


def read_logged(actor, action: str, target: models.Model, what: str = ""):
    """The entries that make a read within READ_WINDOW a repeat (every case-page view asks)."""
    return AuditEntry.objects.filter(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data__what=what,
        at__gte=timezone.now() - READ_WINDOW,
    )


def record_read(actor, action: str, target: models.Model, *, what: str = "") -> AuditEntry | None:
    """Log that `actor` read or downloaded `target`'s personal data (`what`: which file or
    letter); None when the same was logged within READ_WINDOW."""
    if action not in READ_ACTIONS:
        raise ValueError(f"unregistered read action {action!r}")
    if read_logged(actor, action, target, what).exists():
        return None
    unit = getattr(target, "handling_unit", None)
    return record(actor, action, target, unit=unit, what=what)


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, so the log shows what really changed."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
