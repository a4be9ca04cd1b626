"""Chinese full-text search over published documents: one interface, two backends.

Documents are indexed as jieba-segmented words (`lib.search_text.segment`) of title, 文号,
summary, body and attachments' text, in a table the migration creates for the database in
use: an FTS5 virtual table (unicode61, ranked by bm25) on SQLite, a tsvector('simple') column
with a GIN index on PostgreSQL. Queries are segmented the same way; every word must match.
Filters and the "published only" rule come from the ORM (`Document.public`), so the index can
never surface anything the portal may not show. The index holds exactly the published documents
(publishing adds a row, withdrawing or deleting removes it), so an unfiltered search counts and
orders its matches in the index alone, without reading a document row per match; the rows it
shows are still read through `Document.public`, so a stale index row can never show anything.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction

from gongkai.lib.search_text import highlight, query_terms, segment
from gongkai.publications.models import Attachment, Document

TABLE = "publications_search"


# Ranking (bm25 / ts_rank) scores every match, and counting touches every match: for words in
# most documents that costs hundreds of milliseconds. So count up to COUNT_CAP, rank only up to
# RANK_LIMIT matches, and list broader results newest first. Measured on 100,000 documents
# (bench/bench_portal_crawl.py), counting 10,000 matches cost PostgreSQL about 50 ms and ranking
# 2,500 about 25 ms (it reads a heap page per match); at 2,000 and 1,000 about a fifth of that.
# 2,000 matches make 100 pages of 20: a broader search is better narrowed than paged.
COUNT_CAP = 2_000
RANK_LIMIT = 1_000
# What a result row shows and its snippet reads (not the body's HTML, the largest column).
ROW_FIELDS = (
    "title",
    "index_no",
    "published_at",
    "validity",
    "summary",
    "body_text",
    "unit__name",
    "unit__full_name",
)


@dataclass
class Results:
    terms: list[str]
    total: int = 0
    rows: list = field(default_factory=list)  # (Document, snippet_html)
    ranked: bool = True  # False: too many matches to rank, listed newest first

    @property
    def total_capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def count_cap(self) -> int:
        return COUNT_CAP


# Segmenting runs at roughly 70,000-400,000 characters a second: a document is searchable by
# its first MAX_INDEX_CHARS characters (about 500 pages), so publishing never waits long.
MAX_INDEX_CHARS = 1_000_000
# PostgreSQL refuses a tsvector over 1 MB; words past this many bytes are left out.
MAX_INDEX_BYTES = 900_000

logger = logging.getLogger(__name__)


def document_words(document) -> str:
    parts = [document.title, document.doc_no, document.summary, document.body_text]
    parts += [a.text for a in document.attachments.all()]
    return segment("\n".join(p for p in parts if p)[:MAX_INDEX_CHARS])


def index(document) -> None:
    """(Re)index one document if the portal may show it; otherwise make sure it is gone.

    Publishing must never fail because of the index (issue 15, item 5): an index the database
    refuses is retried with each word once, then left out and logged — `reindex_all` mends it.
    """
    unindex(document.pk)
    if Document.public.filter(pk=document.pk).exists():
        _insert(document.pk, document_words(document))


def _insert(pk: int, words: str) -> None:
    for attempt in (words, _distinct(words)):
        try:
            with transaction.atomic():  # a savepoint: a refused insert leaves the rest intact
                _backend().insert(pk, attempt)
            return
        except DatabaseError:
            logger.warning("search index refused document %s", pk, exc_info=True)
    logger.error("document %s published without a search index entry", pk)


def _distinct(words: str) -> str:
    kept, size = [], 0
    for word in dict.fromkeys(words.split()):
        size += len(word.encode()) + 8
        if size > MAX_INDEX_BYTES:
            break
        kept.append(word)
    return " ".join(kept)


def unindex(document_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [document_id])  # noqa: S608


def reindex_all() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    count = 0
    for document in Document.public.prefetch_related("attachments").iterator(chunk_size=200):
        _insert(document.pk, document_words(document))
        count += 1
    return count


def search(q: str, documents=None, *, limit: int = 20, offset: int = 0) -> Results:
    """Published documents matching every word of `q`, best first, with highlighted snippets.

    `documents` narrows the candidates (a filtered `Document.public` queryset); None means every
    published document."""
    terms = query_terms(q)
    results = Results(terms=terms)
    if not terms:
        return results
    # Unfiltered: the index alone (no document row read per match, ~10x cheaper for words in
    # thousands of documents).
    where_sql, where_params = _where(documents) if documents is not None else (None, [])
    backend = _backend()
    results.total = backend.count(terms, where_sql, where_params, cap=COUNT_CAP)
    results.ranked = results.total <= RANK_LIMIT
    if offset >= results.total:  # past the last match (a page number of 10^30 overflowed SQL)
        return results
    ids = backend.ids(terms, where_sql, where_params, limit, offset, ranked=results.ranked)
    found = Document.public.select_related("unit").only(*ROW_FIELDS).order_by().in_bulk(ids)
    # The snippet comes from an attachment only where summary and body have no hit: one query
    # for those documents' attachments, none for most pages (prefetch_related would build a
    # queryset per document, which costs more than the rest of the page).
    lowered = [t.lower() for t in terms]
    without_hit = [pk for pk, d in found.items() if not _has_hit(d, lowered)]
    attachment_texts = defaultdict(list)
    if without_hit:
        texts = Attachment.objects.filter(document_id__in=without_hit)
        for document_id, text in texts.values_list("document_id", "text"):
            attachment_texts[document_id].append(text)
    for pk in ids:
        document = found.get(pk)
        if document is not None:
            document.title_html = highlight(document.title, terms, width=len(document.title) + 1)
            results.rows.append((document, snippet(document, terms, attachment_texts[pk])))
    return results


def _has_hit(document, lowered_terms) -> bool:
    return any(
        w in t.lower() for t in (document.summary, document.body_text) if t for w in lowered_terms
    )


def snippet(document, terms, attachment_texts) -> str:
    """Around the first hit in summary, body or an attachment; else the opening of the body."""
    texts = [document.summary, document.body_text, *attachment_texts]
    lowered = [t.lower() for t in terms]
    text = next((t for t in texts if t and any(w in t.lower() for w in lowered)), None)
    text = text or document.summary or document.body_text
    return highlight(" ".join(text.split()), terms, width=120)


def _where(candidates) -> tuple[str, list]:
    """The WHERE clause of a Document queryset, to apply to the documents the index matched.

    Matching first and joining the document rows afterwards keeps a query fast whatever the
    filters: "rowid IN (all published ids)" would make FTS5 look up every published row."""
    query = candidates.query
    if sum(1 for alias in query.alias_map if query.alias_refcount[alias]) > 1:
        raise ValueError("search filters must be on Document's own columns")
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql or "1 = 1", list(params)


_DOCUMENT = "publications_document"


class _SQLite:
    @staticmethod
    def _match(terms) -> str:
        return " ".join('"' + term.replace('"', '""') + '"' for term in terms)

    def insert(self, pk, words):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} (rowid, words) VALUES (%s, %s)", [pk, words])  # noqa: S608

    def _matched(self, select, where_sql, tail="", *, ranked=False):
        score = f"bm25({TABLE})" if ranked else "0"
        return (
            f"WITH m AS MATERIALIZED (SELECT rowid AS id, {score} AS score FROM {TABLE} "  # noqa: S608
            f"WHERE {TABLE} MATCH %s) SELECT {select} FROM m JOIN {_DOCUMENT} "
            f"ON {_DOCUMENT}.id = m.id WHERE {where_sql} {tail}"
        )

    def _streamed(self, select, where_sql, tail):
        """Index first (CROSS JOIN fixes the loop order), newest first: LIMIT stops the scan
        early instead of collecting every match, which is what makes broad words cheap."""
        return (
            f"SELECT {select} FROM {TABLE} CROSS JOIN {_DOCUMENT} "  # noqa: S608
            f"ON {_DOCUMENT}.id = {TABLE}.rowid "
            f"WHERE {TABLE} MATCH %s AND ({where_sql}) ORDER BY {TABLE}.rowid DESC {tail}"
        )

    def count(self, terms, where_sql, where_params, *, cap):
        if where_sql is None:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s)"  # noqa: S608
        else:
            sql = f"SELECT count(*) FROM ({self._streamed('1', where_sql, 'LIMIT %s')})"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._match(terms), *where_params, cap + 1])
            return cursor.fetchone()[0]

    def ids(self, terms, where_sql, where_params, limit, offset, *, ranked):
        if where_sql is None:
            order = f"bm25({TABLE}), rowid DESC" if ranked else "rowid DESC"
            sql = (
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY {order} LIMIT %s OFFSET %s"
            )
        elif ranked:
            sql = self._matched(
                "m.id", where_sql, "ORDER BY m.score, m.id DESC LIMIT %s OFFSET %s", ranked=True
            )
        else:
            sql = self._streamed(f"{TABLE}.rowid", where_sql, "LIMIT %s OFFSET %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._match(terms), *where_params, limit, offset])
            return [row[0] for row in cursor.fetchall()]


class _PostgreSQL:
    @staticmethod
    def _query(terms) -> str:
        # Words are letters and digits only (segment() splits on everything else); quoting
        # keeps to_tsquery from reading anything as an operator all the same.
        return " & ".join(
            "'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms
        )

    def insert(self, pk, words):
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, words) VALUES (%s, to_tsvector('simple', %s))",  # noqa: S608
                [pk, words],
            )

    def _matched(self, select, where_sql, tail="", *, ranked=False):
        score = "ts_rank(s.words, q.q)" if ranked else "0"
        return (
            f"WITH q AS (SELECT to_tsquery('simple', %s) AS q), m AS MATERIALIZED ("  # noqa: S608
            f"SELECT s.rowid AS id, {score} AS score FROM {TABLE} s, q "
            f"WHERE s.words @@ q.q) SELECT {select} FROM m JOIN {_DOCUMENT} "
            f"ON {_DOCUMENT}.id = m.id WHERE {where_sql} {tail}"
        )

    def count(self, terms, where_sql, where_params, *, cap):
        if where_sql is None:
            sql = (
                f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} "  # noqa: S608
                "WHERE words @@ to_tsquery('simple', %s) LIMIT %s) capped"
            )
        else:
            sql = f"SELECT count(*) FROM ({self._matched('1', where_sql, 'LIMIT %s')}) capped"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._query(terms), *where_params, cap + 1])
            return cursor.fetchone()[0]

    def ids(self, terms, where_sql, where_params, limit, offset, *, ranked):
        if where_sql is None:
            order = "ts_rank(s.words, q) DESC, s.rowid DESC" if ranked else "s.rowid DESC"
            sql = (
                f"SELECT s.rowid FROM {TABLE} s, to_tsquery('simple', %s) q "  # noqa: S608
                f"WHERE s.words @@ q ORDER BY {order} LIMIT %s OFFSET %s"
            )
        else:
            order = "ORDER BY m.score DESC, m.id DESC" if ranked else "ORDER BY m.id DESC"
            sql = self._matched("m.id", where_sql, f"{order} LIMIT %s OFFSET %s", ranked=ranked)
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._query(terms), *where_params, limit, offset])
            return [row[0] for row in cursor.fetchall()]


def _backend():
    return _PostgreSQL() if connection.vendor == "postgresql" else _SQLite()
