"""Chinese full-text search over published documents: one interface, two backends.

Documents are indexed as jieba-segmented words (`lib.search_text.segment`) of title, 文号,
summary, body and attachments' text, in a table the migration creates for the database in
use: an FTS5 virtual table (unicode61, ranked by bm25) on SQLite, a tsvector('simple') column
with a GIN index on PostgreSQL, in 4 hash partitions by document id (a broad search's count ends
within the first: migration 0009). Queries are segmented the same way; every word must match.
Filters and the "published only" rule come from the ORM (`Document.public`), so the index can
never surface anything the portal may not show. The index holds exactly the published documents
(publishing adds a row, withdrawing or deleting removes it), so an unfiltered search counts and
orders its matches in the index alone, without reading a document row per match; the rows it
shows are still read through `Document.public`, so a stale index row can never show anything.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from gongkai.lib.search_text import highlight, mark, query_terms, required_terms, segment
from gongkai.publications.models import Attachment, Document, Validity

TABLE = "publications_search"


# Ranking (bm25 / ts_rank) scores every match, and counting touches every match: for words in
# most documents that costs hundreds of milliseconds. So count up to COUNT_CAP, rank only up to
# RANK_LIMIT matches, and list broader results newest first. PostgreSQL pays for each match it
# counts whatever the plan (its GIN index cannot count alone: the bitmap scan reads a heap page
# per match, a sequential scan reads rows until it has found enough): on 100,000 documents
# (bench/bench_portal_crawl.py), where most random two-word searches reach the cap, counting
# 2,001 of a broad search's matches cost it 5.3 ms of CPU, 1,001 cost 3.9 ms (in one table;
# in the partitions of migration 0009 the count stops within the first). So counting stops
# where ranking does: past 1,000 matches the page says so and asks for a narrower search
# (1,000 matches make 50 pages of 20).
COUNT_CAP = 1_000
RANK_LIMIT = 1_000
# What a result row shows and its snippet reads (not the body's HTML, the largest column).
ROW_FIELDS = (
    "pk",
    "title",
    "index_no",
    "published_at",
    "validity",
    "summary",
    "body_text",
    "unit__name",
    "unit__full_name",
)
# Later pages read from the index with the first (a few hundred ids cost next to nothing).
PREFETCH = 200


class UnitNames(NamedTuple):
    name: str
    full_name: str


@dataclass(slots=True)
class Hit:
    """A result row's document, read as plain values (a Document and its Unit built per row
    cost as much as the search)."""

    pk: int
    title: str
    index_no: str
    published_at: object
    validity: str
    summary: str
    body_text: str
    unit: UnitNames
    title_html: str = ""

    def get_validity_display(self) -> str:
        return str(_VALIDITY_LABELS.get(self.validity, self.validity))


_VALIDITY_LABELS = dict(Validity.choices)


@dataclass
class Results:
    terms: list[str]
    total: int = 0
    rows: list = field(default_factory=list)  # (Hit, snippet_html)
    ranked: bool = True  # False: too many matches to rank, listed newest first

    @property
    def total_capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def count_cap(self) -> int:
        return COUNT_CAP

    @property
    def listed(self) -> int:
        """How many results the pages list: a capped search lists the first COUNT_CAP."""
        return min(self.total, COUNT_CAP)

    def page_count(self, per_page: int) -> int:
        return (self.listed + per_page - 1) // per_page


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
    from gongkai.publications.portal_cache import invalidate

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    count = 0
    for document in Document.public.prefetch_related("attachments").iterator(chunk_size=200):
        _insert(document.pk, document_words(document))
        count += 1
    invalidate()  # every process's cached query ids (and pages) were made from the old index
    return count


def search(
    q: str,
    documents=None,
    *,
    limit: int = 20,
    offset: int = 0,
    total: int | None = None,
    generation: str | None = None,
) -> Results:
    """Published documents matching every word of `q`, best first, with highlighted snippets.

    `documents` narrows the candidates (a filtered `Document.public` queryset); None means every
    published document. `total` is the count a pager link carries for a ranked result: it spares
    the next page counting, and is trusted no further — the ranked list is made from at most
    RANK_LIMIT + 1 candidates and counts itself (if it finds more, the search counts as usual),
    and every row is read through `Document.public`. `generation`: the portal's token if the
    caller has read it already (`portal_cache.generation(request)`)."""
    terms = query_terms(q)
    results = Results(terms=terms)
    if not terms:
        return results
    # Unfiltered: the index alone (no document row read per match, ~10x cheaper for words in
    # thousands of documents).
    where_sql, where_params = _where(documents) if documents is not None else (None, [])
    # Ids past COUNT_CAP + 1 are never shown (a page number of 10^30 overflowed SQL's OFFSET).
    needed = min(offset + limit, COUNT_CAP + 1)
    hits = _found(terms, where_sql, where_params, needed, total, generation)
    results.total, results.ranked = hits.total, hits.ranked
    if offset >= results.listed:  # past the last match listed
        return results
    ids = list(hits.ids[offset : offset + limit])
    found = {
        row[0]: Hit(*row[:3], _aware(row[3]), *row[4:7], UnitNames(*row[7:])) for row in _rows(ids)
    }
    # The snippet comes from an attachment only where summary and body have no hit: one query
    # for those documents' attachments, none for most pages (prefetch_related would build a
    # queryset per document, which costs more than the rest of the page).
    lowered = [t.lower() for t in terms]
    hit_in = {pk: _hit_text((d.summary, d.body_text), lowered) for pk, d in found.items()}
    attachment_texts = defaultdict(list)
    without_hit = [pk for pk, text in hit_in.items() if text is None]
    if without_hit:
        for document_id, text in _attachment_texts(without_hit):
            attachment_texts[document_id].append(text)
    for pk in ids:
        document = found.get(pk)
        if document is not None:
            document.title_html = mark(document.title, terms)
            text = hit_in[pk] or _hit_text(attachment_texts[pk], lowered)
            results.rows.append((document, _snippet(document, text, terms)))
    return results


def _rows(ids: list[int]) -> list[tuple]:
    """ROW_FIELDS of the documents `ids` that Document.public holds, in one query."""
    if not ids:
        return []
    sql, params, positions = _rows_sql(connection.vendor, len(ids))
    params = list(params)
    for position, pk in zip(positions, ids, strict=True):
        params[position] = pk
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.lru_cache(maxsize=64)
def _rows_sql(vendor: str, count: int) -> tuple[str, tuple, tuple[int, ...]]:
    """Document.public's query for `count` ids, compiled once per count (compiling it cost six
    times as much as running it), and where the ids go among its parameters: it is built with
    stand-in ids no document has, so the portal's filter stays Document.public's own. Its other
    parameters are kept as they were compiled: constants (a status, an attribute), never a
    time."""
    stand_ins = [-1 - i for i in range(count)]
    query = Document.public.filter(pk__in=stand_ins).order_by().values_list(*ROW_FIELDS).query
    sql, params = query.sql_with_params()
    if any(isinstance(p, dt.date) for p in params):  # e.g. "published before now"
        raise ImproperlyConfigured("Document.public 的条件随时间变化，不能预先编译")
    positions = tuple(params.index(stand_in) for stand_in in stand_ins)
    return sql, tuple(params), positions


def _aware(value):
    """A datetime as the ORM gives it (SQLite hands raw SQL a naive UTC time, or text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def _attachment_texts(document_ids: list[int]) -> list[tuple[int, str]]:
    marks = ", ".join(["%s"] * len(document_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT document_id, text FROM {Attachment._meta.db_table} "  # noqa: S608
            f"WHERE document_id IN ({marks})",
            document_ids,
        )
        return cursor.fetchall()


class _Found(NamedTuple):
    """What the index found for a query: how many (up to COUNT_CAP + 1), whether ranked, and
    the ids of its first len(ids) results in order — all of them when `complete`."""

    total: int
    ranked: bool
    ids: tuple
    complete: bool


# A query's ids, kept in each process for its next pages (a crawler follows the pager: ranking
# 1,000 matches again for each page cost more than the page). Each entry is filed under the
# portal's generation token, which publishing, withdrawing or editing anything replaces in the
# same transaction: a withdrawn document leaves every cached list at once, in every process.
CACHED_QUERIES = 256
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()


def _found(terms, where_sql, where_params, needed, total, token) -> _Found:
    from gongkai.publications.portal_cache import generation

    key = (token or generation(), tuple(terms), where_sql, tuple(where_params))
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
    if found is not None and (found.complete or needed <= len(found.ids)):
        return found
    found = _find(_backend(), terms, where_sql, where_params, needed, total, found)
    with _cache_lock:
        _cache[key] = found
        _cache.move_to_end(key)
        while len(_cache) > CACHED_QUERIES:
            _cache.popitem(last=False)
    return found


def _find(backend, terms, where_sql, where_params, needed, total, known) -> _Found:
    # Matching needs only the words no other word implies; ranking scores every word, as before.
    args = (required_terms(terms), where_sql, where_params)
    ranked = (terms, where_sql, where_params, RANK_LIMIT + 1, args[0])
    if known is not None and known.total > COUNT_CAP and not backend.matches_newest_first:
        ids = backend.newest(*args, needed)  # a later page than the cached ids reach
        return known._replace(ids=tuple(ids), complete=len(ids) < needed)
    if known is None and total is not None and 0 <= total <= RANK_LIMIT:
        ids = backend.ranked(*ranked)  # the pager's count: rank straight away
        if len(ids) <= RANK_LIMIT:  # every match: the count is exact whatever the link said
            return _Found(len(ids), True, tuple(ids), True)
    # Counts (up to the cap) and lists the first ids newest first, in one pass over the index,
    # where those ids can be the result: SQLite's come newest first; PostgreSQL's only when they
    # are every match, unranked and uncapped (never while COUNT_CAP == RANK_LIMIT), so there it
    # counts alone (reading, keeping and sorting 1,001 ids cost it a tenth of the count).
    listed = backend.matches_newest_first or COUNT_CAP > RANK_LIMIT
    count, ids = backend.matches(*args, COUNT_CAP + 1, max(needed, PREFETCH) if listed else 0)
    if count == 0:
        return _Found(0, True, (), True)
    if count <= RANK_LIMIT:
        ids = backend.ranked(*ranked)
        return _Found(len(ids), True, tuple(ids), True)
    if count <= COUNT_CAP or backend.matches_newest_first:
        return _Found(count, False, tuple(ids), len(ids) == count)
    ids = backend.newest(*args, needed)  # PostgreSQL's capped matches are not the newest
    return _Found(count, False, tuple(ids), len(ids) < needed)


def _hit_text(texts, lowered_terms) -> str | None:
    """The first of `texts` that holds one of the (lower-case) terms."""
    return next((text for text in texts if _contains(text, lowered_terms)), None)


def _contains(text, lowered_terms) -> bool:
    if not text:
        return False
    lowered = text.lower()
    for word in lowered_terms:  # (a loop: any() over a generator cost as much as lower())
        if word in lowered:
            return True
    return False


def _snippet(document, text, terms) -> str:
    """Around the first hit in `text` (the first of summary, body and attachments with a hit);
    else the opening of the summary or body."""
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
    # matches() streams the index newest first: it counts and lists in one pass.
    matches_newest_first = True

    @staticmethod
    def _match(terms) -> str:
        return " ".join('"' + term.replace('"', '""') + '"' for term in terms)

    def insert(self, pk, words):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} (rowid, words) VALUES (%s, %s)", [pk, words])  # noqa: S608

    def _streamed(self, select, where_sql, tail):
        """Index first (CROSS JOIN fixes the loop order), newest first: LIMIT stops the scan
        early instead of collecting every match, which is what makes broad words cheap."""
        return (
            f"SELECT {select} FROM {TABLE} CROSS JOIN {_DOCUMENT} "  # noqa: S608
            f"ON {_DOCUMENT}.id = {TABLE}.rowid "
            f"WHERE {TABLE} MATCH %s AND ({where_sql}) ORDER BY {TABLE}.rowid DESC {tail}"
        )

    def _ids(self, sql, terms, where_params, limit):
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._match(terms), *where_params, limit])
            return [row[0] for row in cursor.fetchall()]

    def matches(self, terms, where_sql, where_params, cap, first):
        """How many matches (up to `cap`) and the `first` of them, newest first."""
        if where_sql is None:
            stream = (
                f"SELECT rowid AS id FROM {TABLE} WHERE {TABLE} MATCH %s "  # noqa: S608
                "ORDER BY rowid DESC LIMIT %s"
            )
        else:
            stream = self._streamed(f"{TABLE}.rowid AS id", where_sql, "LIMIT %s")
        return _counted(stream, [self._match(terms), *where_params, cap], first)

    def newest(self, terms, where_sql, where_params, limit):
        if where_sql is None:
            sql = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s"  # noqa: S608
        else:
            sql = self._streamed(f"{TABLE}.rowid", where_sql, "LIMIT %s")
        return self._ids(sql, terms, where_params, limit)

    def ranked(self, terms, where_sql, where_params, limit, required):
        """Best first (bm25 over every word: the MATCH names them all, `required` is implied),
        of at most `limit` candidates: bm25 is computed per candidate."""
        if where_sql is None:
            candidates = (
                f"SELECT rowid AS id, bm25({TABLE}) AS score FROM {TABLE} "  # noqa: S608
                f"WHERE {TABLE} MATCH %s LIMIT %s"
            )
        else:
            candidates = (
                f"SELECT {TABLE}.rowid AS id, bm25({TABLE}) AS score FROM {TABLE} "  # noqa: S608
                f"CROSS JOIN {_DOCUMENT} ON {_DOCUMENT}.id = {TABLE}.rowid "
                f"WHERE {TABLE} MATCH %s AND ({where_sql}) LIMIT %s"
            )
        sql = f"SELECT id FROM ({candidates}) ORDER BY score, id DESC"  # noqa: S608
        return self._ids(sql, terms, where_params, limit)


