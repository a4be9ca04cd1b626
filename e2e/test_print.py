"""Probe 12 P1, P2 on paper (print media in Chromium): the citizen's status page names the
agency, what was asked and where to look the case up; a staff case page prints without its verb
widgets and keeps the bottom line of every table."""

import os

import pytest
from django.conf import settings
from playwright.sync_api import expect

SHOTS = os.environ.get("GONGKAI_SCREENSHOTS")


def _shoot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def case_and_code(e2e_cast):
    from gongkai.testing import registered_case

    return registered_case(e2e_cast, doc_reference="穗应急〔2022〕5号")


def test_the_status_page_prints_the_agency_what_was_asked_and_where_to_look(
    page, live_server, case_and_code
):
    case, code = case_and_code
    page.goto(f"{live_server.url}/apply/lookup/")
    page.get_by_label("申请编号").fill(case.tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#asked")).to_have_text("2022年安全生产执法检查计划")  # on screen too
    expect(page.locator("#print-agency")).to_be_hidden()  # the header says it on screen
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        _shoot(page, f"status-{width}")
    page.emulate_media(media="print")
    _shoot(page, "status-print")
    expect(page.locator("#print-agency")).to_be_visible()
    expect(page.locator("#print-agency")).to_contain_text(settings.AGENCY_NAME)
    expect(page.locator("#asked")).to_be_visible()
    expect(page.get_by_text("穗应急〔2022〕5号")).to_be_visible()
    lookup = page.locator("#print-lookup")
    expect(lookup).to_be_visible()
    expect(lookup).to_contain_text(f"{live_server.url}/apply/lookup/")
    expect(lookup).to_contain_text(case.tracking_no)
    assert code not in page.content()  # the query code is never printed back
    assert page.pdf(format="A4")  # and Chromium prints it


def test_a_staff_case_page_prints_without_its_verbs_and_with_every_table_closed(
    page, live_server, login, case_and_code
):
    case, _ = case_and_code
    login("xinwen")
    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    verbs = page.locator("details:has(form)")
    assert verbs.count() >= 1
    expect(verbs.first).to_be_visible()
    page.emulate_media(media="print")
    _shoot(page, "case-print")
    for i in range(verbs.count()):
        expect(verbs.nth(i)).to_be_hidden()
    expect(page.get_by_role("heading", name="办理", exact=True)).to_be_hidden()
    expect(page.get_by_role("heading", name="办理记录")).to_be_visible()
    bottoms = page.evaluate(
        "[...document.querySelectorAll('main table tr:last-child td')]"
        ".map(td => getComputedStyle(td).borderBottomWidth)"
    )
    assert bottoms and set(bottoms) == {"1px"}
