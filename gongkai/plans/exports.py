"""Quarterly reports and the year's archive of the work ledger (政务公开工作台账).

The press office reports each quarter's 推进落实情况 to the city disclosure office and keeps
the year's ledger, with its evidence, for the yearly assessment. Everything here only reads:
it turns one plan, as it stood at the end of a quarter, into rows, an Excel sheet, a Word
table and a zip archive. The views decide who may download them.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import math
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from gongkai.core.models import Unit
from gongkai.lib.cndate import cn_date
from gongkai.lib.sheets import csv_row, xlsx_keep_text
from gongkai.lib.word import set_font
from gongkai.plans.models import Assignment, Evidence, Plan, Progress, ProgressStatus, Task

QUARTER_NUMERALS = "一二三四"
HEADERS = (
    "序号",
    "工作任务",
    "上级要求",
    "落实措施",
    "完成时限",
    "责任单位",
    "推进落实情况",
    "完成状态",
    "佐证材料",
)
# Most advanced first, so a mixed task reads "已完成：… / 未开始：…".
STATUS_ORDER = (
    ProgressStatus.DONE,
    ProgressStatus.ONGOING,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.NOT_STARTED,
)


@dataclass
class QuarterRow:
    """One task of the plan as it stood at a quarter's end."""

    task: Task
    number: int
    section: str
    subsection: str
    requirement: str
    measures: str
    deadline_text: str
    units: str  # 新闻处牵头；法规处、审批处配合
    status: str  # 已完成, or one line per status when the units differ
    progress: str  # latest update of each unit up to the quarter's end, "法规处：…" lines
    evidence: list[Evidence]  # files posted up to the quarter's end, oldest first
    links: list[str]

    @property
    def evidence_names(self) -> list[str]:
        return [e.original_name for e in self.evidence]

    @property
    def evidence_text(self) -> str:
        return "\n".join([*self.evidence_names, *self.links])

    def cells(self, *, continues_group: bool) -> list:
        """The row's values in HEADERS order; the 工作任务 cell is blank under a merged group."""
        return [
            self.number,
            "" if continues_group else self.subsection,
            self.requirement,
            self.measures,
            self.deadline_text,
            self.units,
            self.progress,
            self.status,
            self.evidence_text,
        ]


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter: quarter_end(2022, 3) is 2022-09-30."""
    _check_quarter(quarter)
    month = quarter * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_title(plan: Plan, quarter: int) -> str:
    """广州市应急管理局2022年政务公开工作实施方案第三季度推进落实情况"""
    _check_quarter(quarter)
    return f"{plan.title}第{QUARTER_NUMERALS[quarter - 1]}季度推进落实情况"


def quarterly_rows(plan: Plan, quarter: int) -> list[QuarterRow]:
    """One row per task in plan order, from what was posted up to the quarter's end.

    Five queries whatever the size of the plan.
    """
    until = _end_of_day(quarter_end(plan.year, quarter))
    reported = Progress.objects.filter(created_at__lt=until).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))
    )
    shares = (
        Assignment.objects.select_related("unit")
        .order_by("role", "unit__kind", "unit__order", "unit__name")  # 牵头 before 配合
        .prefetch_related(Prefetch("progress", queryset=reported, to_attr="reported"))
    )
    tasks = plan.tasks.order_by("number").prefetch_related(
        Prefetch("assignments", queryset=shares, to_attr="shares")
    )
    groups = _collective_groups()
    return [_row(task, groups) for task in tasks]


def _check_quarter(quarter: int) -> None:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"季度应为1至4，收到{quarter!r}")


def _end_of_day(day: dt.date) -> dt.datetime:
    """Midnight after `day` in the bureau's time zone: what "posted by 9月30日" means."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def _collective_groups() -> list[tuple[str, set[int]]]:
    """The collectives a plan writes instead of listing every unit (各处室, 各直属单位)."""
    active = list(Unit.objects.active().values_list("pk", "kind"))
    departments = {pk for pk, kind in active if kind == Unit.Kind.DEPARTMENT}
    subordinates = {pk for pk, kind in active if kind == Unit.Kind.SUBORDINATE}
    return [("各处室", departments), ("各直属单位", subordinates)]


