"""Probe 7 F2: a reviewer who changed the text at his stage does not approve his own wording
(先审后发; core.review, as the Q&A library's writers_of). At 一审 a 签发领导 stands in for the
unit's only head and is told; at 二审 another 保密审查员 approves, or it goes back. The refused
approval writes nothing: no review step, no audit row, the stage unchanged."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry, Notification, User
from gongkai.core.roles import Role
from gongkai.publications.models import Document, DocumentStatus, ReviewStep
from gongkai.testing import seen_on_page

pytestmark = pytest.mark.django_db

REWRITTEN = "<p>处室负责人重写的全文，经办人从未见过。</p>"


def _act(client, user, doc, verb, data=None):
    client.force_login(user)
    data = {"seen": seen_on_page(client, doc.get_staff_url()), **(data or {"comment": "同意"})}
    url = reverse("publications:document_act", args=[doc.pk, verb])
    return client.post(url, data, follow=True).content.decode()


def _approvals(doc, user):
    return (
        ReviewStep.objects.filter(document=doc, action="approve", actor=user).count(),
        AuditEntry.objects.filter(
            action="document.approve", actor=user, target_id=str(doc.pk)
        ).count(),
    )


def test_a_head_who_rewrote_the_draft_at_the_first_review_cannot_approve_it(
    client, cast, make_draft
):
    doc = make_draft()
    doc.submit(by=cast.clerk)
    doc.edit(by=cast.head, version=doc.version, body=REWRITTEN)
    client.force_login(cast.head)
    page = client.get(reverse("publications:document_detail", args=[doc.pk])).content.decode()
    assert "不能审核通过自己修改的内容" in page and "退回修改" in page
    refused = _act(client, cast.head, doc, "approve")
    assert "不能审核通过自己修改的内容" in refused
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_1 and _approvals(doc, cast.head) == (0, 0)
    # The leader stands in for the unit's only head, told so; he approves the new wording.
    told = Notification.objects.get(user=cast.leader, key__startswith="document.review_edit:")
    assert doc.title in told.text and told.link == doc.get_staff_url()
    _act(client, cast.leader, doc, "approve")
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_2 and _approvals(doc, cast.leader) == (1, 1)


def test_the_head_who_edited_may_still_return_it(client, cast, make_draft):
    doc = make_draft()
    doc.submit(by=cast.clerk)
    doc.edit(by=cast.head, version=doc.version, body=REWRITTEN)
    _act(client, cast.head, doc, "return", {"comment": "请核对修改后的正文"})
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT


def test_a_confidentiality_reviewer_who_edited_cannot_approve_another_one_does(
    client, cast, make_draft
):
    other = User.objects.create(username="baomi2", full_name="吴审查", unit=cast.reviewer.unit)
    other.set_roles([Role.CONFIDENTIALITY_REVIEWER])
    doc = make_draft()
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    doc.edit(by=cast.reviewer, version=doc.version, title="二审改写的标题")
    with pytest.raises(Exception, match="不能审核通过自己修改的内容"):
        doc.approve(by=cast.reviewer, seen=str(doc.version))
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_2 and _approvals(doc, cast.reviewer) == (0, 0)
    assert Notification.objects.filter(user=other, key__startswith="document.review_edit:").exists()
    doc.approve(by=other, seen=str(doc.version))
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.REVIEW_3


def test_a_reviewer_who_only_read_it_approves_as_before(cast, make_draft):
    doc = make_draft()
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    assert doc.status == DocumentStatus.REVIEW_2


def test_the_confidentiality_reviewer_changes_only_the_text_not_the_units_metadata(
    client, cast, make_draft
):
    """Probe 7 N4: at 二审 the 保密审查员 takes personal data or secrets out of the title, summary
    or body; 文号, 类别 and dates go back to the unit."""
    doc = make_draft(doc_no="穗应急〔2022〕1号")
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    version = doc.version
    with pytest.raises(Exception, match="文号请退回起草单位修改"):
        doc.edit(by=cast.reviewer, version=doc.version, doc_no="穗应急〔2022〕9号")
    doc.refresh_from_db()
    assert doc.version == version and doc.doc_no == "穗应急〔2022〕1号"
    assert not AuditEntry.objects.filter(action="document.edit", actor=cast.reviewer).exists()
    # Through the form, which posts every field: only the body changed, so it is saved.
    client.force_login(cast.reviewer)
    url = reverse("publications:document_edit", args=[doc.pk])
    initial = client.get(url).context["form"].initial
    fields = {k: v for k, v in initial.items() if v is not None and v is not False}
    fields.update(body="<p>各区应急管理局：加强监督管理。</p>", version=version)
    assert client.post(url, fields).status_code == 302
    doc.refresh_from_db()
    assert doc.version == version + 1 and "加强监督管理" in doc.body
