"""The word index of answerable passages, in the form the database in use supports: SQLite
FTS5 (unicode61, bm25) or PostgreSQL tsvector('simple') + GIN, over jieba words the app
segments (as publications_search). rowid is the Passage id; no foreign key (test flushes)."""

from django.db import migrations

SQL = {
    "sqlite": (
        ["CREATE VIRTUAL TABLE answers_index USING fts5(words, tokenize = 'unicode61')"],
        ["DROP TABLE IF EXISTS answers_index"],
    ),
    "postgresql": (
        [
            "CREATE TABLE answers_index (rowid bigint PRIMARY KEY, words tsvector NOT NULL)",
            "CREATE INDEX answers_index_words ON answers_index USING GIN (words)",
        ],
        ["DROP TABLE IF EXISTS answers_index"],
    ),
}


def _run(which):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in SQL:
            raise RuntimeError(f"全文检索不支持数据库 {vendor}（支持 SQLite 与 PostgreSQL）")
        for statement in SQL[vendor][which]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("answers", "0001_initial")]

    operations = [migrations.RunPython(_run(0), _run(1), elidable=False)]
