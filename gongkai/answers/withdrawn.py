"""A question whose answer was withdrawn gets a refusal, not the next passage in line (probe 7 N2).

When an entry leaves the answers (its source repealed or withdrawn, or its head withdrew it),
its passage goes, and the same question then finds whatever ranks next: after 《主体责任规定》
was repealed, "企业里谁对安全生产负总责？" was answered with the 约谈 entry. The ranking is right
to rank what is left; what is wrong is to answer with it. So, after the decision to answer: when
the question is closer to how citizens asked a withdrawn entry than to the answer found, and
that answer is not the withdrawn entry's own rule still in force, the question is refused.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from gongkai.answers import embed
from gongkai.answers.models import Entry, EntrySource, EntryStatus, PassageKind
from gongkai.answers.retrieval import Answer

REASON = "原来答复这个问题的问答条目已撤下"


@dataclass(frozen=True)
class _Withdrawn:
    token: tuple
    vectors: np.ndarray  # one row per question or phrasing (e5's question side)
    owner: list[int]  # the entry each row belongs to
    documents: dict[int, set[int]]  # entry → its source documents


_cache: _Withdrawn | None = None
_lock = threading.Lock()


def _withdrawn() -> _Withdrawn | None:
    """The withdrawn entries' questions and phrasings, embedded once per process and again
    only when the set of withdrawn entries changes (one small query a question)."""
    global _cache
    rows = list(
        Entry.objects.filter(status=EntryStatus.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", "question", "phrasings")
    )
    if not rows:
        return None
    token = tuple((pk, question, phrasings) for pk, question, phrasings in rows)
    current = _cache
    if current is not None and current.token == token:
        return current
    with _lock:
        texts, owner = [], []
        for pk, question, phrasings in rows:
            for text in [question, *phrasings.splitlines()]:
                if text.strip():
                    texts.append(text.strip())
                    owner.append(pk)
        documents: dict[int, set[int]] = {pk: set() for pk, _, _ in rows}
        sources = EntrySource.objects.filter(entry_id__in=documents)
        for entry_id, document_id in sources.values_list("entry_id", "document_id"):
            documents[entry_id].add(document_id)
        _cache = current = _Withdrawn(token, embed.matrix(embed.questions(texts)), owner, documents)
    return current


def _closeness(passage, vector) -> float:
    """The best cosine of the question with the passage's text or a phrasing stored beside it."""
    blobs = bytes(passage.embedding) + bytes(passage.asked_embedding or b"")
    return float((_rows(blobs) @ vector).max())


def _rows(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, embed.DIM)


def refuse_if_withdrawn(answer: Answer) -> Answer:
    """Refuse an answer that stands in for a withdrawn entry (see the module's docstring); a
    refusal for such a question says so (REASON) rather than send the citizen elsewhere."""
    withdrawn = _withdrawn() if answer.question else None
    if withdrawn is None:
        return answer
    vector = embed.query(answer.question)
    cosines = withdrawn.vectors @ vector
    nearest = int(np.argmax(cosines))
    best = answer.candidates[0].passage if answer.candidates else None
    if best is not None and float(cosines[nearest]) <= _closeness(best, vector):
        return answer
    its_rule = withdrawn.documents[withdrawn.owner[nearest]]
    if not answer.refused and best.kind != PassageKind.ENTRY and best.document_id in its_rule:
        return answer  # the withdrawn entry's own rule, still in force, answers
    answer.refused = True
    answer.reasons.append(REASON)
    return answer
