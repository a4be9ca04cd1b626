"""Quarterly reports (推进落实情况) and the year's archive of the work ledger."""

import csv
import datetime as dt
import io
import zipfile
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn

from gongkai.core.models import Unit
from gongkai.plans.exports import (
    HEADERS,
    INDEX_HEADERS,
    quarter_end,
    quarterly_report_docx,
    quarterly_report_xlsx,
    quarterly_rows,
    year_archive_zip,
)
from gongkai.plans.models import Assignment, Plan, ProgressStatus, Task

SHANGHAI = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
SECTION_1 = "一、以公开助力经济平稳健康发展"
SECTION_2 = "二、以公开助力保持社会和谐稳定"
TITLE = "广州市应急管理局2022年政务公开工作实施方案"


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=SHANGHAI), tick=False)


def pdf(name="方案.pdf", body=b""):
    return ContentFile(PDF + body, name=name)


def add_task(plan, number, *, lead, support=(), section=SECTION_1, subsection="(一)"):
    task = Task.objects.create(
        plan=plan,
        number=number,
        section=section,
        subsection=subsection,
        requirement=f"第{number}项上级要求",
        measures=f"第{number}项落实措施",
        deadline_text="贯穿全年",
        units_text="原文责任单位",
    )
    for unit in lead:
        Assignment.objects.create(task=task, unit=unit, role=Assignment.Role.LEAD)
    for unit in support:
        Assignment.objects.create(task=task, unit=unit, role=Assignment.Role.SUPPORT)
    return task


def share(task, unit):
    return task.assignments.get(unit=unit)


@pytest.fixture
def plan(cast):
    """Three tasks in two sections; 新闻处 and 法规处 report before and after 9月30日."""
    u = cast.units
    plan = Plan.objects.create(year=2022, title=TITLE, source_sha256="0" * 64)
    t1 = add_task(plan, 1, lead=[u["新闻处"]], support=[u["法规处"], u["审批处"]])
    add_task(plan, 2, lead=[u["法规处"]])
    add_task(plan, 3, lead=[u["审批处"]], section=SECTION_2, subsection="(三)")
    with at(2022, 7, 5, 10):
        share(t1, u["新闻处"]).report_progress(
            by=cast.press,
            text="七月：专栏已上线。",
            status=ProgressStatus.IN_PROGRESS,
            files=[pdf()],
        )
    with at(2022, 9, 30, 23, 30):  # late on the last day still counts for the quarter
        share(t1, u["新闻处"]).report_progress(
            by=cast.press,
            text="九月：专栏动态更新。",
            status=ProgressStatus.DONE,
            links="https://yjglj.gz.gov.cn/zwgk/qyzc/\n",
            files=[pdf(body=b"v2")],  # same name as July's file
        )
        share(t1, u["法规处"]).report_progress(
            by=cast.clerk, text="九月：已报送规范性文件。", status=ProgressStatus.IN_PROGRESS
        )
    with at(2022, 10, 1, 0, 10):  # a minute past midnight: the fourth quarter
        share(t1, u["新闻处"]).report_progress(
            by=cast.press,
            text="十月：第四季度的进展。",
            status=ProgressStatus.ONGOING,
            files=[ContentFile(PNG, name="截图.png")],
        )
    return plan


def test_it_finds_the_end_of_each_quarter():
    assert quarter_end(2022, 1) == dt.date(2022, 3, 31)
    assert quarter_end(2022, 2) == dt.date(2022, 6, 30)
    assert quarter_end(2022, 3) == dt.date(2022, 9, 30)
    assert quarter_end(2022, 4) == dt.date(2022, 12, 31)
    with pytest.raises(ValueError, match="季度"):
        quarter_end(2022, 5)


def test_it_reports_each_task_as_it_stood_at_the_quarter_end(plan):
    rows = quarterly_rows(plan, 3)

    assert [r.number for r in rows] == [1, 2, 3]
    first = rows[0]
    assert (first.section, first.subsection) == (SECTION_1, "(一)")
    assert first.units == "新闻处牵头；法规处、审批处配合"
    assert first.progress == "新闻处：九月：专栏动态更新。\n法规处：九月：已报送规范性文件。"
    assert "十月" not in first.progress
    assert first.status == "已完成：新闻处\n推进中：法规处\n未开始：审批处"
    assert first.evidence_names == ["方案.pdf", "方案.pdf"]
    assert first.links == ["https://yjglj.gz.gov.cn/zwgk/qyzc/"]
    assert (rows[1].units, rows[1].status, rows[1].progress) == ("法规处", "未开始", "")


def test_it_takes_the_fourth_quarter_update_in_the_fourth_quarter(plan):
    first = quarterly_rows(plan, 4)[0]

    assert first.progress.startswith("新闻处：十月：第四季度的进展。\n")
    assert first.evidence_names == ["方案.pdf", "方案.pdf", "截图.png"]


