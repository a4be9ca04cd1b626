"""Citizens' pages: write without an account, follow the message by number and query code,
rate the reply, and read the published replies."""

from __future__ import annotations

import uuid

from django.contrib import messages as flash
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from gongkai.core.errors import DomainError
from gongkai.core.idempotent import content_key
from gongkai.core.lookup import CodeAccess
from gongkai.core.middleware import client_ip
from gongkai.mailbox import forms, selectors, services
from gongkai.mailbox.models import Message

SESSION_KEY = "gongkai_message_access"  # message numbers this browser has proved a code for
ACCESS = CodeAccess(SESSION_KEY, "tracking_no", "留言编号")


@never_cache
def write(request):
    """Submitting twice (double click, retry) sends the same key and gets the same message."""
    form = forms.MessageForm(request.POST or None, request.FILES or None)
    key = request.POST.get("idempotency_key") or uuid.uuid4().hex
    if request.method == "POST" and form.is_valid():
        bound_key = content_key(key[:64], form.cleaned_data)
        if not services.is_retry(bound_key) and not services.may_submit(client_ip(request)):
            form.add_error(None, "同一网络留言过于频繁，请一小时后再试，或拨打12345热线。")
        else:
            done = services.submit(
                form=form,
                files=form.cleaned_data["attachments"],
                idempotency_key=bound_key,
                ip=client_ip(request),
            )
            if done.repeated and not ACCESS.proven(request, done.message.tracking_no):
                # another browser: the number, never the first message's query code
                context = {"message": done.message}
                return render(request, "mailbox/public/repeated.html", context)
            ACCESS.remember(request, done.message.tracking_no)
            context = {"message": done.message, "code": done.query_code, "repeated": done.repeated}
            return render(request, "mailbox/public/submitted.html", context)
    return render(request, "mailbox/public/write.html", {"form": form, "key": key})


@never_cache
def lookup(request):
    """Number + query code → the status page. A wrong pair says only that it does not match."""
    form = forms.LookupForm(request.POST or None)
    message = ACCESS.look_up(request, form, Message.objects.all())
    if message is not None:
        return redirect("mailbox_public:status", message.tracking_no)
    return render(request, "mailbox/public/lookup.html", {"form": form})


@never_cache
def status(request, tracking_no):
    """The stage, the dates and the reply; the rating and, if unsatisfied, one reopening."""
    if not ACCESS.proven(request, tracking_no):
        return redirect("mailbox_public:lookup")
    message = get_object_or_404(Message, tracking_no=tracking_no)
    action = request.POST.get("action")
    if action == "withdraw_consent" and message.may(None, action):
        message.withdraw_consent(by=None)
        flash.success(request, "已撤回公开同意，本留言及答复不会公开；已公开的已撤下。")
        return redirect("mailbox_public:status", message.tracking_no)
    rate_form = forms.RateForm(request.POST if action == "rate" else None)
    reopen_form = forms.ReopenForm(request.POST if action == "reopen" else None)
    form = {"rate": rate_form, "reopen": reopen_form}.get(action)
    if form is not None and form.is_valid():
        try:
            getattr(message, action)(by=None, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            flash.success(
                request, "已提交，感谢您的评价。" if action == "rate" else "已提交，将重新办理。"
            )
            return redirect("mailbox_public:status", message.tracking_no)
    context = {
        "message": message,
        "rate_form": rate_form if message.may(None, "rate") else None,
        "reopen_form": reopen_form if message.may(None, "reopen") else None,
        "may_withdraw": message.may(None, "withdraw_consent"),
        "application_code": services.application_code(message),
    }
    return render(request, "mailbox/public/status.html", context)


def replies(request):
    """留言选登: published replies, newest first, searchable."""
    q = request.GET.get("q", "")[:100]
    page, rows = selectors.public_page(q, request.GET.get("page"))
    context = {"q": q, "rows": rows, "page": page, "total": page.paginator.count}
    return render(request, "mailbox/public/replies.html", context)


def reply_detail(request, pk):
    message = get_object_or_404(Message.objects.published().only(*selectors.PUBLIC_FIELDS), pk=pk)
    return render(request, "mailbox/public/reply.html", {"message": message})
