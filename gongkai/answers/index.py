"""Keeping the passages in step with what may answer, and their word index.

Publishing a document splits it into passages (`passages.split`); withdrawing it, or its
repeal or replacement (a validity change), removes them and withdraws the library entries
that cite it. Approving an entry adds it as a passage; withdrawing removes it. Each passage
gets its jieba words in `answers_index` (FTS5 on SQLite, tsvector('simple') on PostgreSQL,
the same approach as `publications.search`) and its e5 embedding, once, here.
"""

from __future__ import annotations

import logging

from django.db import connection, transaction

from gongkai.answers import embed
from gongkai.answers.models import Entry, EntryStatus, Passage, PassageKind
from gongkai.answers.passages import answers_from, split
from gongkai.lib.search_text import segment

TABLE = "answers_index"
logger = logging.getLogger(__name__)


def embedding_text(passage: Passage) -> str:
    if passage.kind == PassageKind.ENTRY:
        return passage.text
    return f"{passage.title} {passage.heading} {passage.label} {passage.text}"[:1000]


def index_words(passage: Passage) -> str:
    return segment(f"{passage.title} {passage.label} {passage.text}")


def save_passages(passages: list[Passage]) -> list[Passage]:
    """Embed, save and index new passages (in batches: the model is faster on many)."""
    vectors = embed.passages([embedding_text(p) for p in passages])
    for passage, vector in zip(passages, vectors, strict=True):
        passage.embedding = vector
        passage.save()
        _insert(passage.pk, index_words(passage))
    return passages


def remove(queryset) -> int:
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608
    Passage.objects.filter(pk__in=ids).delete()
    return len(ids)


# ---- documents ----------------------------------------------------------------------------


def document_passages(document) -> list[Passage]:
    title = document.title
    return [
        Passage(
            kind=PassageKind.ARTICLE if piece.label.endswith("条") else PassageKind.SECTION,
            key=f"doc{document.pk}-{n}",
            document=document,
            title=title,
            label=piece.label,
            heading=piece.heading[:100],
            text=piece.text,
            source=document.doc_no,
            position=n,
        )
        for n, piece in enumerate(split(document.body_text), start=1)
        if piece.text.strip()
    ]


@transaction.atomic
def sync_document(document) -> None:
    """Passages for a document that may answer; none (and its entries withdrawn) otherwise."""
    has = Passage.objects.filter(document=document).exists()
    if answers_from(document):
        if not has:
            save_passages(document_passages(document))
        return
    if has:
        remove(Passage.objects.filter(document=document))
    _withdraw_entries_citing(document)


def _withdraw_entries_citing(document) -> None:
    entries = Entry.objects.filter(
        sources__document=document,
        status__in=[EntryStatus.DRAFT, EntryStatus.PENDING, EntryStatus.PUBLISHED],
    ).distinct()
    for entry in entries:
        remove(Passage.objects.filter(entry=entry))
        entry.source_ended(document=document)


# ---- entries ------------------------------------------------------------------------------


def entry_passage(entry: Entry) -> Passage:
    asked = "；".join([entry.question, *entry.phrasing_list])
    return Passage(
        kind=PassageKind.ENTRY,
        key=f"entry{entry.pk}",
        entry=entry,
        title=entry.question,
        label="",
        text=f"{asked}。{entry.answer}",
        source="政策问答库",
    )


def add_entry(entry: Entry) -> None:
    remove(Passage.objects.filter(entry=entry))
    save_passages([entry_passage(entry)])


# ---- the word index -----------------------------------------------------------------------


def _insert(pk: int, words: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"INSERT INTO {TABLE} (rowid, words) VALUES (%s, to_tsvector('simple', %s))"  # noqa: S608
        else:
            sql = f"INSERT INTO {TABLE} (rowid, words) VALUES (%s, %s)"  # noqa: S608
        cursor.execute(sql, [pk, words])


def bm25(terms: list[str], limit: int = 40) -> list[tuple[int, float]]:
    """Passages matching ANY of `terms`, best first, with a score where higher is better."""
    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = " | ".join(
                "'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms
            )
            cursor.execute(
                f"SELECT s.rowid, ts_rank_cd(s.words, q, 1) AS r FROM {TABLE} s, "  # noqa: S608
                "to_tsquery('simple', %s) q WHERE s.words @@ q ORDER BY r DESC, s.rowid LIMIT %s",
                [query, limit],
            )
            return [(row[0], float(row[1])) for row in cursor.fetchall()]
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        cursor.execute(
            f"SELECT rowid, -bm25({TABLE}) AS r FROM {TABLE} WHERE {TABLE} MATCH %s "  # noqa: S608
            "ORDER BY r DESC, rowid LIMIT %s",
            [match, limit],
        )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def reindex_all() -> int:
    """Rebuild every passage from what may answer now (after an upgrade or a restore)."""
    from gongkai.publications.models import Document

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    imported = list(Passage.objects.filter(kind=PassageKind.IMPORTED))
    Passage.objects.exclude(kind=PassageKind.IMPORTED).delete()
    for passage in imported:
        _insert(passage.pk, index_words(passage))
    count = len(imported)
    for document in Document.public.all():
        if answers_from(document):
            count += len(save_passages(document_passages(document)))
    for entry in Entry.public.all():
        add_entry(entry)
        count += 1
    return count
