"""起草 sent twice is one draft (a double click, or Back and 保存 again): keyed on what was sent,
who sent it and the day (core.idempotent.form_key), as the Q&A entry form. The second send
writes nothing and says 未重复保存."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document

pytestmark = pytest.mark.django_db
URL = reverse("publications:document_create")


def _form(**fields):
    return {
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
    form = _form()
    first = client.post(URL, form)
    again = client.post(URL, form, follow=True)
    document = Document.objects.get()
    assert first["Location"] == document.get_staff_url()
    assert again.redirect_chain[-1][0] == document.get_staff_url()
    assert "未重复保存" in again.content.decode()
    assert AuditEntry.objects.filter(action="document.create").count() == 1


def test_other_content_is_a_new_draft(client, cast):
    client.force_login(cast.clerk)
    client.post(URL, _form())
    client.post(URL, _form(title="关于印发《安全生产约谈办法》的通知（第二稿）"))
    client.post(URL, _form(written_on="2022-09-02"))
    assert Document.objects.count() == 3


def test_another_person_sending_the_same_gets_their_own_draft(client, cast):
    client.force_login(cast.clerk)
    form = _form()
    client.post(URL, form)
    client.force_login(cast.head)
    client.post(URL, form)
    assert sorted(Document.objects.values_list("created_by__username", flat=True)) == [
        "fagui",
        "fagui_head",
    ]


def test_the_new_form_disables_its_button_after_the_first_click(client, cast):
    client.force_login(cast.clerk)
    assert "data-once" in client.get(URL).content.decode()
