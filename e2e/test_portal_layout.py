"""The portal on a phone (390 px) and a desktop: no page scrolls sideways, wide tables scroll in
their own box, and a regulation's metadata table keeps each label beside its value."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def portal(e2e_cast):
    """A published normative document and the 2022 annual report, published through the
    review chain as the catalogue document it is."""
    from gongkai.core.models import User
    from gongkai.publications.models import Category, Document, DocumentStatus, Kind
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.services import report_submit

    cast = e2e_cast
    press_head = User.objects.get(username="xinwen_head")
    with time_machine.travel(dt.datetime(2023, 1, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        regulation = Document.create_draft(
            by=cast.clerk,
            title="广州市应急管理局安全生产约谈办法",
            doc_no="穗应急规字〔2022〕3号",
            kind=Kind.NORMATIVE,
            category=Category.REGULATIONS_NORMATIVE_DOCS,
            written_on=dt.date(2022, 9, 1),
            topic="安全生产",
            body="<p>第一条 为督促生产经营单位落实安全生产主体责任，制定本办法。</p>",
        )
        regulation.submit(by=cast.clerk)
        regulation.approve(by=cast.head)
        regulation.approve(by=cast.reviewer)
        regulation.approve(by=cast.leader, waiver="解读随新闻发布会发布")
        report = AnnualReport.objects.create(
            year=2022, overview="2022年，本局认真贯彻落实《条例》。"
        )
        document = report_submit(by=cast.press, year=report.year)
        document.approve(by=press_head, comment="同意")
        document.approve(by=cast.reviewer, comment="未发现涉密内容")
        document.approve(by=cast.leader, comment="同意发布")
    for d in (regulation, document):
        d.refresh_from_db()
        assert d.status == DocumentStatus.PUBLISHED
    return {"report": document, "regulation": regulation}


def _pages(base, portal):
    return {
        "首页": f"{base}/",
        "目录": f"{base}/gk/",
        "目录（分类）": f"{base}/gk/?category=regulations_normative_docs",
        "涉企政策": f"{base}/gk/business/",
        "规章和规范性文件": f"{base}/gk/regulations/",
        "检索": f"{base}/gk/search/?q=安全生产",
        "年度报告": f"{base}/gk/doc/{portal['report'].pk}/",
        "规范性文件": f"{base}/gk/doc/{portal['regulation'].pk}/",
        "申请": f"{base}/apply/",
        "公开指南": f"{base}/gk/guide/",
        "公开制度": f"{base}/gk/rules/",
        "年度报告列表": f"{base}/gk/annual-reports/",
    }


def test_no_portal_page_scrolls_sideways_on_a_phone(page, live_server, portal):
    page.set_viewport_size(PHONE)
    widths = {}
    for name, url in _pages(live_server.url, portal).items():
        page.goto(url)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
    assert widths == {name: 390 for name in widths}


def test_the_annual_report_tables_scroll_inside_their_own_box(page, live_server, portal):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/gk/doc/{portal['report'].pk}/")
    wider = (
        "() => [...document.querySelectorAll('.doc-body .table-wrap')]"
        ".some(el => el.scrollWidth > el.clientWidth)"
    )
    assert page.evaluate(wider)  # the tables are wider, each in its own box …
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # … the page is not


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_regulation_keeps_each_label_beside_its_value(page, live_server, portal, viewport):
    page.set_viewport_size(viewport)
    doc = portal["regulation"]
    page.goto(f"{live_server.url}/gk/doc/{doc.pk}/")
    table = page.locator("table.doc-meta")
    for label, value in [("名称", doc.title), ("索引号", doc.index_no), ("文号", doc.doc_no)]:
        th = table.locator("th", has_text=label)
        td = th.locator("xpath=following-sibling::td[1]")
        expect(td).to_have_text(value)
        th_box, td_box = th.bounding_box(), td.bounding_box()
        assert abs(th_box["y"] - td_box["y"]) < 2, f"{label} and its value are on different rows"
        assert td_box["x"] >= th_box["x"] + th_box["width"] - 2 or viewport is PHONE
