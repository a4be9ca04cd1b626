"""Staff pages of the work ledger (工作台账)."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.access import role_required, staff_required
from gongkai.core.errors import DomainError
from gongkai.core.roles import Role
from gongkai.plans import exports, related, selectors, services
from gongkai.plans.forms import (
    AssignUnitsForm,
    EvidenceKindsForm,
    LedgerFilterForm,
    ProgressForm,
)
from gongkai.plans.models import Assignment, Evidence, Plan, Task

PRESS = (Role.PRESS_OFFICE,)


@staff_required
def plan_list(request):
    plans = Plan.objects.all()
    if len(plans) == 1:
        return redirect("plans:plan_detail", plans[0].pk)
    return render(request, "plans/plan_list.html", {"plans": plans})


@staff_required
def plan_detail(request, pk):
    """The whole plan as the familiar table, filtered by unit, status and deadline."""
    plan = get_object_or_404(Plan, pk=pk)
    form = LedgerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    tasks = selectors.ledger_tasks(
        plan,
        request.user,
        today=today,
        unit=filters.get("unit"),
        status=filters.get("status", ""),
        due_month=filters.get("due_month"),
    )
    page = Paginator(tasks, 100).get_page(request.GET.get("page"))
    for task in page:
        task.shares = selectors.share_summary(task, request.user.unit_id)
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "today": today,
        "is_press": request.user.has_role(*PRESS),
        "completion": selectors.plan_completion(plan, request.user),
    }
    return render(request, "plans/plan_detail.html", context)


def _get_task_for_user(request, pk) -> Task:
    """404 unless the task is assigned to the user's unit (or the user sees all units)."""
    return get_object_or_404(
        selectors.visible_tasks(request.user).select_related("plan").distinct(), pk=pk
    )


def _task_page(request, task: Task, *, form=None, assign_form=None, status=200):
    mine = task.assignments.filter(unit_id=request.user.unit_id).first()
    if form is None and mine is not None:
        form = ProgressForm(initial={"status": mine.status})
        form.shows(mine)
    if assign_form is None and request.user.has_role(*PRESS):
        assign_form = AssignUnitsForm(initial=services.current_units(task))
    context = {
        "task": task,
        "assignments": task.assignments.select_related("unit"),
        "history": selectors.task_history(task),
        "mine": mine,
        "form": form if mine else None,
        "assign_form": assign_form,
        "kinds_form": EvidenceKindsForm(initial={"kinds": task.kinds_of_evidence()})
        if request.user.has_role(*PRESS)
        else None,
        "today": timezone.localdate(),
        "related": related.for_task(task),
    }
    return render(request, "plans/task_detail.html", context, status=status)


@staff_required
def task_detail(request, pk):
    return _task_page(request, _get_task_for_user(request, pk))


@require_POST
@role_required(Role.CLERK, Role.UNIT_HEAD, Role.PRESS_OFFICE)
def report_progress(request, pk):
    task = _get_task_for_user(request, pk)
    assignment = get_object_or_404(Assignment, task=task, unit_id=request.user.unit_id)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        if form.lacks_seen():  # the page shown again is read before it is sent again
            form.now_shows(assignment)
        return _task_page(request, task, form=form, status=400)
    try:  # text, status, links, files and seen: the verb's arguments
        assignment.report_progress(by=request.user, **form.cleaned_data)
    except ValidationError as refused:
        form.add_error(None, refused)
        form.now_shows(assignment)  # sent again from this page, it reports on what it shows
        return _task_page(request, task, form=form, status=400)
    messages.success(request, "进展已报送。")
    return redirect("plans:task_detail", task.pk)


@require_POST
@role_required(*PRESS)
def assign_units(request, pk):
    task = get_object_or_404(Task, pk=pk)
    form = AssignUnitsForm(request.POST)
    if not form.is_valid():
        return _task_page(request, task, assign_form=form, status=400)
    d = form.cleaned_data
    try:
        changes = services.task_assign_units(
            by=request.user,
            task=task,
            lead=list(d["lead"]),
            support=list(d["support"]),
            confirm_remove_reported=d["confirm_remove"],
        )
    except services.ConfirmationNeeded as error:
        form.ask_confirmation(str(error))
        return _task_page(request, task, assign_form=form, status=400)
    except DomainError as error:
        form.add_error(None, str(error))
        return _task_page(request, task, assign_form=form, status=400)
    messages.success(request, services.describe_changes(changes))
    return redirect("plans:task_detail", task.pk)


@require_POST
@role_required(*PRESS)
def task_evidence_kinds(request, pk):
    task = get_object_or_404(Task, pk=pk)
    form = EvidenceKindsForm(request.POST)
    if form.is_valid():
        services.task_set_evidence_kinds(
            by=request.user, task=task, kinds=form.cleaned_data["kinds"]
        )
        messages.success(request, "佐证类别已保存。")
    return redirect("plans:task_detail", task.pk)


@staff_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("progress__assignment"), pk=pk)
    _get_task_for_user(request, evidence.progress.assignment.task_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@role_required(*PRESS)
def plan_export(request, pk, quarter, fmt):
    """第三/四季度推进落实情况 for the city disclosure office, as .xlsx or .docx."""
    plan = get_object_or_404(Plan, pk=pk)
    if quarter not in (1, 2, 3, 4) or fmt not in ("xlsx", "docx"):
        return HttpResponse(status=404)
    build = exports.quarterly_report_xlsx if fmt == "xlsx" else exports.quarterly_report_docx
    name = f"{plan.year}年第{'一二三四'[quarter - 1]}季度政务公开推进落实情况.{fmt}"
    return FileResponse(io.BytesIO(build(plan, quarter)), as_attachment=True, filename=name)


@role_required(*PRESS)
def plan_archive(request, pk):
    """The year-end archive for the assessment: ledger, every evidence file, an index."""
    import tempfile

    plan = get_object_or_404(Plan, pk=pk)
    spool = tempfile.TemporaryFile()  # evidence can be large: never hold the zip in memory
    exports.write_year_archive(plan, spool)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{plan.year}年政务公开工作台账归档.zip"
    )
