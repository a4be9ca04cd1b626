"""Keeping document text safe and readable: allow-listed HTML bodies, plain text for the scan
and the search index, and the text of attachments."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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


# A browser's editor makes a <div> of each line typed with Enter (and leaves the first line
# bare): each is a paragraph. Without this the allow-list would keep only the text, run on.
_DIV = re.compile(r"<(/?)div\b", re.IGNORECASE)
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")
_TRAILING_BREAK = re.compile(
    r"(?:<br>\s*)+</p>"
)  # the placeholder an editor leaves at a line's end


def clean_html(markup: str) -> str:
    """The body as allow-listed HTML; plain text (no tags at all) becomes paragraphs, and text
    lying between blocks (a first line typed before Enter) becomes a paragraph of its own."""
    markup = _CONTROL.sub("", markup or "").strip()
    markup = _HEADING.sub(lambda m: f"<{m[1]}h{_HEADING_LEVEL[m[2]]}", markup)
    markup = _DIV.sub(lambda m: f"<{m[1]}p", markup)
    if markup and not _LOOKS_LIKE_HTML.search(markup):
        paragraphs = [line.strip() for line in markup.splitlines() if line.strip()]
        markup = "".join(f"<p>{nh3.clean_text(line)}</p>" for line in paragraphs)
    cleaned = _sanitise(markup)
    if not cleaned:
        return cleaned
    return _EMPTY_PARAGRAPH.sub("", _TRAILING_BREAK.sub("</p>", _LooseText.wrap(cleaned)))


def _sanitise(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        # The annual report's national-format tables keep their look (site.css table.official).
        allowed_classes={"table": {"official"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table>", re.IGNORECASE)


def scrollable_tables(markup: str) -> str:
    """A cleaned body with each table in a <div class="table-wrap">, for the page only (the
    stored body keeps no div): a wide table scrolls in its own box, its scroll shown there."""
    markup = _TABLE_OPEN.sub('<div class="table-wrap"><table', markup)
    return _TABLE_CLOSE.sub("</table></div>", markup)


class _LooseText(HTMLParser):
    """Wraps runs of text and inline tags lying between top-level blocks in <p>. Works on
    nh3's output: well-formed, escaped, only BODY_TAGS."""

    BLOCKS = frozenset({"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "table", "hr"})
    VOID = frozenset({"br", "hr"})

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out, self.run = [], []
        self.depth = 0  # open tags inside a top-level block
        self.inline = 0  # open inline tags in the current loose run

    @classmethod
    def wrap(cls, markup: str) -> str:
        parser = cls()
        parser.feed(markup)
        parser.close()
        parser._flush()
        return "".join(parser.out)

    def _flush(self):
        run = re.sub(r"^(?:\s|<br>)+|(?:\s|<br>)+$", "", "".join(self.run))
        if re.sub(r"<[^>]*>|&nbsp;|\s", "", run):
            self.out.append(f"<p>{run}</p>")
        self.run = []

    def _emit(self, text: str):
        (self.out if self.depth else self.run).append(text)

    def handle_starttag(self, tag, attrs):
        opens = tag not in self.VOID
        if self.depth:
            self.out.append(self.get_starttag_text())
            self.depth += opens
        elif not self.inline and tag in self.BLOCKS:
            self._flush()
            self.out.append(self.get_starttag_text())
            self.depth = int(opens)
        else:
            self.run.append(self.get_starttag_text())
            self.inline += opens

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth -= 1
            self.out.append(f"</{tag}>")
        else:
            self.inline = max(0, self.inline - 1)
            self.run.append(f"</{tag}>")

    def handle_data(self, data):
        self._emit(data)

    def handle_entityref(self, name):
        self._emit(f"&{name};")

    def handle_charref(self, name):
        self._emit(f"&#{name};")


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
