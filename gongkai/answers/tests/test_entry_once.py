"""新建问答条目 sent twice is one draft (probe 7 N1): the form carries an idempotency key, bound to
what it sent and who sent it (core.idempotent), as the applications' forms do."""

from django.urls import reverse

from gongkai.answers.models import Entry
from gongkai.answers.tests.helpers import YUETAN, entry_form, published
from gongkai.core.models import AuditEntry
from gongkai.testing import once_key_on_page


def _key(client) -> str:
    return once_key_on_page(client, reverse("answers:entry_create"))


def test_the_same_form_sent_twice_makes_one_draft_and_one_audit_row(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    form = entry_form(document, idempotency_key=_key(client))
    first = client.post(reverse("answers:entry_create"), form)
    again = client.post(reverse("answers:entry_create"), form, follow=True)
    entry = Entry.objects.get()
    assert first["Location"] == reverse("answers:entry_detail", args=[entry.pk])
    assert "未重复保存" in again.content.decode()
    assert AuditEntry.objects.filter(action="answer_entry.create").count() == 1
    assert entry.sources.count() == 1


def test_a_new_form_or_other_content_is_a_new_draft(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    key = _key(client)
    client.post(reverse("answers:entry_create"), entry_form(document, idempotency_key=key))
    changed = entry_form(document, idempotency_key=key, question="约谈是怎么回事？")
    client.post(reverse("answers:entry_create"), changed)
    client.post(reverse("answers:entry_create"), entry_form(document, idempotency_key=_key(client)))
    assert Entry.objects.count() == 3


def test_another_person_replaying_the_key_gets_their_own_draft_not_the_first(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    form = entry_form(document, idempotency_key=_key(client))
    client.post(reverse("answers:entry_create"), form)
    client.force_login(cast.head)
    client.post(reverse("answers:entry_create"), form)
    assert sorted(Entry.objects.values_list("created_by__username", flat=True)) == [
        "fagui",
        "fagui_head",
    ]
