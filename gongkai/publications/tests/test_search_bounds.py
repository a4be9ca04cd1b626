"""Search indexing is linear and can never hold up publishing (issue 15, item 5): a 16,000-
character run without a break made 三审 approval hang for 120 s and fail for good."""

import subprocess
import sys
from pathlib import Path

from django.db import DatabaseError

from gongkai.lib import search_text
from gongkai.publications import search
from gongkai.publications.models import DocumentStatus

ROOT = Path(__file__).resolve().parents[3]


class _CountingDict(dict):
    lookups = 0

    def get(self, key, default=None):
        type(self).lookups += 1
        return super().get(key, default)


def _lookups(monkeypatch, text: str) -> int:
    jieba = search_text._tokenizer()
    monkeypatch.setattr(jieba.dt, "FREQ", _CountingDict(jieba.dt.FREQ))
    _CountingDict.lookups = 0
    search_text.segment(text)
    return _CountingDict.lookups


def test_it_does_dictionary_work_in_proportion_to_the_length_of_a_run(monkeypatch):
    """Twice the run, about twice the dictionary look-ups (it was four times: quadratic)."""
    short = _lookups(monkeypatch, "x" * 2000)
    long = _lookups(monkeypatch, "x" * 4000)
    assert long <= 2.2 * short
    mixed_short = _lookups(monkeypatch, "政务公开" + "a1" * 1000)
    mixed_long = _lookups(monkeypatch, "政务公开" + "a1" * 2000)
    assert mixed_long <= 2.2 * mixed_short


def test_a_megabyte_of_unbroken_text_segments_in_a_subprocess_well_within_the_time_limit():
    code = (
        "from gongkai.lib.search_text import segment\n"
        "words = segment('a' * 16000 + '9' * 500_000 + 'Z' * 500_000)\n"
        "print(len(words.split()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 0


def test_a_long_run_is_still_found_by_itself():
    run = "gongkai" * 150  # 1,050 letters
    words = search_text.segment(f"正文{run}结束").split()
    assert search_text.query_terms(run) == [run[:60]]
    assert run[:60] in words and max(len(w) for w in words) == 60


def test_a_query_is_cut_to_its_first_200_characters():
    assert search_text.query_terms("台风" * 150 + "暴雨") == ["台风"]


def test_chunks_end_at_a_break_and_lose_nothing():
    text = ("应急管理" * 300 + "。") * 10
    pieces = list(search_text.chunks(text, size=2000))
    assert "".join(pieces) == text
    assert all(len(p) <= 2000 and p.endswith("。") for p in pieces)
    assert list(search_text.chunks("x" * 4500, size=2000)) == ["x" * 2000, "x" * 2000, "x" * 500]


def test_third_approval_publishes_a_document_with_a_16000_character_run(cast, make_draft, publish):
    doc = publish(make_draft(title="长串测试", body=f"<p>开头{'A1' * 8000}结尾</p>"))
    assert doc.status == DocumentStatus.PUBLISHED and doc.index_no
    assert [d.pk for d, _ in search.search("长串测试").rows] == [doc.pk]


def test_publishing_goes_through_when_the_index_refuses_the_document(
    cast, make_draft, publish, monkeypatch
):
    def refuse(self, pk, words):
        raise DatabaseError("string is too long for tsvector")

    monkeypatch.setattr(type(search._backend()), "insert", refuse)
    doc = publish(make_draft(title="索引失败也要发布"))
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.PUBLISHED and doc.index_no


def test_a_page_number_past_every_integer_the_database_holds_is_an_empty_page(
    client, make_draft, publish
):
    """Found by the fuzz tests: page=10^30 reached SQL as OFFSET and answered 500."""
    publish(make_draft(title="台风防御通知"))
    response = client.get("/gk/search/", {"q": "台风", "page": "9" * 30})
    page = response.content.decode()  # (the page is written in Python: no template context)
    assert response.status_code == 200 and 'class="result-title"' not in page
    assert "找到 1 条结果" in page and "没有找到相关信息" not in page
    assert "这一页没有结果（共1页）" in page and 'page=1">回到第1页</a>' in page


def test_a_page_past_the_last_says_so_and_links_back_to_the_first(client, make_draft, publish):
    """Found in a screenshot: 找到 16 条结果 over 没有找到相关信息 on page 2 of one page."""
    for number in range(3):
        publish(make_draft(title=f"台风防御通知第{number + 1}号"))
    page = client.get("/gk/search/", {"q": "台风", "page": "2"}).content.decode()
    assert "找到 3 条结果" in page and 'class="result-title"' not in page
    assert "没有找到相关信息" not in page
    assert "这一页没有结果（共1页）" in page and 'href="?q=%E5%8F%B0%E9%A3%8E&n=3&page=1"' in page
