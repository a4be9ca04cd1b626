import io
import sys

import docx
import pytest

from gongkai.lib.text_extract import extract_text


def _docx_bytes():
    document = docx.Document()
    document.add_paragraph("第一段：申请人信息")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并单元格"
    table.cell(0, 2).text = "手机"
    table.cell(1, 0).text = "身份证号"
    table.cell(1, 1).text = "11010519491231002X"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_it_reads_utf8_and_gb18030_text():
    assert extract_text("政务公开".encode(), "a.txt") == "政务公开"
    assert extract_text("\ufeff政务公开".encode(), "a.txt") == "政务公开"
    assert extract_text("政务公开".encode("gb18030"), "旧.TXT") == "政务公开"


def test_it_reads_the_visible_text_of_html():
    page = "<html><head><style>p{}</style></head><body><p>甲&amp;乙</p><script>x=1</script><div>丙  丁</div></body></html>"
    assert extract_text(page.encode("gb18030"), "a.html") == "甲&乙\n丙 丁"


def test_it_reads_docx_paragraphs_and_table_cells_once():
    text = extract_text(_docx_bytes(), "申请.docx")
    assert text.split("\n") == [
        "第一段：申请人信息",
        "合并单元格",
        "手机",
        "身份证号",
        "11010519491231002X",
    ]


def test_it_reads_pdf_when_pypdf_is_installed():
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert extract_text(buffer.getvalue(), "a.pdf") == ""


def test_it_says_pdf_needs_pypdf_when_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(ValueError, match="PDF 需要 pypdf"):
        extract_text(b"%PDF-1.7", "a.pdf")


def test_it_refuses_unknown_and_broken_files():
    with pytest.raises(ValueError, match="不支持的文件类型"):
        extract_text(b"x", "a.xls")
    with pytest.raises(ValueError, match="无法读取 Word 文件"):
        extract_text(b"not a zip", "a.docx")
