"""Separation of duties: 一审 is never the drafter's own, and 三审 signs off what 一审 and 二审 saw.

At 三审 the 签发领导 may not edit (text or attachments): they sign it off or return it with
the change wanted, so every word on the portal has passed all three stages.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.publications.forms import DocumentForm
from gongkai.publications.models import Document, DocumentStatus, ReviewStep
from gongkai.testing import seen_on_page


def _approvals(doc):
    return list(
        ReviewStep.objects.filter(document=doc, action="approve").values_list("stage", flat=True)
    )


def test_a_head_cannot_pass_the_first_review_of_a_draft_they_wrote(cast, make_draft):
    doc = make_draft(by=cast.head)
    doc.submit(by=cast.head)
    with pytest.raises(DomainError, match="不能办理一审"):
        doc.approve(by=cast.head, comment="同意")
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_1 and _approvals(doc) == []
    assert not doc.may_review(cast.head)


def test_a_head_who_edited_the_draft_cannot_pass_its_first_review(cast, make_draft):
    doc = make_draft(by=cast.clerk)
    doc.edit(by=cast.head, version=doc.version, body="<p>负责人改写后的正文。</p>")
    doc.submit(by=cast.clerk)
    with pytest.raises(DomainError, match="不能办理一审"):
        doc.approve(by=cast.head)
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_1


def test_a_head_who_submitted_the_draft_cannot_pass_its_first_review(cast, make_draft):
    doc = make_draft(by=cast.clerk)
    doc.submit(by=cast.head)
    with pytest.raises(DomainError):
        doc.approve(by=cast.head)
    assert _approvals(doc) == []


def test_a_head_passes_the_first_review_of_a_clerks_draft(cast, make_draft):
    doc = make_draft(by=cast.clerk)
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_2


def test_the_first_review_page_offers_the_drafting_head_no_approve_button(client, cast, make_draft):
    doc = make_draft(by=cast.head)
    doc.submit(by=cast.head)
    client.force_login(cast.leader)  # the head's page has no form: the one the leader sees
    seen = seen_on_page(client, doc.get_staff_url())
    client.force_login(cast.head)
    client.post(
        reverse("publications:document_act", args=[doc.pk, "approve"]),
        {"comment": "同意", "seen": seen},
    )
    assert (
        Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_1 and _approvals(doc) == []
    )


def _at_third_review(cast, make_draft):
    doc = make_draft(by=cast.clerk)
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    doc.approve(by=cast.reviewer)
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_3
    return doc


def test_the_signing_leader_cannot_rewrite_the_body_at_the_third_review(cast, make_draft):
    doc = _at_third_review(cast, make_draft)
    before = doc.body
    with pytest.raises(DomainError):
        doc.edit(by=cast.leader, version=doc.version, body="<p>签发领导改写的正文。</p>")
    doc.refresh_from_db()
    assert doc.body == before and doc.status == DocumentStatus.REVIEW_3


def test_the_signing_leader_cannot_swap_attachments_at_the_third_review(cast, make_draft):
    doc = _at_third_review(cast, make_draft)
    upload = SimpleUploadedFile("附件.txt", "替换的附件内容".encode())
    with pytest.raises(DomainError):
        doc.add_attachment(by=cast.leader, upload=upload)
    assert doc.attachments.count() == 0


def test_the_edit_page_refuses_the_signing_leader_and_changes_nothing(client, cast, make_draft):
    doc = _at_third_review(cast, make_draft)
    form = DocumentForm(instance=doc, user=cast.leader)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(body="<p>签发领导改写的正文。</p>", version=doc.version)
    client.force_login(cast.leader)
    client.post(reverse("publications:document_edit", args=[doc.pk]), data)
    doc.refresh_from_db()
    assert "签发领导改写" not in doc.body and doc.status == DocumentStatus.REVIEW_3


def test_the_signing_leader_returns_it_for_the_change_instead(cast, make_draft):
    doc = _at_third_review(cast, make_draft)
    doc.return_(by=cast.leader, comment="第二段请改为……")
    doc.refresh_from_db()
    assert (
        doc.status == DocumentStatus.DRAFT
        and doc.may_edit(cast.clerk)
        and not doc.may_edit(cast.leader)
    )


def test_the_confidentiality_reviewer_may_still_take_personal_data_out_at_the_second_review(
    cast, make_draft
):
    doc = make_draft(by=cast.clerk, body="<p>联系人手机13912345678。</p>")
    doc.submit(by=cast.clerk)
    hit = doc.unresolved_hits()[0]
    doc.accept_hit(by=cast.head, key=hit.key, reason="一审意见：由二审确认是否删除")
    doc.approve(by=cast.head)
    doc.edit(by=cast.reviewer, version=doc.version, body="<p>联系人手机已删除。</p>")
    assert "已删除" in Document.objects.get(pk=doc.pk).body
