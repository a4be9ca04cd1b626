"""The search page writes its form and result rows in Python (a template per row and per label
cost more than the search): byte for byte what the templates wrote."""

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from gongkai.publications import portal_html, search
from gongkai.publications.forms import SearchForm
from gongkai.publications.models import Kind, Validity

# What search.html wrote before (typed from it).
FIELDS = Template(
    "{% for field in form %}<div class=\"field{% if field.name == 'q' %} q{% endif %}\">"
    "{{ field.label_tag }}{{ field }}</div>{% endfor %}"
)
ROWS = Template(
    "{% for doc, snippet in rows %}\n"
    '  <li><a class="result-title" href="{% url \'publications_public:document\' doc.pk %}">'
    "{{ doc.title_html|safe }}</a>\n"
    '  <div class="small muted">{{ doc.index_no }} · {{ doc.unit.full_name|default:doc.unit.name }}'
    " · {{ doc.published_at|cndate }}{% if doc.validity %} · {{ doc.get_validity_display }}"
    "{% endif %}</div>\n"
    '  <p class="snippet">{{ snippet|safe }}</p></li>\n{% endfor %}'
)

CONTENT = Template(
    "<h1>政府信息检索</h1>\n"
    '<form method="get" class="filters search-form" role="search">\n'
    "  {{ form.fields_html }}\n"
    '  <button class="primary">检索</button>\n'
    "</form>\n"
    "{% if results %}\n"
    '<p class="muted">找到 {% if results.total_capped %}超过{{ results.count_cap }}'
    "{% else %}{{ results.total }}{% endif %} 条结果"
    "{% if not results.ranked %}，按发布时间排列{% endif %}"
    '{% if results.terms %}（检索词：{{ results.terms|join:" " }}）{% endif %}'
    "{% if results.total_capped %}。结果较多，请增加检索词，或按分类、发布机构、年份筛选，"
    "以缩小范围{% endif %}</p>\n"
    '<ol class="results">{% if results.rows %}{{ result_rows }}{% else %}'
    '<li class="empty">没有找到相关信息，请换一个关键词。</li>{% endif %}</ol>\n'
    '{% if pages > 1 %}<nav class="pager">{% if page_number > 1 %}'
    '<a href="?{{ pager_query }}page={{ page_number|add:-1 }}">上一页</a>{% endif %}'
    "<span>第{{ page_number }}页 / 共{{ pages }}页</span>{% if page_number < pages %}"
    '<a href="?{{ pager_query }}page={{ page_number|add:1 }}">下一页</a>{% endif %}'
    "</nav>{% endif %}\n"
    "{% endif %}"
)


def _with_djangos_widgets(form):
    for field in form.fields.values():
        if isinstance(field, forms.ChoiceField):
            widget = forms.Select(choices=field.choices)
        elif isinstance(field, forms.IntegerField):
            widget = forms.NumberInput()
        else:
            widget = forms.TextInput()
        widget.attrs.update(field.widget_attrs(widget))
        field.widget = widget
    return form


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"q": '台风 <"预警">'},
        {"q": "防汛", "category": "emergencies", "year": "2022", "validity": "repealed"},
        {"q": "x" * 101, "year": "1900"},
    ],
)
def test_the_search_fields_are_written_as_the_template_wrote_them(cast, data):
    unit = cast.units["法规处"]
    data = {**data, "unit": str(unit.pk)} if data else None
    with translation.override("zh-hans"):  # as the portal's pages are served
        form = SearchForm(data)
        form.is_valid()
        with_djangos_widgets = _with_djangos_widgets(SearchForm(data))
        with_djangos_widgets.is_valid()
        expected = FIELDS.render(Context({"form": with_djangos_widgets}))
        assert '<label for="id_q">关键词:</label><input type="text" name="q"' in expected
        assert 'name="year"' in expected and 'min="2000" max="2100"' in expected
        assert str(form.fields_html()) == expected


def test_the_result_rows_are_written_as_the_template_wrote_them(cast, make_draft, publish):
    unit = cast.units["法规处"]
    unit.full_name = '政策<法规>&"标准"处'
    unit.save()
    publish(make_draft(title="台风<防御>工作通知", body="<p>做好台风防御 & 预警。</p>"))
    normative = publish(make_draft(title="台风应急管理办法", kind=Kind.NORMATIVE))
    normative.set_validity(by=cast.clerk, validity=Validity.REPEALED)
    publish(make_draft(title="台风预警通知"))
    results = search.search("台风")
    assert len(results.rows) == 3
    expected = ROWS.render(Context({"rows": results.rows}))
    assert "已废止" in expected and "政策&lt;法规&gt;&amp;&quot;标准&quot;处" in expected
    assert str(portal_html.result_rows(results.rows)) == expected


def test_attachments_are_read_only_for_results_whose_body_has_no_hit(
    cast, make_draft, publish, django_assert_num_queries
):
    from gongkai.publications.tests.test_scan_gate import _docx

    in_attachment = make_draft(title="附件检索", body="<p>见附件。</p>")
    in_attachment.add_attachment(by=cast.clerk, upload=_docx("危险化学品重大危险源备案名单"))
    publish(in_attachment)
    in_body = make_draft(title="备案通知", body="<p>做好重大危险源备案工作。</p>")
    in_body.add_attachment(by=cast.clerk, upload=_docx("另一份名单"))
    publish(in_body)
    # the cache token, the matches, their ranking, the documents, one document's attachments
    with django_assert_num_queries(5):
        rows = {hit.pk: snippet for hit, snippet in search.search("备案").rows}
    assert "<mark>备案</mark>名单" in rows[in_attachment.pk]
    assert "见附件" not in rows[in_attachment.pk]
    assert "做好重大危险源<mark>备案</mark>工作" in rows[in_body.pk]
    with django_assert_num_queries(4):  # every hit in a body: no attachment read
        rows = {hit.pk: snippet for hit, snippet in search.search("重大危险源 工作").rows}
    assert list(rows) == [in_body.pk]


def test_only_a_searchs_first_page_is_kept_in_the_page_cache(client, make_draft, publish):
    from django.core.cache import cache

    for i in range(21):
        publish(make_draft(title=f"森林防火检查通知第{i}号"))
    url = reverse("publications_public:search")
    cache.clear()
    client.get(url, {"q": "森林防火"})
    client.get(url, {"q": "森林防火", "page": "2"})
    with CaptureQueriesContext(connection) as first_again:
        client.get(url, {"q": "森林防火"})
    with CaptureQueriesContext(connection) as second_again:
        page = client.get(url, {"q": "森林防火", "page": "2"}).content.decode()
    assert len(first_again) == 1  # the cache token
    assert len(second_again) > 1 and "第2页 / 共2页" in page


def test_a_broad_search_says_how_far_it_counted_and_lists_newest_first(
    client, make_draft, publish, monkeypatch
):
    docs = [publish(make_draft(title=f"森林防火检查通知第{i}号")) for i in range(4)]
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    page = client.get(reverse("publications_public:search"), {"q": "森林防火"}).content.decode()
    assert "找到 超过3 条结果，按发布时间排列" in page
    assert page.index(f"/gk/doc/{docs[3].pk}/") < page.index(f"/gk/doc/{docs[0].pk}/")


KEYWORDS = [
    {"q": "台风"},
    {"q": "  台风 预警 ", "page": "2"},
    {"q": '台风 <"预警">&'},
    {"q": ""},
    {"page": "2"},
    {"q": "森林防火", "category": "", "unit": "", "year": "", "validity": ""},
    {"q": "应" * 100},
]


@pytest.mark.parametrize("data", KEYWORDS)
def test_a_keyword_search_answers_as_its_form_would_without_building_one(cast, data):
    from gongkai.publications.forms import KeywordSearch, search_form
    from gongkai.publications.portal_cache import generation

    query = QueryDict(mutable=True)
    query.update(data)
    token = generation()
    with translation.override("zh-hans"):
        form = SearchForm(query, generation=token)
        quick = search_form(query, generation=token)
        assert isinstance(quick, KeywordSearch)
        assert quick.is_valid() and form.is_valid()
        assert quick.cleaned_data == form.cleaned_data
        assert str(quick.fields_html()) == str(form.fields_html())


