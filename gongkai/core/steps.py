"""A procedure's steps on its staff page (applications, messages, meetings): the forms the user
is offered now, and the POST that takes one — the form named for the verb, then the verb, which
checks state, actor and the rule and says why it refuses."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages as flash
from django.http import Http404

from gongkai.core.errors import DomainError


def steps_offered(record, user, step_forms: dict, blank_form: Callable, bound=None) -> list[tuple]:
    """(verb, label, form) for each verb with a form that `user` may take now; `bound`, the
    (verb, form) just refused, is shown again with its errors."""
    return [
        (
            verb,
            record.TRANSITIONS[verb].label,
            bound[1] if bound and bound[0] == verb else blank_form(verb),
        )
        for verb in record.actions_for(user)
        if verb in step_forms
    ]


def moved_on(request, record, verb: str) -> bool:
    """A step sent from a page left open after the record moved on (another tab, a colleague,
    the office): True, with the reason queued as a warning and nothing taken; the view then
    shows the record as it is now (Workflow.moved_on_message)."""
    reason = record.moved_on_message(request.user, verb, request.POST)
    if reason:
        flash.warning(request, reason)
    return bool(reason)


def take_step(request, record, verb: str, step_forms: dict, **form_kwargs):
    """Take the step: None when it was taken (a success message is queued) or its twin took it
    (said so), else the form with what is wrong. A verb without a form or not open to this
    user is a 404."""
    if verb not in step_forms or not record.may(request.user, verb):
        raise Http404
    form = step_forms[verb](request.POST, **form_kwargs)
    if form.is_valid():
        try:
            getattr(record, verb)(by=request.user, **form.cleaned_data)
        except DomainError as error:
            # Its twin, sent at the same moment, took the step first: say it is done.
            record.refresh_from_db()
            if done := record.done_already(verb):
                flash.warning(request, done)
                return None
            # else at the field it concerns, if the form has it
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            flash.success(request, f"已{record.TRANSITIONS[verb].label}。")
            return None
    return form
