"""The annual report in the staff UI, cell drill-down, and the press office's dashboards."""

from __future__ import annotations

import io
import json

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.access import role_required
from gongkai.core.errors import DomainError
from gongkai.core.params import year_param
from gongkai.core.roles import Role
from gongkai.disclosure_requests.models import ApplicantType
from gongkai.reports import charts, html_export, services, tables
from gongkai.reports.docx_export import report_docx
from gongkai.reports.forms import FiguresForm, ProseForm
from gongkai.reports.models import AnnualReport
from gongkai.reports.report import build, consistency

OFFICE = (Role.PRESS_OFFICE,)
READERS = (Role.PRESS_OFFICE, Role.LEADER)


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _report(year: int) -> AnnualReport:
    """The year's report; a page that only reads gets an unsaved one (a GET writes nothing)."""
    return AnnualReport.objects.filter(year=_year(year)).first() or AnnualReport(year=year)


def _annual_page(request, report, *, prose_form=None, figures_form=None, status=200):
    data = build(report.year, report)
    manual = report.manual_values()
    context = {
        "report": report,
        "data": data,
        "check": consistency(data["problems"], prose_form, figures_form),
        "grids": html_export.grids(data),
        "prose_form": prose_form or ProseForm(instance=report),
        "figures_form": figures_form
        or FiguresForm(
            initial={**manual, "rules_not_applicable": manual.get("rules_not_applicable") == "1"}
        ),
        "figures": report.figures.select_related("entered_by") if report.pk else [],
        "applicant_keys": list(zip(tables.APPLICANT_KEYS, tables.APPLICANT_COLUMNS, strict=False)),
        "can_edit": request.user.has_role(*OFFICE),
        "differences": services.published_differences(report) if report.pk else [],
    }
    return render(request, "reports/annual.html", context, status=status)


@role_required(*READERS)
def annual(request, year):
    return _annual_page(request, _report(year))


@require_POST
@role_required(*OFFICE)
def annual_edit(request, year):
    """One of the two forms (figures or prose): saved whole, or shown again with its errors;
    a refused form writes nothing, not even the year's report row."""
    report = _report(year)
    if report.locked_reason:
        messages.error(request, report.locked_reason)
        return redirect("reports:annual", year)
    if "licensing" in request.POST:
        form, name = FiguresForm(request.POST), "figures_form"
    else:
        form, name = ProseForm(request.POST, instance=_report(year)), "prose_form"
    try:
        if form.is_valid():
            services.report_write(by=request.user, year=year, form=form)
            messages.success(request, "已保存。")
            return redirect("reports:annual", year)
    except DomainError as error:
        form.add_error(None, str(error))
    return _annual_page(request, report, status=400, **{name: form})


@require_POST
@role_required(*OFFICE)
def annual_submit(request, year):
    try:
        document = services.report_submit(by=request.user, year=_year(year))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("reports:annual", year)
    messages.success(
        request,
        "年度报告已送审（一审：处室负责人；二审：保密审查；三审：签发领导），审核通过后在公开目录发布。",
    )
    return redirect(document.get_staff_url())


@role_required(*READERS)
def annual_download(request, year, fmt):
    data = build(year, _report(year))
    renderers = {
        "json": lambda: json.dumps(data, ensure_ascii=False, indent=1, default=str).encode(),
        "docx": lambda: report_docx(data),
        "html": lambda: html_export.report_html(data).encode(),
    }
    if fmt not in renderers:
        raise Http404
    body = io.BytesIO(renderers[fmt]())
    return FileResponse(body, as_attachment=True, filename=f"{data['title']}.{fmt}")


@role_required(*OFFICE)
def cell_records(request, year):
    """Every figure traceable: the applications behind one cell of table 三."""
    row, column = request.GET.get("row", ""), request.GET.get("col", "")
    cases = tables.row_queryset(year, row)
    if column in tables.APPLICANT_KEYS:
        cases = cases.filter(applicant_type=column)
    elif column != "total":
        raise Http404
    label = next(
        (r["label"] for r in tables.applications_table(year)["rows"] if r["key"] == row), row
    )
    col_label = dict(ApplicantType.choices).get(column, "总计")
    context = {
        "year": year,
        "label": label,
        "col_label": col_label,
        "cases": cases.select_related("handling_unit")[:500],
        "count": cases.count(),
    }
    return render(request, "reports/cell_records.html", context)


@role_required(*READERS)
def dashboard(request):
    year = year_param(request)
    return render(
        request, "reports/dashboard.html", {"year": year, "charts": charts.all_charts(year)}
    )
