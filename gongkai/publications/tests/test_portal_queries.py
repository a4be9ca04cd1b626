"""The portal under a crawler: pages nobody asked for before stay cheap (few queries, indexed
lookups), on SQLite and on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.publications import search
from gongkai.publications.models import Category, Document, Kind, Validity


def test_a_document_page_not_yet_generated_costs_five_queries_whatever_it_links(
    client, cast, make_draft, publish, django_assert_max_num_queries
):
    from gongkai.publications.tests.test_scan_gate import _docx

    old = publish(make_draft(title="旧版管理办法", kind=Kind.NORMATIVE))
    doc = make_draft(title="现行管理办法", kind=Kind.NORMATIVE)
    doc.add_attachment(by=cast.clerk, upload=_docx("附件内容"))
    interpretation = make_draft(title="《管理办法》解读", kind=Kind.INTERPRETATION, interprets=doc)
    publish(interpretation)
    publish(doc, waiver="")
    new = publish(make_draft(title="新版管理办法", kind=Kind.NORMATIVE))
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=doc)
    doc.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=new)
    url = reverse("publications_public:document", args=[doc.pk])
    # the stored page (none), the document with its unit, its attachments, the linked
    # documents, storing the page
    with django_assert_max_num_queries(5):
        page = client.get(url).content.decode()
    assert "<h2>附件</h2>" in page and ".docx" in page
    assert "<h2>政策解读</h2>" in page and "《管理办法》解读" in page
    assert "<h2>历史版本</h2>" in page and "旧版管理办法</a>（已修订）" in page
    assert "替代文件" in page and "现行版本见" in page and "新版管理办法" in page
    with django_assert_max_num_queries(5):
        page = client.get(reverse("publications_public:document", args=[interpretation.pk]))
    assert "<h2>解读的文件</h2>" in page.content.decode()
    assert "现行管理办法" in page.content.decode()


def test_a_plain_document_page_not_yet_generated_costs_four_queries(
    client, make_draft, publish, django_assert_max_num_queries
):
    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    # the stored page (none), the document with the documents pointing at it, its attachments,
    # storing the page
    with django_assert_max_num_queries(4):
        page = client.get(reverse("publications_public:document", args=[doc.pk]))
    assert "关于做好防汛工作的通知" in page.content.decode()
    assert client.get(reverse("publications_public:document", args=[doc.pk + 1])).status_code == 404


def test_a_document_page_lists_only_published_linked_documents(client, cast, make_draft, publish):
    doc = publish(make_draft(title="管理办法", kind=Kind.NORMATIVE))
    make_draft(title="未发布的解读", kind=Kind.INTERPRETATION, interprets=doc)
    withdrawn = publish(make_draft(title="已撤回的解读", kind=Kind.INTERPRETATION, interprets=doc))
    withdrawn.withdraw(by=cast.press, reason="内容有误")
    page = client.get(reverse("publications_public:document", args=[doc.pk])).content.decode()
    assert "未发布的解读" not in page and "已撤回的解读" not in page and "政策解读</h2>" not in page


def test_results_are_looked_up_by_primary_key_not_by_status(db):
    """Without statistics SQLite took `status = 'published'` for selective and walked an index
    over every published document to find 20 search results (or a page's linked documents)."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans from statistics")
    plan = Document.public.filter(pk__in=list(range(1, 21))).explain()
    assert "USING INTEGER PRIMARY KEY" in plan and "status" not in plan
    linked = Document.public.filter(Q(pk=7) | Q(interprets_id=7) | Q(replaced_by_id=7)).explain()
    assert "MULTI-INDEX OR" in linked and "status" not in linked


def test_an_unfiltered_search_counts_in_the_index_alone(cast, make_draft, publish):
    publish(make_draft(title="台风防御工作通知"))
    publish(make_draft(title="台风预警发布"))
    make_draft(title="台风草稿")
    gone = publish(make_draft(title="台风旧通知"))
    gone.withdraw(by=cast.press, reason="已更新")
    with CaptureQueriesContext(connection) as ctx:
        results = search.search("台风")
    assert results.total == 2 and len(results.rows) == 2
    index_queries = [q["sql"] for q in ctx.captured_queries if "publications_search" in q["sql"]]
    assert len(index_queries) == 2  # the count, then the page's ids
    assert not [sql for sql in index_queries if "publications_document" in sql]


def test_a_stale_index_row_never_shows_a_document_that_is_not_published(cast, make_draft, publish):
    shown = publish(make_draft(title="台风防御工作通知"))
    draft = make_draft(title="台风应急预案草稿")
    search._backend().insert(draft.pk, "台风 应急 预案 草稿")  # as if the index had drifted
    for ranked in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(search, "RANK_LIMIT", 10 if ranked else 0)
            results = search.search("台风")
        assert [d.pk for d, _ in results.rows] == [shown.pk]


def test_deleting_a_published_document_takes_it_out_of_the_index(cast, make_draft, publish):
    doc = publish(make_draft(title="防汛通知"))
    assert search.search("防汛").total == 1
    Document.objects.filter(pk=doc.pk).delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM publications_search WHERE rowid = %s", [doc.pk])
        assert cursor.fetchone()[0] == 0
    assert search.search("防汛").total == 0


def test_a_search_page_costs_the_same_queries_for_twenty_results(
    client, cast, make_draft, publish, django_assert_max_num_queries
):
    from gongkai.publications.tests.test_scan_gate import _docx

    for i in range(21):
        category = Category.EMERGENCIES if i % 2 else Category.REGULATIONS_NORMATIVE_DOCS
        doc = make_draft(title=f"森林防火检查通知第{i}号", category=category)
        if i % 3 == 0:
            doc.add_attachment(by=cast.clerk, upload=_docx(f"附件{i}"))
        publish(doc)
    url = reverse("publications_public:search")
    # cache token, units for the filter form, count, ids, the 20 documents, their attachments
    with django_assert_max_num_queries(6):
        page = client.get(url, {"q": "森林防火"}).content.decode()
    assert "找到 21 条结果" in page and page.count('class="result-title"') == 20
    with django_assert_max_num_queries(6):
        page = client.get(url, {"q": "森林防火", "category": Category.EMERGENCIES}).content.decode()
    assert "找到 10 条结果" in page


@pytest.mark.parametrize(
    "data",
    [{}, {"q": "台风"}, {"category": "emergencies", "validity": "repealed", "year": "2022"}],
)
def test_the_filter_selects_are_written_exactly_as_djangos_templates_write_them(cast, data):
    from django import forms

    from gongkai.publications.forms import PlainSelect, SearchForm

    unit = cast.units["法规处"]
    unit.full_name = '政策<法规>&"标准"处'
    unit.save()
    form = SearchForm({**data, "unit": str(unit.pk)} if data else None)
    for name in ("category", "unit", "validity"):
        assert isinstance(form.fields[name].widget, PlainSelect)
        django_select = forms.Select(choices=form.fields[name].choices)
        assert str(form[name]) == form[name].as_widget(widget=django_select)
    assert "selected" in str(form["unit"]) or not data
