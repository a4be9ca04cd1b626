"""Cells that stay text in every spreadsheet we export (CSV and .xlsx).

Excel and WPS run a CSV cell that starts with =, +, -, @, a tab or a carriage return as a
formula (`=HYPERLINK(…)`, `=cmd|…`): text typed by a citizen or a clerk must never become one.
In CSV such a cell gets a leading apostrophe (OWASP's advice); in .xlsx every text cell is
written as a string — openpyxl otherwise stores any text starting with = as a formula — and a
risky one also gets Excel's quote prefix, so editing the cell later keeps it text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """`value` safe for a CSV cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values) -> list:
    return [csv_cell(value) for value in values]


def xlsx_keep_text(cells) -> None:
    """Make every text cell among openpyxl `cells` a plain string cell."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True


def xlsx_append(sheet, values) -> None:
    """`sheet.append(values)`, every text cell kept text."""
    sheet.append(list(values))
    xlsx_keep_text(sheet[sheet.max_row])
