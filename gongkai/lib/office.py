"""Word (.docx) and Excel (.xlsx) files read within bounds, and every word they publish.

Both formats are zip archives of XML. A zip can claim anything: a 1 MB "docx" may unpack to
gigabytes, hold 100,000 members, or not be a zip at all. So `check_zip` reads only the
archive's directory and refuses it *before* python-docx or openpyxl opens it; the libraries
read members through `zipfile`, which stops at the size the directory declares, so the checked
sizes hold. Excel sheets are then read row by row (openpyxl read-only) up to fixed row and
column limits, never trusting the sheet's declared dimension (`A1:XFD1048576` in a 1.6 KB file
would otherwise mean 17 billion empty cells).

`docx_all_text` and `xlsx_all_text` return everything a reader of the file can see or find in
it — body, text boxes, headers, footers, comments, footnotes, tracked deletions, link targets,
sheet names and document properties (author!) — for the personal-data scan.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, checked on members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200

BROKEN = "文件已损坏或不是有效的Word/Excel文件，请用Office或WPS另存后再上传"


class OfficeFileError(ValueError):
    """The file is refused; str() is a Chinese sentence fit to show the user."""


@dataclass(frozen=True)
class ZipLimits:
    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO


def check_zip(data, limits: ZipLimits = ZipLimits()) -> zipfile.ZipFile:  # noqa: B008 — frozen
    """An open ZipFile over `data` (bytes or a binary file) whose directory is within limits;
    OfficeFileError otherwise. Nothing is decompressed here."""
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        archive = zipfile.ZipFile(source)
        members = archive.infolist()
    except Exception:  # a crafted directory raises struct, overflow and other errors too
        raise OfficeFileError(BROKEN) from None
    if len(members) > limits.members:
        raise OfficeFileError(
            f"文件内部包含{len(members)}个部件，超过{limits.members}个的上限，不予处理"
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if member.flag_bits & 0x1:
            raise OfficeFileError("文件已加密，请取消密码保护后再上传")
        if size > limits.member_bytes or total > limits.total_bytes:
            raise OfficeFileError(
                f"文件解压后过大（单个部件超过{limits.member_bytes // 2**20}MB或合计超过"
                f"{limits.total_bytes // 2**20}MB），可能是恶意构造的压缩文件，不予处理"
            )
        if size > RATIO_FLOOR and size > limits.ratio * max(member.compress_size, 1):
            raise OfficeFileError("文件的压缩比异常（疑似“压缩炸弹”），不予处理")
    return archive


def zip_kind(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


# ---------------------------------------------------------------------------------- XML

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_WORD_TEXT = {f"{W}t", f"{W}delText", f"{W}instrText"}
_WORD_PART = re.compile(r"word/(?:glossary/)?[^/]+\.xml")
_COMMENT_PART = re.compile(r"xl/(?:[^/]+/)?(?:comment|threadedcomment|person)[^/]*\.xml", re.I)
_PROPERTY_LABELS = {
    "creator": "作者",
    "lastModifiedBy": "最后修改者",
    "title": "标题",
    "subject": "主题",
    "keywords": "关键词",
    "description": "备注",
    "category": "类别",
    "Company": "单位",
    "Manager": "经理",
    "contentStatus": "状态",
    "HyperlinkBase": "链接基础地址",
}


def _parse(archive: zipfile.ZipFile, name: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(archive.read(name), parser)
    except Exception:  # bad CRC, zlib, compression method, XML: the file is broken either way
        raise OfficeFileError(BROKEN) from None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _paragraph_lines(root, paragraph_tag: str, text_tags: set[str]) -> list[str]:
    """Text grouped by its nearest enclosing paragraph, in document order, empty ones dropped.
    A text box's paragraphs sit inside another paragraph; they still come out as lines."""
    lines: list[str] = []
    current, parts = None, []
    for element in root.iter(*text_tags):
        owner = next((a for a in element.iterancestors(paragraph_tag)), None)
        if owner is not current:
            if parts:
                lines.append("".join(parts))
            current, parts = owner, []
        parts.append(element.text or "")
    if parts:
        lines.append("".join(parts))
    return [line for line in lines if line.strip()]


def _properties(archive: zipfile.ZipFile) -> list[str]:
    """The document properties people type (or Office fills in from the user's name)."""
    lines = []
    for name in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
        if name not in archive.namelist():
            continue
        for element in _parse(archive, name).iter():
            text = (element.text or "").strip()
            label = _PROPERTY_LABELS.get(_local(element.tag))
            if text and label:
                lines.append(f"{label}：{text}")
            elif text and name.endswith("custom.xml") and len(element) == 0:
                lines.append(text)
    return lines


