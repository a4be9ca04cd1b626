"""The public portal: published documents only, everything else 404 even by guessed id."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gongkai.publications.models import Category, Document, Kind, Validity


@pytest.fixture
def docs(cast, make_draft, publish):
    published = publish(make_draft(title="已发布的通知", business_related=True))
    draft = make_draft(title="草稿通知")
    in_review = make_draft(title="审核中的通知")
    in_review.submit(by=cast.clerk)
    returned = make_draft(title="被退回的通知")
    returned.submit(by=cast.clerk)
    returned.return_(by=cast.head, comment="请补充依据")
    withdrawn = publish(make_draft(title="已撤回的通知"))
    withdrawn.withdraw(by=cast.press, reason="内容有误")
    return {
        "published": published,
        "draft": draft,
        "in_review": in_review,
        "returned": returned,
        "withdrawn": withdrawn,
    }


@pytest.mark.parametrize("which", ["draft", "in_review", "returned", "withdrawn"])
def test_it_answers_404_for_anything_not_published(client, docs, which):
    assert (
        client.get(reverse("publications_public:document", args=[docs[which].pk])).status_code
        == 404
    )


def test_it_answers_404_for_an_attachment_of_a_draft(client, cast, docs):
    from gongkai.publications.tests.test_scan_gate import _docx

    attachment = docs["draft"].add_attachment(by=cast.clerk, upload=_docx("附件"))
    assert (
        client.get(reverse("publications_public:attachment", args=[attachment.pk])).status_code
        == 404
    )


def test_the_public_manager_cannot_reach_others(docs):
    assert list(Document.public.values_list("title", flat=True)) == ["已发布的通知"]
    assert not Document.public.filter(pk=docs["draft"].pk).exists()


def test_it_shows_the_metadata_table(client, docs):
    doc = docs["published"]
    page = client.get(reverse("publications_public:document", args=[doc.pk])).content.decode()
    for label in ["索引号", "分类", "发布机构", "文号", "成文日期", "发布日期", "名称"]:
        assert f"<th>{label}</th>" in page
    assert doc.index_no in page and "2022年9月1日" in page


def test_the_catalogue_lists_only_published_by_category_and_year(client, docs):
    page = client.get(reverse("publications_public:catalogue")).content.decode()
    assert "已发布的通知" in page and "草稿通知" not in page and "已撤回的通知" not in page
    assert "（十五）" in page
    other = client.get(
        reverse("publications_public:catalogue"), {"category": Category.STATISTICS}
    ).content.decode()
    assert "已发布的通知" not in other
    year = docs["published"].published_at.year
    assert (
        "已发布的通知"
        in client.get(reverse("publications_public:catalogue"), {"year": year}).content.decode()
    )


def test_the_business_column_lists_only_enterprise_policies(client, docs, make_draft, publish):
    publish(make_draft(title="内部工作动态"))
    page = client.get(reverse("publications_public:business")).content.decode()
    assert "已发布的通知" in page and "内部工作动态" not in page


def test_the_regulations_library_filters_by_validity_and_links_versions(
    client, cast, make_draft, publish
):
    old = publish(make_draft(title="旧办法", kind=Kind.NORMATIVE))
    new = publish(make_draft(title="新办法", kind=Kind.NORMATIVE))
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=new)
    url = reverse("publications_public:regulations")
    current = client.get(url, {"validity": "current"}).content.decode()
    assert "新办法" in current and "旧办法" not in current
    page = client.get(reverse("publications_public:document", args=[old.pk])).content.decode()
    assert "已修订" in page and reverse("publications_public:document", args=[new.pk]) in page


def test_it_links_a_document_and_its_interpretation(client, cast, make_draft, publish):
    doc = make_draft(title="管理办法", kind=Kind.NORMATIVE)
    interpretation = make_draft(
        title="《管理办法》政策解读", kind=Kind.INTERPRETATION, interprets=doc
    )
    publish(doc)  # with a waiver: its interpretation is still a draft
    page = client.get(reverse("publications_public:document", args=[doc.pk])).content.decode()
    assert "《管理办法》政策解读" not in page  # not published yet
    publish(interpretation)
    page = client.get(reverse("publications_public:document", args=[doc.pk])).content.decode()
    assert "《管理办法》政策解读" in page


def test_the_feed_and_sitemap_list_published_documents_only(client, docs):
    feed = client.get(reverse("publications_public:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)  # noqa: S314 — our own response
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "已发布的通知" in titles and "草稿通知" not in titles and "已撤回的通知" not in titles
    sitemap = client.get(reverse("publications_public:sitemap"))
    sitemap_root = ET.fromstring(sitemap.content)  # noqa: S314
    locs = [e.text for e in sitemap_root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(f"/gk/doc/{docs['published'].pk}/") for loc in locs)
    assert not any(loc.endswith(f"/gk/doc/{docs['draft'].pk}/") for loc in locs)


def test_the_portal_needs_no_login(client, docs):
    for name in ["catalogue", "business", "regulations", "search"]:
        assert client.get(reverse(f"publications_public:{name}")).status_code == 200
