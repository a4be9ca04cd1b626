"""Probe 9 finding 2: 三同步 (participation.md §12.1, 穗府办函〔2017〕313号 第二条;
`max_lag_wd = 0`): a 解读 is signed off with its 原文 and published WITH it, the two linked
both ways. A 解读 of a document still in review passes its own 三审 but waits (已审定，待原文
发布): nothing of it is public until the 原文 is published, in the same transaction; a 原文
returned takes it back to draft (signed again with the new text); a 原文 withdrawn takes it
with it. The 原文 passes 三审 on an
approved (not yet published) 解读."""

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry, Notification
from gongkai.publications.models import Document, DocumentStatus, Kind

pytestmark = pytest.mark.django_db


def _public(client, document) -> int:
    return client.get(reverse("publications_public:document", args=[document.pk])).status_code


def _story(cast, make_draft, publish):
    """The probe's story: the 原文 (a 规范性文件) is in 一审 when its 解读 passes 三审."""
    original = make_draft(kind=Kind.NORMATIVE, title="有限空间作业安全管理的通知", doc_no="规1号")
    original.submit(by=cast.clerk)
    interpretation = publish(
        make_draft(kind=Kind.INTERPRETATION, title="《有限空间通知》解读", interprets=original),
        waiver="",
    )
    return original, interpretation


def _publications(document) -> int:
    return AuditEntry.objects.filter(action="document.publish", target_id=str(document.pk)).count()


def test_an_interpretation_of_a_document_in_review_waits_and_nothing_is_public(
    client, cast, make_draft, publish
):
    original, interpretation = _story(cast, make_draft, publish)
    assert interpretation.status == DocumentStatus.APPROVED
    assert interpretation.get_status_display() == "已审定，待原文发布"
    assert interpretation.published_at is None and interpretation.index_no is None
    assert _public(client, interpretation) == 404 and _public(client, original) == 404
    assert not Document.public.filter(pk__in=[original.pk, interpretation.pk]).exists()
    assert _publications(interpretation) == 0
    # The 三审 of the 解读 is on record (who signed it), only the publishing waits.
    assert AuditEntry.objects.filter(
        action="document.approve", actor=cast.leader, target_id=str(interpretation.pk)
    ).exists()


def test_the_original_passes_on_an_approved_interpretation_and_both_go_out_together(
    client, cast, make_draft, publish
):
    original, interpretation = _story(cast, make_draft, publish)
    original.approve(by=cast.head)
    original.approve(by=cast.reviewer)
    original.approve(by=cast.leader)  # no waiver asked: the 解读 was signed off (同步审签)
    original.refresh_from_db()
    interpretation.refresh_from_db()
    assert original.status == interpretation.status == DocumentStatus.PUBLISHED
    assert original.interpretation_waiver == ""
    assert interpretation.published_at == original.published_at
    assert interpretation.index_no and interpretation.index_no != original.index_no
    assert _public(client, original) == 200 and _public(client, interpretation) == 200
    # 双向关联: each public page links the other.
    original_page = client.get(original.get_absolute_url()).content.decode()
    interpretation_page = client.get(interpretation.get_absolute_url()).content.decode()
    assert interpretation.get_absolute_url() in original_page
    assert original.get_absolute_url() in interpretation_page
    assert _publications(original) == 1 and _publications(interpretation) == 1
    entry = AuditEntry.objects.get(action="document.publish", target_id=str(interpretation.pk))
    assert entry.actor == cast.leader


def test_a_returned_original_leaves_its_interpretation_unpublished(
    client, cast, make_draft, publish
):
    original, interpretation = _story(cast, make_draft, publish)
    original.return_(by=cast.head, comment="条款需要修改")
    interpretation.refresh_from_db()
    assert interpretation.status != DocumentStatus.PUBLISHED
    assert interpretation.published_at is None and interpretation.index_no is None
    assert _public(client, interpretation) == 404 and _publications(interpretation) == 0
    # Signed with the text now being changed: it goes back with it, to be signed again.
    assert interpretation.status == DocumentStatus.DRAFT
    returned = AuditEntry.objects.get(action="document.return", target_id=str(interpretation.pk))
    assert returned.actor == cast.head and "条款需要修改" in returned.data["comment"]
    assert Notification.objects.filter(user=cast.clerk, text__contains="须随原文重新审签").exists()
    # The 原文 sent again and signed: no 解读 signed with it now, so a waiver is asked for.
    original.submit(by=cast.clerk)
    original.approve(by=cast.head)
    original.approve(by=cast.reviewer)
    with pytest.raises(DomainError, match="还没有审定的政策解读"):
        original.approve(by=cast.leader)


def test_the_interpretation_cannot_be_published_before_its_original_by_any_path(
    client, cast, make_draft, publish
):
    """No further approval moves a waiting 解读 on by itself."""
    original, interpretation = _story(cast, make_draft, publish)
    with pytest.raises(DomainError):
        interpretation.approve(by=cast.leader)
    interpretation.refresh_from_db()
    assert (
        interpretation.status == DocumentStatus.APPROVED and _public(client, interpretation) == 404
    )


def test_an_interpretation_of_a_withdrawn_original_never_goes_public(
    client, cast, make_draft, publish
):
    original = publish(make_draft(kind=Kind.NORMATIVE, title="旧办法", doc_no="规2号"))
    interpretation = make_draft(kind=Kind.INTERPRETATION, title="旧办法解读", interprets=original)
    interpretation.submit(by=cast.clerk)
    interpretation.approve(by=cast.head)
    interpretation.approve(by=cast.reviewer)
    original.withdraw(by=cast.press, reason="已废止")
    with pytest.raises(DomainError, match="已撤回"):
        interpretation.approve(by=cast.leader)
    interpretation.refresh_from_db()
    assert interpretation.status == DocumentStatus.REVIEW_3
    assert interpretation.published_at is None and _publications(interpretation) == 0


def test_an_interpretation_of_a_published_original_publishes_as_before(
    client, cast, make_draft, publish
):
    original = publish(make_draft(kind=Kind.NORMATIVE, title="现行办法", doc_no="规3号"))
    interpretation = publish(
        make_draft(kind=Kind.INTERPRETATION, title="现行办法解读", interprets=original)
    )
    assert interpretation.status == DocumentStatus.PUBLISHED
    assert _public(client, interpretation) == 200 and _publications(interpretation) == 1


def test_the_staff_pages_say_the_interpretation_waits_for_its_original(
    client, cast, make_draft, publish
):
    original = make_draft(kind=Kind.NORMATIVE, title="有限空间作业安全管理的通知", doc_no="规1号")
    original.submit(by=cast.clerk)
    interpretation = make_draft(kind=Kind.INTERPRETATION, title="通知解读", interprets=original)
    interpretation.submit(by=cast.clerk)
    interpretation.approve(by=cast.head)
    interpretation.approve(by=cast.reviewer)
    client.force_login(cast.leader)
    page = client.get(interpretation.get_staff_url()).content.decode()
    assert "签发（随原文发布）" in page and "签发并发布" not in page
    response = client.post(
        reverse("publications:document_act", args=[interpretation.pk, "approve"]),
        {"comment": "同意", "waiver": "", "seen": interpretation.version},
        follow=True,
    )
    page = response.content.decode()
    assert "将在《有限空间作业安全管理的通知》发布时同时发布" in page
    assert 'id="waits-for-original"' in page
    interpretation.refresh_from_db()
    assert (
        interpretation.status == DocumentStatus.APPROVED and _public(client, interpretation) == 404
    )


def test_a_waiting_interpretations_page_shows_the_hits_its_signer_accepted(
    client, cast, make_draft
):
    """The personal-data decisions are per stage: the waiting page shows those of its 三审,
    not a list of hits "to handle" nobody can act on."""
    original = make_draft(kind=Kind.NORMATIVE, title="有限空间作业安全管理的通知", doc_no="规1号")
    original.submit(by=cast.clerk)
    interpretation = make_draft(
        kind=Kind.INTERPRETATION,
        title="通知解读",
        interprets=original,
        body="<p>咨询电话：13800138000（值班手机）。</p>",
    )
    interpretation.submit(by=cast.clerk)
    for reviewer in (cast.head, cast.reviewer, cast.leader):
        for hit in interpretation.unresolved_hits():
            interpretation.accept_hit(by=reviewer, key=hit.key, reason="单位公开的值班电话")
        interpretation.approve(by=reviewer)
    interpretation.refresh_from_db()
    assert interpretation.status == DocumentStatus.APPROVED
    client.force_login(cast.leader)
    page = client.get(interpretation.get_staff_url()).content.decode()
    assert "已确认可以公开：单位公开的值班电话" in page and "待处理" not in page