@pytest.mark.parametrize(
    "data",
    [
        {"q": "应" * 101},  # over the keyword's max_length
        {"q": "台\x00风"},
        {"q": "台风", "year": "1999"},
        {"q": "台风", "category": "no-such-category"},
        {"q": "台风", "unit": "999999"},
        {"q": "台风", "validity": "repealed"},  # a valid filter: the form reads it
    ],
)
def test_anything_a_form_could_refuse_or_filter_on_goes_to_the_form(cast, data):
    from gongkai.publications.forms import search_form

    query = QueryDict(mutable=True)
    query.update(data)
    assert type(search_form(query, generation="token")) is SearchForm


def test_a_keyword_searchs_page_builds_no_form_and_is_what_the_form_wrote(
    client, make_draft, publish, monkeypatch
):
    from gongkai.publications import forms, public_views

    publish(make_draft(title="台风<防御>工作通知", body="<p>做好台风防御 & 预警。</p>"))
    publish(make_draft(title="台风预警通知"))
    url = reverse("publications_public:search")
    quick = [client.get(url, {**data, "big": "1"}).content for data in KEYWORDS]
    built = []
    real_init = SearchForm.__init__

    def counted(self, *args, **kwargs):
        built.append(args)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(SearchForm, "__init__", counted)
    client.get(url, {"q": "预警", "page": "2"})
    assert built == []  # the kept fields' HTML served it
    monkeypatch.setattr(
        public_views, "search_form", lambda data, generation: forms.SearchForm(data)
    )
    from django.core.cache import cache

    cache.clear()  # the first pages above were kept in the page cache
    assert [client.get(url, {**data, "big": "1"}).content for data in KEYWORDS] == quick
    assert "<mark>台风</mark>&lt;防御&gt;工作通知" in quick[0].decode()


def test_a_result_is_dated_by_the_day_in_shanghai(cast, make_draft, publish):
    import datetime as dt

    from gongkai.publications.models import Document

    doc = publish(make_draft(title="台风预警通知"))
    late = dt.datetime(2022, 9, 30, 16, 30, tzinfo=dt.UTC)  # 00:30 on 1 October in Shanghai
    Document.objects.filter(pk=doc.pk).update(published_at=late)
    html = str(portal_html.result_rows(search.search("台风").rows))
    assert " · 2022年10月1日</div>" in html


@pytest.mark.parametrize(
    "total, ranked, page_number, pages",
    [(3, True, 1, 1), (45, True, 2, 3), (45, True, 3, 3), (1001, False, 1, 50), (0, True, 1, 0)],
)
def test_the_search_content_is_written_as_the_template_wrote_it(
    make_draft, publish, total, ranked, page_number, pages
):
    publish(make_draft(title="台风<防御>工作通知", body="<p>做好台风防御 & 预警。</p>"))
    found = search.search("台风 防御")
    results = search.Results(terms=["台风", "<防御>"], total=total, ranked=ranked)
    results.rows = found.rows if total else []
    fields = SafeString('<div class="field q">…</div>')
    pager = SafeString("q=%E5%8F%B0%E9%A3%8E&amp;n=45&")
    pages_written = []
    for shown in (results, None):
        expected = CONTENT.render(
            Context(
                {
                    "form": {"fields_html": fields},
                    "results": shown,
                    "page_number": page_number,
                    "pages": pages if shown else 0,
                    "pager_query": pager,
                    "result_rows": portal_html.result_rows(results.rows),
                }
            )
        )
        content = portal_html.search_content(
            fields_html=fields,
            results=shown,
            page_number=page_number,
            pages=pages if shown else 0,
            pager_query=pager,
        )
        assert content == expected
        pages_written.append(content)
    assert ("找到 超过1000 条结果，按发布时间排列" in pages_written[0]) == (total == 1001)
    assert ("没有找到相关信息" in pages_written[0]) == (total == 0)
    assert "条结果" not in pages_written[1]
