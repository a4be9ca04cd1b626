"""The plan import pages: upload → (map the columns, when unclear) → preview every task and
map unknown unit names → (correct the task boundaries: 应用修改并重新核对, as often as needed,
nothing saved) → save all of it in one transaction, or nothing.

The uploaded file waits in the cache (services.stash_upload) while the user maps columns; the
pages pass a signed token with its fingerprint, name, year and what was mapped so far."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.access import role_required
from gongkai.core.errors import DomainError
from gongkai.core.roles import Role
from gongkai.plans import services
from gongkai.plans.forms import (
    ColumnMappingForm,
    DuplicatePlanForm,
    ItemFormSet,
    PlanTitleForm,
    PlanUploadForm,
    UnitMappingForm,
)
from gongkai.plans.importers import PlanColumnsUnclear, PlanImportError
from gongkai.plans.importers.base import ParsedPlan
from gongkai.plans.importers.headers import ROLE_LABELS
from gongkai.plans.models import HeaderSynonym, Plan
from gongkai.plans.preview_edits import apply_edits, numbered_by_reader

IMPORT_SALT = "gongkai.plans.import"
EXPIRED = "预览已过期，请重新上传文件。"


@role_required(Role.PRESS_OFFICE)
def plan_import(request):
    """Upload a plan; the later steps post back here with the token."""
    if request.method == "POST" and "token" in request.POST:
        if request.POST.get("step") == "columns":
            return _columns_posted(request)
        return _apply(request) if "apply" in request.POST else _confirm(request)
    form = PlanUploadForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        upload, year = form.cleaned_data["file"], form.cleaned_data["year"]
        data = upload.read()
        existing = Plan.objects.filter(source_sha256=services.fingerprint(data)).first()
        if existing:
            messages.info(request, "该文件已经导入过，未作任何更改。")
            return redirect("plans:plan_detail", existing.pk)
        source = {"sha": services.stash_upload(data), "name": upload.name, "year": year}
        return _parse(request, source, data, form=form)
    return _upload_page(request, form)


def _upload_page(request, form, status=200):
    context = {"form": form, "synonyms": HeaderSynonym.objects.select_related("created_by")}
    context["roles"] = list(ROLE_LABELS.items())
    return render(request, "plans/import.html", context, status=status)


@require_POST
@role_required(Role.PRESS_OFFICE)
def header_synonym_change(request, pk):
    """改正 or 删除 one column header the plan import learned (probe 8 P4)."""
    role = None if "delete" in request.POST else request.POST.get("role", "")
    try:
        synonym = services.header_synonym_change(by=request.user, synonym_id=pk, role=role)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"已改正：表头“{synonym.word}”读作“{ROLE_LABELS[synonym.role]}”。"
            if synonym
            else "已删除该表头写法；下次导入遇到它时会再次询问。",
        )
    return redirect(f"{reverse('plans:plan_import')}#learned-headers")


def _parse(request, source: dict, data: bytes, *, columns=None, form=None):
    """Parse the file; ask for the columns when they are unclear, else show the preview."""
    try:
        parsed = services.plan_parse(
            data=data, filename=source["name"], year=source["year"], columns=columns
        )
    except PlanColumnsUnclear as unclear:
        return _ask_columns(request, source, unclear.columns, error=str(unclear))
    except PlanImportError as error:
        if form is None:
            messages.error(request, str(error))
            return redirect("plans:plan_import")
        form.add_error("file", str(error))
        return _upload_page(request, form)
    if parsed.columns_unclear and columns is None:
        return _ask_columns(request, source, parsed.columns)
    return _preview(request, source, parsed)


def _ask_columns(request, source: dict, columns: list[dict], *, form=None, error="", status=200):
    token = signing.dumps({**source, "columns": columns}, salt=IMPORT_SALT)
    context = {"form": form or ColumnMappingForm(columns=columns), "token": token, "error": error}
    return render(request, "plans/import_columns.html", context, status=status)


def _source(request) -> dict | None:
    try:
        return signing.loads(request.POST["token"], salt=IMPORT_SALT, max_age=6 * 3600)
    except signing.BadSignature:
        return None


def _columns_posted(request):
    source = _source(request)
    data = services.stashed_upload(source["sha"]) if source else None
    if data is None:
        messages.error(request, EXPIRED)
        return redirect("plans:plan_import")
    form = ColumnMappingForm(request.POST, columns=source["columns"])
    if not form.is_valid():
        return _ask_columns(request, source, source["columns"], form=form, status=400)
    source = {**source, "mapped": form.roles(), "header_words": form.header_words()}
    return _parse(request, source, data, columns=form.roles())


def _preview(request, source: dict, parsed: ParsedPlan):
    """Every parsed task in a correctable form, and a select for each unknown unit name."""
    unknown = services.unknown_unit_names(parsed)
    learned = [
        {"name": a.name, "unit": a.unit.name, "by": str(a.created_by or "系统"), "pk": a.pk}
        for a in services.learned_names_used(parsed)
    ]
    fields = {
        **source,
        "title": parsed.title,
        "unknown": unknown,
        "columns": parsed.columns,
        "learned_used": learned,
        "warnings": parsed.warnings,
    }
    numbered = numbered_by_reader(parsed)
    formset = ItemFormSet(
        initial=[ItemFormSet.form.initial_from(item, numbered) for item in parsed.items],
        form_kwargs={"year": source["year"]},
    )
    title_form = PlanTitleForm.proposing(parsed.title, source["year"])
    token = signing.dumps(fields, salt=IMPORT_SALT)
    return _preview_page(request, token, fields, formset, title_form=title_form)


def _duplicate_form(
    source: dict, formset, title_form, data=None, initial=None
) -> DuplicatePlanForm | None:
    """The choice to make when the year already has a plan like the one shown (probe 8 P1),
    judged on the title and task texts as they stand on the page."""
    similar = services.similar_plans(
        source["year"],
        title_form["title"].value() or services.default_title(source["year"]),
        [form["requirement"].value() or "" for form in formset.forms],
    )
    return DuplicatePlanForm(data, initial=initial, similar=similar) if similar else None


def _preview_page(
    request,
    token,
    source,
    formset,
    *,
    units_form=None,
    title_form=None,
    duplicate_form=None,
    status=200,
):
    if duplicate_form is None and title_form is not None:
        duplicate_form = _duplicate_form(source, formset, title_form)
    context = {
        "formset": formset,
        "token": token,
        "warnings": source.get("warnings", []),
        "source_text": services.source_text(source["sha"]),
        "to_check": _to_check(formset),
        "title_form": title_form,
        "duplicate_form": duplicate_form,
        "units_form": units_form or UnitMappingForm(names=source.get("unknown", [])),
        "learned_used": source.get("learned_used", []),
        "columns_form": ColumnMappingForm(columns=source.get("columns", [])),
    }
    return render(request, "plans/import_preview.html", context, status=status)


def _to_check(formset) -> list[dict]:
    """The items a clerk on a deadline goes to first (待核实): flagged by the reader, or
    refused by the check; each with its place on the page (#item-N)."""
    return [
        {"at": i, "number": form["number"].value()}
        for i, form in enumerate(formset.forms, start=1)
        if form["flags"].value() or form.errors
    ]


def _apply(request, note=""):
    """应用修改并重新核对: the verbs chosen on the items (preview_edits) applied, the preview
    shown again, checked; nothing is saved, every other edit on the page kept."""
    source = _source(request)
    if source is None:
        messages.error(request, EXPIRED)
        return redirect("plans:plan_import")
    kwargs = {"form_kwargs": {"year": source["year"]}}
    applied = apply_edits(ItemFormSet(request.POST, **kwargs).rows())
    # The unit names asked for are those the items now hold; a choice made is kept.
    asked = source.get("unknown", [])
    chosen = {name: request.POST.get(f"unit_{i}", "") for i, name in enumerate(asked)}
    source = {**source, "unknown": services.recheck_rows(applied.rows)}
    formset = ItemFormSet.from_rows(applied.rows, **kwargs)
    formset.is_valid()  # checked now, so the page shows what is still wrong, at the field
    for at, error in applied.errors.items():
        formset.forms[at].add_error("action", error)
    names = source["unknown"]
    units = {f"unit_{i}": chosen.get(name, "") for i, name in enumerate(names)}
    title_form = PlanTitleForm(initial={"title": request.POST.get("title", "")})
    duplicate_form = _duplicate_form(
        source,
        formset,
        title_form,
        initial={"decision": request.POST.get("decision"), "reason": request.POST.get("reason")},
    )
    done = applied.describe()
    messages.info(
        request,
        note
        or (f"已应用修改（{done}）" if done else "已重新核对")
        + "，尚未保存：请核对后点击“确认导入”。",
    )
    return _preview_page(
        request,
        signing.dumps(source, salt=IMPORT_SALT),
        source,
        formset,
        units_form=UnitMappingForm(initial=units, names=names),
        title_form=title_form,
        duplicate_form=duplicate_form,
    )


def _confirm(request):
    source = _source(request)
    if source is None:
        messages.error(request, EXPIRED)
        return redirect("plans:plan_import")
    formset = ItemFormSet(request.POST, form_kwargs={"year": source["year"]})
    if formset.pending_actions():
        # A verb chosen but not applied: the clerk sees its result before anything is saved.
        return _apply(request, "所选修改已应用，尚未导入：请核对修改后的任务，再点击“确认导入”。")
    units_form = UnitMappingForm(request.POST, names=source.get("unknown", []))
    title_form = PlanTitleForm(request.POST)
    duplicate_form = _duplicate_form(source, formset, title_form, request.POST)
    forms_ = [formset, units_form, title_form, *([duplicate_form] if duplicate_form else [])]
    if all([form.is_valid() for form in forms_]):
        decision = duplicate_form.cleaned_data if duplicate_form else {}
        items = [f.to_item() for f in formset.forms]
        title = title_form.cleaned_data["title"]
        parsed = ParsedPlan(title=title, year=source["year"], items=items)
        try:
            plan = services.plan_create(
                by=request.user,
                parsed=parsed,
                source_name=source["name"],
                source_sha256=source["sha"],
                unit_aliases=units_form.aliases(),
                header_words=source.get("header_words", {}),
                duplicate=decision.get("decision", ""),
                reason=decision.get("reason", ""),
            )
        except services.SimilarPlanExists as error:
            # A plan like it saved since the page was drawn: show the choice, nothing written.
            duplicate_form = DuplicatePlanForm(similar=error.similar)
            messages.error(request, str(error))
        except PlanImportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已导入{len(items)}项工作任务。")
            return redirect("plans:plan_detail", plan.pk)
    token = request.POST["token"]
    return _preview_page(
        request,
        token,
        source,
        formset,
        units_form=units_form,
        title_form=title_form,
        duplicate_form=duplicate_form,
        status=400,
    )
