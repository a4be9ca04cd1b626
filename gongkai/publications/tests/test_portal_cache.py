"""Portal pages are served from the cache until anything they show changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def test_a_page_is_served_from_the_cache_the_second_time(client, cast, make_draft, publish):
    publish(make_draft())
    url = reverse("publications_public:catalogue")
    first = client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    assert not [q for q in ctx.captured_queries if "publications_document" in q["sql"]]


def test_a_withdrawn_document_is_gone_at_once(client, cast, make_draft, publish):
    doc = publish(make_draft())
    url = reverse("publications_public:document", args=[doc.pk])
    catalogue = reverse("publications_public:catalogue")
    assert (
        client.get(url).status_code == 200 and doc.title in client.get(catalogue).content.decode()
    )
    doc.withdraw(by=cast.press, reason="内容有误")
    assert client.get(url).status_code == 404
    assert doc.title not in client.get(catalogue).content.decode()


def test_an_edit_to_a_unit_name_shows_at_once(client, cast, make_draft, publish):
    from gongkai.publications.models import Document

    doc = publish(make_draft())
    # kept at publication, the 发布机构 stays (probe 11 F4.2): one published before it was kept
    Document.objects.filter(pk=doc.pk).update(publisher="")
    url = reverse("publications_public:document", args=[doc.pk])
    client.get(url)
    unit = cast.units["法规处"]
    unit.full_name = "政策法规与标准处"
    unit.save()
    assert "政策法规与标准处" in client.get(url).content.decode()


def test_a_visitors_get_writes_nothing_on_a_fresh_database(client, db):
    # The token row comes with the migrations: the first visitors' GETs only read it (two at
    # once used to insert it both, and one got a 500).
    from gongkai.publications.models import PortalGeneration

    token = PortalGeneration.objects.get(pk=1).token
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("publications_public:catalogue")).status_code == 200
    writes = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert not [sql for sql in writes if "portalgeneration" in sql.lower()]
    assert PortalGeneration.objects.get(pk=1).token == token
