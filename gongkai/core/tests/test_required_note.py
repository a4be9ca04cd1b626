"""Probe 13 (适老化): a citizen's form marked its required fields with a red * and never said
what the * means. Now every citizen form with a field to fill says 带*号的为必填项 once, at its
top (core/_form_fields.html, formhelp.has_required_field); staff pages and forms with nothing
required do not."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.core.templatetags.formhelp import has_required_field
from gongkai.forms_common import HoneypotForm
from gongkai.testing import handling_case, published_meeting

pytestmark = pytest.mark.django_db

NOTE = '<p class="small required-note">带<span class="req">*</span>号的为必填项</p>'
STAR = '<span class="req" aria-hidden="true">*</span>'


def _labels(html: str) -> dict[str, str]:
    """Each field's label (or a radio group's legend) text as drawn, by field id."""
    found = dict(re.findall(r'<label for="([^"]+)">(.*?)</label>', html, re.S))
    for legend in re.findall(
        r"<fieldset[^>]*>\s*<legend>(.*?)</legend>(.*?)</fieldset>", html, re.S
    ):
        first = re.search(r'id="([^"]+)_0"', legend[1])
        if first:
            found[first.group(1)] = legend[0]
    return found


def _says_it_once_at_the_top(response) -> None:
    html = response.content.decode()
    form = response.context["form"]
    assert html.count(NOTE) == 1
    # Inside its <form>, above its first field.
    at = html.index(NOTE)
    first = form.visible_fields()[0]
    first_id = first.auto_id + ("_0" if first.field.widget.use_fieldset else "")
    assert html.rfind("<form", 0, at) > html.rfind("</form>", 0, at)
    assert at < html.index(f'id="{first_id}"')
    # Every required field it shows has the * at its label.
    labels = _labels(html)
    traps = getattr(form, "trap_fields", ())
    required = [f for f in form.visible_fields() if f.field.required and f.name not in traps]
    assert required
    for field in required:
        assert STAR in labels[field.auto_id], field.name


@pytest.mark.parametrize(
    "name",
    [
        "disclosure_requests_public:apply",
        "disclosure_requests_public:lookup",
        "mailbox_public:write",
        "mailbox_public:lookup",
        "meetings_public:lookup",
        "answers_public:ask",
    ],
)
def test_a_citizen_form_says_once_what_the_star_means(client, name):
    _says_it_once_at_the_top(client.get(reverse(name)))


def test_the_sign_up_and_comment_forms_say_it_too(client, cast):
    from gongkai.consultations.tests.test_consultation import _on, _opened

    meeting = published_meeting(cast)
    _says_it_once_at_the_top(client.get(reverse("meetings_public:signup", args=[meeting.pk])))
    consultation = _opened(cast)
    with _on(2022, 9, 10):
        page = client.get(reverse("consultations_public:page", args=[consultation.pk]))
    _says_it_once_at_the_top(page)


def test_a_refused_citizen_form_says_it_once_below_the_error_summary(client):
    html = client.post(reverse("mailbox_public:write"), {"idempotency_key": "k"}).content.decode()
    assert html.count(NOTE) == 1
    assert html.index("data-error-summary") < html.index(NOTE)


def test_staff_forms_keep_their_stars_without_the_note(client, cast):
    client.force_login(cast.press)
    html = client.get(reverse("disclosure_requests:register")).content.decode()
    assert STAR in html and "必填项" not in html
    case = handling_case(cast)
    html = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert STAR in html and "必填项" not in html


class _NothingRequired(HoneypotForm):
    remark = forms.CharField(label="备注", required=False)
    token = forms.CharField(widget=forms.HiddenInput)  # required, but no one fills it in


class _OneRequired(_NothingRequired):
    name = forms.CharField(label="姓名")


def test_a_form_with_nothing_to_fill_says_nothing_of_stars():
    """Required only in a hidden field or the robot trap: nothing people must fill."""
    assert not has_required_field(_NothingRequired())
    assert has_required_field(_OneRequired())
    html = render_to_string(
        "core/_form_fields.html", {"form": _NothingRequired(), "citizen_page": True}
    )
    assert "必填项" not in html
    html = render_to_string(
        "core/_form_fields.html", {"form": _OneRequired(), "citizen_page": True}
    )
    assert html.count(NOTE) == 1


def test_a_field_required_only_in_some_cases_says_when_under_its_label(client):
    """No * (it is not always required): the application form says when under the label."""
    html = client.get(reverse("disclosure_requests_public:apply")).content.decode()
    labels = _labels(html)
    for name, when in [
        ("contact_person", "法人或者其他组织申请的，必填"),
        ("email", "选择以电子邮件获取的，必填"),
        ("address", "选择邮寄获取的，必填"),
    ]:
        assert STAR not in labels[f"id_{name}"]
        assert f'<p class="help" id="id_{name}_helptext">{when}</p>' in html
        assert f'aria-describedby="id_{name}_helptext"' in html
