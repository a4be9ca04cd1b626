"""Citizens' pages: the meetings' notices, signing up without an account, following a sign-up
by number and query code, and the draw's result with everything needed to re-run it."""

from __future__ import annotations

import inspect
import uuid

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from gongkai.core.errors import DomainError
from gongkai.core.idempotent import content_key
from gongkai.core.lookup import CodeAccess
from gongkai.core.middleware import client_ip
from gongkai.lib import draw as draw_rule
from gongkai.meetings import forms, services
from gongkai.meetings.models import Meeting, SignUp

SESSION_KEY = "gongkai_signup_access"  # receipt numbers this browser has proved a code for
ACCESS = CodeAccess(SESSION_KEY, "receipt_no", "报名编号")


def _public_meeting(pk) -> Meeting:
    return get_object_or_404(Meeting.objects.public().select_related("unit"), pk=pk)


def meeting_list(request):
    meetings = Meeting.objects.public().select_related("unit")
    return render(request, "meetings/public/list.html", {"meetings": meetings})


def meeting_detail(request, pk):
    meeting = _public_meeting(pk)
    context = {
        "meeting": meeting,
        "state": meeting.signup_state(),
        "signup_count": meeting.signups.filter(invited=False).count(),
        "opinions": meeting.opinions.select_related("speaker")
        if meeting.summary_published_at
        else [],
        "decided": meeting.has_public_result,
    }
    return render(request, "meetings/public/detail.html", context)


@never_cache
def signup(request, pk):
    """Submitting twice (double click, retry) sends the same key and gets the same sign-up; the
    server refuses after the closing time whatever the page showed."""
    meeting = _public_meeting(pk)
    form = forms.SignUpForm(request.POST or None)
    key = request.POST.get("idempotency_key") or uuid.uuid4().hex
    if request.method == "POST" and form.is_valid():
        bound_key = content_key(f"meeting{meeting.pk}:{key[:64]}", form.cleaned_data)
        if not services.is_retry(bound_key) and not services.may_submit(client_ip(request)):
            form.add_error(None, "同一网络报名过于频繁，请一小时后再试。")
        else:
            try:
                done = services.signup_submit(
                    meeting=meeting, form=form, idempotency_key=bound_key, ip=client_ip(request)
                )
            except DomainError as error:  # at its field (phone, e-mail) when it names one
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                ACCESS.remember(request, done.signup.receipt_no)
                context = {"signup": done.signup, "code": done.query_code, "meeting": meeting}
                return render(request, "meetings/public/submitted.html", context)
    context = {"form": form, "key": key, "meeting": meeting, "state": meeting.signup_state()}
    return render(
        request, "meetings/public/signup.html", context, status=400 if form.errors else 200
    )


def _decided_meeting(pk) -> Meeting:
    """Its attendees were decided, even if it was cancelled afterwards (the draw stays public)."""
    return get_object_or_404(Meeting.objects.with_public_result(), pk=pk)


def result(request, pk):
    """确定列席人员的结果: every valid sign-up by receipt number with its rank, the seed, the
    list's SHA-256, and how to re-run the draw."""
    meeting = _decided_meeting(pk)
    rows = meeting.signups.filter(excluded_reason="").order_by("rank", "receipt_no")
    context = {"meeting": meeting, "rows": rows, "list_text": meeting.list_text()}
    return render(request, "meetings/public/result.html", context)


def list_text(request, pk):
    """The list the draw ran over, as the script reads it."""
    meeting = _decided_meeting(pk)
    response = HttpResponse(meeting.list_text(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.number}-list.txt"'
    return response


def draw_script(request):
    """The draw's own source, as it runs on the server: nothing but the standard library."""
    response = HttpResponse(
        inspect.getsource(draw_rule), content_type="text/x-python; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="draw.py"'
    return response


@never_cache
def lookup(request):
    form = forms.LookupForm(request.POST or None)
    found = ACCESS.look_up(request, form, SignUp.objects.filter(invited=False))
    if found is not None:
        return redirect("meetings_public:status", found.receipt_no)
    return render(request, "meetings/public/lookup.html", {"form": form})


@never_cache
def status(request, receipt_no):
    if not ACCESS.proven(request, receipt_no):
        return redirect("meetings_public:lookup")
    found = get_object_or_404(SignUp.objects.select_related("meeting"), receipt_no=receipt_no)
    context = {
        "signup": found,
        "meeting": found.meeting,
        "decided": found.meeting.has_public_result,
    }
    return render(request, "meetings/public/status.html", context)
