"""Probe 12 in Chromium: a refused application moves focus to its error summary and says 错误：
in the title (A2); 跳到正文 is the first Tab stop and skips the nav (A4); the browser's own text
size is the site's base (A5); a 390-px phone at 200% zoom does not scroll sideways (A6); main
buttons are 44 px high on a phone (A7); 大字 remembered from an earlier page says
aria-pressed="true" at once (A9)."""

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
ZOOMED_PHONE = {"width": 195, "height": 422}  # 390 px at 200% zoom: 195 CSS px
SHOTS = os.environ.get("GONGKAI_SCREENSHOTS")


def _shoot(page, name, widths=(390, 1280)):
    if SHOTS:
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


@pytest.fixture
def consultation(e2e_cast):
    from gongkai.consultations.tests.test_consultation import _draft, _publish

    today = dt.date.today()
    c = _draft(e2e_cast, opens_on=today, closes_on=today + dt.timedelta(days=40))
    _publish(e2e_cast, c.document)
    c.refresh_from_db()
    return c


def test_a_refused_application_takes_focus_to_its_summary_and_saves_nothing(
    page, live_server, e2e_cast
):
    from gongkai.disclosure_requests.models import DisclosureRequest

    page.goto(f"{live_server.url}/apply/")
    assert not page.title().startswith("错误")
    page.get_by_label("申请人姓名/名称").fill("李四")
    page.get_by_role("button", name="提交申请").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("请修改以下")
    assert page.title().startswith("错误：政府信息公开申请")
    _shoot(page, "apply-refused")
    summary.get_by_role("link", name="请填写身份证明").click()
    expect(page.locator("#id_id_document")).to_be_focused()
    expect(page.get_by_label("申请人姓名/名称")).to_have_value("李四")  # nothing typed is lost
    assert not DisclosureRequest.objects.exists()


def test_the_skip_link_is_the_first_tab_stop_and_skips_the_nav(page, live_server, e2e_cast):
    page.goto(f"{live_server.url}/apply/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # seen when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # the first link of the content, not 首页 of the nav
    expect(page.get_by_role("link", name="已提交过申请？查询办理进度")).to_be_focused()


def test_the_browsers_text_size_is_the_sites_base(page, live_server, e2e_cast):
    page.set_viewport_size(PHONE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    for path in ("/", "/apply/", "/gk/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px"
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"], path


def test_a_phone_at_200_percent_zoom_does_not_scroll_sideways(page, live_server, consultation):
    page.set_viewport_size(ZOOMED_PHONE)
    widths = {}
    for path in ("/", "/hudong/statistics/", f"/hudong/consultations/{consultation.pk}/", "/gk/"):
        page.goto(f"{live_server.url}{path}")
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
        if SHOTS:
            name = path.strip("/").replace("/", "-") or "home"
            page.screenshot(path=f"{SHOTS}/zoom200-{name}.png", full_page=True)
    assert widths == {path: ZOOMED_PHONE["width"] for path in widths}
    for path in ("/", f"/hudong/consultations/{consultation.pk}/"):
        page.goto(f"{live_server.url}{path}")
        _shoot(page, path.strip("/").replace("/", "-") or "home")


def test_main_buttons_are_44_px_high_on_a_phone(page, live_server, e2e_cast):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/apply/")
    for name in ("提交申请", "大字"):
        assert page.get_by_role("button", name=name).bounding_box()["height"] >= 44, name
    page.goto(f"{live_server.url}/gk/search/")
    assert page.get_by_role("button", name="检索").bounding_box()["height"] >= 44


def test_large_text_remembered_says_pressed_on_the_next_page(page, live_server, e2e_cast):
    page.goto(f"{live_server.url}/")
    toggle = page.get_by_role("button", name="大字")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    page.goto(f"{live_server.url}/apply/")
    assert page.evaluate("document.documentElement.classList.contains('bigtext')")
    expect(page.get_by_role("button", name="大字")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "20px"


def test_a_comments_answer_opens_where_it_is_not_at_the_top_of_the_draft(
    page, live_server, consultation
):
    """Probe 12 A2 on a phone: refused and accepted comments looked the same (the draft's top),
    the answer 1,300 px below. Refused: the summary is on screen and focused; accepted: the
    receipt is on screen."""
    from gongkai.consultations.models import Comment

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/hudong/consultations/{consultation.pk}/")
    page.get_by_role("button", name="提交意见").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert not Comment.objects.exists()
    page.get_by_label("意见内容").fill("建议明确储存单位安全管理制度的内容。")
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator("#receipt")).to_be_in_viewport()
    assert Comment.objects.count() == 1
