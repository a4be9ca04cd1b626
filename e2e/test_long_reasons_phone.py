"""fix-AE's finding: on the annual report page a reason why it cannot be sent or changed (a
sentence) sat in a nowrap tag and ran off a 390 px screen; it is a notice that wraps. On the
meeting page a phone number broke in the middle at 1280 px; it stays on one line."""

import os
import tempfile
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from e2e.phone import at_width, scroll_width

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"

# How many lines each element's text takes, by its tops.
LINES = """(selector) => [...document.querySelectorAll(selector)].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
})"""


def _shoot(page, name, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def _reason_fits(page, url, reason, name):
    for width in (1280, 390):
        at_width(page, width)
        page.goto(url)
        notice = page.locator("p.warning", has_text=reason)
        assert notice.count() == 1 and notice.locator(".tag").count() == 0
        _shoot(page, name, width)
        if width == 390:
            assert page.evaluate(LINES, "p.warning")[0] > 1  # it wraps …
            assert scroll_width(page) <= 390  # … on screen
            box = notice.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_why_a_report_cannot_be_sent_wraps_on_a_phone(page, live_server, e2e_cast, login):
    from gongkai.reports.models import AnnualReport

    year = timezone.localdate().year
    refusal = AnnualReport(year=year).submit_refusal
    assert len(refusal) > 30
    login("xinwen")
    url = live_server.url + reverse("reports:annual", args=[year])
    _reason_fits(page, url, refusal, "annual-refusal")


def test_why_a_report_in_review_cannot_be_changed_wraps_on_a_phone(
    page, live_server, e2e_cast, login
):
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.services import report_submit

    AnnualReport.objects.create(year=2022, overview="2022年，本局认真贯彻落实《条例》……")
    report_submit(by=e2e_cast.press, year=2022)
    reason = AnnualReport.objects.get(year=2022).locked_reason
    assert "审核期间不能修改" in reason
    login("xinwen")
    url = live_server.url + reverse("reports:annual", args=[2022])
    _reason_fits(page, url, reason, "annual-locked")
    assert AnnualReport.objects.get(year=2022).locked_reason == reason  # the page changed nothing


def test_a_phone_number_on_the_sign_up_table_stays_on_one_line(page, live_server, e2e_cast, login):
    from gongkai.testing import published_meeting, signed_up

    meeting = published_meeting(e2e_cast, seats=5)
    signed_up(meeting, 6)
    login("fagui")
    url = live_server.url + reverse("meetings:detail", args=[meeting.pk])
    for width in (1280, 390):
        at_width(page, width)
        page.goto(url)
        _shoot(page, "meeting-signups", width)
        lines = page.evaluate(LINES, '#signups td[data-label="电话"]')
        assert len(lines) == 6 and set(lines) == {1}, lines
        assert scroll_width(page) <= width
