"""Citizens' pages: apply without an account, then follow the case by number and query code."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from gongkai.core.calendar import PROVISIONAL_BASIS
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import content_key
from gongkai.core.lookup import CodeAccess
from gongkai.core.middleware import client_ip
from gongkai.disclosure_requests import forms, letters, services
from gongkai.disclosure_requests.clock import deadline_for
from gongkai.disclosure_requests.models import CaseFile, CaseStatus, DisclosureRequest
from gongkai.lib.cndate import cn_date
from gongkai.publications.models import Document

SESSION_KEY = "gongkai_request_access"  # tracking numbers this browser has proved a code for
ACCESS = CodeAccess(SESSION_KEY, "tracking_no", "申请编号")


@never_cache
def apply(request):
    """Submitting twice (double click, retry) sends the same key and gets the same application."""
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    key = request.POST.get("idempotency_key") or uuid.uuid4().hex
    if request.method == "POST" and form.is_valid():
        bound_key = content_key(key[:64], form.cleaned_data)
        if not services.is_retry(bound_key) and not services.may_submit(client_ip(request)):
            form.add_error(None, "同一网络提交过于频繁，请稍后再试，或通过信函、当面等方式提交。")
        else:
            done = services.request_submit(
                form=form,
                files=form.cleaned_data["attachments"],
                idempotency_key=bound_key,
                ip=client_ip(request),
            )
            if done.repeated and not ACCESS.proven(request, done.case.tracking_no):
                # another browser: the number, never the first submission's query code
                return render(
                    request, "disclosure_requests/public/repeated.html", {"case": done.case}
                )
            ACCESS.remember(request, done.case.tracking_no)
            if done.created:
                services.acknowledge(done.case, done.query_code)
            context = {"case": done.case, "code": done.query_code, "repeated": done.repeated}
            return render(request, "disclosure_requests/public/submitted.html", context)
    return render(request, "disclosure_requests/public/apply.html", {"form": form, "key": key})


def _case_for_browser(request, tracking_no: str) -> DisclosureRequest | None:
    if not ACCESS.proven(request, tracking_no):
        return None
    return DisclosureRequest.objects.filter(tracking_no=tracking_no).first()


@never_cache
def lookup(request):
    """Number + query code → the status page. A wrong pair says only that it does not match."""
    form = forms.LookupForm(request.POST or None)
    case = ACCESS.look_up(request, form, DisclosureRequest.objects.all())
    if case is not None:
        return redirect("disclosure_requests_public:status", case.tracking_no)
    mine = DisclosureRequest.objects.filter(tracking_no__in=ACCESS.numbers(request))
    return render(request, "disclosure_requests/public/lookup.html", {"form": form, "mine": mine})


@never_cache
def status(request, tracking_no):
    """The stage, the due date and the outcome: nothing about anyone."""
    case = _case_for_browser(request, tracking_no)
    if case is None:
        return redirect(reverse("disclosure_requests_public:lookup"))
    posted = request.method == "POST"  # an empty POST too: bound, so it is answered, not dropped
    form = forms.SupplementForm(
        request.POST if posted else None, request.FILES if posted else None, case=case
    )
    if request.method == "POST" and case.status != CaseStatus.AWAITING_SUPPLEMENT:
        # A second tab, or a page left open after the 补正 was received: said at the form, with
        # what was typed kept there (probe 6 F3: it used to vanish without a word).
        form.is_valid()
        form.add_error(None, supplement_not_taken(case))
        page = _status_page(request, case, form)
        return render(request, "disclosure_requests/public/status.html", page, status=409)
    if request.method == "POST" and form.is_valid():
        try:
            case.receive_supplement(by=None, on=timezone.localdate(), **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "补正材料已提交，答复期限自今日起重新计算。")
            return redirect("disclosure_requests_public:status", case.tracking_no)
    page = _status_page(request, case, form)
    return render(request, "disclosure_requests/public/status.html", page)


def supplement_not_taken(case) -> str:
    """Why a 补正 sent now is not taken: 第三十条 asks for it once, and the reply period runs from
    the 补正 already received; further material goes to the office, not into the record unseen."""
    contact = (
        f"如需补充材料，请与{settings.AGENCY_NAME}政府信息公开工作机构联系"
        f"（电话{settings.OFFICE_PHONE}）"
    )
    if case.supplement_received_on:
        return (
            f"本申请的补正已于{cn_date(case.supplement_received_on)}提交，本次提交的内容未保存。"
            f"{contact}。您填写的内容保留在下方，可复制留存；所选文件需另行提供。"
        )
    return (
        f"本申请目前无需补正（办理阶段：{case.get_status_display()}），本次提交的内容未保存。"
        f"{contact}。"
    )


def _status_page(request, case, form) -> dict:
    """What the applicant may see of their case: stage, dates, the pause's reason, the 补正
    asked for, and what the reply provides (published documents only through the portal).
    A printed page also names where to look the case up again (probe 12 P1)."""
    reply = case.replies.order_by("-pk").first()
    today = timezone.localdate()
    pending_fee = case.pending_fee_notice()
    return {
        "case": case,
        "supplement_lapsed": case.supplement_lapsed(today),
        "office_phone": settings.OFFICE_PHONE,
        "deadline": deadline_for(case, today=today),
        "provisional_basis": PROVISIONAL_BASIS,  # what a 暂定 date leaves out, as letters say
        "supplement_items": case.events.filter(kind="request_supplement")
        .values_list("note", flat=True)
        .last(),
        "extension": case.extension_event(),
        "pending_fee": pending_fee,
        "fee": letters.fee_facts(pending_fee) if pending_fee else None,
        "provided": reply.attachments.all() if reply else [],
        "documents": reply.documents.filter(pk__in=Document.public.values("pk")) if reply else [],
        "form": form,
        "lookup_url": request.build_absolute_uri(reverse("disclosure_requests_public:lookup")),
    }


def letter(request, tracking_no, fmt, kind="reply"):
    case = _case_for_browser(request, tracking_no)
    if case is None:
        return redirect(reverse("disclosure_requests_public:lookup"))
    return letters.letter_response(case, fmt, kind)


def provided_file(request, tracking_no, attachment_pk):
    """The information the reply provides, for the applicant (number + code proven)."""
    case = _case_for_browser(request, tracking_no)
    if case is None:
        return redirect(reverse("disclosure_requests_public:lookup"))
    attachment = get_object_or_404(
        case.attachments, pk=attachment_pk, purpose=CaseFile.Purpose.PROVIDED
    )
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )
