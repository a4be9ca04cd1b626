"""A form left open in another tab after the entry moved on: the applications' message, nothing
written (probe 2, finding 11)."""

import pytest
from django.urls import reverse

from gongkai.answers.models import Entry, EntryStatus
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.models import AuditEntry
from gongkai.testing import seen_on_page

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
    seen = seen_on_page(client, reverse("answers:entry_detail", args=[item.pk]))
    assert client.post(url, {"comment": "依据核对无误", "seen": seen}).status_code == 302
    response = client.post(url, {"comment": "同意", "seen": seen}, follow=True)  # the stale tab
    page = response.content.decode()
    assert response.status_code == 200 and response.context["entry"].pk == item.pk
    assert (
        "该问答条目当前为“已发布”，在此状态下不能审核通过并发布，您提交的“审核通过并发布”未办理"
        in page
    )
    assert "已进入下一步" not in page  # one wording: core.workflow.state_refusal
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
    assert "该问答条目当前为“待处室负责人审核”，在此状态下不能修改，您提交的“修改”未办理" in page
    assert "已进入下一步" not in page  # one wording: core.workflow.state_refusal
    item.refresh_from_db()
    assert item.question == "老板为什么会被应急局叫去谈话？" and item.status == EntryStatus.PENDING
    assert client.get(url).status_code == 404  # the form itself is not offered


def test_another_units_clerk_still_gets_404_for_the_entrys_steps(client, cast):
    item = _pending(cast)
    client.force_login(cast.other_clerk)
    url = reverse("answers:entry_act", args=[item.pk, "approve"])
    assert client.post(url, {"comment": "越权"}).status_code == 404
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PENDING


def _published(cast):
    item = _pending(cast)
    item.approve(by=cast.head)
    return item


def test_a_submit_sent_again_from_a_stale_tab_says_the_entry_moved_on_and_writes_nothing(
    client, cast
):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    client.force_login(cast.clerk)
    url = reverse("answers:entry_act", args=[item.pk, "submit"])
    assert client.post(url).status_code == 302  # the first tab
    response = client.post(url, follow=True)  # the second
    page = response.content.decode()
    assert (
        "该问答条目当前为“待处室负责人审核”，在此状态下不能提交审核，您提交的“提交审核”未办理"
        in page
    )
    assert "已进入下一步" not in page  # one wording: core.workflow.state_refusal
    assert AuditEntry.objects.filter(action="answer_entry.submit").count() == 1
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PENDING


def test_a_withdrawal_sent_again_from_a_stale_tab_keeps_the_first_reason(client, cast):
    item = _published(cast)
    client.force_login(cast.head)
    url = reverse("answers:entry_act", args=[item.pk, "withdraw"])
    assert client.post(url, {"comment": "政策已调整"}).status_code == 302
    response = client.post(url, {"comment": "另一个理由"}, follow=True)
    page = response.content.decode()
    assert "该问答条目当前为“已撤下”，在此状态下不能撤下，您提交的“撤下”未办理" in page
    assert "已进入下一步" not in page  # one wording: core.workflow.state_refusal
    item.refresh_from_db()
    assert item.status == EntryStatus.WITHDRAWN and item.withdrawn_reason == "政策已调整"
    withdrawals = AuditEntry.objects.filter(action="answer_entry.withdraw")
    assert list(withdrawals.values_list("data", flat=True)) == [{"reason": "政策已调整"}]


def _edit_form(page_form, answer):
    data = {k: v for k, v in page_form.initial.items() if v is not None and k != "media"}
    return data | {"answer": answer, "article2": "", "article3": ""}


def test_an_edit_from_a_second_tab_after_an_edit_in_the_first_saves_nothing(client, cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    client.force_login(cast.clerk)
    url = reverse("answers:entry_edit", args=[item.pk])
    first, second = client.get(url).context["form"], client.get(url).context["form"]
    assert client.post(url, _edit_form(first, "第一个标签页的答复。")).status_code == 302

    response = client.post(url, _edit_form(second, "第二个标签页的答复。"))

    page = response.content.decode()
    assert "保存失败：在您编辑期间，该问答条目已被他人修改" in page
    assert "第二个标签页的答复。" in page  # what was typed stays in the form
    assert Entry.objects.get(pk=item.pk).answer == "第一个标签页的答复。"
    edits = AuditEntry.objects.filter(action="answer_entry.edit", target_id=str(item.pk))
    assert [e.after for e in edits] == [{"answer": "第一个标签页的答复。"}]


@pytest.mark.parametrize("sent", [{}, {"seen": ""}])
def test_an_edit_without_what_the_form_showed_is_refused_and_saves_nothing(client, cast, sent):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    client.force_login(cast.clerk)
    url = reverse("answers:entry_edit", args=[item.pk])
    data = _edit_form(client.get(url).context["form"], "没有版本的答复。")
    del data["seen"]

    response = client.post(url, data | sent)

    page = response.content.decode()
    assert "页面缺少问答条目版本，请刷新后重新修改。" in page
    assert "没有版本的答复。" in page  # what was typed stays in the form
    assert Entry.objects.get(pk=item.pk).answer == item.answer
    assert not AuditEntry.objects.filter(action="answer_entry.edit").exists()


def test_a_new_entry_needs_no_seen(client, cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    url = reverse("answers:entry_create")
    form = client.get(url).context["form"]
    assert "seen" not in form.initial
    data = {"question": "约谈前要准备什么？", "answer": "按通知准备材料。", "source1": document.pk}
    response = client.post(url, data | {"checked_on": "2022-10-01", "article1": ""})
    assert response.status_code == 302
    assert Entry.objects.filter(question="约谈前要准备什么？").exists()
