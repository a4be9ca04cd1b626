"""Staff pages of 依申请公开: the list by days left, one case with its timeline and its steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.access import role_required
from gongkai.core.calendar import workday_calendar
from gongkai.core.params import year_param
from gongkai.core.roles import Role
from gongkai.disclosure_requests import forms, letters, selectors, services
from gongkai.disclosure_requests.clock import deadline_for
from gongkai.disclosure_requests.models import TRANSITIONS, DisclosureRequest, RequestError, Status
from gongkai.lib.workdays import UnknownHolidayYear

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
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    _attach_days_left(page.object_list)
    return render(request, "disclosure_requests/list.html", {"page": page, "state": state})


def _attach_days_left(cases) -> None:
    """Working days left per row, from the stored due date: one calendar read for the page."""
    today, calendar = timezone.localdate(), workday_calendar()
    for case in cases:
        case.days_left = None
        if case.due_date and case.is_open:
            try:
                if case.due_date >= today:
                    case.days_left = calendar.workdays_between(today, case.due_date)
                else:
                    case.days_left = -calendar.workdays_between(case.due_date, today)
            except UnknownHolidayYear:
                pass


@dataclass
class Step:
    """One procedure step offered on the case page: its form and the model verb it calls."""

    verb: str
    label: str
    form: type
    roles: tuple
    call: object  # (case, user, cleaned_data) -> None


STEPS = {
    s.verb: s
    for s in [
        Step("accept", "受理审查", forms.DateNoteForm, OFFICE, lambda c, u, d: c.accept(by=u, note=d["text"], on=d["on"])),
        Step("request_supplement", "告知补正", forms.DateNoteForm, OFFICE,
             lambda c, u, d: c.request_supplement(by=u, items=d["text"], on=d["on"])),
        Step("receive_supplement", "收到补正", forms.DateNoteForm, OFFICE,
             lambda c, u, d: c.receive_supplement(by=u, text=d["text"], on=d["on"])),
        Step("assign", "交办承办单位", forms.AssignForm, OFFICE, lambda c, u, d: c.assign(by=u, unit=d["unit"], note=d["note"])),
        Step("start_consultation", "征求意见", forms.ConsultationForm, OFFICE,
             lambda c, u, d: c.start_consultation(by=u, kind=d["kind"], party=d["party"], sent_on=d["sent_on"])),
        Step("end_consultation", "收到意见", forms.DateNoteForm, OFFICE,
             lambda c, u, d: c.end_consultation(by=u, answered_on=d["on"], result=d["text"])),
        # 第三十三条: an extension needs the approval of the head of the disclosure office.
        Step("extend", "延期答复", forms.ExtensionForm, (Role.UNIT_HEAD,),
             lambda c, u, d: c.extend(by=u, workdays=d["workdays"], reason=d["reason"], notified_on=d["notified_on"])),
        Step("send_fee_notice", "发出收费通知", forms.FeeForm, OFFICE, lambda c, u, d: _send_fee_notice(c, u, d)),
        Step("record_payment", "确认缴费", forms.DateNoteForm, OFFICE, lambda c, u, d: c.record_payment(by=u, paid_on=d["on"])),
        Step("waive_fee", "免收费用", forms.DateNoteForm, OFFICE, lambda c, u, d: c.waive_fee(by=u, reason=d["text"], on=d["on"])),
        Step("reply", "作出答复", forms.ReplyForm, OFFICE,
             lambda c, u, d: c.reply(by=u, outcome=d["outcome"], text=d["text"], on=d["on"],
                                     withheld_reason=d["withheld_reason"], referral=d["referral"])),
        Step("serve", "送达", forms.ServeForm, OFFICE, lambda c, u, d: c.serve(by=u, method=d["method"], on=d["on"])),
        Step("archive", "归档", forms.DateNoteForm, OFFICE, lambda c, u, d: c.archive(by=u, on=d["on"])),
        Step("note", "添加备注", forms.DateNoteForm, STAFF, lambda c, u, d: c.add_note(by=u, text=d["text"])),
    ]
}  # fmt: skip


def _send_fee_notice(case, user, data):
    quote_ = services.fee_quote(case, pages=data["pages"])
    amount = quote_.per_piece if data["method"] == "per_piece" else quote_.per_volume
    case.send_fee_notice(by=user, method=data["method"], amount=amount, pieces=case.pieces, pages=data["pages"],
                         sent_on=data["sent_on"])  # fmt: skip


def _available_steps(case, user):
    steps = []
    for step in STEPS.values():
        allowed = step.verb == "note" or case.status in TRANSITIONS.get(step.verb, ())
        if allowed and user.has_role(*step.roles):
            steps.append(step)
    return steps


@role_required(*STAFF)
def request_detail(request, pk, *, bound=None):
    case = _get_request_for_user(request, pk)
    today = timezone.localdate()
    steps = [(s, bound[1] if bound and bound[0] == s.verb else s.form(initial={"on": today, "sent_on": today,
              "notified_on": today})) for s in _available_steps(case, request.user)]  # fmt: skip
    context = {
        "case": case,
        "deadline": deadline_for(case, today=today),
        "events": case.events.select_related("actor"),
        "steps": steps,
        "duplicates": services.possible_duplicates(case),
        "fee_quote": services.fee_quote(case, pages=0) if case.status == Status.HANDLING else None,
        "remedy_form": forms.RemedyForm() if request.user.has_role(*OFFICE) else None,
        "today": today,
    }
    return render(request, "disclosure_requests/detail.html", context, status=400 if bound else 200)


@require_POST
@role_required(*STAFF)
def request_step(request, pk, verb):
    case = _get_request_for_user(request, pk)
    step = STEPS.get(verb)
    if step is None or step not in _available_steps(case, request.user):
        raise Http404
    form = step.form(request.POST)
    if form.is_valid():
        try:
            step.call(case, request.user, form.cleaned_data)
        except RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已{step.label}。")
            return redirect("disclosure_requests:detail", case.pk)
    return request_detail(request, pk, bound=(verb, form))


@require_POST
@role_required(*OFFICE)
def remedy_add(request, pk):
    case = _get_request_for_user(request, pk)
    form = forms.RemedyForm(request.POST)
    if form.is_valid():
        services.remedy_save(by=request.user, case=case, form=form)
        messages.success(request, "已登记。")
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("disclosure_requests:detail", case.pk)


@role_required(*OFFICE)
def request_register(request):
    form = forms.RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = services.request_register(
            by=request.user, form=form, files=form.cleaned_data["attachments"]
        )
        messages.success(
            request,
            f"已登记，申请编号 {done.request.tracking_no}，查询码 {done.query_code}（请告知申请人）。",
        )
        return redirect("disclosure_requests:detail", done.request.pk)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": "登记纸质、邮寄、传真或电子邮件申请"},
    )


@role_required(*STAFF)
def letter_download(request, pk, fmt):
    case = _get_request_for_user(request, pk)
    return letters.letter_response(case, fmt)


@role_required(*OFFICE)
def statistics(request):
    year = year_param(request)
    stats = selectors.statistics(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return render(request, "disclosure_requests/statistics.html", {"stats": stats, "year": year})