def _row(task: Task, groups) -> QuarterRow:
    shares = task.shares
    latest = [(a, a.reported[0] if a.reported else None) for a in shares]
    evidence, links = [], []
    for share in shares:
        for progress in reversed(share.reported):  # oldest first
            evidence.extend(progress.evidence.all())
            links.extend(link for link in progress.link_list if link not in links)
    return QuarterRow(
        task=task,
        number=task.number,
        section=task.section,
        subsection=task.subsection,
        requirement=task.requirement,
        measures=task.measures,
        deadline_text=task.deadline_text,
        units=_units_text(task, shares, groups),
        status=_status_text(latest),
        progress="\n".join(f"{a.unit.name}：{p.text.strip()}" for a, p in latest if p),
        evidence=evidence,
        links=links,
    )


def _units_text(task: Task, shares, groups) -> str:
    if not shares:
        return task.units_text  # not assigned yet: say what the plan says
    lead = [a.unit for a in shares if a.role == Assignment.Role.LEAD]
    support = [a.unit for a in shares if a.role == Assignment.Role.SUPPORT]
    parts = []
    if lead:
        parts.append("、".join(u.name for u in lead) + ("牵头" if support else ""))
    if support:
        parts.append(_collapse(support, {u.pk for u in lead}, groups) + "配合")
    return "；".join(parts)


def _collapse(units: list[Unit], lead_ids: set[int], groups) -> str:
    """Names, with every 处室 (or 直属单位) but the lead written as 各处室, like the plan does."""
    ids = {u.pk for u in units}
    names, covered = [], set()
    for label, members in groups:
        expected = members - lead_ids
        if len(expected) >= 2 and expected <= ids:
            names.append(label)
            covered |= expected
    return "、".join(names + [u.name for u in units if u.pk not in covered])


def _status_text(latest) -> str:
    if not latest:
        return ""
    by_status: dict[str, list[str]] = {}
    for share, progress in latest:
        status = progress.status if progress else ProgressStatus.NOT_STARTED
        by_status.setdefault(status, []).append(share.unit.name)
    if len(by_status) == 1:
        return ProgressStatus(next(iter(by_status))).label
    return "\n".join(
        f"{status.label}：{'、'.join(by_status[status])}"
        for status in STATUS_ORDER
        if status in by_status
    )


def _filled_in_line(plan: Plan, quarter: int) -> str:
    day = quarter_end(plan.year, quarter)
    return f"填报单位：{settings.AGENCY_NAME}　　填报日期：{cn_date(day)}"


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value):
    """Text fit for XML: text pasted from Word can hold control characters both libraries refuse."""
    return _XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# ---------------------------------------------------------------------------- Excel

# Column widths in Excel's character units (a Chinese character is about two).
XLSX_WIDTHS = (6, 12, 36, 30, 12, 16, 44, 12, 28)
XLSX_CENTERED = {0, 4, 7}  # 序号, 完成时限, 完成状态
XLSX_LINE_HEIGHT = 14  # points per line of 10pt 宋体
XLSX_MAX_HEIGHT = 409  # Excel refuses taller rows
HEADER_ROW = 3


