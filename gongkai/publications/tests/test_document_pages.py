"""静态化: a document's page is generated when it is published, served with one query and no
template, never once the document is withdrawn, and generated again when anything it shows
changes (issue 15, "the portal under a crawler")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.publications import pages
from gongkai.publications.models import Attachment, Document, DocumentPage, Kind, Validity


def _url(doc):
    return reverse("publications_public:document", args=[doc.pk])


def _stored(doc):
    return DocumentPage.objects.filter(document_id=doc.pk).values_list("html", flat=True).first()


def test_it_generates_the_page_when_the_document_is_published(
    make_draft, publish, django_capture_on_commit_callbacks
):
    doc = make_draft(title="关于做好防汛工作的通知")
    with django_capture_on_commit_callbacks(execute=True):
        publish(doc)
    assert '<h1 class="doc-title">关于做好防汛工作的通知</h1>' in _stored(doc)


def test_a_draft_gets_no_page(client, make_draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = make_draft(title="草稿通知")
    assert client.get(_url(doc)).status_code == 404
    assert not DocumentPage.objects.filter(document_id=doc.pk).exists()


def test_a_generated_page_is_served_with_one_query_and_no_template(client, make_draft, publish):
    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    first = client.get(_url(doc))
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(_url(doc))
    assert second.status_code == 200 and second.content == first.content
    assert len(ctx.captured_queries) == 1
    assert second.templates == []


def test_the_served_page_has_the_site_chrome_and_the_security_headers(client, make_draft, publish):
    doc = publish(make_draft(title="关于<防汛>工作的通知"))
    for _ in range(2):  # generated, then stored
        response = client.get(_url(doc))
        page = response.content.decode()
        assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
        assert "<title>关于&lt;防汛&gt;工作的通知 · " in page
        assert '<nav class="portal-nav" aria-label="栏目">' in page
        assert '<footer class="portal-foot">' in page and "本站支持 IPv6 访问" in page
        assert '<h1 class="doc-title">关于&lt;防汛&gt;工作的通知</h1>' in page
        assert "csrfmiddlewaretoken" not in page
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_large_text_mode_gets_its_own_chrome_around_the_same_article(client, make_draft, publish):
    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    plain = client.get(_url(doc)).content.decode()
    big = client.get(_url(doc), {"big": "1"}).content.decode()
    assert '<html lang="zh-CN">' in plain and "大字模式" in plain
    assert '<html lang="zh-CN" class="bigtext">' in big and "标准字号" in big
    article = plain[plain.index("<article") : plain.index("</article>")]
    assert article in big


def test_a_withdrawn_document_is_a_404_at_once(client, cast, make_draft, publish):
    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    assert client.get(_url(doc)).status_code == 200
    assert _stored(doc) is not None
    doc.withdraw(by=cast.press, reason="内容有误")
    assert client.get(_url(doc)).status_code == 404
    assert _stored(doc) is None
    assert Document.objects.get(pk=doc.pk).status == "withdrawn"


def test_a_page_left_behind_is_never_served_for_a_withdrawn_document(
    client, cast, make_draft, publish
):
    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    client.get(_url(doc))
    kept = DocumentPage.objects.get(document_id=doc.pk)
    doc.withdraw(by=cast.press, reason="内容有误")
    kept.save()  # as if the drop had been missed
    assert DocumentPage.objects.filter(document_id=doc.pk).exists()
    assert client.get(_url(doc)).status_code == 404


def test_an_attachment_added_or_removed_shows_at_once(
    client, cast, make_draft, publish, django_capture_on_commit_callbacks
):
    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    client.get(_url(doc))
    with django_capture_on_commit_callbacks(execute=True):
        attachment = Attachment.objects.create(  # as the admin does, on a published document
            document=doc,
            file="x.docx",
            original_name="防汛名单.docx",
            kind="docx",
            size=2048,
            sha256="0" * 64,
        )
    assert "防汛名单.docx" in _stored(doc)
    assert "防汛名单.docx" in client.get(_url(doc)).content.decode()
    attachment.delete()
    assert "防汛名单.docx" not in client.get(_url(doc)).content.decode()


def test_an_interpretation_published_or_withdrawn_shows_on_the_document_it_interprets(
    client, cast, make_draft, publish
):
    doc = publish(make_draft(title="管理办法", kind=Kind.NORMATIVE))
    client.get(_url(doc))
    interpretation = publish(
        make_draft(title="《管理办法》解读", kind=Kind.INTERPRETATION, interprets=doc)
    )
    assert "《管理办法》解读" in client.get(_url(doc)).content.decode()
    interpretation.withdraw(by=cast.press, reason="内容有误")
    assert "《管理办法》解读" not in client.get(_url(doc)).content.decode()


def test_a_replacement_shows_on_both_pages_and_leaves_the_old_one_when_it_changes(
    client, cast, make_draft, publish
):
    old = publish(make_draft(title="旧版管理办法", kind=Kind.NORMATIVE))
    first = publish(make_draft(title="新版管理办法", kind=Kind.NORMATIVE))
    second = publish(make_draft(title="第三版管理办法", kind=Kind.NORMATIVE))
    for doc in (old, first, second):
        client.get(_url(doc))
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=first)
    page = client.get(_url(old)).content.decode()
    assert "替代文件" in page and "新版管理办法" in page and "本文件已修订" in page
    assert "旧版管理办法</a>（已修订）" in client.get(_url(first)).content.decode()
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=second)
    assert "旧版管理办法" not in client.get(_url(first)).content.decode()
    assert "旧版管理办法</a>（已修订）" in client.get(_url(second)).content.decode()


def test_a_linked_documents_new_title_shows_on_the_page_that_links_it(
    client, cast, make_draft, publish
):
    old = publish(make_draft(title="旧版管理办法", kind=Kind.NORMATIVE))
    new = publish(make_draft(title="新版管理办法", kind=Kind.NORMATIVE))
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=new)
    assert "新版管理办法" in client.get(_url(old)).content.decode()
    new.title = "新版安全生产管理办法"
    new.save()  # as the admin does
    assert "新版安全生产管理办法" in client.get(_url(old)).content.decode()


def test_deleting_the_replacing_document_takes_its_link_off_the_old_page(
    client, cast, make_draft, publish
):
    old = publish(make_draft(title="旧版管理办法", kind=Kind.NORMATIVE))
    new = publish(make_draft(title="新版管理办法", kind=Kind.NORMATIVE))
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=new)
    assert "新版管理办法" in client.get(_url(old)).content.decode()
    Document.objects.filter(pk=new.pk).delete()
    assert "新版管理办法" not in client.get(_url(old)).content.decode()


def test_a_unit_renamed_shows_on_its_documents_pages(client, cast, make_draft, publish):
    """The page is generated again; the 发布机构 shown is the one kept at publication (probe 11
    F4.2), so the new name shows only where none was kept (published before it was)."""
    doc = publish(make_draft())
    kept = publish(make_draft(title="另一份通知"))
    Document.objects.filter(pk=doc.pk).update(publisher="")  # published before it was kept
    client.get(_url(doc))
    unit = cast.units["法规处"]
    assert doc.unit_id == unit.pk
    unit.full_name = "政策法规与标准处"
    unit.save()
    assert _stored(doc) is None
    assert "政策法规与标准处" in client.get(_url(doc)).content.decode()
    assert "政策法规与标准处" not in client.get(_url(kept)).content.decode()


def test_a_page_generated_with_other_settings_is_generated_again(
    client, make_draft, publish, settings
):
    doc = publish(make_draft())
    Document.objects.filter(pk=doc.pk).update(publisher="")  # published before it was kept
    client.get(_url(doc))
    settings.AGENCY_NAME = "广州市安全生产委员会办公室"
    page = client.get(_url(doc)).content.decode()
    assert "广州市安全生产委员会办公室（" in page
    assert DocumentPage.objects.get(document_id=doc.pk).version == pages.version()


def test_a_visit_never_overwrites_the_page_a_change_generated(make_draft, publish):
    """A visit that read the document just before a change stores only where no page of this
    version is; the change's own generation always writes."""
    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    pages.generate(doc.pk, replace=True)
    DocumentPage.objects.filter(document_id=doc.pk).update(html="<article>新</article>")
    pages.generate(doc.pk, replace=False)
    assert _stored(doc) == "<article>新</article>"
    pages.generate(doc.pk, replace=True)
    assert "关于做好防汛工作的通知" in _stored(doc)


