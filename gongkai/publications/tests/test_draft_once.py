"""起草 sent twice is one draft (a double click, or back and 保存 again on the same page): the form
carries an idempotency key bound to what it sent and who sent it (core.idempotent), as the Q&A
and application forms do. The second send writes nothing and says 未重复保存."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document
from gongkai.testing import once_key_on_page

pytestmark = pytest.mark.django_db
URL = reverse("publications:document_create")


def _form(client, **fields):
    return {
        "idempotency_key": once_key_on_page(client, URL),
        "title": "关于印发《安全生产约谈办法》的通知",
        "kind": "normative",
        "category": "regulations_normative_docs",
        "attribute": "proactive",
        "written_on": "2022-09-01",
        "body": "第一条 为规范安全生产约谈工作……",
        **fields,
    }


def test_the_same_draft_form_sent_twice_makes_one_draft_and_one_audit_row(client, cast):
    client.force_login(cast.clerk)
    form = _form(client)
    first = client.post(URL, form)
    again = client.post(URL, form, follow=True)
    document = Document.objects.get()
    assert first["Location"] == document.get_staff_url()
    assert again.redirect_chain[-1][0] == document.get_staff_url()
    assert "未重复保存" in again.content.decode()
    assert AuditEntry.objects.filter(action="document.create").count() == 1


def test_a_new_form_or_other_content_is_a_new_draft(client, cast):
    client.force_login(cast.clerk)
    form = _form(client)
    client.post(URL, form)
    client.post(URL, form | {"title": "关于印发《安全生产约谈办法》的通知（第二稿）"})
    client.post(URL, _form(client))  # a page opened again: a draft of its own
    assert Document.objects.count() == 3


def test_another_person_replaying_the_key_gets_their_own_draft(client, cast):
    client.force_login(cast.clerk)
    form = _form(client)
    client.post(URL, form)
    client.force_login(cast.head)
    client.post(URL, form)
    assert sorted(Document.objects.values_list("created_by__username", flat=True)) == [
        "fagui",
        "fagui_head",
    ]


def test_the_edit_form_carries_no_key(client, cast, make_draft):
    client.force_login(cast.clerk)
    page = client.get(reverse("publications:document_edit", args=[make_draft().pk]))
    assert 'name="idempotency_key"' not in page.content.decode()
