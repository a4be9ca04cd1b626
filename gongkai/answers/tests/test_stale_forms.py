"""A form left open in another tab after the entry moved on: the applications' message, nothing
written (probe 2, finding 11)."""

import pytest
from django.urls import reverse

from gongkai.answers.models import Entry, EntryStatus
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _pending(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    return item


def test_an_approval_sent_from_a_stale_tab_says_the_entry_moved_on(client, cast):
    item = _pending(cast)
    client.force_login(cast.head)
    url = reverse("answers:entry_act", args=[item.pk, "approve"])
    assert client.post(url, {"comment": "依据核对无误"}).status_code == 302  # the first tab
    response = client.post(url, {"comment": "同意"}, follow=True)  # the stale one
    page = response.content.decode()
    assert response.status_code == 200 and response.context["entry"].pk == item.pk
    assert "该问答条目已进入下一步（当前为“已发布”），您提交的“审核通过并发布”未再办理" in page
    entries = AuditEntry.objects.filter(action="answer_entry.approve", target_id=str(item.pk))
    assert list(entries.values_list("data", flat=True)) == [{"comment": "依据核对无误"}]
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PUBLISHED


def test_an_edit_sent_from_a_stale_tab_after_submitting_says_so_and_saves_nothing(client, cast):
    item = _pending(cast)
    client.force_login(cast.clerk)
    url = reverse("answers:entry_edit", args=[item.pk])
    response = client.post(url, {"question": "改过的问题", "answer": "改过的回答"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and response.context["entry"].pk == item.pk
    assert "该问答条目已进入下一步（当前为“待处室负责人审核”），您提交的“修改”未再办理" in page
    item.refresh_from_db()
    assert item.question == "老板为什么会被应急局叫去谈话？" and item.status == EntryStatus.PENDING
    assert client.get(url).status_code == 404  # the form itself is not offered


def test_another_units_clerk_still_gets_404_for_the_entrys_steps(client, cast):
    item = _pending(cast)
    client.force_login(cast.other_clerk)
    url = reverse("answers:entry_act", args=[item.pk, "approve"])
    assert client.post(url, {"comment": "越权"}).status_code == 404
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PENDING
