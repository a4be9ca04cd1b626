"""Staff pages of the mailbox: the list by due date, one message with its timeline and steps."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import audit
from gongkai.core.access import role_required
from gongkai.core.roles import Role
from gongkai.core.steps import moved_on, steps_offered, take_step
from gongkai.mailbox import forms, selectors, services
from gongkai.mailbox.masking import suggested_copy
from gongkai.mailbox.models import OPEN, Message, MessageStatus

STAFF = (Role.PRESS_OFFICE, Role.CLERK, Role.UNIT_HEAD, Role.LEADER)
OFFICE = (Role.PRESS_OFFICE,)
STATES = {
    "open": {"status__in": OPEN},
    "received": {"status": MessageStatus.RECEIVED},
    "overdue": {"status__in": OPEN, "due_date__lt": None},  # the date is filled in per request
    "replied": {"status": MessageStatus.REPLIED},
    "all": {},
}


@role_required(*STAFF)
def message_list(request):
    state = request.GET.get("state", "open")
    filters = dict(STATES.get(state, STATES["open"]))
    if "due_date__lt" in filters:
        filters["due_date__lt"] = timezone.localdate()
    found = (
        selectors.visible_messages(request.user).filter(**filters).select_related("handling_unit")
    )
    found = found.order_by("due_date", "submitted_at") if state != "all" else found
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "q": request.GET.get("q", ""),
        "today": timezone.localdate(),
    }
    return render(request, "mailbox/list.html", context)


def _step_form(message, verb: str):
    """A blank step form: the publish form starts from the masked copy, a returned draft from
    the draft."""
    initial = {"publish": suggested_copy, "draft": lambda m: {"text": m.draft_text}}.get(verb)
    return forms.STEP_FORMS[verb](initial=initial(message) if initial else None, message=message)


@role_required(*STAFF)
def message_detail(request, pk, *, bound=None):
    message = get_object_or_404(selectors.visible_messages(request.user), pk=pk)
    audit.record_read(request.user, "message.read", message)
    steps = steps_offered(
        message, request.user, forms.STEP_FORMS, lambda verb: _step_form(message, verb), bound
    )
    context = {
        "message": message,
        "events": message.events.select_related("actor"),
        "steps": steps,
        "today": timezone.localdate(),
        "application_code": services.application_code(message),
        "duplicates": selectors.possible_duplicates(message, user=request.user)
        if message.may(request.user, "merge")
        else [],
        "named_units": selectors.units_named_in(message)
        if message.may(request.user, "assign")
        else [],
    }
    return render(request, "mailbox/detail.html", context, status=400 if bound else 200)


def _get_message_for_step(request, pk) -> Message:
    """A message the user sees, or one the office has since moved from the user's unit to
    another: a step on that is refused with why (Message.moved_on_message), never taken."""
    found = selectors.visible_messages(request.user).filter(pk=pk).first()
    if found is None:
        found = get_object_or_404(Message, pk=pk)
        if not found.was_with_unit(request.user.unit_id):
            raise Http404
    return found


@require_POST
@role_required(*STAFF)
def message_step(request, pk, verb):
    message = _get_message_for_step(request, pk)
    if moved_on(request, message, verb):  # a form left open: say so, show what there is now
        seen = selectors.visible_messages(request.user).filter(pk=pk).exists()
        return redirect("mailbox:detail", pk) if seen else redirect("mailbox:list")
    form = take_step(request, message, verb, forms.STEP_FORMS, message=message)
    if form is None:
        return redirect("mailbox:detail", message.pk)
    return message_detail(request, pk, bound=(verb, form))


@role_required(*OFFICE)
def hotline_register(request):
    form = forms.HotlineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.register_hotline(by=request.user, form=form)
        except ValidationError as refused:  # registered meanwhile, by another click
            form.add_error(None, refused)
        else:
            flash.success(request, f"已登记12345工单，留言编号 {done.message.tracking_no}。")
            return redirect("mailbox:detail", done.message.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "登记12345热线工单"})


@role_required(*STAFF)
def attachment_download(request, pk, attachment_pk):
    message = get_object_or_404(selectors.visible_messages(request.user), pk=pk)
    attachment = get_object_or_404(message.attachments, pk=attachment_pk)
    audit.record_read(request.user, "message.download", message, what=attachment.original_name)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )
