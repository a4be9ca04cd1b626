"""新建问答条目 sent twice is one draft (probe 7 N1): a double click, or Back and 保存 again (Back
re-fetches the form page, the browser restores what was typed). The key is what was sent, who
sent it and the day (core.idempotent.form_key); the second send writes nothing."""

from django.urls import reverse

from gongkai.answers.models import Entry
from gongkai.answers.tests.helpers import YUETAN, published
from gongkai.core.models import AuditEntry
from gongkai.testing import on_day

URL = reverse("answers:entry_create")


def _form(document, **fields):
    return {
        "question": "老板为什么会被应急局叫去谈话？",
        "answer": "发生生产安全事故或者存在重大事故隐患的企业，主要负责人会被约谈。",
        "checked_on": "2022-10-01",
        "source1": document.pk,
        "article1": "第二条",
        **fields,
    }


def test_the_same_form_sent_twice_makes_one_draft_and_one_audit_row(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    first = client.post(URL, _form(document))
    client.get(URL)  # Back: the form page fetched again
    again = client.post(URL, _form(document), follow=True)
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
        client.post(URL, _form(document))
        client.post(URL, _form(document, question="约谈是怎么回事？"))
        client.post(URL, _form(document, article1="第三条"))
    with on_day(2022, 10, 11):
        client.post(URL, _form(document))
    assert Entry.objects.count() == 4


def test_another_person_sending_the_same_gets_their_own_draft(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    client.post(URL, _form(document))
    client.force_login(cast.head)
    client.post(URL, _form(document))
    assert sorted(Entry.objects.values_list("created_by__username", flat=True)) == [
        "fagui",
        "fagui_head",
    ]