def _external_links(archive: zipfile.ZipFile) -> list[str]:
    links = []
    for name in sorted(n for n in archive.namelist() if n.endswith(".rels")):
        for element in _parse(archive, name).iter():
            if element.get("TargetMode") == "External" and element.get("Target"):
                links.append(element.get("Target"))
    return links


# ---------------------------------------------------------------------------------- Word


def _authors(root) -> list[str]:
    """Who wrote each comment and tracked change (w:author), once each."""
    return list(dict.fromkeys(e.get(f"{W}author") for e in root.iter() if e.get(f"{W}author")))


def docx_all_text(data: bytes, limits: ZipLimits = ZipLimits()) -> str:  # noqa: B008
    """Every line a .docx publishes: the body (paragraphs and table cells in reading order,
    text boxes, tracked deletions, field codes), then headers, footers, comments, footnotes
    and endnotes, link targets and document properties."""
    archive = check_zip(data, limits)
    with archive:
        if zip_kind(archive) != "docx":
            raise OfficeFileError(BROKEN)
        parts = sorted(n for n in archive.namelist() if _WORD_PART.fullmatch(n))
        parts.sort(key=lambda n: n != "word/document.xml")  # the body first
        lines: list[str] = []
        for name in parts:
            root = _parse(archive, name)
            lines += _paragraph_lines(root, f"{W}p", _WORD_TEXT)
            lines += _authors(root)
        lines += _external_links(archive)
        lines += _properties(archive)
    return "\n".join(lines)


def open_docx(data: bytes, limits: ZipLimits = ZipLimits()):  # noqa: B008
    """A python-docx Document, after the zip passed `check_zip`."""
    import docx

    check_zip(data, limits).close()
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises zip, XML, key and package errors alike
        raise OfficeFileError(BROKEN) from None


# ---------------------------------------------------------------------------------- Excel


def open_xlsx(data: bytes, limits: ZipLimits = ZipLimits()):  # noqa: B008
    """An openpyxl read-only workbook (cached values of formulas), after `check_zip`."""
    import openpyxl

    check_zip(data, limits).close()
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML and key errors alike
        raise OfficeFileError(BROKEN) from None


def sheet_values(sheet, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS):
    """Rows of cell values, at most `max_rows` rows of `max_columns` cells, trailing empty
    cells and rows dropped. The declared dimension is ignored: it can claim a million rows."""
    sheet.reset_dimensions()
    empty = 0  # empty rows are passed on only when a row with values follows them
    try:
        for row in sheet.iter_rows(max_row=max_rows, max_col=max_columns, values_only=True):
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            if not values:
                empty += 1
                continue
            yield from ([] for _ in range(empty))
            empty = 0
            yield values
    except OfficeFileError:
        raise
    except Exception:  # a broken sheet XML surfaces only while iterating
        raise OfficeFileError(BROKEN) from None


def xlsx_all_text(data: bytes, limits: ZipLimits = ZipLimits()) -> str:  # noqa: B008
    """Every line an .xlsx publishes: sheet names and cells (within the row and column
    limits), comments and threaded comments, link targets and document properties."""
    book = open_xlsx(data, limits)
    lines: list[str] = []
    try:
        for sheet in book.worksheets:
            lines.append(sheet.title)
            for values in sheet_values(sheet):
                cells = [str(v) for v in values if v is not None and str(v).strip()]
                if cells:
                    lines.append(" ".join(cells))
    finally:
        book.close()
    with check_zip(data, limits) as archive:
        for name in sorted(archive.namelist()):
            # Excel writes xl/comments1.xml, openpyxl xl/comments/comment1.xml.
            if _COMMENT_PART.fullmatch(name):
                lines += _comment_lines(_parse(archive, name))
        lines += _external_links(archive)
        lines += _properties(archive)
    return "\n".join(line for line in lines if line.strip())


def _comment_lines(root):
    for item in root.iter():
        if _local(item.tag) == "author" or _local(item.tag) == "person":
            yield item.text or item.get("displayName") or ""
        elif _local(item.tag) == "comment":  # a note: rich-text runs
            yield "".join(t.text or "" for t in item.iter(f"{S}t"))
        elif _local(item.tag) == "threadedComment":
            yield from (t.text or "" for t in item if _local(t.tag) == "text")
