"""Yearly plan importers: text, HTML, .docx and .xlsx all reduce to rows of cells
and share one core (``core.parse_rows``)."""

import unicodedata

from gongkai.lib.office import BROKEN, OfficeFileError, check_zip, zip_kind
from gongkai.plans.importers.base import (
    MAX_FILE_BYTES,
    ParsedItem,
    ParsedPlan,
    PlanColumnsUnclear,
    PlanImportError,
    check_size,
)
from gongkai.plans.importers.docx import parse_plan_docx
from gongkai.plans.importers.text import parse_plan_text
from gongkai.plans.importers.xlsx import parse_plan_xlsx

__all__ = [
    "MAX_FILE_BYTES",
    "ParsedItem",
    "ParsedPlan",
    "PlanColumnsUnclear",
    "PlanImportError",
    "decode_text",
    "parse_plan_docx",
    "parse_plan_file",
    "parse_plan_text",
    "parse_plan_xlsx",
]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def parse_plan_file(data: bytes, filename: str, year: int, **options) -> ParsedPlan:
    """Parse an uploaded plan, choosing the reader by the file's content, not its name.

    ``options`` go to parse_rows: ``columns`` (each column's role, as the user mapped them)
    and ``synonyms`` (header words learned earlier)."""
    check_size(data)
    if data.startswith(b"PK"):
        kind = _zip_kind(data)
        if kind == "docx":
            return parse_plan_docx(data, year, **options)
        if kind == "xlsx":
            return parse_plan_xlsx(data, year, **options)
        raise PlanImportError(
            "该压缩文件既不是Word(.docx)也不是Excel(.xlsx)文件，请检查后重新上传。"
        )
    if data.startswith(_OLE_MAGIC):
        raise PlanImportError(
            "这是旧版Word/Excel文件（.doc/.xls），请用Office或WPS另存为.docx或.xlsx后再上传。"
        )
    if filename.lower().endswith((".docx", ".xlsx")):
        raise PlanImportError("文件已损坏，无法按Word/Excel文件打开，请重新导出后上传。")
    return parse_plan_text(decode_text(data), year, **options)


def _zip_kind(data: bytes) -> str | None:
    try:
        with check_zip(data) as archive:  # member count, sizes and ratio, before any parser
            return zip_kind(archive)
    except OfficeFileError as exc:
        if str(exc) == BROKEN:
            raise PlanImportError(
                "文件已损坏，无法按Word/Excel文件打开，请重新导出后上传。"
            ) from None
        raise PlanImportError(f"{exc}。") from None


def decode_text(data: bytes) -> str:
    """Text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    elif b"\x00" in data:
        candidates = ()
    else:
        candidates = ("utf-8-sig", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return text
    raise PlanImportError(
        "无法识别文件的文字编码，请另存为UTF-8或GBK编码的文本、Word或Excel文件后再上传。"
    )


def _mostly_text(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
    return controls <= len(text) // 100
