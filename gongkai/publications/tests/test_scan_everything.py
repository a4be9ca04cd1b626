"""The personal-data scan reads everything that gets published (issue 15, item 2): a link's
href and title in the body; a Word file's headers, footers, comments, footnotes, text boxes and
author; an Excel file's cell comments, sheet names and properties; a PDF's metadata."""

import io
import re
import zipfile

import docx
import openpyxl
import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.comments import Comment

from gongkai.lib.pii import id_check_char
from gongkai.lib.text_extract import extract_text

ID = "44010619900307123" + id_check_char("44010619900307123")
MOBILE = "13912345678"


def _replace_in_zip(data: bytes, name: str, old: str, new: str, add=None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                assert old.encode() in content
                content = content.replace(old.encode(), new.encode(), 1)
            target.writestr(item, content)
        for extra_name, extra in (add or {}).items():
            target.writestr(extra_name, extra)
    return out.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_hidden_places() -> bytes:
    """A plain body; the numbers only in a header, footer, comment, footnote, text box and
    the author property."""
    document = docx.Document()
    paragraph = document.add_paragraph("关于公布行政处罚结果的通知")
    document.add_paragraph("TEXTBOX-HERE")
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉 联系人手机 13800000001"
    section.footer.paragraphs[0].text = "页脚 身份证 " + ID
    document.add_comment(paragraph.runs, text="批注：当事人手机13800000002", author="审核人")
    document.core_properties.author = "张三 13800000003"
    document.core_properties.last_modified_by = "李四 13800000004"
    buffer = io.BytesIO()
    document.save(buffer)
    textbox = (
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>文本框 13800000005</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"
    )
    data = _replace_in_zip(
        buffer.getvalue(),
        "word/document.xml",
        "<w:t>TEXTBOX-HERE</w:t></w:r>",
        "<w:t>附图</w:t></w:r>" + textbox,
        add={
            "word/footnotes.xml": f"<w:footnotes {W_NS}><w:footnote w:id='1'><w:p><w:r>"
            "<w:t>脚注 13800000006</w:t></w:r></w:p></w:footnote></w:footnotes>"
        },
    )
    return data


def _xlsx_with_hidden_places() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单13800000011"
    sheet["A1"] = "姓名"
    sheet["A1"].comment = Comment("身份证号 " + ID, "经办人")
    sheet["B2"] = "手机 13800000012"
    book.properties.creator = "王五 13800000013"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"1380000\d{4}", text)) | ({ID} if ID in text else set())


def test_it_reads_every_place_of_a_word_file():
    text = extract_text(_docx_with_hidden_places(), "通知.docx")
    assert text.splitlines()[0] == "关于公布行政处罚结果的通知"
    assert _numbers(text) == {
        ID,
        "13800000001",
        "13800000002",
        "13800000003",
        "13800000004",
        "13800000005",
        "13800000006",
    }


def test_it_reads_every_place_of_an_excel_file():
    text = extract_text(_xlsx_with_hidden_places(), "名单.xlsx")
    assert _numbers(text) == {ID, "13800000011", "13800000012", "13800000013"}


def test_it_reads_a_pdfs_metadata():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "赵六 13800000021", "/Title": "名单"})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _numbers(extract_text(buffer.getvalue(), "a.pdf")) == {"13800000021"}


def test_the_scan_finds_numbers_in_a_links_href_and_title(cast, make_draft):
    doc = make_draft(
        body=f'<p>详见<a href="https://www.gz.gov.cn/cx?sfzh={ID}" title="咨询{MOBILE}">名单</a>'
        '和<a href="https://www.gz.gov.cn/a?tel=%2B86%2013800000031">此处</a></p>'
    )
    doc.submit(by=cast.clerk)
    found = {(hit.kind, hit.masked) for hit in doc.scan()}
    assert found == {
        ("id_card", "440106" + "*" * 8 + ID[-4:]),
        ("mobile", "139****5678"),
        ("mobile", "138****0031"),
    }


def test_the_scan_lists_word_and_excel_attachments_hidden_places(cast, make_draft):
    doc = make_draft(body="<p>附件为处罚结果。</p>")
    doc.add_attachment(
        by=cast.clerk, upload=SimpleUploadedFile("结果.docx", _docx_with_hidden_places())
    )
    doc.add_attachment(
        by=cast.clerk, upload=SimpleUploadedFile("名单.xlsx", _xlsx_with_hidden_places())
    )
    doc.submit(by=cast.clerk)
    hits = doc.scan()
    masked = sorted(hit.masked for hit in hits if hit.kind == "mobile")
    assert masked == sorted(
        [
            "138****0001",
            "138****0002",
            "138****0003",
            "138****0004",
            "138****0005",
            "138****0006",
            "138****0011",
            "138****0012",
            "138****0013",
        ]
    )
    [id_hit] = [hit for hit in hits if hit.kind == "id_card"]
    assert id_hit.places == ["结果.docx", "名单.xlsx"]
    assert len(doc.unresolved_hits()) == 10
