"""Search under a crawler (issue 15): a query's ids are kept for its next pages, the pager carries
a ranked result's count, and the matching words leave out those another word implies — with
nothing unpublished or withdrawn ever shown or counted. The same tests on SQLite and PostgreSQL."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core.models import Unit
from gongkai.core.templatetags.cn import cndate
from gongkai.lib.search_text import query_terms, required_terms
from gongkai.publications import public_views, search
from gongkai.publications.models import Document

URL = "/gk/search/"


@pytest.fixture
def five(make_draft, publish, monkeypatch):
    """Five published 森林防火 notices, two to a page (oldest first in the list)."""
    monkeypatch.setattr(public_views, "PAGE", 2)
    return [publish(make_draft(title=f"森林防火检查通知第{i}号")) for i in range(5)]


def _index_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "publications_search" in q["sql"]]


def _shown(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'class="result-title" href="/gk/doc/(\d+)/"', page)]


def test_the_pager_carries_a_ranked_results_count_and_the_next_page_does_not_count(client, five):
    page = client.get(URL, {"q": "森林防火"}).content.decode()
    assert "找到 5 条结果" in page and "第1页 / 共3页" in page
    assert 'href="?q=%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB&n=5&page=2"' in page
    search._cache.clear()  # as in another process: the next page is not cached there
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(URL, {"q": "森林防火", "n": "5", "page": "2"}).content.decode()
    assert len(_index_queries(ctx)) == 1  # the ranking alone, no count
    assert "count(*)" not in _index_queries(ctx)[0]
    assert "找到 5 条结果" in page and "第2页 / 共3页" in page and len(_shown(page)) == 2


def test_a_tampered_count_in_the_link_changes_neither_the_count_nor_the_rows(
    client, cast, five, make_draft
):
    make_draft(title="森林防火草稿")  # never shown, never counted
    expected = client.get(URL, {"q": "森林防火", "page": "2"}).content.decode()
    for n in ("1", "0", "-7", "999999", "abc"):
        search._cache.clear()
        page = client.get(URL, {"q": "森林防火", "n": n, "page": "2"}).content.decode()
        assert "找到 5 条结果" in page and "第2页 / 共3页" in page
        assert _shown(page) == _shown(expected) and len(_shown(page)) == 2


def test_a_tampered_count_on_a_broad_search_falls_back_to_counting(client, five, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    page = client.get(URL, {"q": "森林防火", "n": "1"}).content.decode()
    assert "找到 超过3 条结果，按发布时间排列" in page
    assert _shown(page) == [five[4].pk, five[3].pk]


def test_the_next_page_of_a_query_reads_its_ids_from_the_first(client, five):
    client.get(URL, {"q": "森林防火"})
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(URL, {"q": "森林防火", "page": "3"}).content.decode()
    assert _index_queries(ctx) == []
    assert "第3页 / 共3页" in page and len(_shown(page)) == 1


def test_a_withdrawn_document_leaves_a_cached_querys_next_page_at_once(client, cast, five):
    first = client.get(URL, {"q": "森林防火"}).content.decode()
    second = client.get(URL, {"q": "森林防火", "page": "2"}).content.decode()
    gone = _shown(second)[0]
    assert gone not in _shown(first)
    next(d for d in five if d.pk == gone).withdraw(by=cast.press, reason="已过时")
    page = client.get(URL, {"q": "森林防火", "page": "2"}).content.decode()
    assert gone not in _shown(page) and len(_shown(page)) == 2
    assert "找到 4 条结果" in page and "第2页 / 共2页" in page
    assert search.search("森林防火").total == 4


def test_a_newly_published_document_joins_a_cached_query_at_once(client, five, make_draft, publish):
    client.get(URL, {"q": "森林防火"})
    new = publish(make_draft(title="森林防火检查通知第5号"))
    page = client.get(URL, {"q": "森林防火", "page": "3"}).content.decode()
    assert "找到 6 条结果" in page
    shown = _shown(page) + _shown(client.get(URL, {"q": "森林防火"}).content.decode())
    shown += _shown(client.get(URL, {"q": "森林防火", "page": "2"}).content.decode())
    assert sorted(shown) == sorted([d.pk for d in five] + [new.pk])


def test_the_unit_filter_costs_no_query_and_shows_a_new_unit_at_once(client, five):
    client.get(URL, {"q": "森林防火", "page": "2"})
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(URL, {"q": "防火", "page": "2"}).content.decode()
    assert not [q for q in ctx.captured_queries if 'FROM "core_unit"' in q["sql"]]
    assert 'name="unit"' in page and "新设机构" not in page
    unit = Unit.objects.create(name="新设机构", kind=Unit.Kind.DEPARTMENT, order=99)
    page = client.get(URL, {"q": "防火", "page": "2"}).content.decode()
    assert f'<option value="{unit.pk}">新设机构</option>' in page


def test_a_chinese_word_implies_its_sub_words_and_only_those():
    terms = query_terms("危险化学品 推进")
    assert terms == ["危险", "化学", "化学品", "危险化学品", "推进"]
    assert required_terms(terms) == ["危险化学品", "推进"]
    assert required_terms(query_terms("信息公开 政府信息公开")) == ["政府信息公开"]
    assert required_terms(["gdp", "增长"]) == ["gdp", "增长"]  # Latin words imply nothing


def test_matching_by_the_required_words_finds_the_same_documents_in_the_same_order(
    make_draft, publish, monkeypatch
):
    both = publish(make_draft(title="危险化学品安全推进会", body="<p>危险化学品、危险化学品。</p>"))
    once = publish(make_draft(title="推进危险化学品整治", body="<p>开展检查。</p>"))
    publish(make_draft(title="化学品仓库检查", body="<p>推进危险作业审批。</p>"))  # not the word
    ranked = [d.pk for d, _ in search.search("危险化学品 推进").rows]
    assert ranked == [both.pk, once.pk]
    monkeypatch.setattr(search, "RANK_LIMIT", 0)  # listed newest first instead
    search._cache.clear()
    assert [d.pk for d, _ in search.search("危险化学品 推进").rows] == [once.pk, both.pk]


def test_reindexing_replaces_every_cached_query(make_draft, publish):
    publish(make_draft(title="防汛通知"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM publications_search")  # as after restoring the rows alone
    assert search.search("防汛").total == 0  # and kept for the next page
    search.reindex_all()
    assert search.search("防汛").total == 1


def test_a_result_row_carries_what_the_document_holds(cast, make_draft, publish):
    doc = publish(make_draft(title="台风防御通知", summary="做好台风防御"))
    Document.objects.filter(pk=doc.pk).update(
        published_at=dt.datetime(2022, 9, 1, 23, 30, tzinfo=dt.UTC)  # 9月2日 in Shanghai
    )
    search._cache.clear()
    ((hit, _snippet),) = search.search("台风").rows
    assert hit.published_at == dt.datetime(2022, 9, 1, 23, 30, tzinfo=dt.UTC)
    assert cndate(hit.published_at) == "2022年9月2日"
    assert (hit.pk, hit.title, hit.index_no, hit.summary) == (
        doc.pk,
        "台风防御通知",
        doc.index_no,
        "做好台风防御",
    )
    assert hit.unit.name == cast.clerk.unit.name


def test_a_search_that_finds_nothing_asks_the_index_once(five):
    with CaptureQueriesContext(connection) as ctx:
        results = search.search("地震 海啸")
    assert results.total == 0 and results.rows == []
    assert len(_index_queries(ctx)) == 1
