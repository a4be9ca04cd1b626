"""Probe 4 finding 7: on a 390 px phone the annual report's table 三 split "260" into "26" over
"0". A figure stays on one line; what does not fit scrolls inside the table's box, not the page."""

from playwright.sync_api import expect

# For every cell of the official tables holding a figure: how many lines its text takes.
LINES_PER_FIGURE = """() => [...document.querySelectorAll('table.official td')]
  .filter(td => /^\\d+$/.test(td.textContent.trim()))
  .map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  })"""


def test_a_figure_in_the_annual_report_never_breaks_on_a_phone(page, live_server, e2e_cast, login):
    login("xinwen")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/staff/reports/annual/2022/")
    expect(page.locator("table.official.numbers")).to_be_visible()
    # The test year has no cases: give every figure the width of the probe's "260".
    page.evaluate(
        """() => document.querySelectorAll('table.official td').forEach(td => {
             const target = td.querySelector('a') || td;
             if (/^\\d+$/.test(target.textContent.trim())) target.textContent = '260';
           })"""
    )
    lines = page.evaluate(LINES_PER_FIGURE)
    assert len(lines) > 50 and set(lines) == {1}
    # Whatever does not fit scrolls inside the table's box, never the page.
    assert page.evaluate("document.documentElement.scrollWidth") == 390
