"""The mailbox's figures: the public monthly statistics, the same table for staff, and the
signals page (flagged topics) with its two steps for the press office."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.access import role_required, staff_required
from gongkai.core.errors import DomainError
from gongkai.core.params import BadParameter, year_param
from gongkai.core.roles import Role
from gongkai.mailbox import statistics, trends

SIGNAL_READERS = (Role.PRESS_OFFICE, Role.LEADER)


def _figures(request) -> dict:
    year = year_param(request)
    return {
        "table": statistics.year_table(year),
        "checks": statistics.inspection_checks(timezone.localdate()),
        "year": year,
    }


def public_statistics(request):
    """留言办理统计 (no personal data: counts only)."""
    return render(request, "mailbox/statistics_public.html", _figures(request))


@staff_required
def staff_statistics(request):
    context = {**_figures(request), "perms_signals": request.user.has_role(*SIGNAL_READERS)}
    return render(request, "mailbox/statistics_staff.html", context)


def _week_param(request) -> dt.date | None:
    raw = request.GET.get("week") or request.POST.get("week") or ""
    if not raw:
        return None
    try:
        return trends.week_of(dt.date.fromisoformat(raw))
    except ValueError:
        raise BadParameter(f"日期“{raw}”不正确，请使用如 2022-09-05 的格式") from None


@role_required(*SIGNAL_READERS)
def signals(request):
    """集中反映的问题: flagged topics of recent weeks, each with its messages."""
    week = _week_param(request)
    spikes = trends.spikes_in(week) if week else trends.recent_spikes(timezone.localdate())
    for spike in spikes:
        spike.messages = list(trends.messages_of(spike.word, spike.week, viewer=request.user))
    context = {
        "spikes": trends.merge_alike(spikes),
        "week": week,
        "may_act": request.user.has_role(Role.PRESS_OFFICE),
        "rule": trends,
    }
    return render(request, "mailbox/signals.html", context)


def _topic(request) -> dict:
    return {
        "word": request.POST.get("word", "").strip(),
        "week": _week_param(request) or timezone.localdate(),
    }


@require_POST
@role_required(Role.PRESS_OFFICE)
def signal_note(request):
    """记入台账: a progress entry on seed item 8 for the press office's share."""
    try:
        progress = trends.note_in_ledger(
            by=request.user, text=request.POST.get("text", ""), **_topic(request)
        )
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("mailbox_reports:signals")
    messages.success(request, "已记入工作台账第8项任务的进展")
    return redirect("plans:task_detail", progress.assignment.task_id)


@require_POST
@role_required(Role.PRESS_OFFICE)
def signal_interpretation(request):
    """转为政策解读: a draft of the press office, to be completed and sent for review."""
    try:
        document = trends.draft_interpretation(by=request.user, **_topic(request))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("mailbox_reports:signals")
    messages.success(request, "已起草政策解读草稿：请完善内容后提交审核")
    return redirect("publications:document_detail", document.pk)