def quarterly_report_xlsx(plan: Plan, quarter: int) -> bytes:
    """推进落实情况 as an A4-landscape Excel sheet in the plan's own column order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    rows = quarterly_rows(plan, quarter)
    last_col = len(HEADERS)
    last_letter = get_column_letter(last_col)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name="宋体", size=10)
    bold_font = Font(name="黑体", size=10.5)
    grey = PatternFill("solid", fgColor="D9D9D9")
    light = PatternFill("solid", fgColor="F2F2F2")

    wb = Workbook()
    ws = wb.active
    ws.title = f"第{QUARTER_NUMERALS[quarter - 1]}季度"
    for i, width in enumerate(XLSX_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width

    ws.append([_clean(quarter_title(plan, quarter))])
    ws.merge_cells(f"A1:{last_letter}1")
    ws["A1"].font = Font(name="黑体", size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 32
    ws.append([_filled_in_line(plan, quarter)])
    ws.merge_cells(f"A2:{last_letter}2")
    ws["A2"].font = Font(name="宋体", size=11)
    ws.row_dimensions[2].height = 20

    ws.append(list(HEADERS))
    for cell in ws[HEADER_ROW]:
        cell.font, cell.fill, cell.border = bold_font, grey, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADER_ROW].height = 24

    section, previous = None, None
    group_start = None  # first sheet row of the current subsection, merged down column B
    for row in rows:
        key = (row.section, row.subsection)
        same_group = bool(row.subsection) and key == previous
        if not same_group:
            _close_group(ws, group_start, ws.max_row)
            group_start = None
        if row.section and row.section != section:
            ws.append([_clean(row.section)])
            r = ws.max_row
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)
            for cell in ws[r]:
                cell.border, cell.fill = border, light
            ws.cell(r, 1).font = bold_font
            ws.cell(r, 1).alignment = Alignment(vertical="center")
            ws.row_dimensions[r].height = 20
        if not same_group and row.subsection:
            group_start = ws.max_row + 1
        section, previous = row.section, key
        values = row.cells(continues_group=same_group)
        ws.append([_clean(v) for v in values])
        r = ws.max_row
        for i, cell in enumerate(ws[r]):
            cell.font, cell.border = body_font, border
            horizontal = "center" if i in XLSX_CENTERED else "left"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        # Excel and WPS do not grow wrapped rows on their own when printing: estimate.
        lines = max(
            _wrapped_lines(str(v or ""), w) for v, w in zip(values, XLSX_WIDTHS, strict=True)
        )
        ws.row_dimensions[r].height = min(lines * XLSX_LINE_HEIGHT + 6, XLSX_MAX_HEIGHT)
    _close_group(ws, group_start, ws.max_row)

    for row in ws.iter_rows():
        xlsx_keep_text(row)  # titles, sections and cells: text typed by people stays text
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _close_group(ws, start: int | None, end: int) -> None:
    if start is not None and end > start:
        ws.merge_cells(start_row=start, start_column=2, end_row=end, end_column=2)


def _wrapped_lines(text: str, width: int) -> int:
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in text.split("\n"))


# ---------------------------------------------------------------------------- Word

# Column widths in millimetres; they add up to A4 landscape less 20 mm margins.
DOCX_WIDTHS_MM = (10, 22, 46, 38, 18, 22, 56, 16, 29)


def quarterly_report_docx(plan: Plan, quarter: int) -> bytes:
    """推进落实情况 as an A4-landscape Word table with a header row repeated on every page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    rows = quarterly_rows(plan, quarter)
    doc = Document()
    page = doc.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Mm(297), Mm(210)
    page.left_margin = page.right_margin = Mm(20)
    page.top_margin = page.bottom_margin = Mm(18)
    set_font(doc.styles["Normal"], "宋体", 10.5)
    _page_number_footer(page.footer.paragraphs[0])

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    set_font(title.add_run(quarter_title(plan, quarter)), "黑体", 16)
    line = doc.add_paragraph()
    line.paragraph_format.space_after = Pt(6)
    set_font(line.add_run(_filled_in_line(plan, quarter)), "宋体", 12)

    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = doc.styles["Table Grid"]  # single black borders on every cell
    table.autofit = False
    widths = [Mm(w) for w in DOCX_WIDTHS_MM]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text, width in zip(header.cells, HEADERS, widths, strict=True):
        _fill(cell, text, width, "黑体", 10.5, center=True, shade="D9D9D9")

    section, previous = None, None
    groups: list[tuple[int, int]] = []  # (first, last) table rows of a subsection
    for row in rows:
        key = (row.section, row.subsection)
        same_group = bool(row.subsection) and key == previous
        if row.section and row.section != section:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            _fill(merged, row.section, sum(widths, Mm(0)), "黑体", 10.5, shade="F2F2F2")
        section, previous = row.section, key
        values = [str(value) for value in row.cells(continues_group=same_group)]
        cells = table.add_row().cells
        for i, (cell, text, width) in enumerate(zip(cells, values, widths, strict=True)):
            _fill(cell, text, width, "宋体", 9, center=i in XLSX_CENTERED)
        index = len(table.rows) - 1
        if same_group:
            groups[-1] = (groups[-1][0], index)
        elif row.subsection:
            groups.append((index, index))
    for first, last in groups:
        if last > first:
            table.cell(first, 1).merge(table.cell(last, 1))
    for r in table.rows:
        for cell in r.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _fill(cell, text: str, width, font: str, size: float, center=False, shade=None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    cell.width = width
    lines = _clean(text).split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_after = 0
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            set_font(paragraph.add_run(line), font, size)
    if shade:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), shade)
        cell._tc.get_or_add_tcPr().append(shd)


