"""Who sees which messages, and the public list."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from gongkai.core.models import Unit
from gongkai.core.roles import Role
from gongkai.core.units import names_index
from gongkai.lib.search_text import query_terms
from gongkai.mailbox import search
from gongkai.mailbox.models import Message, MessageStatus

NOT_MERGEABLE = (MessageStatus.DECLINED, MessageStatus.ROUTED, MessageStatus.MERGED)

PAGE_SIZE = 20


def visible_messages(user) -> QuerySet[Message]:
    """The press office and the leaders the mailbox is addressed to see every message; a unit
    sees those it answers. The writer's details are for these people only."""
    if user.has_role(Role.PRESS_OFFICE, Role.LEADER, Role.AUDITOR):
        return Message.objects.all()
    if user.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return Message.objects.filter(handling_unit_id=user.unit_id)
    return Message.objects.none()


def units_named_in(message: Message) -> list[Unit]:
    """The bureau's units the writer names (by name, full name or alias): the office is warned
    before it gives a complaint about one of them to that unit (信访工作条例 第三十条第三款)."""
    text = f"{message.subject}\n{message.body}"
    found: list[Unit] = []
    for name, unit in names_index(list(Unit.objects.active())).items():
        if len(name) >= 3 and name in text and unit not in found:
            found.append(unit)
    return found


DUPLICATE_WINDOW_DAYS = 90


def possible_duplicates(message, *, user) -> list[Message]:
    """Messages the office may merge this one into: from the same phone number (however typed),
    or with the same subject, in the 90 days before; only among those this user may see."""
    since = message.submitted_at - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    same = Q(subject=message.subject)
    if message.phone_key:
        same |= Q(phone_key=message.phone_key)
    candidates = visible_messages(user).filter(same, submitted_at__gte=since)
    candidates = candidates.exclude(pk=message.pk).exclude(status__in=NOT_MERGEABLE)
    return list(candidates.filter(submitted_at__lte=message.submitted_at).order_by("-pk")[:5])


def staff_search(messages: QuerySet[Message], q: str) -> QuerySet[Message]:
    """The staff list's box: a message number, or words of the subject."""
    q = q.strip()[:100]
    if not q:
        return messages
    return messages.filter(Q(tracking_no__iexact=q) | Q(subject__icontains=q))


PUBLIC_FIELDS = (
    "pk",
    "tracking_no",
    "category",
    "public_subject",
    "public_body",
    "public_reply",
    "submitted_at",
    "accepted_on",
    "replied_on",
    "reply_unit_name",
    "published_at",
)


def public_page(q: str, raw_page) -> tuple[Page, list[Message]]:
    """One page of published replies, newest first; with `q`, those matching every word. Only
    the public copy's columns are read: the writer's details never leave the database on a
    public page. The pager counts (search: up to 10,000) before a page is read."""
    published = Message.objects.published().only(*PUBLIC_FIELDS)
    terms = query_terms(q)
    total = search.words_index.count(terms) if terms else published.count()
    pager = Paginator(range(total), PAGE_SIZE).get_page(raw_page)
    offset = (pager.number - 1) * PAGE_SIZE
    if not total:
        return pager, []
    if terms:
        ids = search.words_index.ids(terms, limit=PAGE_SIZE, offset=offset)
        found = published.in_bulk(ids)
        return pager, [found[pk] for pk in ids if pk in found]
    newest = published.order_by("-published_at", "-pk")
    return pager, list(newest[offset : offset + PAGE_SIZE])
