"""Probe finding: on the public page of the annual report the wide tables (三: 总计; 四) were cut
off at 1280 px with no sign that they scroll. Every column shows at 1280 px and in print; on a
390 px phone what does not fit scrolls inside the table's own box, never the page."""

import os
import tempfile
from pathlib import Path

from django.urls import reverse

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"

# For each table in the document's body: its last header cell's right edge, the right edge of
# the box the table sits in (what the reader sees), and whether that box scrolls sideways.
EDGES = """() => [...document.querySelectorAll('.doc-body table')].map(table => {
  const box = table.closest('.table-wrap') || table.parentElement;
  const totals = [...table.querySelectorAll('th')].filter(th => th.textContent.trim() === '总计');
  return {totals: totals.map(th => th.getBoundingClientRect().right),
          right: table.getBoundingClientRect().right,
          boxRight: box.getBoundingClientRect().right,
          scrolls: box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX === 'auto'};
})"""


def _published_report(cast):
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.services import report_submit

    report = AnnualReport.objects.create(year=2022, overview="2022年，本局认真贯彻落实《条例》……")
    report_submit(by=cast.press, year=report.year)
    document = AnnualReport.objects.get(pk=report.pk).document
    for person in (cast.press_head, cast.reviewer, cast.leader):
        document.approve(by=person)
    return document


def test_every_column_of_the_annual_reports_tables_shows_on_the_public_page(
    page, live_server, e2e_cast
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    document = _published_report(e2e_cast)
    url = live_server.url + reverse("publications_public:document", args=[document.pk])

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.screenshot(path=f"{SHOTS}/annual-1280.png", full_page=True)
    edges = page.evaluate(EDGES)
    assert len(edges) == 3 and all(e["totals"] for e in edges[1:])  # 三 and 四 have 总计
    for edge in edges:  # the last column (总计) sits inside the visible box, nothing to scroll
        assert edge["right"] <= edge["boxRight"] + 1 and not edge["scrolls"], edge
        assert all(right <= edge["boxRight"] + 1 for right in edge["totals"]), edge

    page.emulate_media(media="print")
    for edge in page.evaluate(EDGES):
        assert edge["right"] <= edge["boxRight"] + 1, edge
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(url)
    page.screenshot(path=f"{SHOTS}/annual-390.png", full_page=True)
    wide = [e for e in page.evaluate(EDGES) if e["right"] > e["boxRight"] + 1]
    assert wide and all(e["scrolls"] for e in wide)  # the table's own box scrolls
    assert page.evaluate("document.documentElement.scrollWidth") == 390
