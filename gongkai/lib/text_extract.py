"""Plain text out of an uploaded file, for the personal-data scan and the search index.

Plain text and HTML (UTF-8, else GB18030 as older Chinese systems write it), Word `.docx` and
Excel `.xlsx` (everything they publish, within bounds: `lib.office`) and PDF (text and document
properties) when `pypdf` is installed.
"""

from __future__ import annotations

import io
import logging
from html.parser import HTMLParser
from pathlib import PurePath
from urllib.parse import unquote

TEXT_SUFFIXES = {".txt", ".text", ".csv"}
HTML_SUFFIXES = {".html", ".htm"}
MAX_PDF_PAGES = 2000
SUPPORTED = ".txt .html .docx .xlsx .pdf"


def extract_text(data: bytes, filename: str) -> str:
    """The text of file `filename` holding `data`; ValueError with a Chinese message if the
    type is unknown or the file cannot be read."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return decode_text(data, filename)
    if suffix in HTML_SUFFIXES:
        return html_to_text(decode_text(data, filename))
    if suffix == ".docx":
        return docx_text(data, filename)
    if suffix == ".xlsx":
        return xlsx_text(data, filename)
    if suffix == ".pdf":
        return pdf_text(data, filename)
    raise ValueError(f"{filename}：不支持的文件类型（支持 {SUPPORTED}）")


def decode_text(data: bytes, filename: str = "") -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{filename}：无法识别文本编码（应为 UTF-8 或 GB18030）")


class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "template", "noscript"}
    BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "pre",
        "blockquote",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one line per block, scripts and styles left out."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


class _HTMLAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        for _, value in attrs:
            if value and value.strip():
                self.values.append(value)
                decoded = unquote(value)  # a link may carry the number percent-encoded
                if decoded != value:
                    self.values.append(decoded)

    handle_startendtag = handle_starttag


def html_attribute_text(markup: str) -> str:
    """Every attribute value of an HTML fragment (links' href and title…), one per line: they
    are published with the page even though nobody sees them as text."""
    parser = _HTMLAttributes()
    parser.feed(markup or "")
    parser.close()
    return "\n".join(parser.values)


def docx_text(data: bytes, filename: str = "") -> str:
    """Everything the .docx publishes (`lib.office.docx_all_text`), one line per paragraph."""
    from gongkai.lib.office import OfficeFileError, docx_all_text

    try:
        return docx_all_text(data)
    except OfficeFileError as exc:
        raise ValueError(f"{filename}：无法读取 Word 文件（{exc}）") from None


def xlsx_text(data: bytes, filename: str = "") -> str:
    """Everything the .xlsx publishes (`lib.office.xlsx_all_text`), one line per row."""
    from gongkai.lib.office import OfficeFileError, xlsx_all_text

    try:
        return xlsx_all_text(data)
    except OfficeFileError as exc:
        raise ValueError(f"{filename}：无法读取 Excel 文件（{exc}）") from None


def pdf_text(data: bytes, filename: str = "") -> str:
    try:
        import pypdf
    except ImportError:
        raise ValueError(
            f"{filename}：读取 PDF 需要 pypdf，但未安装（pip install pypdf）"
        ) from None
    # pypdf logs every oddity of a broken file; the error below says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        lines = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
        metadata = reader.metadata or {}
        lines += [f"{key.lstrip('/')}：{metadata[key]}" for key in metadata if metadata[key]]
        return "\n".join(line for line in lines if line.strip())
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise ValueError(f"{filename}：无法读取 PDF 文件（{exc}）") from None
