"""新建问答条目 sent twice is one draft (probe 7 N1): a double click, or Back and 保存 again (Back
re-fetches the form page, the browser restores what was typed). The key is what was sent, who
sent it and the day (core.idempotent.form_key); the second send writes nothing."""

from django.urls import reverse

from gongkai.answers.models import Entry
from gongkai.answers.tests.helpers import YUETAN, entry_form, published
from gongkai.core.models import AuditEntry
from gongkai.testing import on_day

URL = reverse("answers:entry_create")


def test_the_same_form_sent_twice_makes_one_draft_and_one_audit_row(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    first = client.post(URL, entry_form(document))
    client.get(URL)  # Back: the form page fetched again
    again = client.post(URL, entry_form(document), follow=True)
    entry = Entry.objects.get()
    assert first["Location"] == reverse("answers:entry_detail", args=[entry.pk])
    assert again.redirect_chain[-1][0] == first["Location"]
    assert "未重复保存" in again.content.decode()
    assert AuditEntry.objects.filter(action="answer_entry.create").count() == 1
    assert entry.sources.count() == 1


def test_other_content_or_another_day_is_a_new_draft(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    with on_day(2022, 10, 10):
        client.post(URL, entry_form(document))
        client.post(URL, entry_form(document, question="约谈是怎么回事？"))
        client.post(URL, entry_form(document, article1="第三条"))
    with on_day(2022, 10, 11):
        client.post(URL, entry_form(document))
    assert Entry.objects.count() == 4


def test_another_person_sending_the_same_gets_their_own_draft(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    client.post(URL, entry_form(document))
    client.force_login(cast.head)
    client.post(URL, entry_form(document))
    assert sorted(Entry.objects.values_list("created_by__username", flat=True)) == [
        "fagui",
        "fagui_head",
    ]
