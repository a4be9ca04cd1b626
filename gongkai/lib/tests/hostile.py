"""Hostile files, built in the tests (issue 15, item 6): zip bombs, a huge declared sheet
dimension, 100,000 members, broken and crafted zips, nested zips. Not a test module itself."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, replace: dict[str, bytes] | None = None, add=None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = (replace or {}).get(item.filename, source.read(item.filename))
                target.writestr(item.filename, content)
            for name, content in (add or {}).items():
                target.writestr(name, content)
    return out.getvalue()


def docx_bomb(unpacked_mb: int = 300) -> bytes:
    """A .docx whose word/document.xml is `unpacked_mb` MB of empty paragraphs (~1 MB zipped
    at 300 MB): a valid document, just enormous."""
    template = docx_bytes("炸弹")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                if item.filename != "word/document.xml":
                    target.writestr(item.filename, source.read(item.filename))
                    continue
                with target.open("word/document.xml", "w", force_zip64=True) as member:
                    member.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
                    chunk = b"<w:p/>" * (1024 * 1024 // 6)
                    for _ in range(unpacked_mb):
                        member.write(chunk)
                    member.write(b"</w:body></w:document>")
    return out.getvalue()


def xlsx_bytes(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def huge_dimension_xlsx(rows: list[list] | None = None) -> bytes:
    """A small .xlsx that declares A1:XFD1048576 and has one cell in its very last corner."""
    data = xlsx_bytes(rows or [["姓名", "电话"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    start = sheet.index("<dimension ref=")
    end = sheet.index("/>", start) + 2
    sheet = sheet[:start] + '<dimension ref="A1:XFD1048576"/>' + sheet[end:]
    corner = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>角</t></is></c></row>'
    sheet = sheet.replace("</sheetData>", corner + "</sheetData>")
    return rewrite_zip(data, replace={"xl/worksheets/sheet1.xml": sheet.encode()})


def many_members_zip(count: int = 100_000) -> bytes:
    """A "docx" with `count` members: word/document.xml and thousands of empty parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"/>')
        for number in range(count - 1):
            archive.writestr(f"m/{number}", b"")
    return out.getvalue()


def nested_zip_docx() -> bytes:
    """A valid .docx carrying a zip bomb (stored) as an embedded object: never to be unpacked."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (20 * 1024 * 1024))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(docx_bytes("正文：内嵌对象"))) as source:
            for item in source.infolist():
                archive.writestr(item.filename, source.read(item.filename))
        archive.writestr(
            zipfile.ZipInfo("word/embeddings/bomb.zip"), inner.getvalue(), zipfile.ZIP_STORED
        )
    return outer.getvalue()


def broken_zip() -> bytes:
    return b"PK\x03\x04" + b"\x14\x00" * 40 + b"not really a zip"


def future_version_zip() -> bytes:
    """A docx whose central directory asks for zip version 25.5: zipfile raises
    NotImplementedError, which escaped every check and gave anonymous users a 500."""
    data = bytearray(docx_bytes("x"))
    at = data.index(b"PK\x01\x02")
    data[at + 6 : at + 8] = (255).to_bytes(2, "little")
    return bytes(data)


def run_bounded(code: str, *, seconds: int = 60, memory_mb: int = 1500):
    """Run `code` in a fresh interpreter with a wall-clock and an address-space limit, so
    a parser that hangs or balloons fails the test instead of the machine."""

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))

    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit,  # noqa: PLW1509 — a test helper, no threads here
    )
