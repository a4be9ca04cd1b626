"""File downloads with Chinese file names (RFC 5987), one helper for every app."""

from urllib.parse import quote

from django.http import HttpResponse

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "zip": "application/zip",
}


def attachment_header(filename: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(filename)}"


def download(body: bytes | str, filename: str) -> HttpResponse:
    """`body` as a download named `filename`; the type follows the name's ending."""
    response = HttpResponse(
        body,
        content_type=CONTENT_TYPES.get(filename.rsplit(".", 1)[-1], "application/octet-stream"),
    )
    response["Content-Disposition"] = attachment_header(filename)
    return response
