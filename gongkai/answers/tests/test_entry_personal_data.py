"""An entry made from a citizen's question is scanned for personal data before 审核通过, as a
document is (probe 5 finding 1: a name and a card number reached the public 政策问答 page)."""

import pytest
from django.urls import reverse

from gongkai.answers import services
from gongkai.answers.models import AskedQuestion, Entry, EntryStatus, Outcome, Passage
from gongkai.answers.tests.helpers import YUETAN, published
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.testing import seen_on_page

pytestmark = pytest.mark.django_db

LOGGED = "我是张三丰，邮箱z***@qq.com，银行卡6222021234567890123，社保怎么转移"


def _from_question(cast, question):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    asked = AskedQuestion.objects.create(text=question, outcome=Outcome.REFUSED)
    item = services.entry_save(
        entry=Entry(question=asked.text, answer="请咨询社保经办机构。", topics="社保"),
        sources=[{"document": document, "article": "第二条"}],
        by=cast.clerk,
        question=asked,
    )
    item.submit(by=cast.clerk)
    return item


def test_it_refuses_to_publish_an_entry_whose_question_holds_a_name_and_a_card_number(client, cast):
    item = _from_question(cast, LOGGED)
    client.force_login(cast.head)
    url = reverse("answers:entry_act", args=[item.pk, "approve"])
    form = {"comment": "同意", "seen": seen_on_page(client, item.get_staff_url())}  # the open page
    page = client.post(url, form, follow=True).content.decode()

    assert "问答条目含有个人信息（问题：姓名、身份证号或银行卡号），不能发布" in page
    item.refresh_from_db()
    assert item.status == EntryStatus.PENDING
    assert item.approved_by is None and item.approved_at is None
    assert not Passage.objects.filter(entry=item).exists()
    assert not AuditEntry.objects.filter(action="answer_entry.approve").exists()


def test_it_refuses_a_valid_id_number_in_the_answer_and_names_it_masked(cast):
    item = _from_question(cast, "社保怎么转移")
    Entry.objects.filter(pk=item.pk).update(answer="请张三（身份证440106199003070028）来办理。")
    with pytest.raises(DomainError, match=r"答复：身份证号440106\*\*\*\*\*\*\*\*0028"):
        item.approve(by=cast.head)
    item.refresh_from_db()
    assert item.status == EntryStatus.PENDING and item.approved_by is None


def test_an_entry_without_personal_data_is_published_as_before(cast):
    item = _from_question(cast, "我是个体户，社保怎么转移？办事电话020-83331234")
    item.approve(by=cast.head)
    item.refresh_from_db()
    assert item.status == EntryStatus.PUBLISHED and item.approved_by == cast.head
