"""The search page writes its form and result rows in Python (a template per row and per label
cost more than the search): byte for byte what the templates wrote."""

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

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
