"""A word index for one kind of record, on SQLite FTS5 or PostgreSQL tsvector('simple').

The words are jieba-segmented by the app (`lib.search_text.segment`), as for the portal's
document search (publications.search, which adds filters and ranking of its own). The table is
created by the owning app's migration with `create_sql`; rows are keyed by the record's id and
hold only what the public may see, so a match can never reveal anything else.
"""

from __future__ import annotations

from django.db import connection


def create_sql(table: str, vendor: str) -> tuple[list[str], list[str]]:
    """(forward, backward) statements for a migration's RunPython."""
    if vendor == "sqlite":
        forward = [f"CREATE VIRTUAL TABLE {table} USING fts5(words, tokenize = 'unicode61')"]
    elif vendor == "postgresql":
        forward = [
            f"CREATE TABLE {table} (rowid bigint PRIMARY KEY, words tsvector NOT NULL)",
            f"CREATE INDEX {table}_words ON {table} USING GIN (words)",
        ]
    else:
        raise RuntimeError(f"全文检索不支持数据库 {vendor}（支持 SQLite 与 PostgreSQL）")
    return forward, [f"DROP TABLE IF EXISTS {table}"]


class WordIndex:
    """Put, remove and match rows of one index table; matches come newest (highest id) first."""

    def __init__(self, table: str):
        self.table = table

    @property
    def _pg(self) -> bool:
        return connection.vendor == "postgresql"

    def put(self, pk: int, words: str) -> None:
        self.remove(pk)
        value = "to_tsvector('simple', %s)" if self._pg else "%s"
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (rowid, words) VALUES (%s, {value})",  # noqa: S608
                [pk, words],
            )

    def remove(self, pk: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [pk])  # noqa: S608

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608

    def _where(self, terms: list[str]) -> tuple[str, str]:
        if self._pg:
            query = " & ".join(
                "'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms
            )
            return "words @@ to_tsquery('simple', %s)", query
        return f"{self.table} MATCH %s", " ".join('"' + t.replace('"', '""') + '"' for t in terms)

    def count(self, terms: list[str], *, cap: int = 10_000) -> int:
        where, query = self._where(terms)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {self.table} WHERE {where} LIMIT %s) m"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, cap + 1])
            return cursor.fetchone()[0]

    def ids(self, terms: list[str], *, limit: int, offset: int = 0) -> list[int]:
        where, query = self._where(terms)
        sql = (
            f"SELECT rowid FROM {self.table} WHERE {where} "  # noqa: S608
            "ORDER BY rowid DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, limit, offset])
            return [row[0] for row in cursor.fetchall()]
