"""Staff pages of the work ledger (工作台账)."""

import io

from django.contrib import messages
from django.core import signing
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
    ItemFormSet,
    LedgerFilterForm,
    PlanUploadForm,
    ProgressForm,
)
from gongkai.plans.importers import PlanImportError
from gongkai.plans.importers.base import ParsedPlan
from gongkai.plans.models import Assignment, Evidence, Plan, Task

PRESS = (Role.PRESS_OFFICE,)
IMPORT_SALT = "gongkai.plans.import"


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
    if assign_form is None and request.user.has_role(*PRESS):
        assign_form = AssignUnitsForm(initial=services.current_units(task))
    context = {
        "task": task,
        "assignments": task.assignments.select_related("unit"),
        "history": selectors.task_history(task),
        "mine": mine,
        "form": form if mine else None,
        "assign_form": assign_form,
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
        return _task_page(request, task, form=form, status=400)
    d = form.cleaned_data
    assignment.report_progress(
        by=request.user, text=d["text"], status=d["status"], links=d["links"], files=d["files"]
    )
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


@staff_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("progress__assignment"), pk=pk)
    _get_task_for_user(request, evidence.progress.assignment.task_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@role_required(*PRESS)
def plan_import(request):
    """Upload → preview every parsed task, correctable → save all in one transaction."""
    if request.method == "POST" and "token" in request.POST:
        return _import_confirm(request)
    form = PlanUploadForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        data, name, year = (
            form.cleaned_data["file"].read(),
            form.cleaned_data["file"].name,
            form.cleaned_data["year"],
        )
        existing = Plan.objects.filter(source_sha256=services.fingerprint(data)).first()
        if existing:
            messages.info(request, "该文件已经导入过，未作任何更改。")
            return redirect("plans:plan_detail", existing.pk)
        try:
            parsed = services.plan_parse(data=data, filename=name, year=year)
        except PlanImportError as error:
            form.add_error("file", str(error))
        else:
            return _import_preview(request, parsed, data=data, name=name, year=year)
    return render(request, "plans/import.html", {"form": form})


def _import_preview(request, parsed, *, data: bytes, name: str, year: int):
    """Every parsed task in a correctable form; the file's identity travels signed, not stored."""
    fields = {"sha": services.fingerprint(data), "name": name, "year": year, "title": parsed.title}
    token = signing.dumps(fields, salt=IMPORT_SALT)
    formset = ItemFormSet(
        initial=[ItemFormSet.form.initial_from(item) for item in parsed.items],
        form_kwargs={"year": year},
    )
    context = {"formset": formset, "token": token, "parsed": parsed}
    return render(request, "plans/import_preview.html", context)


def _import_confirm(request):
    try:
        source = signing.loads(request.POST["token"], salt=IMPORT_SALT, max_age=6 * 3600)
    except signing.BadSignature:
        messages.error(request, "预览已过期，请重新上传文件。")
        return redirect("plans:plan_import")
    formset = ItemFormSet(request.POST, form_kwargs={"year": source["year"]})
    if formset.is_valid():
        parsed = ParsedPlan(
            title=source["title"], year=source["year"], items=[f.to_item() for f in formset.forms]
        )
        try:
            plan = services.plan_create(
                by=request.user,
                parsed=parsed,
                source_name=source["name"],
                source_sha256=source["sha"],
            )
        except PlanImportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已导入{len(parsed.items)}项工作任务。")
            return redirect("plans:plan_detail", plan.pk)
    context = {"formset": formset, "token": request.POST["token"], "parsed": source}
    return render(request, "plans/import_preview.html", context, status=400)


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