class _PostgreSQL:
    # matches() reads the GIN index's matches in the table's order, not newest first.
    matches_newest_first = False

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

    def _matched(self, select, where_sql, tail=""):
        return (
            f"WITH q AS (SELECT to_tsquery('simple', %s) AS q), m AS MATERIALIZED ("  # noqa: S608
            f"SELECT s.rowid AS id FROM {TABLE} s, q WHERE s.words @@ q.q) "
            f"SELECT {select} FROM m JOIN {_DOCUMENT} ON {_DOCUMENT}.id = m.id "
            f"WHERE {where_sql} {tail}"
        )

    def _ids(self, sql, terms, where_params, limit):
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._query(terms), *where_params, limit])
            return [row[0] for row in cursor.fetchall()]

    def matches(self, terms, where_sql, where_params, cap, first):
        """How many matches (up to `cap`) and the `first` of them, newest first if there are
        no more than cap - 1: the GIN index's bitmap (or a scan, where the planner expects most
        rows to match) stops at `cap` matches in the table's order."""
        if where_sql is None:
            stream = (
                f"SELECT rowid AS id FROM {TABLE} "  # noqa: S608
                "WHERE words @@ to_tsquery('simple', %s) LIMIT %s"
            )
        else:
            stream = self._matched("m.id AS id", where_sql, "LIMIT %s")
        return _counted(stream, [self._query(terms), *where_params, cap], first)

    def newest(self, terms, where_sql, where_params, limit):
        if where_sql is None:
            sql = (
                f"SELECT rowid FROM {TABLE} "  # noqa: S608
                "WHERE words @@ to_tsquery('simple', %s) ORDER BY rowid DESC LIMIT %s"
            )
        else:
            sql = self._matched("m.id", where_sql, "ORDER BY m.id DESC LIMIT %s")
        return self._ids(sql, terms, where_params, limit)

    def ranked(self, terms, where_sql, where_params, limit, required):
        """Best first (ts_rank over every word), of at most `limit` candidates found by the
        `required` words: ts_rank reads each one's words."""
        join = "" if where_sql is None else f"JOIN {_DOCUMENT} ON {_DOCUMENT}.id = s.rowid "
        where = "" if where_sql is None else f"AND ({where_sql}) "
        sql = (
            "SELECT id FROM (SELECT s.rowid AS id, ts_rank(s.words, q.q) AS score "  # noqa: S608
            f"FROM {TABLE} s {join}CROSS JOIN (SELECT to_tsquery('simple', %s) AS q, "
            "to_tsquery('simple', %s) AS r) q "
            f"WHERE s.words @@ q.r {where}LIMIT %s) candidates ORDER BY score DESC, id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._query(terms), self._query(required), *where_params, limit])
            return [row[0] for row in cursor.fetchall()]


def _counted(stream: str, params: list, first: int) -> tuple[int, list[int]]:
    """The number of rows `stream` (an SQL query of ids) yields, and the `first` of them by id,
    highest first — in one statement, counted and sorted in the database. `first` 0: the count
    alone."""
    if not first:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({stream}) AS matched", params)  # noqa: S608
            return cursor.fetchone()[0], []
    sql = (
        f"WITH matched AS MATERIALIZED ({stream}) "  # noqa: S608
        "SELECT id, (SELECT count(*) FROM matched) FROM matched ORDER BY id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, first])
        rows = cursor.fetchall()
    return (rows[0][1] if rows else 0), [row[0] for row in rows]


def _backend():
    return _PostgreSQL() if connection.vendor == "postgresql" else _SQLite()
