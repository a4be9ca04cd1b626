"""Exported cells stay text (issue 15, item 10): OWASP's CSV-injection starts are =, +, -, @,
tab and carriage return."""

import io

import openpyxl

from gongkai.lib.sheets import csv_cell, xlsx_append


def test_it_quotes_every_formula_start_in_csv():
    for text in ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"]:
        assert csv_cell(text) == "'" + text
    assert csv_cell("安全生产") == "安全生产" and csv_cell(3) == 3 and csv_cell("") == ""


def test_it_keeps_text_as_text_in_xlsx():
    book = openpyxl.Workbook()
    xlsx_append(book.active, ['=HYPERLINK("http://x","点")', "-已完成", "正文", 7])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [(c.value, c.data_type) for c in sheet[1]] == [
        ('=HYPERLINK("http://x","点")', "s"),
        ("-已完成", "s"),
        ("正文", "s"),
        (7, "n"),
    ]
    assert sheet["A1"].quotePrefix and sheet["B1"].quotePrefix and not sheet["C1"].quotePrefix
