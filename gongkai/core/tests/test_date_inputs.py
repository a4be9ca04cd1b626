"""Every date input in the project renders its value as ISO 2023-08-31.

A browser's <input type="date"> accepts nothing else: under zh-hans Django rendered 2023/08/31,
the field looked empty and submitted nothing (the web plan import lost every due date). This
test finds every form class in the project by itself, so a form added later is checked too.
"""

import datetime as dt
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms

import gongkai

DAY = dt.date(2023, 8, 31)
MOMENT = dt.datetime(2023, 8, 31, 9, 30)
INPUT = re.compile(r"<input\b[^>]*>")


def _project_form_classes():
    found = {}
    for info in pkgutil.walk_packages(gongkai.__path__, "gongkai."):
        if ".tests" in info.name or ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, forms.BaseForm) and obj.__module__.startswith("gongkai."):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


FORMS = _project_form_classes()


def _date_fields(form):
    return {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    }


def _date_values(html):
    """(type, value) of every date-ish <input> in the rendered HTML."""
    values = []
    for tag in INPUT.findall(html):
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind.group(1) in ("date", "datetime-local") and value:
            values.append((kind.group(1), value.group(1)))
    return values


def test_it_finds_the_forms_of_every_app():
    modules = {name.split(".")[1] for name in FORMS}
    assert {"core", "plans", "publications", "disclosure_requests", "reports"} <= modules
    assert "gongkai.plans.forms.ItemForm" in FORMS
    assert "gongkai.disclosure_requests.forms.ReplyForm" in FORMS
    assert len(FORMS) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_it_renders_every_date_input_of_every_form_as_iso(name):
    form_class = FORMS[name]
    fields = _date_fields(form_class())
    if not fields:
        pytest.skip("no date field")
    initial = {n: MOMENT if isinstance(f, forms.DateTimeField) else DAY for n, f in fields.items()}
    rendered = [form_class(initial=initial).as_div()]
    # A form re-shown after an error holds what the browser sent.
    sent = {
        n: "2023-08-31T09:30" if isinstance(f, forms.DateTimeField) else "2023-08-31"
        for n, f in fields.items()
    }
    bound = form_class(data=sent)
    rendered.append(bound.as_div())
    values = [v for html in rendered for v in _date_values(html)]
    assert values, f"{name} has date fields but renders no date input"
    for kind, value in values:
        expected = r"2023-08-31" if kind == "date" else r"2023-08-31[ T]09:30(:00)?"
        assert re.fullmatch(expected, value), f"{name}: {kind} input renders {value!r}"


def test_it_still_reads_dates_people_type():
    field = forms.DateField()
    assert field.clean("2022-09-30") == dt.date(2022, 9, 30)
    assert field.clean("2022/9/30") == dt.date(2022, 9, 30)
    assert field.clean("2022年9月30日") == dt.date(2022, 9, 30)
