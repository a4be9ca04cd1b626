"""Plans in Excel (.xlsx): the first sheet that yields tasks."""

import io
import re
import zipfile
from datetime import date, datetime

from openpyxl.utils.cell import range_boundaries

from gongkai.lib.office import OfficeFileError, open_xlsx, sheet_values
from gongkai.plans.importers.base import ParsedPlan, PlanImportError, check_size, office_file_error
from gongkai.plans.importers.rows import Row, parse_rows

# A plan is a few hundred rows of about ten columns; anything past this is not read.
MAX_ROWS = 5000
MAX_COLUMNS = 50
_MERGE = re.compile(rb'<mergeCell[^>]*\sref="([A-Z]+\d+:[A-Z]+\d+)"')


def parse_plan_xlsx(data: bytes, year: int, **options) -> ParsedPlan:
    """Parse an .xlsx plan (read-only, cached values of formulas)."""
    check_size(data)
    try:
        workbook = open_xlsx(data)  # the zip is checked before openpyxl unpacks it
        error: PlanImportError | None = None
        try:
            for sheet in workbook.worksheets:
                try:
                    return parse_rows(sheet_rows(sheet, data), year, **options)
                except PlanImportError as exc:
                    error = error or exc
        finally:
            workbook.close()
    except OfficeFileError as exc:
        raise office_file_error(exc, "Excel", "xlsx") from None
    raise error or PlanImportError("该Excel文件没有工作表。")


def sheet_rows(sheet, data: bytes) -> list[Row]:
    """The sheet's cells as text, within MAX_ROWS × MAX_COLUMNS whatever the sheet declares;
    merges are clipped to that grid, and overlapping merges (invalid) are refused."""
    values = sheet_values(sheet, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    grid = [[_text(v) for v in row] for row in values]
    # Empty cells at a row's end (an empty 备注) are not stored: put them back, as Word keeps
    # them, so the row's cells stand under their headers rather than look lost to a merge.
    width = max(map(len, grid), default=0)
    grid = [row + [""] * (width - len(row)) if len(row) > 1 else row for row in grid]
    dropped: set[tuple[int, int]] = set()
    budget = MAX_ROWS * MAX_COLUMNS
    for ref in _merged_ranges(sheet, data):
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except ValueError:  # a column past XFD: no real merge
            continue
        if min(min_col, min_row) < 1:
            continue
        max_row, max_col = min(max_row, len(grid)), min(max_col, MAX_COLUMNS)
        budget -= max(0, max_row - min_row + 1) * max(0, max_col - min_col + 1)
        if budget < 0:
            raise PlanImportError(
                "该Excel文件的合并单元格互相重叠，文件可能已损坏，请另存后再上传。"
            )
        top_left = _at(grid, min_row - 1, min_col - 1)
        for r in range(min_row - 1, max_row):
            for c in range(min_col - 1, max_col):
                if c > min_col - 1:
                    dropped.add((r, c))  # a wide merge counts once, as in Word
                elif r < len(grid):
                    # A tall merge repeats in every row it covers, even a row that ends
                    # before it (its last cells empty, so not stored).
                    grid[r] += [""] * (c + 1 - len(grid[r]))
                    grid[r][c] = top_left
    return [[v for c, v in enumerate(row) if (r, c) not in dropped] for r, row in enumerate(grid)]


def _merged_ranges(sheet, data: bytes) -> list[str]:
    # Read-only worksheets do not expose merges, so read them from the sheet XML.
    path = getattr(sheet, "_worksheet_path", "")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(path.lstrip("/"))
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        return []
    return [m.decode() for m in _MERGE.findall(xml)]


def _at(grid: list[list[str]], r: int, c: int) -> str:
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else ""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
