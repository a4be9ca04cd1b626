"""Publications shown as evidence under ledger tasks (items 1, 12, 13, 19, 26, 31)."""

from types import SimpleNamespace

from gongkai.publications.evidence import for_task
from gongkai.publications.models import CleanupCampaign, Kind


def _task(number, year):
    return SimpleNamespace(number=number, plan=SimpleNamespace(year=year))


def test_it_gives_each_item_its_publications(cast, make_draft, publish):
    normative = publish(make_draft(title="约谈办法", kind=Kind.NORMATIVE, business_related=True))
    interpretation = publish(
        make_draft(title="约谈办法解读", kind=Kind.INTERPRETATION, interprets=normative)
    )
    year = normative.published_at.year
    CleanupCampaign.start(by=cast.press, year=year)
    titles = lambda n: " ".join(item["title"] for item in for_task(_task(n, year)))  # noqa: E731
    assert "约谈办法" in titles(1) and "解读" not in titles(1)
    assert "清理" in titles(12) and normative.index_no in titles(12)
    assert interpretation.index_no in titles(13)
    assert "约谈办法解读" in titles(26) and "约谈办法解读" in titles(19)
    assert "（一）行政法规、规章和规范性文件：2件" in titles(31)
    assert for_task(_task(2, year)) == [] and for_task(_task(1, year - 1)) == []
