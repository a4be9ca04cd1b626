"""Probe 4 finding 7: on a 390 px phone the annual report's table 三 split "260" into "26" over
"0". A figure stays on one line; what does not fit scrolls inside the table's box, not the page."""

from playwright.sync_api import expect

from e2e.phone import at_width, scroll_width

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
    at_width(page, 390)
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
    assert scroll_width(page) == 390


# Table 三's label cells (the cells before the seven figures of a row): width in characters
# of their own font size, and the min-width the stylesheet gives them.
LABEL_CELLS = """() => {
  const table = [...document.querySelectorAll('.doc-body table.official')]
    .find(t => t.querySelector('td[rowspan]'));
  return [...table.querySelectorAll('tr')].flatMap(tr => {
    const cells = [...tr.querySelectorAll('td')];
    return cells.slice(0, Math.max(0, cells.length - 7)).map(td => ({
      text: td.textContent.trim(),
      chars: td.getBoundingClientRect().width / parseFloat(getComputedStyle(td).fontSize),
      minWidth: getComputedStyle(td).minWidth,
    }));
  });
}"""


def test_table_three_labels_keep_a_readable_width_on_a_phone(page, live_server, e2e_cast):
    """Probe finding: at 390 px table 三's label columns wrapped one character a line
    ("三/、/本/年/度…"). They keep at least four characters a line; the table scrolls in its
    own box; at 1280 px and in print the labels are laid out as before (no minimum)."""
    from django.urls import reverse

    from e2e.test_annual_report_wide import _published_report

    document = _published_report(e2e_cast)
    url = live_server.url + reverse("publications_public:document", args=[document.pk])
    at_width(page, 390)
    page.goto(url)
    labels = page.evaluate(LABEL_CELLS)
    # 一、二; the 三 group; （一）（二）; （三）–（六） and their 19 items; （七）; 四
    assert len(labels) == 2 + 1 + 2 + 4 + 19 + 1 + 1
    narrow = [c["text"] for c in labels if c["chars"] < 4.5]
    assert narrow == [], narrow
    assert scroll_width(page) == 390  # the box scrolls

    at_width(page, 1280)
    page.goto(url)
    assert {c["minWidth"] for c in page.evaluate(LABEL_CELLS)} <= {"auto", "0px"}
    at_width(page, 390)
    page.emulate_media(media="print")
    assert {c["minWidth"] for c in page.evaluate(LABEL_CELLS)} <= {"auto", "0px"}
