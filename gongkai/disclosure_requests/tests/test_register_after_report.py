"""Probe 11 F2.3 — an application received in a year whose annual report is already published,
registered late, said only "已登记": the clerk who could tell the press office was not told."""

import datetime as dt

from django.urls import reverse

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.disclosure_requests.tests.test_register_once import REGISTER, _form
from gongkai.publications.models import Category, Document, Kind
from gongkai.reports.models import AnnualReport
from gongkai.testing import on_day

NOTICE = "本申请计入2022年度报告，而该年度报告已经发布"


def _report_2022(cast, *, published: bool):
    doc = Document.create_draft(
        by=cast.clerk,
        title="2022年政府信息公开工作年度报告",
        category=Category.OTHER_MANDATED,
        kind=Kind.GENERAL,
        written_on=dt.date(2023, 1, 10),
        body="<p>年度报告</p>",
    )
    if published:
        doc.submit(by=cast.clerk)
        doc.approve(by=cast.head)
        doc.approve(by=cast.reviewer)
        doc.approve(by=cast.leader, waiver="未制发解读：年度报告")
    AnnualReport.objects.create(year=2022, document=doc)


@on_day(2023, 1, 25)
def test_registering_into_a_published_years_report_says_so(cast, client):
    _report_2022(cast, published=True)
    client.force_login(cast.press)
    page = client.post(
        reverse(REGISTER), _form(signed_on="2022-12-30"), follow=True
    ).content.decode()
    assert "已登记" in page and NOTICE in page
    assert DisclosureRequest.objects.get().received_on.year == 2022


@on_day(2023, 1, 25)
def test_no_notice_when_the_report_is_not_published_or_the_year_is_another(cast, client):
    """The notice is not given where it is not true: the report still in review, or the
    application counting in the year still open."""
    _report_2022(cast, published=False)
    client.force_login(cast.press)
    page = client.post(
        reverse(REGISTER), _form(signed_on="2022-12-30"), follow=True
    ).content.decode()
    assert "已登记" in page and "该年度报告已经发布" not in page
    Document.objects.filter(status="draft").delete()
    _report_2022_again = AnnualReport.objects.get(year=2022)
    assert _report_2022_again.document_id is None
    page = client.post(
        reverse(REGISTER), _form(idempotency_key="form-2", signed_on="2023-01-20"), follow=True
    ).content.decode()
    assert "已登记" in page and "该年度报告已经发布" not in page
    assert DisclosureRequest.objects.count() == 2
