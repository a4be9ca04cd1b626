"""公开指南 saved from a page opened before a colleague's save is refused, not written over the
colleague's text (probe 9 finding 8: `version` was there, nobody checked it)."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publications.models import PortalPage

STALE = "保存失败：在您编辑期间，该页面已被他人修改"


def _opened(client, url) -> dict:
    form = client.get(url).context["form"]
    return {name: form.initial.get(name, "") for name in form.fields}


@pytest.mark.parametrize("saved_before", [True, False], ids=["edited page", "never edited"])
def test_a_stale_guide_save_is_refused_and_nothing_written(client, cast, saved_before):
    url = reverse("publications:portal_page_edit", args=["guide"])
    client.force_login(cast.press)
    if saved_before:
        assert client.post(url, {**_opened(client, url), "phone": "020-1"}).status_code == 302
    first, second = _opened(client, url), _opened(client, url)  # two tabs, or two officers
    assert client.post(url, {**first, "phone": "020-83186312"}).status_code == 302
    page = PortalPage.objects.get(slug="guide")
    version, entries = page.version, AuditEntry.objects.filter(action="portal_page.edit").count()
    client.force_login(cast.press_head)
    response = client.post(url, {**second, "phone": "020-99999999", "fax": "020-2"})
    text = response.content.decode()
    assert response.status_code == 400 and STALE in text
    assert "020-99999999" in text  # what was typed stays in the form
    page.refresh_from_db()
    assert (page.phone, page.fax, page.version) == ("020-83186312", "", version)
    assert page.updated_by == cast.press
    assert AuditEntry.objects.filter(action="portal_page.edit").count() == entries


def test_a_guide_save_from_the_latest_page_goes_through_with_a_new_version(client, cast):
    url = reverse("publications:portal_page_edit", args=["guide"])
    client.force_login(cast.press)
    client.post(url, {**_opened(client, url), "phone": "020-1"})
    client.post(url, {**_opened(client, url), "phone": "020-2"})
    page = PortalPage.objects.get(slug="guide")
    assert page.phone == "020-2" and page.version == 2