def test_an_id_past_the_databases_integers_is_a_404(client, db):
    for pk in ("0", "9223372036854775807", "9223372036854775808", "99999999999999999999"):
        assert client.get(f"/gk/doc/{pk}/").status_code == 404


def test_the_chrome_is_never_the_first_visitors(client, cast, make_draft, publish):
    from gongkai.publications import portal_html

    doc = publish(make_draft(title="关于做好防汛工作的通知"))
    portal_html._chromes.clear()
    client.force_login(cast.clerk)
    as_clerk = client.get(_url(doc), {"big": "1"}).content.decode()
    client.logout()
    assert client.get(_url(doc), {"big": "1"}).content.decode() == as_clerk
    assert cast.clerk.username not in as_clerk and "退出" not in as_clerk


def test_a_chrome_asking_for_a_csrf_token_is_refused(rf, settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from gongkai.publications import portal_html

    (tmp_path / "publications" / "portal").mkdir(parents=True)
    (tmp_path / "publications" / "portal" / "_chrome.html").write_text(
        "<form>{% csrf_token %}</form>{{ page_title }}{{ content }}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    portal_html._chromes.clear()
    try:
        with pytest.raises(ImproperlyConfigured):
            portal_html.page(rf.get("/gk/doc/1/"), title="t", content="c", section="x")
    finally:
        portal_html._chromes.clear()
