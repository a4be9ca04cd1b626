"""Property-based tests of the document attachment upload (issue 15, fuzzing): any bytes under
any name — empty, binary, broken or mangled Word/Excel/PDF files, zip bombs, 100,000 members,
nested zips, a huge declared sheet. The only exception allowed is UploadError with a Chinese
message; a refused file leaves no attachment row, no stored file and the document unchanged.

Examples tried per run (max_examples): raw bytes 50, mangled Office/PDF files 50 — 100 uploads,
plus the fixed @example cases.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.lib.tests import hostile
from gongkai.lib.uploads import UploadError
from gongkai.publications.models import Attachment

FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))
CHINESE = re.compile(r"[\u4e00-\u9fff]")
NAMES = st.sampled_from(
    ["附件.docx", "名单.xlsx", "通知.pdf", "图.png", "无后缀", "../../x.docx", "a" * 300 + ".pdf"]
)


def fuzz(examples: int):
    return settings(FUZZ, max_examples=examples)


@pytest.fixture
def draft(make_draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_draft()


def _attach_or_refuse(cast, document, data: bytes, name: str, media) -> None:
    with transaction.atomic():
        version = document.version
        files_before = sorted(p for p in media.rglob("*") if p.is_file())
        try:
            attachment = document.add_attachment(
                by=cast.clerk, upload=SimpleUploadedFile(name, data)
            )
        except UploadError as error:
            assert CHINESE.search(str(error)), str(error)
            assert not Attachment.objects.filter(document=document).exists()
            assert sorted(p for p in media.rglob("*") if p.is_file()) == files_before
            document.refresh_from_db()
            assert document.version == version
        else:
            stored = Attachment.objects.get(pk=attachment.pk)
            assert stored.size == len(data) and stored.kind in ("pdf", "docx", "xlsx", "png", "jpg")
            assert stored.file.read() == data
            stored.file.delete(save=False)  # the rollback below undoes the row, not the file
        transaction.set_rollback(True)
    document.refresh_from_db()


@fuzz(50)
@given(
    data=st.binary(max_size=3000),
    name=NAMES,
    magic=st.sampled_from([b"", b"PK\x03\x04", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"]),
)
@example(data=b"", name="附件.docx", magic=b"")
@example(data=hostile.broken_zip(), name="附件.docx", magic=b"")
@example(data=hostile.future_version_zip(), name="附件.docx", magic=b"")
@example(data=b"\0" * 100, name="通知.pdf", magic=b"%PDF-1.7\n")
def test_any_bytes_are_attached_or_refused_in_chinese(cast, draft, settings, data, name, magic):
    _attach_or_refuse(cast, draft, magic + data, name, settings.MEDIA_ROOT)


FILES = {
    "docx": hostile.docx_bytes("正文：危险化学品名单"),
    "xlsx": hostile.xlsx_bytes([["姓名", "电话"], ["张三", "13800000001"]]),
    "pdf": (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF"
    ),
    "docx bomb": hostile.docx_bomb(),
    "100,000 members": hostile.many_members_zip(),
    "nested zip": hostile.nested_zip_docx(),
    "huge dimension": hostile.huge_dimension_xlsx(),
}


@fuzz(50)
@given(
    base=st.sampled_from(["docx", "xlsx", "pdf"]),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    keep=st.integers(1, 100),
)
@example(base="docx bomb", flips=[], keep=100)
@example(base="100,000 members", flips=[], keep=100)
@example(base="nested zip", flips=[], keep=100)
@example(base="huge dimension", flips=[], keep=100)
def test_mangled_office_and_pdf_files_are_attached_or_refused(
    cast, draft, settings, base, flips, keep
):
    data = bytearray(FILES[base])
    for position, value in flips:
        data[position % len(data)] = value
    _attach_or_refuse(
        cast,
        draft,
        bytes(data[: max(1, len(data) * keep // 100)]),
        "附件.docx",
        settings.MEDIA_ROOT,
    )
