"""Staff pages of 政策问答: the library (list, write, approve), bulk import, the questions that
got no answer, and the same search the portal uses, for 12345 hotline and hall staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.answers import forms, services
from gongkai.answers.models import (
    TRANSITIONS,
    AskedQuestion,
    Entry,
    EntryStatus,
    Passage,
    PassageKind,
    PassageStatus,
)
from gongkai.answers.views_common import answer_text, refusal_text
from gongkai.core.access import role_required, staff_required
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import ALREADY_SAVED
from gongkai.core.roles import Role
from gongkai.core.steps import moved_on

WRITERS = (Role.CLERK, Role.UNIT_HEAD)


def _entries_for(user):
    entries = Entry.objects.select_related("unit")
    return entries if user.sees_all_units else entries.filter(unit_id=user.unit_id)


def _get_entry_for_user(request, pk) -> Entry:
    return get_object_or_404(_entries_for(request.user), pk=pk)


@staff_required
def entry_list(request):
    """问答库: this unit's entries (every unit's for bureau-wide roles), by status."""
    status = request.GET.get("status", "")
    entries = _entries_for(request.user)
    if status in EntryStatus.values:
        entries = entries.filter(status=status)
    page = Paginator(entries, 30).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": EntryStatus.choices}
    return render(request, "answers/staff/entry_list.html", context)


@role_required(*WRITERS)
def entry_create(request):
    """新建问答条目, from a question citizens asked when ?from=<id> is given."""
    asked = None
    if request.GET.get("from", "").isdigit():
        asked = services.unanswered().filter(pk=request.GET["from"]).first()
    initial = {"question": asked.text} if asked else {}
    form = forms.EntryForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry, created = services.entry_create(form=form, by=request.user, question=asked)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if created:
                messages.success(request, "问答条目已保存为草稿，请提交处室负责人审核。")
            else:
                messages.info(request, ALREADY_SAVED.format("该问答条目"))
            return redirect("answers:entry_detail", entry.pk)
    return render(request, "answers/staff/entry_form.html", {"form": form, "asked": asked})


@staff_required
def entry_edit(request, pk):
    entry = _get_entry_for_user(request, pk)
    if not entry.may_edit(request.user):
        if request.method == "POST" and moved_on(request, entry, "edit"):  # a stale form
            return redirect("answers:entry_detail", entry.pk)
        raise Http404
    form = forms.EntryForm(request.POST or None, request.FILES or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_save(
                entry=form.instance,
                sources=form.sources(),
                by=request.user,
                seen=form.cleaned_data["seen"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return redirect("answers:entry_detail", entry.pk)
    return render(request, "answers/staff/entry_form.html", {"form": form, "entry": entry})


@staff_required
def entry_detail(request, pk):
    entry = _get_entry_for_user(request, pk)
    review_form = forms.ReviewForm(auto_id=False)  # one hidden `seen` in each step's form
    review_form.shows(entry)  # what a review step is taken on (ShownState)
    context = {
        "entry": entry,
        "sources": entry.sources.select_related("document"),
        "actions": [(verb, TRANSITIONS[verb].label) for verb in entry.actions_for(request.user)],
        "may_edit": entry.may_edit(request.user),
        "form": forms.ActForm(),
        "review_form": review_form,
    }
    return render(request, "answers/staff/entry_detail.html", context)


@require_POST
@staff_required
def entry_act(request, pk, verb):
    """One view for every verb of the workflow: submit, approve, return, withdraw, redraft."""
    entry = _get_entry_for_user(request, pk)
    if verb not in TRANSITIONS or verb == "source_ended":
        raise Http404
    if moved_on(request, entry, verb):  # a form left open in another tab: show it as it is
        return redirect("answers:entry_detail", entry.pk)
    comment, seen = request.POST.get("comment", ""), None
    if verb in entry.SEEN_STEPS:  # a review step carries the wording its page showed
        review = forms.ReviewForm(request.POST)
        if not review.is_valid():
            messages.error(request, review.non_field_errors()[0])
            return redirect("answers:entry_detail", entry.pk)
        seen = review.cleaned_data["seen"]
    kwargs = {"submit": {}, "redraft": {}, "approve": {"comment": comment, "seen": seen}}
    kwargs.update({"return": {"comment": comment, "seen": seen}, "withdraw": {"reason": comment}})
    method = getattr(entry, "return_" if verb == "return" else verb)
    try:
        method(by=request.user, **kwargs[verb])
        messages.success(request, f"已{TRANSITIONS[verb].label}。")
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("answers:entry_detail", entry.pk)


@role_required(Role.PRESS_OFFICE)
def import_jsonl(request):
    """批量导入: all or nothing; every bad line is named, in Chinese."""
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.import_jsonl(form.cleaned_data["file"].read(), by=request.user)
        except services.ImportErrors as error:
            errors = error.errors
        else:
            already = (
                f"另有{result.entries_already}个问答条目此前已导入，未重复导入。"
                if result.entries_already
                else ""
            )
            messages.success(
                request,
                f"已导入{result.entries}个问答条目（草稿）和{result.passages}个段落"
                f"（待处室负责人审核，审核通过后才用于答复）。{already}",
            )
            return redirect("answers:entry_list")
    return render(request, "answers/staff/import.html", {"form": form, "errors": errors})


def _passages_for(user):
    """Imported passages: the unit's own (every unit's, and the operator's, for bureau-wide
    roles). A document's or an entry's passages are managed through what they come from."""
    passages = Passage.objects.filter(kind=PassageKind.IMPORTED).select_related("unit")
    return passages if user.sees_all_units else passages.filter(unit_id=user.unit_id)


@staff_required
def passage_list(request):
    """导入段落: what staff imported, by status; a head approves or withdraws from here."""
    status = request.GET.get("status", "")
    passages = _passages_for(request.user).order_by("-id")
    if status in PassageStatus.values:
        passages = passages.filter(status=status)
    page = Paginator(passages, 30).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": PassageStatus.choices}
    return render(request, "answers/staff/passage_list.html", context)


@staff_required
def passage_detail(request, pk):
    passage = get_object_or_404(_passages_for(request.user), pk=pk)
    context = {
        "passage": passage,
        "may_approve": passage.may_approve(request.user),
        "may_withdraw": passage.may_withdraw(request.user),
        "asked": [q for q in passage.asked.splitlines() if q.strip()],
    }
    return render(request, "answers/staff/passage_detail.html", context)


@require_POST
@staff_required
def passage_act(request, pk, verb):
    """审核通过 or 撤下 one imported passage."""
    passage = get_object_or_404(_passages_for(request.user), pk=pk)
    if verb not in ("approve", "withdraw"):
        raise Http404
    comment = request.POST.get("comment", "")
    try:
        if verb == "approve":
            passage.approve(by=request.user, comment=comment)
            messages.success(request, "已审核通过，该段落现在用于答复群众。")
        else:
            passage.withdraw(by=request.user, reason=comment)
            messages.success(request, "已撤下，该段落不再用于答复。")
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("answers:passage_detail", passage.pk)


@staff_required
def unanswered(request):
    """群众提问中未能答复的问题，最新的在前：据此新建条目，问答库就从群众的提问中长出来。"""
    page = Paginator(services.unanswered(), 50).get_page(request.GET.get("page"))
    answered = AskedQuestion.objects.count() - services.unanswered().count()
    return render(request, "answers/staff/unanswered.html", {"page": page, "answered": answered})


@staff_required
def search(request):
    """12345热线和办事大厅的同一检索：答复、依据和其他候选，不记录提问。"""
    form = forms.SearchForm(request.GET or None)
    answer = None
    if form.is_valid() and form.cleaned_data["q"]:
        answer = services.question_ask(text=form.cleaned_data["q"], log=False)
    context = {
        "form": form,
        "answer": answer,
        "text": answer and answer_text(answer),
        "refusal": answer and refusal_text(answer),
    }
    return render(request, "answers/staff/search.html", context)
