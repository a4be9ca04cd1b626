"""PostgreSQL keeps the full-text index in 4 hash partitions by document id (migration 0009): a
broad search's count ends within the first. Publishing, withdrawing and reindexing work on the
partitioned table as on the plain one, and searches find the same documents."""

import pytest
from django.db import connection

from gongkai.publications import search


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps its FTS5 table unpartitioned")


def _partition_of(document_id: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM publications_search WHERE rowid = %s",
            [document_id],
        )
        row = cursor.fetchone()
    return row[0] if row else None


@pytest.mark.django_db
def test_the_index_is_in_four_hash_partitions_by_document_id():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'publications_search'::regclass ORDER BY c.relname"
        )
        partitions = cursor.fetchall()
    assert partitions == [
        ("publications_search_0", "FOR VALUES WITH (modulus 4, remainder 0)"),
        ("publications_search_1", "FOR VALUES WITH (modulus 4, remainder 1)"),
        ("publications_search_2", "FOR VALUES WITH (modulus 4, remainder 2)"),
        ("publications_search_3", "FOR VALUES WITH (modulus 4, remainder 3)"),
    ]


@pytest.mark.django_db
def test_publishing_withdrawing_and_reindexing_go_through_the_partitions(cast, make_draft, publish):
    documents = [publish(make_draft(title=f"森林防火检查通知第{i}号")) for i in range(6)]
    assert {_partition_of(d.pk) for d in documents} <= {
        "publications_search_0",
        "publications_search_1",
        "publications_search_2",
        "publications_search_3",
    }
    assert search.search("森林防火").total == 6
    documents[0].withdraw(by=cast.press, reason="内容有误")
    assert _partition_of(documents[0].pk) is None
    assert search.reindex_all() == 5
    assert sorted(hit.pk for hit, _ in search.search("森林防火").rows) == sorted(
        d.pk for d in documents[1:]
    )
