"""Keeping the passages in step with what may answer, and their word index.

Publishing a document splits it into passages (`passages.split`); withdrawing it, or its
repeal or replacement (a validity change), retires them and withdraws the library entries
that cite it. Approving an entry adds it as a passage; withdrawing retires it. A retired
passage (status WITHDRAWN) answers nobody and leaves the word index, but keeps its vectors:
a question that only it answered is told its answer was withdrawn (retrieval.ask), not
answered with whatever ranks next. Each passage
gets its jieba words in `answers_index` (FTS5 on SQLite, tsvector('simple') on PostgreSQL,
the same approach as `publications.search`) and its e5 embedding, once, here.
"""

from __future__ import annotations

import logging

from django.db import connection, transaction

from gongkai.answers import embed
from gongkai.answers.models import Entry, EntryStatus, Passage, PassageKind, PassageStatus
from gongkai.answers.passages import answers_from, asked_for, split
from gongkai.lib.search_text import segment

TABLE = "answers_index"
logger = logging.getLogger(__name__)


def embedding_text(passage: Passage) -> str:
    if passage.kind == PassageKind.ENTRY:
        return passage.text
    return f"{passage.title} {passage.heading} {passage.label} {passage.text}"[:1000]


def index_words(passage: Passage) -> str:
    return segment(f"{passage.title} {passage.label} {passage.text} {passage.asked}")


def asked_list(passage: Passage) -> list[str]:
    return [line for line in passage.asked.splitlines() if line.strip()]


def save_passages(passages: list[Passage]) -> list[Passage]:
    """Embed, save and index new passages (in batches: the model is faster on many); the
    citizens' phrasings of each passage get one vector each, in one blob."""
    vectors = embed.passages([embedding_text(p) for p in passages])
    asked = [asked_list(p) for p in passages]
    asked_vectors = iter(embed.questions([q for questions in asked for q in questions]))
    for passage, vector, questions in zip(passages, vectors, asked, strict=True):
        passage.embedding = vector
        passage.asked_embedding = b"".join(next(asked_vectors) for _ in questions)
        passage.save()
        _insert(passage.pk, index_words(passage))
    return passages


def remove(queryset) -> int:
    """Delete passages; their index rows go with them (`unindex`, on post_delete)."""
    return queryset.delete()[1].get(Passage._meta.label, 0)


def retire(queryset) -> int:
    """Passages that may answer no more: WITHDRAWN, out of the word index, vectors kept."""
    pks = list(queryset.exclude(status=PassageStatus.WITHDRAWN).values_list("pk", flat=True))
    Passage.objects.filter(pk__in=pks).update(status=PassageStatus.WITHDRAWN)
    for pk in pks:
        unindex(pk)
    return len(pks)


def unindex(pk: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [pk])  # noqa: S608


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
            asked="\n".join(asked_for(document.doc_no, piece.label)),
        )
        for n, piece in enumerate(split(document.body_text), start=1)
        if piece.text.strip()
    ]


# The entries a source's end withdraws (来源文件失效); a withdrawn one is already gone.
OPEN_ENTRIES = [EntryStatus.DRAFT, EntryStatus.PENDING, EntryStatus.PUBLISHED]


@transaction.atomic
def sync_document(document, today=None) -> list[Entry]:
    """Passages for a document that may answer; none otherwise, and the entries citing it
    withdrawn (来源文件失效, audited as 系统). The one withdrawal path: a save, a withdrawal
    or the daily sweep (reminders.withdraw_lapsed) all come here. Returns those withdrawn."""
    passages = Passage.objects.filter(document=document)
    if answers_from(document, today):
        if not passages.filter(status=PassageStatus.LIVE).exists():
            remove(passages)  # retired ones, from before it was withdrawn
            save_passages(document_passages(document))
        return []
    retire(passages)
    entries = list(
        Entry.objects.filter(sources__document=document, status__in=OPEN_ENTRIES).distinct()
    )
    for entry in entries:
        entry.source_ended(document=document)
    return entries


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
        asked="\n".join([entry.question, *entry.phrasing_list]),
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
    """Passages matching ANY of `terms`, best first, by BM25 (higher is better).

    SQLite: FTS5's own bm25(). PostgreSQL has no BM25 (ts_rank halves the hits here), so the
    same formula (k1 = 1.2, b = 0.75) is computed in SQL over the rows the GIN index matched:
    a term's document frequency is exact (every row holding it is among the matches); the
    average length is that of the matched rows, a close stand-in for the table's."""
    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_BM25, [_tsquery(terms), list(terms), limit])
        else:
            match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
            cursor.execute(
                f"SELECT rowid, -bm25({TABLE}) AS r FROM {TABLE} WHERE {TABLE} MATCH %s "  # noqa: S608
                "ORDER BY r DESC, rowid LIMIT %s",
                [match, limit],
            )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _tsquery(terms) -> str:
    return " | ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms)


PG_BM25 = f"""
WITH cand AS MATERIALIZED (
    SELECT rowid, words FROM {TABLE} WHERE words @@ to_tsquery('simple', %s)
), lex AS (
    SELECT c.rowid, u.lexeme, coalesce(array_length(u.positions, 1), 1) AS f
    FROM cand c, unnest(c.words) u
), lengths AS (
    SELECT rowid, sum(f)::float AS dl FROM lex GROUP BY rowid
), hits AS (
    SELECT rowid, lexeme, f FROM lex WHERE lexeme = ANY(%s)
), df AS (
    SELECT lexeme, count(*)::float AS df FROM hits GROUP BY lexeme
), total AS (
    SELECT count(*)::float AS n FROM {TABLE}
), average AS (
    SELECT avg(dl) AS avgdl FROM lengths
)
SELECT h.rowid, sum(
    ln(1 + (total.n - df.df + 0.5) / (df.df + 0.5))
    * h.f * 2.2 / (h.f + 1.2 * (0.25 + 0.75 * lengths.dl / average.avgdl))
) AS score
FROM hits h JOIN df USING (lexeme) JOIN lengths USING (rowid), total, average
GROUP BY h.rowid ORDER BY score DESC, h.rowid LIMIT %s
"""  # noqa: S608


def reindex_all() -> int:
    """Rebuild every passage from what may answer now (after an upgrade or a restore)."""
    from gongkai.publications.models import Document

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    imported = list(Passage.objects.filter(kind=PassageKind.IMPORTED))
    # retired passages stay (their vectors tell a question its answer was withdrawn), unindexed
    kept = Passage.objects.exclude(kind=PassageKind.IMPORTED)
    kept.exclude(status=PassageStatus.WITHDRAWN).delete()
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
