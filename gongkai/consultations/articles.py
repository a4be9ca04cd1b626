"""The published draft split into the parts a comment can be on: 第X条 when the draft has
articles, else its numbered sections (一、二、…), else nothing (comments on the whole draft)."""

from __future__ import annotations

import re

ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇两\d]+条)[\s　]*(.*)$")
SECTION = re.compile(r"^\s*([一二三四五六七八九十]+、)\s*(.*)$")
MAX_PARTS = 500
MAX_TEXT = 4000


def split(text: str) -> list[tuple[str, str]]:
    """[(label, text)] in order: each part runs until the next label of the same kind."""
    lines = text.splitlines()
    for pattern in (ARTICLE, SECTION):
        parts: list[list] = []
        for line in lines:
            match = pattern.match(line)
            if match:
                parts.append([match.group(1), [match.group(2)]])
            elif parts and line.strip():
                parts[-1][1].append(line.strip())
        if len(parts) >= 2:
            return [
                (label, "\n".join(body).strip()[:MAX_TEXT]) for label, body in parts[:MAX_PARTS]
            ]
    return []


DRAFT_HEADING = "征求意见稿"  # services.compose_notice puts the draft under this heading


def published_draft(body_text: str) -> str:
    """The draft's part of the published notice: what follows its heading (the explanation
    before it has sections of its own)."""
    marker = f"\n{DRAFT_HEADING}\n"
    return body_text.split(marker, 1)[1] if marker in body_text else body_text


def store_articles(consultation) -> None:
    """From the notice as published (reviewed at 三审), not from the form it was made from."""
    from gongkai.consultations.models import Article

    consultation.articles.all().delete()
    parts = split(published_draft(consultation.document.body_text))
    Article.objects.bulk_create(
        Article(consultation=consultation, position=n, label=label, text=body)
        for n, (label, body) in enumerate(parts, start=1)
    )
