"""Creating applications (online or registered by staff) and the reads the procedure needs."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit, throttle
from gongkai.core.calendar import recompute_stored_dates
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import content_key, create_from_form, create_once, repeated_by
from gongkai.core.mailing import deliver
from gongkai.core.numbering import take_next
from gongkai.core.workflow import lock_row
from gongkai.disclosure_requests.clock import office_calendar, recompute_due
from gongkai.disclosure_requests.models import (
    IDENTITY_SUPPLEMENT,
    CaseFile,
    CaseStatus,
    Channel,
    DisclosureRequest,
    Remedy,
    RequestCounter,
    RequestEvent,
)
from gongkai.disclosure_requests.selectors import visible_requests
from gongkai.lib.cndate import cn_date
from gongkai.lib.request_clock import REVISED_REGULATION_IN_FORCE, receipt_date

# A receipt date before the revised 条例 (国务院令第711号) is a typing slip (2016 for 2026).
RECEIVED_TOO_EARLY = (
    f"收到申请之日不能早于{cn_date(REVISED_REGULATION_IN_FORCE)}（修订后的《政府信息公开条例》"
    "施行之日），请核对年份"
)


@dataclass
class Submitted:
    case: DisclosureRequest
    query_code: str
    created: bool
    repeated: bool = False  # the same application sent again from a fresh form (Back, resubmit)


# The same applicant sending the same words again within a day is sending the same application
# (the Back button, a reload of the form, "did it go through?" on another device): one case,
# not two that the office must close one by one and that count twice in the month's 件.
RESUBMIT_WINDOW = dt.timedelta(hours=24)


def earlier_submission(form, received_on: dt.date | None = None) -> DisclosureRequest | None:
    """The application this form repeats: every field the same (channel included: online, or
    the staff 登记 form's), from the same applicant (身份证明), submitted within
    RESUBMIT_WINDOW, received the same day when registered by staff, and no file that the first
    one lacks (a new file makes it a new application rather than losing the file)."""
    data = form.cleaned_data
    candidates = (
        DisclosureRequest.objects.filter(
            channel=data.get("channel") or Channel.ONLINE,
            idempotency_key__isnull=False,
            id_document=data["id_document"],
            applicant_name=data["applicant_name"],
            submitted_at__gte=timezone.now() - RESUBMIT_WINDOW,
        )
        .order_by("pk")
        .prefetch_related("attachments")  # repeated_by reads each one's files
    )
    if received_on is not None:
        candidates = candidates.filter(received_on=received_on)
    return repeated_by(candidates, form)


def next_tracking_no(year: int) -> str:
    """GK2022-00042: one counter row per year, locked while it is taken."""
    return f"{settings.REQUEST_NUMBER_PREFIX}{year}-{take_next(RequestCounter, year=year):05d}"


def may_submit(ip: str | None) -> bool:
    """Takes one of the online submissions a network may make per hour (the public form's
    rate limit), atomically, so that concurrent requests cannot pass the limit."""
    return throttle.take_for_client("apply", ip, limit=settings.REQUEST_RATE_PER_HOUR)


def is_retry(idempotency_key: str) -> bool:
    return DisclosureRequest.objects.filter(idempotency_key=idempotency_key).exists()


def request_submit(*, form, files, idempotency_key: str, ip: str | None) -> Submitted:
    """An online application: stored durably before it is acknowledged; a retried or
    double-clicked submission with the same key returns the first one, never a second, and so
    does the same application sent again from a fresh form (earlier_submission)."""
    earlier = earlier_submission(form)
    # Stored under this very key, it is this form's own twin (a double click whose two requests
    # raced): the receipt with its query code, as for a retry, not "already submitted" without
    # the code (probe 12 D1).
    if earlier is not None and earlier.idempotency_key != idempotency_key:
        code = DisclosureRequest.new_query_code(earlier.idempotency_key)
        return Submitted(earlier, code, created=False, repeated=True)

    def create_case() -> DisclosureRequest:
        case = form.save(commit=False)
        case.channel = Channel.ONLINE
        # 第三十一条（三）: online, the receipt date is the day both sides confirm; the system's
        # acknowledgement on submission is that confirmation.
        case.received_on = receipt_date(Channel.ONLINE, confirmed_on=timezone.localdate())
        case.idempotency_key, case.submitter_ip = idempotency_key, ip
        create_registered(case, files, actor=None, note="网上提交")
        return case

    case, created = create_once(DisclosureRequest, idempotency_key, create_case)
    return Submitted(case, DisclosureRequest.new_query_code(idempotency_key), created=created)


@transaction.atomic
def request_register(*, by, form, files) -> Submitted:
    """Staff register an application that came on paper, by post, fax or e-mail (第三十一条).
    The form carries an idempotency key as the public one does (probe 6 F1): the same form sent
    twice (a double click), or the same application from a reloaded form (earlier_submission),
    returns the first registration, never a second case."""
    d = form.cleaned_data
    content = {name: value for name, value in d.items() if name != "idempotency_key"}
    key = content_key((d.get("idempotency_key") or uuid.uuid4().hex)[:64], content)
    received_on = receipt_date(
        d["channel"],
        handed_in_on=d.get("handed_in_on"),
        signed_on=d.get("signed_on"),
        confirmed_on=d.get("confirmed_on"),
    )
    # Back and 保存 again reloads the page with a fresh key: the same content is the same case
    earlier = earlier_submission(form, received_on)
    if earlier is not None:
        code = DisclosureRequest.new_query_code(earlier.idempotency_key)
        return Submitted(earlier, code, created=False, repeated=True)

    def create_case() -> DisclosureRequest:
        case = form.save(commit=False)
        case.received_on, case.idempotency_key = received_on, key
        create_registered(
            case,
            files,
            actor=by,
            note=f"{case.get_channel_display()}，收到申请之日{case.received_on}",
        )
        return case

    case, created = create_once(DisclosureRequest, key, create_case)
    return Submitted(case, DisclosureRequest.new_query_code(key), created=created)


@transaction.atomic  # the yearly counter is taken under a row lock
def create_registered(case: DisclosureRequest, files, *, actor, note: str) -> str:
    """Number, query code, due date, attachments, timeline and audit for a new application."""
    if case.received_on < REVISED_REGULATION_IN_FORCE:
        raise DomainError(RECEIVED_TOO_EARLY)
    code = DisclosureRequest.new_query_code(case.idempotency_key)
    case.set_query_code(code)
    case.tracking_no = next_tracking_no(case.received_on.year)
    case.status = CaseStatus.REGISTERED
    recompute_due(case)
    case.save()
    for upload in files:
        CaseFile.store(case, upload, purpose=CaseFile.Purpose.APPLICATION)
    RequestEvent.objects.create(
        case=case,
        kind="register",
        actor=actor,
        on=case.received_on,
        note=note,
        status_after=case.status,
    )
    audit.record(
        actor,
        "request.register",
        case,
        after={"status": case.status, "channel": case.channel},
    )
    return code


def ask_for_identity(case: DisclosureRequest, *, by) -> None:
    """An application made without 身份证明 (a message routed to 依申请公开 whose writer gave
    none) is not complete (第二十九条第（一）项): the applicant is told at once what to add, on
    the day of receipt, and the 20 working days start when it arrives (第三十条)."""
    if not case.id_document:
        case.request_supplement(by=by, items=IDENTITY_SUPPLEMENT, on=case.received_on)


def recompute_open_cases(*, by, **_signal) -> int:
    """After the holiday calendar changed: every open case's stored dates, recomputed under a
    lock, each change audited. Returns how many cases' dates changed."""
    calendar, today = office_calendar(), timezone.localdate()
    cases = DisclosureRequest.objects.open().select_for_update().order_by("pk")
    return recompute_stored_dates(
        cases.prefetch_related("consultations", "fee_notices"),
        by=by,
        action="request.recompute_due",
        dates=_dates,
        recompute=lambda case: recompute_due(case, today=today, calendar=calendar),
        unit=lambda case: case.handling_unit,
        fields=["clock_state"],
    )


def _dates(case) -> dict:
    # Not supplement_due: the 补正 period is the date the 补正告知书 told the applicant (it is
    # stored only as the notice is recorded), so a later calendar does not move it.
    return {
        "due_date": case.due_date.isoformat() if case.due_date else None,
        "due_provisional": case.due_provisional,
        "internal_due": case.internal_due.isoformat() if case.internal_due else None,
    }


def possible_duplicates(case: DisclosureRequest, *, user):
    """重复申请 candidates: same applicant (by 身份证明), same wording, within a year before;
    only among the cases this user may see."""
    if not case.id_document:  # no applicant to compare with (a routed message not yet 补正)
        return DisclosureRequest.objects.none()
    words = case.description.strip()[:60]
    return (
        visible_requests(user)
        .exclude(pk=case.pk)
        .filter(
            id_document=case.id_document,
            received_on__gte=case.received_on - dt.timedelta(days=365),
        )
        .filter(description__icontains=words)
        .order_by("-received_on")[:5]
    )


def earlier_applications(case: DisclosureRequest, *, user):
    """What a 重复申请 reply may name (第三十六条第（六）项): answered applications received
    before this one whose applicant has the same 身份证明, name or telephone number; only
    among the cases this user may see. The reply accepts one whose applicant is the same
    (DisclosureRequest.same_applicant)."""
    same = models.Q(applicant_name=case.applicant_name) | models.Q(phone=case.phone)
    if case.id_document:
        same |= models.Q(id_document=case.id_document)
    return (
        visible_requests(user)
        .exclude(pk=case.pk)
        .filter(same, replied_on__isnull=False, received_on__lte=case.received_on)
        .order_by("-received_on", "-pk")[:10]
    )


def remedy_save(*, by, case: DisclosureRequest, form) -> tuple[Remedy, bool]:
    """登记行政复议/诉讼: (remedy, created). The form sent again (a double click) finds the
    first row (core.idempotent); the same remedy typed again — same kind, date and body — is
    refused under the case's lock, since table 四 of the annual report would count it twice
    (probe 9 finding 3)."""

    def create(key: str) -> Remedy:
        lock_row(case)
        remedy = form.save(commit=False)
        remedy.case, remedy.idempotency_key = case, key
        if refusal := remedy.already_registered():
            raise DomainError(refusal)
        remedy.save()
        audit.record(
            by,
            "request.add_remedy",
            case,
            unit=case.handling_unit,
            after={
                "kind": remedy.kind,
                "result": remedy.result,
                "filed_on": remedy.filed_on.isoformat(),
            },
        )
        RequestEvent.objects.create(
            case=case,
            kind="add_remedy",
            actor=by,
            on=remedy.filed_on,
            note=f"{remedy.get_kind_display()}：{remedy.get_result_display()}",
            status_after=case.status,
        )
        return remedy

    return create_from_form(Remedy, form, by, create)


def acknowledge(
    case: DisclosureRequest, code: str, *, failed_as: str = "ack_mail_failed", by=None
) -> str:
    """Send the number and query code to the applicant's e-mail, if there is one (SMTP when a
    host is set, the console otherwise: core.mailing). '' when sent or no address; else why it
    failed, also put on the case's timeline (ack_mail_failed; resend_mail_failed when 重新发送
    sent it again, by that person) — never the query code."""
    from django.core.mail import EmailMessage

    if not case.email:
        return ""
    body = (
        f"{case.applicant_name}：\n本机关已于{case.received_on:%Y年%m月%d日}收到您的政府信息公开申请。\n"
        f"申请编号：{case.tracking_no}\n查询码：{code}\n请凭申请编号和查询码查询办理进度。"
    )
    subject = f"[{settings.AGENCY_NAME}] 政府信息公开申请已收到"
    if why := deliver(EmailMessage(subject, body, to=[case.email])):
        case.record_mail_failed(failed_as, why, by)
    return why
