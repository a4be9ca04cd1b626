"""Probe 7 F6: the personal-data scan reads each attachment's file name (it is published as the
download name), and an attachment it cannot read (an image, a scanned PDF) is not "未发现":
it is listed as 图片未检查 for each stage's reviewer to check by eye and clear with a reason
(条例第十五条; participation.md §9.3). Until then the approval is refused, nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import DocumentStatus, ReviewStep, ScanDecision
from gongkai.testing import a_pdf

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _nothing_approved(doc, by):
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_1
    assert not ReviewStep.objects.filter(document=doc, action="approve").exists()
    assert not AuditEntry.objects.filter(
        action="document.approve", actor=by, target_id=str(doc.pk)
    ).exists()


def test_an_image_attachment_is_listed_unchecked_and_blocks_approval_until_cleared(
    client, cast, make_draft
):
    doc = make_draft()
    doc.add_attachment(by=cast.clerk, upload=SimpleUploadedFile("张三身份证正反面.png", PNG))
    doc.submit(by=cast.clerk)
    [hit] = doc.scan()
    assert hit.label == "图片未检查" and hit.places == ["张三身份证正反面.png"]
    client.force_login(cast.head)
    page = client.get(reverse("publications:document_detail", args=[doc.pk])).content.decode()
    assert "图片未检查" in page and "请人工核对" in page and "未发现身份证号" not in page
    with pytest.raises(DomainError, match="图片未检查"):
        doc.approve(by=cast.head, seen=str(doc.version))
    _nothing_approved(doc, cast.head)
    doc.accept_hit(by=cast.head, key=hit.key, reason="已人工核对：图片为办事流程图，无个人信息")
    doc.approve(by=cast.head, seen=str(doc.version))
    assert doc.status == DocumentStatus.REVIEW_2
    # The next stage looks for itself.
    assert [h.key for h in doc.unresolved_hits()] == [hit.key]
    assert ScanDecision.objects.get().masked == "张三身份证正反面.png"


def test_a_phone_number_in_an_attachments_name_is_a_hit(cast, make_draft):
    doc = make_draft()
    doc.add_attachment(by=cast.clerk, upload=a_pdf("申请人-13800138000.pdf"))
    doc.submit(by=cast.clerk)
    kinds = {(h.kind, h.masked) for h in doc.scan()}
    assert ("mobile", "138****8000") in kinds
    unread = next(h for h in doc.scan() if h.kind == "unscanned")
    assert "13800138000" not in unread.masked  # the decision never stores the number
    with pytest.raises(DomainError, match="138\\*\\*\\*\\*8000"):
        doc.approve(by=cast.head, seen=str(doc.version))
    _nothing_approved(doc, cast.head)
