"""The feed and the sitemap may be kept by shared caches only if they ask again each time (probe 7
N3: max-age 600 / 3600 kept a withdrawn document listed for up to 10 min / 1 h); an ETag makes
the check cheap (304 while nothing changed)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["publications_public:feed", "publications_public:sitemap"])
def test_a_withdrawn_document_leaves_what_caches_serve_at_the_next_request(
    client, cast, make_draft, publish, name
):
    document = publish(make_draft(title="即将撤回的通知"))
    first = client.get(reverse(name))
    assert first["Cache-Control"].replace(" ", "").split(",") == ["public", "no-cache"]
    assert "max-age" not in first["Cache-Control"]
    assert f"/gk/doc/{document.pk}/" in first.content.decode()
    etag = first["ETag"]
    assert client.get(reverse(name), HTTP_IF_NONE_MATCH=etag).status_code == 304

    document.withdraw(by=cast.press, reason="内容有误")
    again = client.get(reverse(name), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    assert f"/gk/doc/{document.pk}/" not in again.content.decode()
