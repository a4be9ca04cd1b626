"""Bad input: XSS in bodies and titles, uploads by content, stale edits (optimistic locking)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.lib.uploads import UploadError
from gongkai.publications.models import Document, StaleEdit


def test_it_strips_scripts_and_event_handlers_from_the_body(make_draft):
    doc = make_draft(
        body='<p onclick="x()">正文<script>alert(1)</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">链接</a><a href="https://www.gz.gov.cn">市政府</a></p>'
    )
    assert "<script" not in doc.body and "onerror" not in doc.body and "onclick" not in doc.body
    assert "javascript:" not in doc.body and "<img" not in doc.body
    assert '<a href="https://www.gz.gov.cn" rel="noopener noreferrer">市政府</a>' in doc.body
    assert Document.objects.get(pk=doc.pk).body == doc.body


def test_it_turns_plain_text_into_escaped_paragraphs(make_draft):
    doc = make_draft(body="第一段 a<b\n\n第二段")
    assert doc.body == "<p>第一段 a&lt;b</p><p>第二段</p>"


def test_lines_typed_with_enter_stay_separate_paragraphs(make_draft):
    """Probe finding 8: the editor sent "第一段。<div>第二段。<br></div>" and the allow-list,
    dropping <div>, saved "第一段。第二段。<br>": one run-on paragraph on every page."""
    doc = make_draft(body="第一段。<div>第二段。<br></div><div><br></div><div>第三段&amp;。</div>")
    assert doc.body == "<p>第一段。</p><p>第二段。</p><p>第三段&amp;。</p>"
    assert Document.objects.get(pk=doc.pk).body == doc.body


def test_it_escapes_a_title_with_markup_on_every_page(cast, make_draft, publish, client):
    doc = publish(make_draft(title='<script>alert("x")</script>通知'))
    page = client.get(reverse("publications_public:document", args=[doc.pk])).content.decode()
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page
    client.force_login(cast.clerk)
    staff = client.get(reverse("publications:document_detail", args=[doc.pk])).content.decode()
    assert '<script>alert("x")</script>' not in staff


def test_it_refuses_an_upload_whose_content_is_not_what_its_name_says(cast, make_draft):
    doc = make_draft()
    with pytest.raises(UploadError):
        doc.add_attachment(
            by=cast.clerk, upload=SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 not a pdf")
        )
    assert not doc.attachments.exists()


def test_a_pdf_named_png_is_refused_with_a_chinese_message(
    cast, make_draft, client, settings, tmp_path
):
    """Probe finding 17(c): a PDF renamed 扫描件.png was accepted and kept as .png."""
    settings.MEDIA_ROOT = tmp_path
    doc = make_draft()
    client.force_login(cast.clerk)
    upload = SimpleUploadedFile("扫描件.png", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    page = client.post(
        reverse("publications:attachment_add", args=[doc.pk]), {"file": upload}, follow=True
    ).content.decode()
    assert "“扫描件.png”的内容是PDF，与文件扩展名不符，请将扩展名改为.pdf后重新上传。" in page
    assert not doc.attachments.exists()


def test_it_refuses_a_stale_edit_and_keeps_the_newer_text(cast, make_draft):
    doc = make_draft()
    opened = doc.version
    Document.objects.get(pk=doc.pk).edit(by=cast.clerk, version=opened, title="甲的修改")
    with pytest.raises(StaleEdit, match="已被他人修改"):
        doc.edit(by=cast.clerk, version=opened, title="乙的修改")
    doc.refresh_from_db()
    assert doc.title == "甲的修改" and doc.version == opened + 1


def test_the_edit_page_shows_the_conflict_and_keeps_what_was_typed(cast, make_draft, client):
    doc = make_draft()
    Document.objects.get(pk=doc.pk).edit(by=cast.clerk, version=doc.version, title="先保存的标题")
    client.force_login(cast.clerk)
    data = {
        "title": "后保存的标题",
        "kind": "general",
        "category": "regulations_normative_docs",
        "attribute": "proactive",
        "written_on": "2022-09-01",
        "body": "我的长篇修改",
        "seen": doc.version,
    }
    response = client.post(reverse("publications:document_edit", args=[doc.pk]), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改" in page and "后保存的标题" in page and "我的长篇修改" in page
    doc.refresh_from_db()
    assert doc.title == "先保存的标题"
