"""Chinese full-text search (jieba + FTS5 / tsvector), the same tests on SQLite and PostgreSQL."""

from django.urls import reverse

from gongkai.publications import search
from gongkai.publications.models import Category, Document, Kind, Validity


def test_it_finds_a_two_character_word_in_the_body(make_draft, publish):
    doc = publish(
        make_draft(title="关于开展安全检查的通知", body="<p>各区做好森林防火和台风防御工作。</p>")
    )
    publish(
        make_draft(
            title="财政预算公开",
            body="<p>部门预算说明。</p>",
            category=Category.BUDGET_FINAL_ACCOUNTS,
        )
    )
    results = search.search("台风")
    assert [d.pk for d, _ in results.rows] == [doc.pk] and results.total == 1
    assert "<mark>台风</mark>" in results.rows[0][1]


def test_it_finds_text_in_an_attachment(cast, make_draft, publish):
    from gongkai.publications.tests.test_scan_gate import _docx

    doc = make_draft(title="附件检索")
    doc.add_attachment(by=cast.clerk, upload=_docx("危险化学品重大危险源备案名单"))
    publish(doc)
    assert [d.pk for d, _ in search.search("备案").rows] == [doc.pk]


def test_it_never_returns_drafts_or_withdrawn_documents(cast, make_draft, publish):
    make_draft(title="草稿台风预案")
    gone = publish(make_draft(title="台风预案旧版"))
    gone.withdraw(by=cast.press, reason="已更新")
    assert search.search("台风").rows == []


def test_it_filters_by_category_unit_year_and_validity(cast, make_draft, publish):
    normative = publish(make_draft(title="应急预案管理办法", kind=Kind.NORMATIVE))
    plan = publish(make_draft(title="应急预案演练计划", category=Category.EMERGENCIES))
    both = {normative.pk, plan.pk}
    assert {d.pk for d, _ in search.search("预案").rows} == both
    emergencies = Document.public.filter(category=Category.EMERGENCIES)
    assert [d.pk for d, _ in search.search("预案", emergencies).rows] == [plan.pk]
    assert search.search("预案", Document.public.filter(unit=cast.units["审批处"])).rows == []
    year = normative.published_at.year
    assert search.search("预案", Document.public.filter(published_at__year=year - 1)).total == 0
    normative.set_validity(by=cast.clerk, validity=Validity.REPEALED)
    current = Document.public.filter(validity=Validity.CURRENT)
    assert search.search("预案", current).rows == []


def test_it_reindexes_everything(make_draft, publish):
    publish(make_draft(title="防汛防旱"))
    assert search.reindex_all() == 1
    assert search.search("防汛").total == 1


def test_the_search_page_shows_highlighted_results(client, make_draft, publish):
    publish(make_draft(title="关于做好台风防御工作的通知"))
    page = client.get(reverse("publications_public:search"), {"q": "台风"}).content.decode()
    assert "找到 1 条结果" in page and "<mark>台风</mark>" in page
    assert client.get(reverse("publications_public:search"), {"q": "<script>"}).status_code == 200
