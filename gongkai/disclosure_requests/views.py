"""Staff pages of 依申请公开: the list by days left, one case with its timeline and its steps."""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import audit
from gongkai.core.access import role_required
from gongkai.core.calendar import workday_calendar
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import ALREADY_SAVED
from gongkai.core.params import year_param
from gongkai.core.roles import Role
from gongkai.core.steps import moved_on, steps_offered, take_step
from gongkai.disclosure_requests import forms, letters, selectors, services
from gongkai.disclosure_requests.clock import deadline_for
from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest
from gongkai.reports.models import AnnualReport

STAFF = (Role.PRESS_OFFICE, Role.CLERK, Role.UNIT_HEAD)
OFFICE = (Role.PRESS_OFFICE,)


def _get_request_for_user(request, pk) -> DisclosureRequest:
    return get_object_or_404(selectors.visible_requests(request.user), pk=pk)


@role_required(*STAFF)
def request_list(request):
    cases = selectors.visible_requests(request.user).select_related("handling_unit").by_days_left()
    state = request.GET.get("state", "open")
    if state == "open":
        cases = cases.open()
    elif state == "overdue":
        cases = cases.open().filter(due_date__lt=timezone.localdate())
    elif state == "late":  # 超期答复: answered after the due date (a fact of the record)
        cases = cases.filter(replied_on__gt=F("due_date"))
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    _attach_days_left(page.object_list)
    return render(request, "disclosure_requests/list.html", {"page": page, "state": state})


def _attach_days_left(cases) -> None:
    """Working days left (and late) per row, from the stored dates: one calendar for the page."""
    today, calendar = timezone.localdate(), workday_calendar(provisional=True)
    for case in cases:
        case.days_late = case.workdays_late(calendar=calendar)
        case.days_left = case.workdays_left(today, calendar)


def _step_form(case, verb: str, today):
    """A blank step form: its required dates default to today (an optional one, such as the
    补正 period or a refund date, stays empty until it applies)."""
    form_class = forms.STEP_FORMS[verb]
    initial = {
        name: today
        for name, field in form_class.base_fields.items()
        if isinstance(field, django_forms.DateField)
        and field.required
        and name not in ("period_end", "due", "supplemented_on")
    }
    if "seen_unit" in form_class.base_fields:
        initial["seen_unit"] = case.seen_unit_token()
    form = form_class(initial=initial)
    if hasattr(form, "offer"):  # choices that depend on the case (重新发送)
        form.offer(case)
    return form


@role_required(*STAFF)
def request_detail(request, pk, *, bound=None, remedy_form=None):
    case = _get_request_for_user(request, pk)
    audit.record_read(request.user, "request.read", case)
    today = timezone.localdate()
    steps = steps_offered(
        case, request.user, forms.STEP_FORMS, lambda verb: _step_form(case, verb, today), bound
    )
    context = {
        "case": case,
        "deadline": deadline_for(case, today=today),
        "late_reply": case.late_reply(),
        "extension": case.extension_event(),
        "events": case.events.select_related("actor"),
        "steps": steps,
        "duplicates": services.possible_duplicates(case, user=request.user),
        "earlier": services.earlier_applications(case, user=request.user) if case.is_open else (),
        "fee_quote": case.fee_quote(pages=0) if case.status == CaseStatus.HANDLING else None,
        "remedy_form": remedy_form
        or (forms.RemedyForm() if request.user.has_role(*OFFICE) else None),
        "today": today,
        # 缴纳方式 on the 收费通知书: the body's own facts, set by the administrator
        "fee_payee": settings.FEE_PAYEE or settings.AGENCY_NAME,
        "fee_payment_method": settings.FEE_PAYMENT_METHOD,
        # whether the clock stops while a fee is unpaid: a reading of 109号 not yet verified
        "fee_period_excluded": settings.FEE_PERIOD_EXCLUDED,
    }
    status = 400 if bound or remedy_form else 200
    return render(request, "disclosure_requests/detail.html", context, status=status)


@require_POST
@role_required(*STAFF)
def request_step(request, pk, verb):
    case = _get_request_for_user(request, pk)
    if moved_on(request, case, verb):  # a form left open in another tab: show the case now
        return redirect("disclosure_requests:detail", case.pk)
    form = take_step(request, case, verb, forms.STEP_FORMS, files=request.FILES)
    if form is None:
        return redirect("disclosure_requests:detail", case.pk)
    return request_detail(request, pk, bound=(verb, form))


@require_POST
@role_required(*OFFICE)
def remedy_add(request, pk):
    case = _get_request_for_user(request, pk)
    form = forms.RemedyForm(request.POST, case=case)
    if not form.is_valid():  # shown again with what was typed and the wrong field marked
        return request_detail(request, pk, remedy_form=form)
    try:
        remedy, created = services.remedy_save(by=request.user, case=case, form=form)
    except DomainError as error:  # the same remedy is on record: shown at the form, nothing saved
        form.add_error(None, str(error))
        return request_detail(request, pk, remedy_form=form)
    if not created:
        messages.info(request, ALREADY_SAVED.format("该行政复议或行政诉讼"))
        return redirect("disclosure_requests:detail", case.pk)
    messages.success(request, "已登记。")
    if remedy.warning:  # recorded as the citizen acted, but the letter's notice rules it out
        messages.warning(request, f"请注意：{remedy.warning}。")
    return redirect("disclosure_requests:detail", case.pk)


@role_required(*OFFICE)
def request_register(request):
    form = forms.RegisterForm(
        request.POST or None, request.FILES or None, initial={"idempotency_key": uuid.uuid4().hex}
    )
    if request.method == "POST" and form.is_valid():
        done = services.request_register(
            by=request.user, form=form, files=form.cleaned_data["attachments"]
        )
        code = f"申请编号 {done.case.tracking_no}，查询码 {done.query_code}（请告知申请人）"
        if not done.created:  # the same form sent again: the first registration, shown
            at = timezone.localtime(done.case.submitted_at).strftime("%H:%M")
            messages.warning(request, f"该申请已于{at}登记，本次提交未重复登记。{code}。")
            return redirect("disclosure_requests:detail", done.case.pk)
        if services.acknowledge(done.case, done.query_code):
            messages.warning(request, "受理回执邮件未能发出，请以其他方式告知申请人。")
        messages.success(request, f"已登记，{code}。")
        if notice := AnnualReport.published_notice(done.case.received_on):
            messages.warning(request, notice)
        return redirect("disclosure_requests:detail", done.case.pk)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": "登记纸质、邮寄、传真或电子邮件申请"},
    )


@role_required(*STAFF)
def attachment_download(request, pk, attachment_pk):
    """申请材料 and 答复材料, for those who handle the case (scoped as the case is)."""
    case = _get_request_for_user(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    audit.record_read(request.user, "request.download", case, what=attachment.original_name)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@role_required(*STAFF)
def letter_download(request, pk, fmt, kind="reply"):
    case = _get_request_for_user(request, pk)
    response = letters.letter_response(case, fmt, kind)  # 404 before there is one: no entry
    audit.record_read(request.user, "request.download", case, what=response.filename)
    return response


@role_required(*OFFICE)
def statistics(request):
    year = year_param(request)
    stats = selectors.statistics(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return render(request, "disclosure_requests/statistics.html", {"stats": stats, "year": year})
