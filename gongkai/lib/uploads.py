"""Upload checks by content, not by name: what a file really is, its size and fingerprint."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from gongkai.lib.office import OfficeFileError, check_zip, zip_kind

KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "png": "PNG图片",
    "jpg": "JPEG图片",
    "mp4": "MP4视频",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
}
# ISO base media files whose major brand is MP4 video that browsers play (not QuickTime "qt  ").
MP4_BRANDS = (b"isom", b"iso2", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# The extensions each kind may carry: a file is kept under its name, so a PDF named .png
# would be served and opened as a picture that does not open.
EXTENSIONS = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "png": (".png",),
    "jpg": (".jpg", ".jpeg", ".jpe"),
    "mp4": (".mp4", ".m4v"),
}


NAME_MAX_CHARS = 200  # the models' original_name columns


def short_name(name: str, limit: int = NAME_MAX_CHARS) -> str:
    """A file name cut to `limit` characters by its stem, so the extension stays: a published
    attachment without ".pdf" does not open on Windows (probe 10, finding 4)."""
    name = str(name)
    if len(name) <= limit:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) > 10:  # no real extension: cut the end
        return name[:limit]
    return stem[: limit - len(suffix) - 1] + "." + suffix


class UploadError(ValueError):
    """The file is refused; the message names the file and says why, in Chinese."""


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # a key of KIND_LABELS
    size: int
    sha256: str


def sniff(head: bytes, data_for_zip=None) -> str | None:
    """The kind of file from its first bytes (and, for Office files, the zip's contents)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "mp4"
    if head.startswith(b"PK\x03\x04") and data_for_zip is not None:
        try:
            with check_zip(data_for_zip) as archive:
                return zip_kind(archive)
        except OfficeFileError:
            return None
    return None


DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "png", "jpg")


def sniff_upload(
    upload, *, allowed=DOCUMENT_KINDS, max_bytes: int = DEFAULT_MAX_BYTES
) -> CheckedFile:
    """Check an uploaded file (Django UploadedFile or any file object with .name/.size/.read)."""
    name = getattr(upload, "name", "文件")
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size == 0:
        raise UploadError(f"“{name}”是空文件。")
    if size > max_bytes:
        raise UploadError(f"“{name}”超过{max_bytes // (1024 * 1024)}MB，请压缩或拆分后再上传。")
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"PK"):
        try:  # before anything unpacks it: no zip bombs, no 100,000 members
            check_zip(upload).close()
        except OfficeFileError as error:
            raise UploadError(f"“{name}”：{error}。") from None
        upload.seek(0)
    kind = sniff(head, upload)
    upload.seek(0)
    if kind not in allowed:
        accepted = "、".join(KIND_LABELS[k] for k in allowed)
        raise UploadError(f"“{name}”的内容不是可接受的文件类型（{accepted}）。")
    if not str(name).lower().endswith(EXTENSIONS[kind]):
        raise UploadError(
            f"“{name}”的内容是{KIND_LABELS[kind]}，与文件扩展名不符，"
            f"请将扩展名改为{EXTENSIONS[kind][0]}后重新上传。"
        )
    return CheckedFile(kind=kind, size=size, sha256=digest.hexdigest())
