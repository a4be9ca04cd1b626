"""Plans in Word (.docx): tables become rows, paragraphs one-cell rows."""

from docx.table import Table
from docx.text.paragraph import Paragraph

from gongkai.lib.office import OfficeFileError, open_docx
from gongkai.plans.importers.base import ParsedPlan, check_size, office_file_error
from gongkai.plans.importers.rows import Row, parse_rows


def parse_plan_docx(data: bytes, year: int, **options) -> ParsedPlan:
    """Parse a .docx plan; a horizontally merged cell counts once, a vertical merge repeats."""
    check_size(data)
    try:
        document = open_docx(data)  # the zip is checked before python-docx unpacks it
    except OfficeFileError as exc:
        raise office_file_error(exc, "Word", "docx") from None
    return parse_rows(docx_rows(document), year, **options)


def docx_rows(document) -> list[Row]:
    rows: list[Row] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            rows.append([block.text])
        elif isinstance(block, Table):
            rows += _table_rows(block)
    return rows


def _table_rows(table: Table) -> list[Row]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # A cell spanning several grid columns is returned once per column.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text for p in cell.paragraphs))
        rows.append(cells)
    return rows
