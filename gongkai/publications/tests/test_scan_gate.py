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
    # The head who changed it does not approve his own wording (probe 7 F2): the leader does.
    doc.approve(by=cast.leader)
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


PROBE_BODY = (
    "<p>当事人：欧阳娜娜，公民身份号码４４０１０６１９９００３０７００２８，"
    "联系电话１３８００１３８０００，住址天河区体育西路123号3栋1201房。</p>"
    f"<p>另一当事人身份证 {ID[:6]} {ID[6:14]} {ID[14:]}。</p>"
)


def test_full_width_digits_an_id_in_groups_and_an_address_stop_each_of_the_three_stages(
    cast, make_draft, client
):
    """Probe finding 1 (条例第十五条): the staff page said 未发现 and 一审/二审/三审 passed a
    body with a full-width ID and mobile; now every reviewer must resolve or accept them."""
    doc = make_draft(body=PROBE_BODY)
    doc.submit(by=cast.clerk)
    client.force_login(cast.head)
    page = client.get(reverse("publications:document_detail", args=[doc.pk])).content.decode()
    assert "未发现身份证号" not in page and "440106********0028" in page
    assert [(hit.label, hit.masked) for hit in doc.scan()] == [
        ("身份证号", "440106********0028"),
        ("手机号码", "138****8000"),
        ("住址", "天河区体育西路***号*栋****房"),
        ("身份证号", f"440106********{ID[-4:]}"),
    ]
    stages = [
        (cast.head, DocumentStatus.REVIEW_1),
        (cast.reviewer, DocumentStatus.REVIEW_2),
        (cast.leader, DocumentStatus.REVIEW_3),
    ]
    for reviewer, stage in stages:
        with pytest.raises(DomainError, match="4处未处理"):
            doc.approve(by=reviewer, waiver="未制发解读：测试")
        doc.refresh_from_db()
        assert doc.status == stage and doc.published_at is None
        for hit in doc.scan():
            doc.accept_hit(by=reviewer, key=hit.key, reason="当事人书面同意公开")
        doc.approve(by=reviewer, waiver="未制发解读：测试")
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.PUBLISHED
    assert ScanDecision.objects.filter(document=doc).count() == 12


def test_a_persons_landline_is_a_hit_and_the_offices_number_is_not(cast, make_draft):
    """Re-probe: a home landline (家里电话 (020)8333 1234) in a document was never a hit; the
    office's published 咨询电话 is not personal data and stays out of the reviewers' way."""
    doc = make_draft(body="<p>当事人王某，家里电话 (020)8333 1234。咨询电话：020-12345678。</p>")
    doc.submit(by=cast.clerk)
    [hit] = doc.scan()
    assert (hit.kind, hit.masked, hit.label) == ("landline", "020-****1234", "固定电话")
    with pytest.raises(DomainError, match="1处未处理"):
        doc.approve(by=cast.head)
    doc.edit(by=cast.head, version=doc.version, body="<p>咨询电话：020-12345678。</p>")
    assert doc.scan() == []
    doc.approve(by=cast.leader)  # not the head who edited it (probe 7 F2)
    assert doc.status == DocumentStatus.REVIEW_2
