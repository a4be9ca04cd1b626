"""Probe 12 (accessibility) on the citizen's forms, all drawn by core/_form_fields.html: every
aria-describedby names an id on the page (A1); a refused form says so at its top — a summary
with role="alert" counting the problems, each a link to its field, and 错误： in the <title> —
and writes nothing (A2); a radio group is a fieldset whose legend is its question (A3); every
portal page starts with a skip link (A4); 大字 from ?big=1 says aria-pressed="true" (A9)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from gongkai.consultations.models import Comment
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.mailbox.models import Message
from gongkai.meetings.models import SignUp
from gongkai.testing import published_meeting

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.ids, self.described, self.links, self.tags = set(), [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described.append(attrs["aria-describedby"])


def _summary(html: str) -> str:
    found = re.search(r"<div [^>]*data-error-summary[^>]*>(.*?)</div>", html, re.S)
    return found.group(0) if found else ""


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def _described_ids_exist(html: str) -> None:
    page = _Page(html)
    assert page.described, "no field is described at all"
    missing = [i for d in page.described for i in d.split() if i not in page.ids]
    assert missing == []


def _refused(response, *, first_link: str) -> str:
    """The summary of a refused form: role=alert, focusable, one line per field in error (and
    per error of the whole form), a link to each field that exists on the page; the title
    starts with 错误：."""
    html = response.content.decode()
    errors = response.context["form"].errors
    count = len(errors) - (1 if "__all__" in errors else 0) + len(errors.get("__all__", []))
    summary = _summary(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert f"请修改以下{count}处后再提交" in summary, re.search(r"请修改以下\d+处", summary)
    assert summary.count("<li>") == count
    hrefs = re.findall(r'href="#([^"]+)"', summary)
    assert hrefs and hrefs[0] == first_link
    ids = _Page(html).ids
    assert [h for h in hrefs if h not in ids] == []
    assert _title(html).startswith("错误：")
    _described_ids_exist(html)
    return html


def test_an_empty_application_is_summed_up_at_the_top_and_nothing_is_saved(client):
    response = client.post(reverse("disclosure_requests_public:apply"), {"idempotency_key": "k"})
    # applicant_type has an initial choice in the form but is sent empty here: it is the first.
    html = _refused(response, first_link="id_applicant_type_0")
    assert "请修改以下8处后再提交" in html
    assert '<a href="#id_applicant_name">请填写申请人姓名或名称。</a>' in _summary(html)
    assert 'aria-describedby="id_applicant_name_error"' in html
    assert '<div id="id_applicant_name_error"><p class="error">' in html
    assert not DisclosureRequest.objects.exists()


def test_an_empty_mailbox_message_is_summed_up_and_nothing_is_saved(client):
    response = client.post(reverse("mailbox_public:write"), {"idempotency_key": "k"})
    _refused(response, first_link="id_category_0")
    assert not Message.objects.exists()


def test_a_refused_sign_up_is_summed_up_and_nothing_is_saved(client, cast):
    meeting = published_meeting(cast)
    url = reverse("meetings_public:signup", args=[meeting.pk])
    _refused(client.post(url, {"idempotency_key": "k"}), first_link="id_name")
    assert not SignUp.objects.exists()


def test_a_refused_comment_is_summed_up_and_nothing_is_saved(client, cast):
    from gongkai.consultations.tests.test_consultation import _on, _opened

    c = _opened(cast)
    with _on(2022, 9, 10):
        response = client.post(
            reverse("consultations_public:page", args=[c.pk]), {"idempotency_key": "k"}
        )
    assert "请修改以下1处后再提交" in _refused(response, first_link="id_text")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "name", ["disclosure_requests_public:lookup", "mailbox_public:lookup", "meetings_public:lookup"]
)
def test_a_refused_status_query_is_summed_up(client, name):
    response = client.post(reverse(name), {"blank": ""})  # an empty POST is not bound
    first_field = response.context["form"].visible_fields()[0].auto_id
    _refused(response, first_link=first_field)


def test_a_form_not_yet_sent_has_no_summary_and_an_ordinary_title(client):
    html = client.get(reverse("disclosure_requests_public:apply")).content.decode()
    assert not _summary(html) and not _title(html).startswith("错误")
    _described_ids_exist(html)


def test_a_radio_group_is_a_fieldset_with_its_question_as_legend(client):
    for name in ("disclosure_requests_public:apply", "mailbox_public:write"):
        html = client.get(reverse(name)).content.decode()
        assert '<label for="">' not in html
        legends = re.findall(r'<fieldset class="field">\s*<legend>([^<]+)<', html)
        assert legends == [{"disclosure_requests_public:apply": "申请人类型"}.get(name, "留言类型")]


def test_every_portal_page_starts_with_a_skip_link_to_the_content(client):
    for url in ("/", reverse("disclosure_requests_public:apply"), reverse("mailbox_public:write")):
        page = _Page(client.get(url).content.decode())
        first_link = next(attrs for tag, attrs in page.tags if tag in ("a", "button", "input"))
        assert first_link.get("href") == "#content" and "content" in page.ids


def test_large_text_from_the_address_says_the_button_is_pressed(client):
    assert 'data-bigtext aria-pressed="true"' in client.get("/?big=1").content.decode()
    assert 'data-bigtext aria-pressed="false"' in client.get("/").content.decode()


def test_no_home_page_link_says_only_more(client):
    """A8: a screen reader's list of links reads each alone; "更多" alone says nothing."""
    html = client.get("/").content.decode()
    texts = [t.strip() for t in re.findall(r"<a [^>]*>([^<]*)</a>", html)]
    assert "更多公开信息" in texts
    assert not {"更多", "查看", "详情", "点击这里"} & set(texts)


def test_a_formset_item_has_no_summary_of_its_own_but_a_prefixed_page_form_has():
    """error_summary leaves out a formset's items (their page lists them: plans' import
    preview) — and only those: the holiday page's two prefixed forms keep their summary."""
    from django import forms

    from gongkai.core.forms import HolidayOverrideForm
    from gongkai.core.templatetags.formhelp import error_summary

    class Item(forms.Form):
        name = forms.CharField(label="名称")

    items = forms.formset_factory(Item, extra=0)(
        {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    )
    assert all(form.errors for form in items.forms)
    assert [error_summary(form) for form in items.forms] == [[], []]
    page_form = HolidayOverrideForm({}, prefix="override")
    assert page_form.errors and error_summary(page_form)
    unprefixed = Item({})
    assert [p.href for p in error_summary(unprefixed)] == ["#id_name"]
