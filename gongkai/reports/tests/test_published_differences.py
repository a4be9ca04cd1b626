"""The office is told when the records of a published year no longer match the published
report (probe 9 finding 3: a 复议 registered after publication showed 7 on the live page while
the published 2022 report said 5, and nothing said so)."""

import datetime as dt

from django.urls import reverse

from gongkai.disclosure_requests.models import DisclosureRequest, Remedy
from gongkai.reports.models import AnnualReport
from gongkai.reports.services import published_differences
from gongkai.reports.tests.test_annual import _sent_2022

NOTICE = "现有记录与已发布的年度报告不一致"
CANNOT_COMPARE = "该报告发布时未保存送审数据，无法比对"


def _a_remedy_in_2022():
    case = DisclosureRequest.objects.filter(replied_on__year=2022).order_by("pk").first()
    Remedy.objects.create(
        case=case, kind="reconsideration", filed_on=dt.date(2022, 12, 1), body="广州市人民政府"
    )


def test_a_remedy_registered_after_publication_is_named_on_the_report_page(client, cast):
    document = _sent_2022(client, cast)
    for reviewer in (cast.press_head, cast.reviewer, cast.leader):
        document.approve(by=reviewer)
    report = AnnualReport.objects.get(year=2022)
    assert report.sent_figures and published_differences(report) == []
    page = client.get(reverse("reports:annual", args=[2022])).content.decode()
    assert NOTICE not in page
    assert reverse("reports:annual_submit", args=[2022]) not in page  # published: no 送审 offered
    _a_remedy_in_2022()
    assert published_differences(report) == [
        {"cell": "表四 行政复议·尚未审结", "published": "0", "now": "1"},
        {"cell": "表四 行政复议·总计", "published": "0", "now": "1"},
    ]
    page = client.get(reverse("reports:annual", args=[2022])).content.decode()
    assert NOTICE in page and "表四 行政复议·尚未审结" in page
    assert "已发布的报告仍然有效，除非更正" in page and CANNOT_COMPARE not in page


def test_a_report_still_in_review_or_sent_before_figures_were_kept_claims_nothing(client, cast):
    _sent_2022(client, cast)  # in 一审: its copy is replaced if it is returned and sent again
    _a_remedy_in_2022()
    report = AnnualReport.objects.get(year=2022)
    assert published_differences(report) == []
    page = client.get(reverse("reports:annual", args=[2022])).content.decode()
    assert NOTICE not in page and CANNOT_COMPARE not in page
    report.document.approve(by=cast.press_head)
    report.document.approve(by=cast.reviewer)
    report.document.approve(by=cast.leader)
    page = client.get(reverse("reports:annual", args=[2022])).content.decode()
    assert NOTICE in page and CANNOT_COMPARE not in page
    AnnualReport.objects.filter(pk=report.pk).update(sent_figures=None)  # sent before this change
    report.refresh_from_db()
    assert published_differences(report) == []
    # Review of stop 28: the page said nothing, as if the records matched the published report.
    page = client.get(reverse("reports:annual", args=[2022])).content.decode()
    assert CANNOT_COMPARE in page and NOTICE not in page
