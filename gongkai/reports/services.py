"""Publishing the annual report: as a catalogue document, through the same three-step review."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.reports.docx_export import report_docx
from gongkai.reports.html_export import report_html
from gongkai.reports.models import AnnualReport
from gongkai.reports.report import build, figure_cells


@transaction.atomic
def report_write(*, by, year: int, form) -> AnnualReport:
    """Save a valid figures or prose form to the year's report, made on this first save."""
    report = AnnualReport.for_writing(year)
    if hasattr(form, "stored_values"):
        report.set_figures(by=by, values=form.stored_values())
    else:
        report.edit(by=by, **form.cleaned_data)
    return report


@transaction.atomic
def report_submit(*, by, year: int):
    """送审: refuse a report that does not add up, or whose year has not ended; otherwise draft
    the catalogue document (body = the report, the .docx attached) and send it into
    一审 → 二审 → 三审.

    A returned report goes back into the same draft, its own earlier .docx replaced by the new
    one (probe 5 finding 3: both were published, with two sets of figures). A withdrawn report
    is sent as a new document: a withdrawn one cannot go back to draft, and keeps its 索引号
    and the file it was published with (probe 5 finding 4); it is the correction (corrects) of
    the withdrawn one only if that was withdrawn as 更正."""
    from gongkai.publications.models import (
        Attribute,
        Category,
        Document,
        DocumentStatus,
        Kind,
        Withdrawal,
    )

    # Read once, under a lock: of two 送审 at once, the second sees the first's document (probe
    # 9). No row yet (nothing written for the year): an empty report, refused below.
    report = AnnualReport.objects.select_for_update().filter(year=year).first()
    report = report or AnnualReport(year=year)
    if report.submit_refusal:
        raise DomainError(report.submit_refusal)
    data = build(report.year, report)
    if data["problems"]:
        raise DomainError("年度报告数据不符合勾稽关系，不能送审：" + "；".join(data["problems"]))
    if not report.overview.strip():
        raise DomainError("请先填写“一、总体情况”")
    current = report.document if report.document_id else None
    if current and current.status not in (DocumentStatus.DRAFT, DocumentStatus.WITHDRAWN):
        raise DomainError(f"年度报告已在“{current.get_status_display()}”环节，不能重复送审")
    body = report_html(data, standalone=False)
    if current and current.status == DocumentStatus.DRAFT:
        document = current
        document.edit(by=by, version=document.version, body=body, written_on=timezone.localdate())
        # the report's own earlier .docx (before it was recorded: the one of the report's name)
        earlier = (
            document.attachments.filter(pk=report.docx_id)
            if report.docx_id
            else document.attachments.filter(original_name=f"{data['title']}.docx")
        )
        for attachment in earlier:
            document.remove_attachment(by=by, attachment=attachment)
    else:
        document = Document.create_draft(
            by=by,
            title=data["title"],
            category=Category.OTHER_MANDATED,
            kind=Kind.GENERAL,
            attribute=Attribute.PROACTIVE,
            written_on=timezone.localdate(),
            topic="政府信息公开年报",
            body=body,
            summary=f"依据《中华人民共和国政府信息公开条例》第四十九条、第五十条，公布本机关{report.year}年政府信息公开工作年度报告。",
        )
        # 更正 only when who withdrew it chose so: a version withdrawn as hidden (a name, a
        # figure that must not stand) must not come back marked 已被更正 beside the new one
        if current is not None and current.index_no and current.withdrawal == Withdrawal.CORRECTION:
            document.corrects = current
            document.save(update_fields=["corrects"])
    report.document = document
    report.docx = document.add_attachment(
        by=by, upload=SimpleUploadedFile(f"{data['title']}.docx", report_docx(data))
    )
    report.sent_figures = [list(cell) for cell in figure_cells(data)]
    report.save(update_fields=["document", "docx", "sent_figures"])
    document.submit(by=by, comment="年度报告送审")
    audit.record(
        by,
        "report.submit",
        report,
        before={"document": current.pk if current else None},
        after={"document": document.pk, "docx": report.docx.pk},
    )
    return document


def published_differences(report: AnnualReport) -> list[dict]:
    """The figures in which the records now differ from the year's published report, e.g. a
    复议 registered after publication: [{"cell", "published", "now"}]. Empty unless the report
    is in the catalogue with the figures it was sent with (a report sent before they were
    stored has nothing to compare against)."""
    from gongkai.publications.models import DocumentStatus

    if not (report.sent_figures and report.document_id):
        return []
    if report.document.status != DocumentStatus.PUBLISHED:
        return []
    now = dict(figure_cells(build(report.year, report)))
    return [
        {"cell": cell, "published": published, "now": now.get(cell, "")}
        for cell, published in report.sent_figures
        if now.get(cell, "") != published
    ]
