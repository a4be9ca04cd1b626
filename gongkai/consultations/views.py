"""Staff pages of 意见征集: the unit drafts a consultation, registers comments that came by
post, gives every comment a disposition, and generates the feedback note."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages as flash
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.consultations import forms, selectors, services
from gongkai.consultations.models import Phase
from gongkai.core import audit
from gongkai.core.access import role_required
from gongkai.core.calendar import workday_calendar
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import ALREADY_SAVED
from gongkai.core.roles import Role

STAFF = (Role.PRESS_OFFICE, Role.CLERK, Role.UNIT_HEAD, Role.LEADER)
DRAFTERS = (Role.PRESS_OFFICE, Role.CLERK, Role.UNIT_HEAD)


def _consultation(request, pk):
    return get_object_or_404(selectors.visible_consultations(request.user), pk=pk)


@role_required(*STAFF)
def consultation_list(request):
    found = list(selectors.visible_consultations(request.user))
    calendar = workday_calendar(provisional=True)
    for consultation in found:
        consultation.clock = consultation.feedback_clock(calendar=calendar)
    return render(request, "consultations/list.html", {"consultations": found})


@role_required(*DRAFTERS)
def consultation_create(request):
    form = forms.ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation, created = services.create_from(form, by=request.user)
        except DomainError as error:
            form.add_error(error.field, str(error))
        else:
            if created:
                flash.success(request, "已起草。请核对征求意见公告后送审（一审、二审、三审）。")
            else:
                flash.info(request, ALREADY_SAVED.format("该意见征集"))
            return redirect("consultations:detail", consultation.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "起草意见征集"})


@role_required(*DRAFTERS)
def consultation_edit(request, pk):
    consultation = _consultation(request, pk)
    if not consultation.may_handle(request.user):
        return redirect("consultations:detail", pk)
    form = forms.ConsultationForm(request.POST or None, instance=consultation)
    form.fields.pop("category")
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.CONSULTATION_FIELDS}
        try:
            services.edit(consultation, by=request.user, **data)
        except DomainError as error:
            form.add_error(error.field, str(error))
        else:
            flash.success(request, "已保存，征求意见公告已随之更新。")
            return redirect("consultations:detail", pk)
    return render(request, "core/form_page.html", {"form": form, "title": "修改意见征集"})


@role_required(*STAFF)
def consultation_detail(request, pk, *, bound=None):
    consultation = _consultation(request, pk)
    handles = consultation.may_handle(request.user)
    phase = consultation.phase()
    comments = list(consultation.comments.select_related("article", "decided_by"))
    if any(c.name or c.contact for c in comments):  # commenters' names and contacts (查阅记录)
        audit.record_read(request.user, "consultation.read_comments", consultation)
    context = {
        "c": consultation,
        "phase": phase,
        "comments": comments,
        "register_form": (bound or {}).get("register")
        or (forms.RegisterCommentForm(consultation=consultation) if handles else None),
        "decide_form": (bound or {}).get("decide")
        or (
            forms.DecideForm(consultation=consultation)
            if handles and phase == Phase.CLOSED
            else None
        ),
        "handles": handles,
        "clock": consultation.feedback_clock(),
        "feedback_workdays": settings.CONSULTATION_FEEDBACK_WORKDAYS,
    }
    return render(request, "consultations/detail.html", context, status=400 if bound else 200)


def _attempt(request, pk, name, form, act):
    """Run `act()` for a valid form; on a refusal, show the page again with the reason."""
    if form.is_valid():
        try:
            act()
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return redirect("consultations:detail", pk)
    return consultation_detail(request, pk, bound={name: form})


@require_POST
@role_required(*DRAFTERS)
def comment_register(request, pk):
    consultation = _consultation(request, pk)
    form = forms.RegisterCommentForm(request.POST, consultation=consultation)

    def act():
        consultation.register_comment(by=request.user, comment=form.save(commit=False))
        flash.success(request, "已登记。")

    return _attempt(request, pk, "register", form, act)


@require_POST
@role_required(*DRAFTERS)
def decide(request, pk):
    consultation = _consultation(request, pk)
    form = forms.DecideForm(request.POST, consultation=consultation)

    def act():
        consultation.decide(by=request.user, **form.cleaned_data)
        flash.success(request, "已保存处理结果。")

    return _attempt(request, pk, "decide", form, act)


@require_POST
@role_required(*DRAFTERS)
def draft_feedback(request, pk):
    consultation = _consultation(request, pk)
    try:
        document = consultation.draft_feedback(by=request.user)
    except DomainError as error:
        flash.error(request, str(error))
        return redirect("consultations:detail", pk)
    flash.success(request, "已生成意见采纳情况反馈草稿，请修改后送审。")
    return redirect(document.get_staff_url())
