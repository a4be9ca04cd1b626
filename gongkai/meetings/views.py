"""Staff pages of the meetings: the list, drafting a notice, one meeting with its sign-ups,
timeline and steps."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.core import audit
from gongkai.core.access import role_required
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import ALREADY_SAVED
from gongkai.core.roles import Role
from gongkai.core.steps import moved_on, steps_offered, take_step
from gongkai.meetings import forms, selectors, services

STAFF = (Role.PRESS_OFFICE, Role.CLERK, Role.UNIT_HEAD, Role.LEADER)
DRAFTERS = (Role.PRESS_OFFICE, Role.CLERK, Role.UNIT_HEAD)


@role_required(*STAFF)
def meeting_list(request):
    found = selectors.visible_meetings(request.user).select_related("unit")
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "meetings/list.html", {"page": page})


@role_required(*DRAFTERS)
def meeting_create(request):
    """A draft notice for the user's own unit."""
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting, created = services.meeting_create_from(
            form, by=request.user, unit=request.user.unit
        )
        if created:
            flash.success(request, "已保存会议公告草稿。")
        else:
            flash.info(request, ALREADY_SAVED.format("该会议公告草稿"))
        return redirect("meetings:detail", meeting.pk)
    context = {"form": form, "title": "起草决策会议公告"}
    return render(request, "meetings/form.html", context)


@role_required(*DRAFTERS)
def meeting_edit(request, pk):
    meeting = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
    if not meeting.may(request.user, "edit"):
        if request.method == "POST" and moved_on(request, meeting, "edit"):  # a stale form
            return redirect("meetings:detail", pk)
        raise Http404
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        fresh = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
        try:
            fresh.edit(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            flash.success(request, "已保存。")
            return redirect("meetings:detail", pk)
    context = {"form": form, "title": f"修改：{meeting.title}", "meeting": meeting}
    return render(request, "meetings/form.html", context)


@role_required(*STAFF)
def meeting_detail(request, pk, *, bound=None):
    meeting = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
    steps = steps_offered(
        meeting,
        request.user,
        forms.STEP_FORMS,
        lambda verb: forms.STEP_FORMS[verb](meeting=meeting),
        bound,
    )
    signups = list(meeting.signups.order_by("receipt_no"))
    if signups:  # names and phones on the page: a read of personal data (查阅记录)
        audit.record_read(request.user, "meeting.read_signups", meeting)
    context = {
        "meeting": meeting,
        "signups": signups,
        "to_phone": meeting.to_phone().select_related("phoned_by", "cancel_phoned_by"),
        "may_phone": meeting.may(request.user, "record_phoned"),
        "may_phone_cancel": meeting.may(request.user, "record_cancel_phoned"),
        "opinions": meeting.opinions.select_related("speaker"),
        "events": meeting.events.select_related("actor"),
        "steps": steps,
        "may_edit": meeting.may(request.user, "edit"),
    }
    return render(request, "meetings/detail.html", context, status=400 if bound else 200)


@require_POST
@role_required(*STAFF)
def meeting_step(request, pk, verb):
    meeting = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
    if moved_on(request, meeting, verb):  # a form left open in another tab: show it as it is
        return redirect("meetings:detail", meeting.pk)
    form = take_step(request, meeting, verb, forms.STEP_FORMS, meeting=meeting)
    if form is None:
        return redirect("meetings:detail", meeting.pk)
    return meeting_detail(request, pk, bound=(verb, form))
