"""Published documents as passages: a law, rule or normative document by article (第X条),
any other text by section or paragraph. Pure functions, plus the test of whether a document
may answer at all (published, proactive, and still in force)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇两\d]+条)[\s　]*")
HEADING = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章节编]\s*\S*\s*$")
# Paragraphs shorter than this join the next one: a one-line heading answers nothing alone.
MIN_SECTION = 60
MAX_SECTION = 600


@dataclass(frozen=True)
class Piece:
    label: str  # 第三十三条, or 第2段
    text: str
    heading: str = ""  # the chapter an article sits in (第四章 依申请公开)


def split(text: str) -> list[Piece]:
    """Articles when the text has at least two 第X条 lines; otherwise sections/paragraphs."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if sum(1 for line in lines if ARTICLE.match(line)) >= 2:
        return _articles(lines)
    return _sections(lines)


def _articles(lines) -> list[Piece]:
    pieces, label, body, heading = [], None, [], ""
    for line in lines:
        match = ARTICLE.match(line)
        if match:
            if label:
                pieces += _items(label, "".join(body), heading)
            label, body = match.group(1), [line[match.end() :]]
        elif HEADING.match(line):
            if label:
                pieces += _items(label, "".join(body), heading)
                label, body = None, []
            heading = line
        elif label:
            body.append(line)  # a paragraph of the same article (第二款)
    if label:
        pieces += _items(label, "".join(body), heading)
    return pieces


ITEM = re.compile(r"（[一二三四五六七八九十]+）")
MIN_ITEMS_SPLIT = 4
LONG_ARTICLE = 250


def _items(label: str, text: str, heading: str) -> list[Piece]:
    """A long article that lists cases (（一）…（七）) answers best case by case: the whole
    article, then each case with the article's lead-in, labelled 第三十六条（四）."""
    whole = Piece(label, text, heading)
    starts = [m.start() for m in ITEM.finditer(text)]
    if len(text) < LONG_ARTICLE or len(starts) < MIN_ITEMS_SPLIT:
        return [whole]
    lead = text[: starts[0]]
    ends = starts[1:] + [len(text)]
    items = []
    for start, end in zip(starts, ends, strict=True):
        item = text[start:end]
        tail = re.search(r"[。]", item)
        if end == len(text) and tail and tail.end() < len(item):
            item = item[: tail.end()]  # the article's closing sentence is not part of the case
        number = ITEM.match(item).group()
        items.append(Piece(f"{label}{number}", lead + item, heading))
    return [whole, *items]


def _sections(lines) -> list[Piece]:
    pieces, current = [], []
    for line in lines:
        if current and sum(len(x) for x in current) >= MIN_SECTION:
            pieces.append(current)
            current = []
        current.append(line)
        if sum(len(x) for x in current) >= MAX_SECTION:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [Piece(f"第{n}段", "\n".join(p)) for n, p in enumerate(pieces, start=1)]


ASKED = Path(__file__).with_name("data") / "asked.tsv"


@functools.cache
def _asked(path: Path = ASKED) -> dict[tuple[str, str], tuple[str, ...]]:
    """data/asked.tsv: how citizens ask for each article, by (文号, 第X条)."""
    found, doc_no = {}, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise ValueError(f"{path.name} 第{number}行格式不对：应为“第X条<TAB>问法”")
        if parts[0] == "文件":
            doc_no = parts[1].strip()
        elif doc_no is None:
            raise ValueError(f"{path.name} 第{number}行之前缺少“文件<TAB>文号”行")
        else:
            key = (doc_no, parts[0].strip())
            found[key] = (*found.get(key, ()), parts[1].strip())
    return found


def asked_for(doc_no: str, label: str) -> list[str]:
    """The citizens' phrasings written for 第X条 of the document numbered `doc_no`."""
    return list(_asked().get(((doc_no or "").strip(), label), ()))


def answers_from(document, today=None) -> bool:
    """A document answers only while the portal shows it and it is in force: never when
    withdrawn, repealed, amended (replaced by a new version) or past its 失效日期."""
    from gongkai.publications.models import ENDED_VALIDITIES, Document

    if document.validity in ENDED_VALIDITIES:
        return False
    today = today or timezone.localdate()
    if document.expires_on is not None and document.expires_on <= today:
        return False
    return Document.public.filter(pk=document.pk).exists()


def ended_documents(today=None):
    """The documents that may not answer today (answers_from, for many at once): withdrawn or
    never public, repealed, amended, or past their 失效日期 — even before anyone saves them."""
    from django.db.models import Q

    from gongkai.publications.models import ENDED_VALIDITIES, Document

    today = today or timezone.localdate()
    return Document.objects.filter(
        Q(validity__in=ENDED_VALIDITIES)
        | Q(expires_on__lte=today)
        | ~Q(pk__in=Document.public.values("pk"))
    )