def test_it_reports_nothing_before_the_first_update(plan):
    first = quarterly_rows(plan, 2)[0]

    assert (first.progress, first.status, first.evidence) == ("", "未开始", [])


def test_it_gives_one_status_when_every_unit_agrees(cast):
    u = cast.units
    plan = Plan.objects.create(year=2022, title=TITLE, source_sha256="1" * 64)
    task = add_task(plan, 1, lead=[u["新闻处"]], support=[u["法规处"]])
    with at(2022, 8, 1, 9):
        for unit, user in ((u["新闻处"], cast.press), (u["法规处"], cast.clerk)):
            share(task, unit).report_progress(
                by=user, text="常态推进。", status=ProgressStatus.ONGOING
            )

    assert quarterly_rows(plan, 3)[0].status == "常态化推进"


def test_it_writes_every_department_as_each_department(cast):
    departments = Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).exclude(name="新闻处")
    plan = Plan.objects.create(year=2022, title=TITLE, source_sha256="2" * 64)
    add_task(plan, 1, lead=[cast.units["新闻处"]], support=[*departments, cast.units["指挥中心"]])

    assert quarterly_rows(plan, 3)[0].units == "新闻处牵头；各处室、指挥中心配合"


def test_it_falls_back_to_the_plan_text_for_unassigned_tasks(cast):
    plan = Plan.objects.create(year=2022, title=TITLE, source_sha256="3" * 64)
    add_task(plan, 1, lead=[])

    row = quarterly_rows(plan, 3)[0]
    assert (row.units, row.status) == ("原文责任单位", "")


def test_it_reads_the_plan_in_a_constant_number_of_queries(cast):
    u = cast.units
    plan = Plan.objects.create(year=2022, title=TITLE, source_sha256="4" * 64)

    def add_tasks(first, count):
        for number in range(first, first + count):
            task = add_task(plan, number, lead=[u["新闻处"]], support=[u["法规处"]])
            with at(2022, 9, 1, 9):
                share(task, u["法规处"]).report_progress(
                    by=cast.clerk, text="进展", status=ProgressStatus.IN_PROGRESS, files=[pdf()]
                )

    def queries(export):
        with CaptureQueriesContext(connection) as captured:
            export(plan, 3)
        return len(captured)

    exports = (quarterly_rows, quarterly_report_xlsx, quarterly_report_docx)
    add_tasks(1, 3)
    few = [queries(export) for export in exports]
    add_tasks(4, 3)
    more = [queries(export) for export in exports]

    assert few == more == [5, 5, 5]
    with CaptureQueriesContext(connection) as captured:
        year_archive_zip(plan)
    assert len(captured) == 5 + 2  # the 第四季度 sheet, then the updates and their evidence


def test_it_writes_the_quarterly_report_as_a_printable_sheet(plan):
    book = openpyxl.load_workbook(io.BytesIO(quarterly_report_xlsx(plan, 3)))
    ws = book.active

    assert ws["A1"].value == f"{TITLE}第三季度推进落实情况"
    assert ws["A2"].value == "填报单位：广州市应急管理局　　填报日期：2022年9月30日"
    assert tuple(c.value for c in ws[3]) == HEADERS
    assert ws["A4"].value == SECTION_1
    assert "A4:I4" in {str(r) for r in ws.merged_cells.ranges}
    assert "B5:B6" in {str(r) for r in ws.merged_cells.ranges}  # (一) spans tasks 1 and 2
    task1 = [c.value for c in ws[5]]
    assert task1[:6] == [
        1,
        "(一)",
        "第1项上级要求",
        "第1项落实措施",
        "贯穿全年",
        "新闻处牵头；法规处、审批处配合",
    ]
    assert "九月：专栏动态更新" in task1[6]
    assert "十月" not in task1[6]
    assert task1[8] == "方案.pdf\n方案.pdf\nhttps://yjglj.gz.gov.cn/zwgk/qyzc/"
    assert ws["A7"].value == SECTION_2
    assert ws["A8"].value == 3
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.cell(5, 7).alignment.wrap_text


def test_it_writes_the_quarterly_report_as_a_word_table(plan, settings):
    settings.AGENCY_NAME = "某市应急管理局"
    doc = Document(io.BytesIO(quarterly_report_docx(plan, 3)))

    assert doc.paragraphs[0].text == f"{TITLE}第三季度推进落实情况"
    assert doc.paragraphs[1].text == "填报单位：某市应急管理局　　填报日期：2022年9月30日"
    page = doc.sections[0]
    assert page.page_width > page.page_height
    title_fonts = doc.paragraphs[0].runs[0]._element.rPr.rFonts
    assert title_fonts.get(qn("w:eastAsia")) == "黑体"

    table = doc.tables[0]
    header = table.rows[0]
    assert tuple(c.text for c in header.cells) == HEADERS
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.style.name == "Table Grid"
    assert {c.text for c in table.rows[1].cells} == {SECTION_1}  # merged across
    task1 = [c.text for c in table.rows[2].cells]
    assert task1[0] == "1"
    assert "新闻处：九月：专栏动态更新。" in task1[6]
    assert "十月" not in task1[6]
    assert table.rows[3].cells[1]._tc is table.rows[2].cells[1]._tc  # (一) merged down
    assert [c.text for c in table.rows[5].cells][0] == "3"


