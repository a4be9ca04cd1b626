"""Keeping document text safe and readable: allow-listed HTML bodies, plain text for the scan
and the search index, and the text of attachments."""

from __future__ import annotations

import re

import nh3

from gongkai.lib.text_extract import extract_text, html_to_text

# What a 政府信息 body needs: paragraphs, headings, lists, tables, emphasis and links. No
# scripts, styles, frames, images by URL or event handlers: anything else is dropped.
BODY_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "sub",
    "sup",
    "hr",
}
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|<!--")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Headings pasted from Word or a web page: h1 is the document's title on the page, so a body
# heading becomes h2; h5/h6 become h4. Without this the allow-list would keep only their text.
_HEADING = re.compile(r"<(/?)h([156])\b", re.IGNORECASE)
_HEADING_LEVEL = {"1": "2", "5": "4", "6": "4"}


def clean_html(markup: str) -> str:
    """The body as allow-listed HTML; plain text (no tags at all) becomes paragraphs."""
    markup = _CONTROL.sub("", markup or "").strip()
    markup = _HEADING.sub(lambda m: f"<{m[1]}h{_HEADING_LEVEL[m[2]]}", markup)
    if markup and not _LOOKS_LIKE_HTML.search(markup):
        paragraphs = [line.strip() for line in markup.splitlines() if line.strip()]
        markup = "".join(f"<p>{nh3.clean_text(line)}</p>" for line in paragraphs)
    return nh3.clean(
        markup,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def clean_line(text: str) -> str:
    """A one-line field (title, 文号): no control characters, no line breaks, trimmed."""
    return " ".join(_CONTROL.sub("", text or "").split())


def body_text(markup: str) -> str:
    return html_to_text(markup or "")


def attachment_text(data: bytes, filename: str, kind: str) -> str:
    """Text for the scan and the index: everything the file publishes (`lib.office` for Word
    and Excel). Images have none; a file that cannot be read yields none."""
    if kind not in ("pdf", "docx", "xlsx"):
        return ""
    try:
        return extract_text(data, f"x.{kind}")
    except ValueError:
        return ""
