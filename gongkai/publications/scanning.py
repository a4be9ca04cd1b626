"""The personal-data scan reviewers see (条例第十五条, item 21): everything that is published —
the body's text and its attributes (a link's href and title), and everything in each
attachment (`lib.office`: headers, footers, comments, properties…).

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
        return KIND_LABELS.get(self.kind, self.kind)


def hit_key(kind: str, text: str) -> str:
    return f"{kind}:" + salted_hmac("gongkai.publications.scan", f"{kind}\0{text}").hexdigest()[:32]


def scan_document(document) -> list[ScanHit]:
    attributes = html_attribute_text(document.body)  # links' href and title are published too
    sources = [
        ("正文", f"{document.title}\n{document.summary}\n{document.body_text}\n{attributes}")
    ]
    if document.pk:
        sources += [(a.original_name, a.text) for a in document.attachments.all()]
    hits: dict[str, ScanHit] = {}
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
