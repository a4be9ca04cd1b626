"""一审 of a draft the unit's only head wrote: a 签发领导 takes the head's place (core.review).

法规处 has one head (core.bureau). His own draft used to wait at 一审 for "本单位另一位负责人",
who does not exist. Nobody checks their own draft, and a leader stands in for the head's own
draft only: a clerk's draft stays the head's."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry, Notification, User
from gongkai.core.roles import Role
from gongkai.core.tests.review_helpers import leader_told_instead_of_head
from gongkai.publications.models import Document, DocumentStatus, ReviewStep
from gongkai.testing import seen_on_page

pytestmark = pytest.mark.django_db


def _act(client, user, doc, verb, data=None, *, page_of=None):
    """`user` sends `verb` from the document's page: a review step with the 第N版 that page shows
    (to `page_of` when `user`'s own page has no form for it: a request made by hand)."""
    data = data or {"comment": "同意"}
    if verb != "submit":
        client.force_login(page_of or user)
        data = {"seen": seen_on_page(client, doc.get_staff_url()), **data}
    client.force_login(user)
    url = reverse("publications:document_act", args=[doc.pk, verb])
    return client.post(url, data, follow=True).content.decode()


def _second_leader(cast):
    deputy = User.objects.create(
        username="fujuzhang", full_name="周副局长", unit=cast.units["局领导"]
    )
    deputy.set_roles([Role.LEADER])
    return deputy


def test_it_lets_a_leader_pass_the_first_review_of_the_only_heads_own_draft(
    client, cast, make_draft
):
    doc = make_draft(by=cast.head)
    _act(client, cast.head, doc, "submit", {"comment": ""})
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_1

    page = _act(client, cast.head, doc, "approve", page_of=cast.leader)
    assert "不能办理一审" in page
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_1
    note = leader_told_instead_of_head(cast, page)
    assert doc.title in note.text and note.link == doc.get_staff_url()

    client.force_login(cast.leader)
    assert doc.title in client.get(reverse("publications:home")).content.decode()
    _act(client, cast.leader, doc, "approve")
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_2
    step = ReviewStep.objects.get(document=doc, action="approve")
    assert step.stage == DocumentStatus.REVIEW_1 and step.actor == cast.leader
    assert AuditEntry.objects.filter(action="document.approve", actor=cast.leader).count() == 1


def test_the_leader_who_passed_the_first_review_does_not_sign_it_off_a_second_leader_does(
    client, cast, make_draft
):
    deputy = _second_leader(cast)
    doc = make_draft(by=cast.head)
    doc.submit(by=cast.head)
    _act(client, cast.leader, doc, "approve")
    _act(client, cast.reviewer, doc, "approve")
    page = _act(client, cast.leader, doc, "approve", {"comment": "同意", "waiver": "测试"})
    assert "同一人不能审核同一文件的两个环节" in page
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_3
    _act(client, deputy, doc, "approve", {"comment": "同意", "waiver": "测试"})
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.PUBLISHED and doc.index_no


def test_a_leader_does_not_take_the_first_review_of_a_clerks_draft(client, cast, make_draft):
    doc = make_draft(by=cast.clerk)
    doc.submit(by=cast.clerk)
    page = _act(client, cast.leader, doc, "approve", page_of=cast.head)
    assert "应由处室负责人办理" in page
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_1
    assert not ReviewStep.objects.filter(document=doc, action="approve").exists()
    assert not Notification.objects.filter(user=cast.leader).exists()
    client.force_login(cast.leader)
    assert doc.title not in client.get(reverse("publications:home")).content.decode()
