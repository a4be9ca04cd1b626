"""A broad search counts no further than it ranks (issue 15, the portal under a crawler): past
1,000 matches the page says so, lists the newest first and asks for a narrower search; up to
1,000 it counts exactly and ranks. The same tests on SQLite and PostgreSQL."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.publications import search
from gongkai.publications.models import Document, DocumentStatus

URL = "/gk/search/"


def _shown(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'class="result-title" href="/gk/doc/(\d+)/"', page)]


@pytest.fixture
def notices(make_draft, publish):
    """Build `n` published 森林防火 notices in bulk (one through the review chain, the rest as
    copies of it, each a minute newer than the one before) and return them oldest first."""

    def build(n: int) -> list[Document]:
        first = publish(make_draft(title="森林防火检查通知"))
        copies = Document.objects.bulk_create(
            Document(
                title=f"森林防火检查通知第{i}号",
                unit=first.unit,
                created_by=first.created_by,
                category=first.category,
                kind=first.kind,
                written_on=first.written_on,
                body=first.body,
                body_text=first.body_text,
                status=DocumentStatus.PUBLISHED,
                published_at=first.published_at + dt.timedelta(minutes=i),
                index_no=f"TEST/2022-{i:06d}",
            )
            for i in range(1, n)
        )
        for document in copies:
            search.index(document)
        return [first, *copies]

    return build


@pytest.mark.django_db
def test_a_search_with_more_than_1000_matches_says_so_and_asks_for_a_narrower_one(client, notices):
    documents = notices(1_001)
    page = client.get(URL, {"q": "森林防火"}).content.decode()
    assert "找到 超过1000 条结果，按发布时间排列" in page
    assert "结果较多，请增加检索词，或按分类、发布机构、年份筛选，以缩小范围" in page
    newest = [d.pk for d in documents[::-1]]
    assert _shown(page) == newest[:20]
    page = client.get(URL, {"q": "森林防火", "page": "3"}).content.decode()
    assert _shown(page) == newest[40:60]
    # The pages list the first 1,000: the pager ends at 50, and a 51st page shows nothing.
    last = client.get(URL, {"q": "森林防火", "page": "50"}).content.decode()
    assert "第50页 / 共50页" in last and _shown(last) == newest[980:1000]
    assert _shown(client.get(URL, {"q": "森林防火", "page": "51"}).content.decode()) == []


@pytest.mark.django_db
def test_a_search_with_1000_matches_counts_them_all_without_the_request_to_narrow_it(
    client, notices
):
    notices(1_000)
    page = client.get(URL, {"q": "森林防火"}).content.decode()
    assert "找到 1000 条结果（检索词：森林 防火 森林防火）" in page
    assert "缩小范围" not in page
    assert "第1页 / 共50页" in page


@pytest.mark.django_db
def test_the_count_lists_ids_only_where_they_can_be_the_result(notices):
    documents = notices(3)
    with CaptureQueriesContext(connection) as ctx:
        results = search.search("森林防火")
    counting = next(q["sql"] for q in ctx.captured_queries if "publications_search" in q["sql"])
    # SQLite streams the matches newest first: the count's ids are the page of a broad search.
    # PostgreSQL's come in the table's order: a count under RANK_LIMIT is ranked afresh and one
    # over COUNT_CAP listed newest first, so its count reads and sorts no ids.
    assert ("ORDER BY" in counting) == (connection.vendor == "sqlite")
    assert results.total == 3 and results.ranked
    assert sorted(hit.pk for hit, _ in results.rows) == sorted(d.pk for d in documents)
