"""Probe 9 in the browser: a 复议 registered again is refused at its form and table 四 counts it
once; the report page names the figures that moved since the report was published; a 公开指南
saved from a tab opened before a colleague's save is refused, the colleague's text kept."""

import datetime as dt
import os

from playwright.sync_api import expect

from e2e.test_annual_report_wide import _published_report
from gongkai.core.models import AuditEntry

SHOTS = os.environ.get("GONGKAI_SHOTS")  # a folder: the pages are saved there as PNGs


def _shots(page, name):
    if SHOTS:
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def _register(page, url, note):
    page.goto(url)
    page.get_by_text("登记行政复议或行政诉讼").click()
    page.get_by_label("类型").select_option("reconsideration")
    page.get_by_label("申请/起诉日期").fill("2022-12-01")
    page.get_by_label("复议机关/法院").fill("广州市人民政府")
    page.locator("#id_note").fill(note)
    page.get_by_role("button", name="登记").click()


def test_a_remedy_registered_again_is_refused_and_the_report_page_says_what_moved(
    page, live_server, e2e_cast, login
):
    from gongkai.disclosure_requests.models import Remedy
    from gongkai.disclosure_requests.taxonomy import Outcome
    from gongkai.testing import a_case

    case = a_case(e2e_cast, received=dt.date(2022, 9, 28))
    case.reply(
        by=e2e_cast.press,
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开",
        withheld_reason="过程性信息",
        on=dt.date(2022, 10, 10),
    )
    _published_report(e2e_cast)
    login("xinwen")
    url = f"{live_server.url}/staff/requests/{case.pk}/"
    _register(page, url, "申请人来电告知")
    expect(page.locator(".messages")).to_contain_text("已登记")
    _register(page, url, "复议机关来函")  # the same 复议, typed again
    refusal = "该申请已登记过2022年12月1日向广州市人民政府申请的行政复议，未重复登记"
    expect(page.locator(".errorlist")).to_contain_text(refusal)
    expect(page.locator("#id_note")).to_have_value("复议机关来函")  # kept to correct
    _shots(page, "remedy-again")
    assert Remedy.objects.filter(case=case).count() == 1
    assert AuditEntry.objects.filter(action="request.add_remedy").count() == 1

    page.goto(f"{live_server.url}/staff/reports/annual/2022/")
    notice = page.locator(".errorlist", has_text="现有记录与已发布的年度报告不一致")
    expect(notice).to_contain_text("表四 行政复议·尚未审结")
    expect(notice).to_contain_text("已发布的报告仍然有效，除非更正")
    _shots(page, "annual-moved")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_guide_saved_from_an_older_tab_is_refused(page, live_server, e2e_cast, login):
    from gongkai.publications.models import PortalPage

    login("xinwen")
    url = f"{live_server.url}/staff/publications/pages/guide/"
    other = page.context.new_page()
    page.goto(url)
    other.goto(url)
    page.get_by_label("联系电话").fill("020-83186312")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已保存")
    other.get_by_label("联系电话").fill("020-99999999")
    other.get_by_role("button", name="保存").click()
    expect(other.locator(".errorlist")).to_contain_text("该页面已被他人修改（当前为第1版）")
    expect(other.get_by_label("联系电话")).to_have_value("020-99999999")
    _shots(other, "guide-stale")
    saved = PortalPage.objects.get(slug="guide")
    assert saved.phone == "020-83186312" and saved.version == 1
    assert AuditEntry.objects.filter(action="portal_page.edit").count() == 1
