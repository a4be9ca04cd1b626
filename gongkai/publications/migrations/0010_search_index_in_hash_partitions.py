"""PostgreSQL: the full-text index table in 4 hash partitions by document id, each with its own
GIN index (SQLite's FTS5 table is left as it is).

A search counts its matches up to search.COUNT_CAP + 1 and stops there; PostgreSQL scans the
partitions one after another, so a broad search's count ends within the first partition and
its GIN index builds a bitmap of a quarter of the words' documents instead of all of them: on
100,000 documents (bench/bench_portal_crawl.py) a search past the cap cost PostgreSQL 2.7 ms of
CPU instead of 4.3 ms, a ranked one the same. The rows and every result stay the same: the count
is of the same matches, ranking and newest-first listing read every partition."""

from django.db import migrations

PARTITIONS = 4

_TABLE = "CREATE TABLE {name} (rowid bigint PRIMARY KEY, words tsvector NOT NULL)"


def _rebuild(new_table: list[str]) -> list[str]:
    """Copy the index into `new_table` (made under the name publications_search_new), swap it in
    and index its words (after the copy: one GIN build is faster than 100,000 inserts)."""
    return [
        *new_table,
        "INSERT INTO publications_search_new (rowid, words) "
        "SELECT rowid, words FROM publications_search",
        "DROP TABLE publications_search",
        "ALTER TABLE publications_search_new RENAME TO publications_search",
        "ALTER INDEX publications_search_new_pkey RENAME TO publications_search_pkey",
        "CREATE INDEX publications_search_words ON publications_search USING GIN (words)",
        "ANALYZE publications_search",
    ]


PARTITIONED = [
    _TABLE.format(name="publications_search_new") + " PARTITION BY HASH (rowid)",
    *(
        f"CREATE TABLE publications_search_{i} PARTITION OF publications_search_new "
        f"FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {i})"
        for i in range(PARTITIONS)
    ),
]
PLAIN = [_TABLE.format(name="publications_search_new")]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("publications", "0009_portal_generation_row")]

    operations = [
        migrations.RunPython(_run(_rebuild(PARTITIONED)), _run(_rebuild(PLAIN)), elidable=False)
    ]