def test_it_archives_the_year_with_evidence_and_an_index(plan):
    archive = zipfile.ZipFile(io.BytesIO(year_archive_zip(plan)))

    assert set(archive.namelist()) == {
        "台账.xlsx",
        "evidence/01-新闻处/方案.pdf",
        "evidence/01-新闻处/方案(2).pdf",
        "evidence/01-新闻处/截图.png",
        "索引.csv",
    }
    assert archive.read("evidence/01-新闻处/方案.pdf") == PDF
    assert archive.read("evidence/01-新闻处/方案(2).pdf") == PDF + b"v2"
    sheet = openpyxl.load_workbook(io.BytesIO(archive.read("台账.xlsx"))).active
    assert sheet["A1"].value.endswith("第四季度推进落实情况")

    raw = archive.read("索引.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    index = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(index[0]) == INDEX_HEADERS
    rows = [dict(zip(INDEX_HEADERS, r, strict=True)) for r in index[1:]]
    assert [(r["序号"], r["责任单位"], r["报送日期"]) for r in rows] == [
        ("1", "新闻处", "2022-07-05"),
        ("1", "新闻处", "2022-09-30"),
        ("1", "法规处", "2022-09-30"),
        ("1", "新闻处", "2022-10-01"),
    ]
    assert rows[1]["完成状态"] == "已完成"
    assert rows[1]["进展情况"] == "九月：专栏动态更新。"
    assert rows[1]["佐证材料"] == "evidence/01-新闻处/方案(2).pdf"
    assert rows[1]["相关链接"] == "https://yjglj.gz.gov.cn/zwgk/qyzc/"
    assert rows[2]["报送人"] == "李晓梅"


def test_it_names_a_file_missing_from_storage_instead_of_failing(plan):
    evidence = plan.tasks.get(number=1).assignments.get(unit__name="新闻处")
    lost = evidence.progress.get(text__startswith="七月").evidence.get()
    lost.file.storage.delete(lost.file.name)

    archive = zipfile.ZipFile(io.BytesIO(year_archive_zip(plan)))

    assert "evidence/01-新闻处/方案(2).pdf" not in archive.namelist()
    assert archive.read("evidence/01-新闻处/方案.pdf") == PDF + b"v2"
    index = archive.read("索引.csv").decode("utf-8-sig")
    assert "（文件缺失）方案.pdf" in index


def test_it_keeps_evidence_names_inside_their_folder(cast):
    plan = Plan.objects.create(year=2022, title=TITLE, source_sha256="5" * 64)
    task = add_task(plan, 7, lead=[cast.units["法规处"]])
    with at(2022, 11, 1, 9):
        share(task, cast.units["法规处"]).report_progress(
            by=cast.clerk, text="进展", status=ProgressStatus.DONE, files=[pdf(name="x.pdf")]
        )
    task.assignments.get().progress.get().evidence.update(original_name="../../etc/passwd.pdf")

    names = zipfile.ZipFile(io.BytesIO(year_archive_zip(plan))).namelist()

    assert "evidence/07-法规处/_.._etc_passwd.pdf" in names


def test_it_keeps_formulas_and_control_characters_out_of_the_reports(cast):
    plan = Plan.objects.create(year=2022, title=TITLE, source_sha256="6" * 64)
    task = add_task(plan, 1, lead=[cast.units["法规处"]])
    Task.objects.filter(pk=task.pk).update(measures="=1+1")
    with at(2022, 9, 1, 9):
        share(task, cast.units["法规处"]).report_progress(
            by=cast.clerk,
            text="-已完成\x0b（粘贴自Word）",
            status=ProgressStatus.DONE,
            links="https://example.gov.cn/a",
        )

    sheet = openpyxl.load_workbook(io.BytesIO(quarterly_report_xlsx(plan, 3))).active
    doc = Document(io.BytesIO(quarterly_report_docx(plan, 3)))
    index = zipfile.ZipFile(io.BytesIO(year_archive_zip(plan))).read("索引.csv")

    assert (sheet["D5"].value, sheet["D5"].data_type) == ("=1+1", "s")
    assert sheet["G5"].value == "法规处：-已完成（粘贴自Word）"
    assert doc.tables[0].rows[2].cells[6].text == "法规处：-已完成（粘贴自Word）"
    assert ",'-已完成（粘贴自Word）," in index.decode("utf-8-sig")
