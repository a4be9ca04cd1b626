"""先审后发: a 政策问答 entry is published with the answer its head read. An approval sent from
a page that showed other wording (a tab left open while the entry was returned, edited and
sent again) is refused and writes nothing (probe 5, finding 2)."""

import pytest
from django.urls import reverse

from gongkai.answers import services
from gongkai.answers.models import Entry, EntryStatus
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.testing import seen_on_page

pytestmark = pytest.mark.django_db

CHANGED = "改后的答复：液氨储罐年检由本局直接办理，无需预约。"


def _pending(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    return item, document


def _returned_changed_and_sent_again(cast, item, document):
    item.return_(by=cast.head, comment="请核对答复")  # tab B
    item = Entry.objects.get(pk=item.pk)
    item.answer = CHANGED
    services.entry_save(
        entry=item, sources=[{"document": document, "article": "第二条"}], by=cast.clerk
    )
    Entry.objects.get(pk=item.pk).submit(by=cast.clerk)


def _state(item):
    item = Entry.objects.get(pk=item.pk)
    audit = AuditEntry.objects.filter(target_id=str(item.pk)).count()
    return item.status, item.approved_by_id, item.passages.count(), audit


@pytest.mark.parametrize("verb", ["approve", "return"])
def test_it_refuses_a_step_from_a_page_showing_the_earlier_answer_and_writes_nothing(
    client, cast, verb
):
    item, document = _pending(cast)
    client.force_login(cast.head)
    seen = seen_on_page(client, reverse("answers:entry_detail", args=[item.pk]))  # tab A
    _returned_changed_and_sent_again(cast, item, document)
    before = _state(item)
    assert before == (EntryStatus.PENDING, None, 0, before[3])
    response = client.post(
        reverse("answers:entry_act", args=[item.pk, verb]),
        {"comment": "同意", "seen": seen},
        follow=True,
    )
    assert "此页面显示的问答条目已被修改（问题、答复或依据已更新），请刷新后重新审核。" in (
        response.content.decode()
    )
    assert _state(item) == before


def test_a_post_without_what_the_page_showed_is_refused(client, cast):
    item, _ = _pending(cast)
    client.force_login(cast.head)
    client.post(reverse("answers:entry_act", args=[item.pk, "approve"]), {"comment": "同意"})
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PENDING
    assert not AuditEntry.objects.filter(action="answer_entry.approve").exists()


@pytest.mark.parametrize("verb", ["approve", "return"])
@pytest.mark.parametrize("sent", [{}, {"seen": ""}])
def test_a_review_without_what_the_page_showed_says_so_and_writes_nothing(client, cast, verb, sent):
    item, _ = _pending(cast)
    client.force_login(cast.head)
    before = _state(item)
    response = client.post(
        reverse("answers:entry_act", args=[item.pk, verb]), {"comment": "同意"} | sent, follow=True
    )
    assert "页面缺少问答条目版本，请刷新后重新审核。" in response.content.decode()
    assert _state(item) == before


def test_the_model_refuses_an_approval_of_wording_its_head_did_not_see(cast):
    item, document = _pending(cast)
    seen = item.fingerprint()
    _returned_changed_and_sent_again(cast, item, document)
    before = _state(item)
    with pytest.raises(DomainError, match="请刷新后重新审核"):
        Entry.objects.get(pk=item.pk).approve(by=cast.head, seen=seen)
    assert _state(item) == before


def test_the_page_of_the_current_wording_still_publishes(client, cast):
    item, document = _pending(cast)
    _returned_changed_and_sent_again(cast, item, document)
    client.force_login(cast.head)
    seen = seen_on_page(client, reverse("answers:entry_detail", args=[item.pk]))
    client.post(
        reverse("answers:entry_act", args=[item.pk, "approve"]), {"comment": "同意", "seen": seen}
    )
    item = Entry.objects.get(pk=item.pk)
    assert (item.status, item.answer, item.approved_by) == (
        EntryStatus.PUBLISHED,
        CHANGED,
        cast.head,
    )
