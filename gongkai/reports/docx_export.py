"""The annual report as a Word document in the official layout (merged header cells)."""

from __future__ import annotations

import io
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from gongkai.lib.word import set_font
from gongkai.reports import layout


def _paragraph(document, text, *, size=14, font="仿宋", bold=False, center=False, indent=True):
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    set_font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


# Column widths (mm) over the 170 mm text width: labels wide enough to read, numbers narrow.
WIDTHS = {
    "applications": [14, 18, 44] + [13.4] * 7,
    "proactive": [44, 42, 42, 42],
    "review_litigation": [170 / 15] * 15,
}


# A figure: a count, an amount such as "1.25" (万元), a negative or a percentage, or "/" (不适用).
FIGURE = re.compile(r"[-+]?\d[\d,]*(\.\d+)?%?|/+")


def is_figure(text: str) -> bool:
    return bool(FIGURE.fullmatch(text.strip()))


def _table(document, grid, widths_mm) -> None:
    cols = layout.width(grid)
    table = document.add_table(rows=len(grid), cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Word reads the cells' widths, LibreOffice the table grid's: set both.
    for grid_col, mm in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_col.w = Mm(mm)
    for index, column in enumerate(table.columns):
        for cell in column.cells:
            cell.width = Mm(widths_mm[index])
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(grid):
        c = 0
        for text, colspan, rowspan, header in row:
            while (r, c) in taken:
                c += 1
            cell = table.cell(r, c)
            if colspan > 1 or rowspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER
                if header or not text or is_figure(text)
                else WD_ALIGN_PARAGRAPH.LEFT
            )
            set_font(paragraph.add_run(text), "宋体", 9, bold=header)
            c += colspan


def report_docx(data: dict) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    _paragraph(document, data["title"], size=20, font="黑体", center=True)
    for part in data["sections"]:
        _paragraph(document, part["heading"], font="黑体", size=15, indent=False)
        if "table" in part:
            grid = {
                "proactive": layout.proactive_grid,
                "applications": layout.applications_grid,
                "review_litigation": layout.review_litigation_grid,
            }[part["table"]](data["tables"][part["table"]])
            _table(document, grid, WIDTHS[part["table"]])
        for line in (part.get("text") or "").splitlines():
            if line.strip():
                _paragraph(document, line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
