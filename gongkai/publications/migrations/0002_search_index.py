"""The full-text index of published documents, in the form the database in use supports:
SQLite FTS5 (unicode61 tokenizer, bm25 ranking) or PostgreSQL tsvector('simple') + GIN.
The words are jieba-segmented by the app (gongkai.lib.search_text.segment). No foreign key:
test-database flushes truncate model tables only, and search joins through Document.public."""

from django.db import migrations

SQL = {
    "sqlite": (
        ["CREATE VIRTUAL TABLE publications_search USING fts5(words, tokenize = 'unicode61')"],
        ["DROP TABLE IF EXISTS publications_search"],
    ),
    "postgresql": (
        [
            "CREATE TABLE publications_search (rowid bigint PRIMARY KEY, words tsvector NOT NULL)",
            "CREATE INDEX publications_search_words ON publications_search USING GIN (words)",
        ],
        ["DROP TABLE IF EXISTS publications_search"],
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
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(_run(0), _run(1), elidable=False)]
