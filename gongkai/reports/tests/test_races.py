"""The annual report's verbs lock and re-read the report row (probe 9 finding 1): two 送审 of one
report made two catalogue documents, both published; a stale edit could unlink the document."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ManualFigure
from gongkai.reports.tests.test_annual import _cast_year
from gongkai.testing import at_once, one_connection_only

SENT_AGAIN = "年度报告已在“一审（处室负责人）”环节，不能重复送审"


def _written(cast) -> AnnualReport:
    _cast_year(cast)
    return AnnualReport.objects.create(year=2022, overview="2022年，本局认真贯彻落实《条例》……")


def test_a_second_send_is_refused_and_writes_nothing(cast):
    """Two pages opened before either 送审: the second is refused, nothing written."""
    report = _written(cast)
    document = services.report_submit(by=cast.press, year=2022)
    with pytest.raises(DomainError, match=SENT_AGAIN):
        services.report_submit(by=cast.press, year=2022)
    report.refresh_from_db()
    assert list(Document.objects.all()) == [document] == [report.document]
    assert document.attachments.count() == 1
    assert AuditEntry.objects.filter(action="report.submit").count() == 1


def test_a_stale_edit_after_sending_neither_unlinks_the_document_nor_changes_the_report(cast):
    """A copy read before 送审 and saved after it wrote document=None back (a full save()),
    which lifted the "审核期间不能修改" lock."""
    report = _written(cast)
    report.set_figure(by=cast.press, key="licensing", value="1520")
    stale = AnnualReport.objects.get(pk=report.pk)
    stale_figures = AnnualReport.objects.get(pk=report.pk)
    document = services.report_submit(by=cast.press, year=2022)
    edits = AuditEntry.objects.filter(action__in=["report.edit", "report.figure"]).count()
    with pytest.raises(DomainError, match="审核期间不能修改"):
        stale.edit(by=cast.press, overview="改过的总体情况", problems="", other_matters="")
    with pytest.raises(DomainError, match="审核期间不能修改"):
        stale_figures.set_figures(by=cast.press, values={"licensing": "9999", "penalty": "3"})
    report.refresh_from_db()
    assert report.document == document and report.overview.startswith("2022年，本局")
    assert report.manual_values() == {"licensing": "1520"}
    assert ManualFigure.objects.count() == 1
    assert AuditEntry.objects.filter(action__in=["report.edit", "report.figure"]).count() == edits


def test_an_edit_saves_only_the_prose_it_changes(cast):
    """The prose form's save writes its own fields: a link set meanwhile stays."""
    report = _written(cast)
    stale = AnnualReport.objects.get(pk=report.pk)
    document = services.report_submit(by=cast.press, year=2022)
    document.return_(by=cast.press_head, comment="请补充")  # a draft again: it may be edited
    stale.edit(by=cast.press, overview="新的总体情况", problems="问题", other_matters="")
    report.refresh_from_db()
    assert report.document == document
    assert (report.overview, report.problems) == ("新的总体情况", "问题")
    entry = AuditEntry.objects.get(action="report.edit")
    assert entry.before == {"overview": "2022年，本局认真贯彻落实《条例》……", "problems": ""}


def test_two_sends_at_once_make_one_document(cast, transactional_db):
    """Two 送审 racing (a Barrier): one document, one refused with the usual message."""
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL covers this")
    report = _written(cast)
    outcomes = at_once(*(lambda: services.report_submit(by=cast.press, year=2022),) * 2)
    assert sorted(outcomes) == sorted([SENT_AGAIN, "done"])
    report.refresh_from_db()
    assert list(Document.objects.all()) == [report.document]
    assert AuditEntry.objects.filter(action="report.submit").count() == 1


def test_a_send_from_the_page_reads_the_report_once_under_its_lock(cast, client):
    """Review of stop 28: the view read the year's report, then the service read it again to
    lock it. The view passes the year; the service reads and locks the row once."""
    _written(cast)
    client.force_login(cast.press)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("reports:annual_submit", args=[2022]))
    assert response.status_code == 302
    table = AnnualReport._meta.db_table
    reads = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    ]
    assert len(reads) == 1, reads
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in reads[0]
    assert AnnualReport.objects.get(year=2022).document.status == "review_1"


def test_a_send_for_a_year_nobody_wrote_is_refused_and_writes_nothing(cast, client):
    client.force_login(cast.press)
    response = client.post(reverse("reports:annual_submit", args=[2022]), follow=True)
    assert "请先填写“一、总体情况”" in response.content.decode()
    assert not AnnualReport.objects.exists() and not Document.objects.exists()
