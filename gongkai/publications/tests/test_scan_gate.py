"""Personal data (条例第十五条): each reviewer resolves or accepts every hit before approving."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.lib.pii import id_check_char
from gongkai.publications.models import DocumentStatus, ScanDecision

ID = "44010619900307123" + id_check_char("44010619900307123")


def _docx(text):
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("名单.docx", buffer.getvalue())


def test_it_blocks_approval_until_each_hit_is_accepted_with_a_reason(cast, make_draft):
    doc = make_draft(body=f"<p>当事人张三，身份证号{ID}，穗府办函〔2022〕48号。</p>")
    doc.submit(by=cast.clerk)
    [hit] = doc.scan()
    assert hit.kind == "id_card" and ID not in hit.masked
    with pytest.raises(DomainError, match="1处未处理"):
        doc.approve(by=cast.head)
    with pytest.raises(DomainError, match="理由"):
        doc.accept_hit(by=cast.head, key=hit.key, reason="")
    doc.accept_hit(by=cast.head, key=hit.key, reason="当事人书面同意公开")
    doc.approve(by=cast.head)
    assert doc.status == DocumentStatus.REVIEW_2
    with pytest.raises(DomainError):  # the next reviewer decides for themself
        doc.approve(by=cast.reviewer)
    assert not ScanDecision.objects.filter(reason__contains=ID).exists()


def test_a_hit_edited_away_is_resolved(cast, make_draft):
    doc = make_draft(body=f"<p>联系人手机13800138000，身份证{ID}</p>")
    doc.submit(by=cast.clerk)
    assert len(doc.scan()) == 2
    doc.edit(by=cast.head, version=doc.version, body="<p>联系人：办公室</p>")
    assert doc.scan() == []
    doc.approve(by=cast.head)
    assert doc.status == DocumentStatus.REVIEW_2


def test_it_scans_attachments_too(cast, make_draft):
    doc = make_draft()
    doc.add_attachment(by=cast.clerk, upload=_docx(f"申请人身份证号：{ID}"))
    [hit] = doc.scan()
    assert hit.places == ["名单.docx"]


def test_the_review_page_lists_hits_masked(cast, make_draft, client):
    doc = make_draft(body=f"<p>身份证号{ID}</p>")
    doc.submit(by=cast.clerk)
    client.force_login(cast.head)
    page = client.get(reverse("publications:document_detail", args=[doc.pk])).content.decode()
    assert "个人信息扫描" in page and "身份证号" in page and "确认可以公开" in page
    hit = doc.scan()[0]
    assert hit.masked in page
    response = client.post(
        reverse("publications:accept_hit", args=[doc.pk]), {"key": hit.key, "reason": "已征得同意"}
    )
    assert response.status_code == 302 and doc.scan_decisions.count() == 1
