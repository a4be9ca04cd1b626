"""Editing an entry (probe 3, finding 1): every edit of a saved entry was a server error, so a
returned entry could never be corrected (participation.md §12.3: the bank goes through the same
三审三校, 先审后发 — a reviewer's 退回修改 must lead to a corrected draft)."""

import pytest
from django.urls import reverse

from gongkai.answers.models import Entry, EntryStatus
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.models import AuditEntry
from gongkai.testing import seen_on_page

pytestmark = pytest.mark.django_db


def _form(client, item, document, answer):
    """The edit form as sent from its page opened now (with the wording it shows, `seen`)."""
    seen = seen_on_page(client, reverse("answers:entry_edit", args=[item.pk]))
    return {
        "seen": seen,
        "question": "老板为什么会被应急局叫去谈话？",
        "phrasings": "企业负责人被约谈的原因",
        "answer": answer,
        "topics": "安全生产、约谈",
        "checked_on": item.checked_on.isoformat(),
        "source1": document.pk,
        "article1": "第二条",
    }


def test_it_saves_an_edit_of_a_returned_entry_and_audits_what_changed(client, cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    item.return_(by=cast.head, comment="答复要写明约谈的两种情形")
    client.force_login(cast.clerk)

    url = reverse("answers:entry_edit", args=[item.pk])
    response = client.post(
        url, _form(client, item, document, "发生生产安全事故，或者存在重大事故隐患的，约谈。")
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.answer == "发生生产安全事故，或者存在重大事故隐患的，约谈。"
    assert item.status == EntryStatus.DRAFT
    edit = AuditEntry.objects.get(action="answer_entry.edit", target_id=str(item.pk))
    assert edit.actor == cast.clerk
    old = "发生生产安全事故或者存在重大事故隐患的企业，主要负责人会被约谈。"
    assert edit.before == {"answer": old}  # only what changed
    assert edit.after == {"answer": "发生生产安全事故，或者存在重大事故隐患的，约谈。"}
    assert Entry.objects.get(pk=item.pk).sources.get().article == "第二条"


def test_a_head_who_rewrote_a_clerks_entry_cannot_approve_it_and_nothing_is_written(client, cast):
    """Probe 3, finding 6 (seed item 26 三审三校/先审后发; core.review: no one checks his own
    wording). The head edits, the clerk submits, the head approves: refused."""
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    client.force_login(cast.head)
    url = reverse("answers:entry_edit", args=[item.pk])
    assert (
        client.post(
            url, _form(client, item, document, "负责人重写：事故或重大隐患，约谈。")
        ).status_code
        == 302
    )
    item.submit(by=cast.clerk)

    client.force_login(cast.head)
    approve = reverse("answers:entry_act", args=[item.pk, "approve"])
    data = {"comment": "同意", "seen": seen_on_page(client, item.get_staff_url())}
    page = client.post(approve, data, follow=True).content.decode()

    assert "起草、修改或提交问答条目的人不能审核自己的问答条目" in page
    item.refresh_from_db()
    assert item.status == EntryStatus.PENDING and item.approved_by is None
    assert not AuditEntry.objects.filter(action="answer_entry.approve").exists()
    assert not item.passages.exists()
    detail = client.get(reverse("answers:entry_detail", args=[item.pk])).content.decode()
    assert "审核通过并发布" not in detail  # the button is not offered either
    item.approve(by=cast.leader)  # a 签发领导 stands in for the head's wording
    assert Entry.objects.get(pk=item.pk).approved_by == cast.leader


def test_a_head_who_saved_a_draft_without_changing_it_may_still_approve_it(client, cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    client.force_login(cast.head)
    url = reverse("answers:entry_edit", args=[item.pk])
    same = "发生生产安全事故或者存在重大事故隐患的企业，主要负责人会被约谈。"
    assert client.post(url, _form(client, item, document, same)).status_code == 302
    assert not AuditEntry.objects.filter(action="answer_entry.edit").exists()
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    assert Entry.objects.get(pk=item.pk).approved_by == cast.head
