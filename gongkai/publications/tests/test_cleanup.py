"""The yearly clean-up of 规章 and 行政规范性文件 (item 12)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.publications.models import CleanupCampaign, Kind, Validity


@pytest.fixture
def campaign(cast, make_draft, publish):
    old = publish(make_draft(title="旧安全生产约谈办法", kind=Kind.NORMATIVE))
    new = publish(make_draft(title="安全生产约谈办法", kind=Kind.NORMATIVE))
    publish(make_draft(title="普通通知"))
    year = old.published_at.year
    return CleanupCampaign.start(by=cast.press, year=year), old, new


def test_it_lists_every_published_normative_document_for_its_unit(campaign, cast):
    c, old, new = campaign
    assert set(c.items.values_list("document__title", flat=True)) == {old.title, new.title}
    assert set(c.items.values_list("unit", flat=True)) == {cast.units["法规处"].pk}
    assert c.completion() == {"total": 2, "done": 0, "percent": 0}


def test_only_the_press_office_starts_one_per_year(campaign, cast):
    c, _, _ = campaign
    with pytest.raises(DomainError):
        CleanupCampaign.start(by=cast.clerk, year=c.year + 1)
    with pytest.raises(DomainError, match="已经启动"):
        CleanupCampaign.start(by=cast.press, year=c.year)


def test_the_unit_confirms_or_changes_and_completion_follows(campaign, cast):
    c, old, new = campaign
    c.items.get(document=new).confirm(by=cast.clerk)
    with pytest.raises(DomainError):
        c.items.get(document=old).change(by=cast.other_clerk, validity=Validity.AMENDED, note="x")
    c.items.get(document=old).change(
        by=cast.clerk, validity=Validity.AMENDED, replaced_by=new, note="2022年修订"
    )
    old.refresh_from_db()
    assert old.validity == Validity.AMENDED and old.replaced_by == new
    assert c.completion()["percent"] == 100


def test_the_page_is_scoped_and_the_export_lists_results(client, campaign, cast):
    c, old, new = campaign
    client.force_login(cast.other_clerk)
    page = client.get(reverse("publications:campaign_detail", args=[c.pk])).content.decode()
    assert old.title not in page
    item = c.items.get(document=old)
    assert (
        client.post(
            reverse("publications:cleanup_decide", args=[item.pk]), {"decision": "confirm"}
        ).status_code
        == 404
    )
    client.force_login(cast.clerk)
    client.post(
        reverse("publications:cleanup_decide", args=[item.pk]),
        {"decision": "change", "validity": "repealed", "note": "已被新办法取代"},
    )
    client.force_login(cast.press)
    response = client.get(reverse("publications:campaign_export", args=[c.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    assert old.title in text and "已废止" in text and "已被新办法取代" in text
    client.force_login(cast.clerk)
    assert client.get(reverse("publications:campaign_export", args=[c.pk])).status_code == 403


def test_a_stale_copy_cannot_decide_an_item_twice(campaign, cast):
    """The row is re-read under a lock: the second of two open pages is told it is done."""
    c, _, new = campaign
    first, second = c.items.get(document=new), c.items.get(document=new)
    first.confirm(by=cast.clerk, note="仍然有效")
    with pytest.raises(DomainError, match="已办理"):
        second.change(by=cast.press, validity=Validity.REPEALED, note="废止")
    new.refresh_from_db()
    assert new.validity == Validity.CURRENT and c.items.get(document=new).note == "仍然有效"
