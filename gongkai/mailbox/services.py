"""Creating messages (online, or 12345 work orders registered by staff) and the route to an
information-disclosure application."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from gongkai.core import audit, throttle
from gongkai.core.calendar import recompute_stored_dates, workday_calendar
from gongkai.core.idempotent import create_once, repeated_by
from gongkai.core.numbering import take_next
from gongkai.mailbox.masking import topic_text
from gongkai.mailbox.models import (
    OPEN,
    Channel,
    Message,
    MessageCounter,
    MessageEvent,
    MessageFile,
    MessageStatus,
    tidy_order_no,
)
from gongkai.mailbox.topics import keywords
from gongkai.mailbox.trends import record as record_topics


@dataclass
class Submitted:
    message: Message
    query_code: str
    created: bool
    repeated: bool = False  # the same message sent again from a fresh form (Back, reload)


# The same person sending the same words again within a day is sending the same message (Back
# and 提交 again, a reload, "did it go through?"): one message, not two for the office to
# answer and count (probe 12 D2), as an application (disclosure_requests.services).
RESUBMIT_WINDOW = dt.timedelta(hours=24)


def earlier_message(form) -> Message | None:
    """The mailbox message this form repeats: every field the same (phone included), sent
    within RESUBMIT_WINDOW, and no file the first one lacks (a new file is a new message
    rather than a lost file)."""
    data = form.cleaned_data
    candidates = (
        Message.objects.filter(
            channel=Channel.MAILBOX,
            idempotency_key__isnull=False,
            phone=data["phone"],
            submitted_at__gte=timezone.now() - RESUBMIT_WINDOW,
        )
        .order_by("pk")
        .prefetch_related("attachments")  # repeated_by reads each one's files
    )
    return repeated_by(candidates, form)


def next_tracking_no(year: int) -> str:
    """LY2022-00042: one counter row per year, locked while it is taken."""
    return f"{settings.MESSAGE_NUMBER_PREFIX}{year}-{take_next(MessageCounter, year=year):05d}"


def may_submit(ip: str | None) -> bool:
    """One of the messages a network may send per hour, taken atomically."""
    return throttle.take_for_client("message", ip, limit=settings.MESSAGE_RATE_PER_HOUR)


def is_retry(idempotency_key: str) -> bool:
    return Message.objects.filter(idempotency_key=idempotency_key).exists()


def submit(*, form, files, idempotency_key: str, ip: str | None) -> Submitted:
    """Stored durably before it is acknowledged; a retry with the same key (bound to the same
    content) returns the first message, never a second, and so does the same message sent
    again from a fresh form (earlier_message)."""
    earlier = earlier_message(form)
    if earlier is not None and earlier.idempotency_key != idempotency_key:
        code = Message.new_query_code(earlier.idempotency_key)
        return Submitted(earlier, code, created=False, repeated=True)

    def create_message() -> Message:
        message = form.save(commit=False)
        message.channel = Channel.MAILBOX
        message.idempotency_key, message.submitter_ip = idempotency_key, ip
        create(message, files, actor=None, note="网上留言")
        return message

    message, created = create_once(Message, idempotency_key, create_message)
    return Submitted(message, Message.new_query_code(idempotency_key), created=created)


@transaction.atomic
def register_hotline(*, by, form) -> Submitted:
    """A 12345 work order passed to the bureau: its own channel, answered like any message
    but not re-published by the bureau (the hotline publishes its own)."""
    message = form.save(commit=False)
    message.channel = Channel.HOTLINE
    message.publish_consent = False
    message.hotline_order_no = tidy_order_no(message.hotline_order_no)
    message.refuse_registered_order()
    try:
        with transaction.atomic():
            code = create(message, (), actor=by, note=f"12345工单 {message.hotline_order_no}")
    except IntegrityError:
        # The same order saved by a second click in the same instant: the constraint held.
        message.pk = None
        message.refuse_registered_order()
        raise
    return Submitted(message, code, created=True)


@transaction.atomic  # the yearly counter is taken under a row lock
def create(message: Message, files, *, actor, note: str) -> str:
    code = Message.new_query_code(message.idempotency_key)
    message.set_query_code(code)
    message.submitted_on = timezone.localtime(message.submitted_at).date()
    message.tracking_no = next_tracking_no(message.submitted_on.year)
    message.status = MessageStatus.RECEIVED
    message.topics = keywords(topic_text(message))
    message.save()
    record_topics(message)  # one row per topic word, for the signals page
    for upload in files:
        MessageFile.store(message, upload)
    MessageEvent.objects.create(
        message=message, kind="submit", actor=actor, note=note, status_after=message.status
    )
    if actor is not None:
        audit.record(actor, "message.register_hotline", message, after={"status": message.status})
    return code


def open_application(
    message: Message, *, by, applicant_type, delivery_form, delivery_method, id_document=""
):
    """依申请公开 written as a message: an application in its own right, received the day the
    office confirms it with the writer (条例 第三十一条（三）: online, 双方确认之日) — today."""
    from gongkai.disclosure_requests.models import Channel as RequestChannel
    from gongkai.disclosure_requests.models import DisclosureRequest, normalise_id_document
    from gongkai.disclosure_requests.services import ask_for_identity, create_registered
    from gongkai.lib.request_clock import receipt_date

    case = DisclosureRequest(
        applicant_type=applicant_type,
        applicant_name=message.name,
        id_document=normalise_id_document(id_document, applicant_type),
        phone=message.phone,
        email=message.email,
        address=message.address,
        description=f"{message.subject}\n{message.body}",
        delivery_form=delivery_form,
        delivery_method=delivery_method,
        channel=RequestChannel.ONLINE,
        received_on=receipt_date(RequestChannel.ONLINE, confirmed_on=timezone.localdate()),
        idempotency_key=f"message-{message.pk}",
    )
    create_registered(case, (), actor=by, note=f"由留言 {message.tracking_no} 转为申请")
    ask_for_identity(case, by=by)  # 第二十九条: without 身份证明 it waits for the applicant
    return case


def application_code(message: Message) -> str | None:
    """The query code of the application a message became: derived, never stored."""
    if message.routed_request_id is None:
        return None
    from gongkai.disclosure_requests.models import DisclosureRequest

    return DisclosureRequest.new_query_code(f"message-{message.pk}")


def recompute_messages(*, by, **_signal) -> int:
    """After the holiday calendar changed (core.calendar.calendar_changed): the reply period of
    every open message, and of any answered one whose period was still 暂定 (so a reply on the
    true last day counts on time in the statistics), counted again under a lock; each change
    audited. Returns how many messages' dates changed."""
    calendar = workday_calendar(provisional=True)
    rows = (
        Message.objects.filter(models.Q(status__in=OPEN) | models.Q(due_provisional=True))
        .filter(due_date__isnull=False)
        .select_for_update()
        .order_by("pk")
    )
    return recompute_stored_dates(
        rows,
        by=by,
        action="message.recompute_due",
        dates=lambda m: {
            "due_date": m.due_date.isoformat() if m.due_date else None,
            "due_provisional": m.due_provisional,
        },
        recompute=lambda m: m.recompute_due(calendar),
        unit=lambda m: m.handling_unit,
    )
