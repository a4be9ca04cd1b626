"""The personal-data scan reviewers see (条例第十五条, item 21): everything that is published —
the body's text and its attributes (a link's href and title), and each attachment's file name
and everything in it (`lib.office`: headers, footers, comments, properties…). An attachment
without readable text (an image, a scan) is listed for the reviewers to check by eye.

A hit is known by a keyed hash of its kind and text, so the same number accepted once at a
stage stays accepted wherever it appears, a hit edited away simply disappears, and nothing
stored can be turned back into the number without the site's secret key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.crypto import salted_hmac

from gongkai.lib.pii import KIND_LABELS, scan_text
from gongkai.lib.text_extract import html_attribute_text

CONTEXT_CHARS = 14


@dataclass
class ScanHit:
    key: str
    kind: str
    masked: str
    places: list[str] = field(default_factory=list)  # 正文 / attachment names
    context: str = ""  # the words around the first occurrence, the hit itself masked

    @property
    def label(self) -> str:
        return UNSCANNED_LABEL if self.kind == UNSCANNED else KIND_LABELS.get(self.kind, self.kind)


# An attachment with no text the scan can read (an image, a scanned PDF): not "nothing found"
# but a hit of its own, which each stage's reviewer clears after looking at it (probe 7 F6).
UNSCANNED = "unscanned"
UNSCANNED_LABEL = "图片未检查"
UNSCANNED_NOTE = "图片或扫描件，系统无法读取其中文字，未检查个人信息，请人工核对"


def hit_key(kind: str, text: str) -> str:
    return f"{kind}:" + salted_hmac("gongkai.publications.scan", f"{kind}\0{text}").hexdigest()[:32]


def _masked(text: str) -> str:
    for hit in scan_text(text):
        text = text.replace(hit.text, hit.masked)
    return text


def scan_document(document) -> list[ScanHit]:
    attributes = html_attribute_text(document.body)  # links' href and title are published too
    sources = [
        ("正文", f"{document.title}\n{document.summary}\n{document.body_text}\n{attributes}")
    ]
    hits: dict[str, ScanHit] = {}
    if document.pk:
        for a in document.attachments.all():
            # The file name is published too (its download name): 申请人…-138….pdf.
            sources.append((a.original_name, f"{a.original_name}\n{a.text}"))
            if not a.text.strip():
                key = hit_key(UNSCANNED, a.sha256)
                name = _masked(a.original_name)  # stored with the decision: no number in clear
                hits[key] = ScanHit(key, UNSCANNED, name[:100], [name], UNSCANNED_NOTE)
    for place, text in sources:
        for hit in scan_text(text or ""):
            key = hit_key(hit.kind, hit.text)
            found = hits.get(key)
            if found is None:
                before = text[max(0, hit.start - CONTEXT_CHARS) : hit.start]
                after = text[hit.end : hit.end + CONTEXT_CHARS]
                context = " ".join(f"{before}{hit.masked}{after}".split())
                found = hits[key] = ScanHit(key, hit.kind, hit.masked, context=context)
            if place not in found.places:
                found.places.append(place)
    return list(hits.values())
