"""The word index of published replies (SQLite FTS5 or PostgreSQL tsvector, core.fulltext)."""

from django.db import migrations

from gongkai.core.fulltext import create_sql

TABLE = "mailbox_search"


def _run(which):
    def run(apps, schema_editor):
        for statement in create_sql(TABLE, schema_editor.connection.vendor)[which]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("mailbox", "0001_messages")]

    operations = [migrations.RunPython(_run(0), _run(1), elidable=False)]