def _repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):  # the order the schema wants
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def _page_number_footer(paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    run.append(placeholder)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" 页")


# ---------------------------------------------------------------------------- archive

INDEX_HEADERS = (
    "序号",
    "责任单位",
    "报送日期",
    "完成状态",
    "进展情况",
    "佐证材料",
    "相关链接",
    "报送人",
)
# Already compressed: deflating them again only costs time.
STORED_KINDS = {"png", "jpg", "docx", "xlsx"}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def year_archive_zip(plan: Plan) -> bytes:
    """The year's archive in memory; prefer write_year_archive to a temporary file."""
    out = io.BytesIO()
    write_year_archive(plan, out)
    return out.getvalue()


def write_year_archive(plan: Plan, fileobj) -> None:
    """年度台账归档: 台账.xlsx (the 第四季度 report), every evidence file and 索引.csv.

    Evidence is copied from storage one file at a time, so memory stays small. Every update
    of the plan is archived, including any posted after 12月31日 about the year's work.
    A file missing from storage is named in the index rather than failing the archive.
    """
    updates = (
        Progress.objects.filter(assignment__task__plan=plan)
        .select_related("assignment__task", "assignment__unit", "author")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by("assignment__task__number", "created_at", "pk")
    )
    now = timezone.localtime()
    names = _UniqueNames()
    index = []
    with zipfile.ZipFile(fileobj, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_entry("台账.xlsx", now), quarterly_report_xlsx(plan, 4))
        for update in updates:
            task, unit = update.assignment.task, update.assignment.unit
            paths = []
            for evidence in update.evidence.all():
                path = names.claim(
                    f"evidence/{task.number:02d}-{unit.name}", evidence.original_name
                )
                if _copy_evidence(zf, evidence, path, update.created_at):
                    paths.append(path)
                else:
                    names.release(path)
                    paths.append(f"（文件缺失）{evidence.original_name}")
            index.append(
                [
                    task.number,
                    unit.name,
                    timezone.localtime(update.created_at).date().isoformat(),
                    update.get_status_display(),
                    update.text,
                    "\n".join(paths),
                    "\n".join(update.link_list),
                    str(update.author),
                ]
            )
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(INDEX_HEADERS)
        writer.writerows([csv_row(_clean(v) for v in row) for row in index])
        # The BOM is what makes Excel read the file as UTF-8 rather than GBK.
        zf.writestr(_entry("索引.csv", now), text.getvalue().encode("utf-8-sig"))


def _entry(name: str, when: dt.datetime, compress=zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=timezone.localtime(when).timetuple()[:6])
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    return info


def _copy_evidence(zf: zipfile.ZipFile, evidence: Evidence, path: str, when) -> bool:
    compress = zipfile.ZIP_STORED if evidence.kind in STORED_KINDS else zipfile.ZIP_DEFLATED
    try:
        source = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: no file attached
        return False
    with (
        source,
        zf.open(
            _entry(path, when, compress), "w", force_zip64=evidence.size >= zipfile.ZIP64_LIMIT
        ) as target,
    ):
        shutil.copyfileobj(source, target, 1024 * 1024)
    return True


class _UniqueNames:
    """Paths inside the archive, made unique the way Windows sees them (case-insensitive)."""

    def __init__(self):
        self.taken: set[str] = set()

    def claim(self, folder: str, filename: str) -> str:
        folder = "/".join(_safe(part) for part in folder.split("/"))
        filename = _safe(filename)
        dot = filename.rfind(".")
        stem, suffix = (filename[:dot], filename[dot:]) if dot > 0 else (filename, "")
        path, n = f"{folder}/{filename}", 2
        while path.lower() in self.taken:
            path, n = f"{folder}/{stem}({n}){suffix}", n + 1
        self.taken.add(path.lower())
        return path

    def release(self, path: str) -> None:
        self.taken.discard(path.lower())


def _safe(name: str) -> str:
    """A file or folder name that cannot climb out of its folder or upset Windows."""
    return _UNSAFE.sub("_", name).strip().lstrip(".") or "文件"
