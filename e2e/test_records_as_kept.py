"""Probe 11's records pages at 390 and 1280 px: the case page that says a letter was sent
before letters were kept, the audit log with its date and unit filters (and a mistyped date
said at the field), and a corrected report's first version marked 已被更正. None scrolls
sideways; the records the story leaves behind are asserted."""

import datetime as dt
import os
import tempfile
from pathlib import Path

from gongkai.core import audit
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import SentLetter
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.testing import a_case, on_day

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
WIDE = "() => document.documentElement.scrollWidth"


def _shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate(WIDE) <= width, name


def test_the_records_pages_read_at_390_and_1280(page, live_server, e2e_cast, login):
    case = a_case(e2e_cast)
    with on_day(2022, 10, 20):
        case.reply(
            by=e2e_cast.press,
            outcome=Outcome.NOT_EXIST,
            text="经检索没有该信息",
            on=dt.date(2022, 10, 20),
        )
    kept = SentLetter.objects.get(event__case=case, kind="reply")
    assert "广州市应急管理局" == kept.content["signature"]
    SentLetter.objects.filter(pk=kept.pk).delete()  # as a case replied before letters were kept
    audit.record(e2e_cast.clerk, "request.note", case, unit=e2e_cast.units["法规处"], what="记录")
    login("xinwen")
    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    assert "答复告知书发送时未保存原件" in page.inner_text("#letters-not-kept")
    _shoot(page, "case-letter-not-kept")
    unit = e2e_cast.units["法规处"].pk
    page.goto(f"{live_server.url}/staff/audit/?since=2020-01-01&until=2099-12-31&unit={unit}")
    assert "记录" in page.inner_text("table.audit")
    _shoot(page, "audit-filters")
    page.goto(f"{live_server.url}/staff/audit/?since=2026-13-45")
    assert "起始日期：日期不存在" in page.inner_text("main")
    _shoot(page, "audit-filter-error")
    assert AuditEntry.objects.filter(action="request.note").count() == 1


def _published(cast, title, corrects=None):
    from gongkai.publications.models import Category, Document, Kind

    doc = Document.create_draft(
        by=cast.clerk,
        title=title,
        category=Category.OTHER_MANDATED,
        kind=Kind.GENERAL,
        written_on=dt.date(2023, 1, 10),
        body="<p>一、总体情况</p>",
    )
    if corrects is not None:
        doc.corrects = corrects
        doc.save(update_fields=["corrects"])
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    doc.approve(by=cast.reviewer)
    doc.approve(by=cast.leader, waiver="未制发解读：年度报告")
    doc.refresh_from_db()
    return doc


def test_a_corrected_reports_first_version_reads_at_390_and_1280(page, live_server, e2e_cast):
    first = _published(e2e_cast, "广州市应急管理局2022年政府信息公开工作年度报告")
    first.withdraw(by=e2e_cast.press, reason="行政许可数有误", withdrawal="correction")
    second = _published(e2e_cast, "广州市应急管理局2022年政府信息公开工作年度报告", first)
    page.goto(f"{live_server.url}/gk/doc/{first.pk}/")
    text = page.inner_text("main")
    assert "已被更正" in text and second.index_no in text and first.index_no in text
    _shoot(page, "report-corrected-first")
    page.goto(f"{live_server.url}/gk/doc/{second.pk}/")
    assert f"索引号{first.index_no}" in page.inner_text("main")
    _shoot(page, "report-correction")


def test_the_withdrawer_chooses_and_a_hidden_version_stays_gone(page, live_server, e2e_cast, login):
    """撤回方式 on the press office's page (不再公开 checked unless they choose 更正): the version
    withdrawn as 更正 comes back marked 已被更正 once its correction is out; the one withdrawn
    as hidden answers 404 beside its new version, which does not name it."""
    from playwright.sync_api import expect

    from gongkai.publications.models import Document

    title = "广州市应急管理局2022年政府信息公开工作年度报告"
    corrected, hidden = (
        _published(e2e_cast, title),
        _published(e2e_cast, "关于2022年约谈情况的通报"),
    )
    login("xinwen")
    for doc, choice in (
        (corrected, "更正（将发布更正版本，原版本保留并标注已被更正）"),
        (hidden, None),
    ):
        page.goto(f"{live_server.url}/staff/publications/{doc.pk}/")
        expect(page.get_by_label("撤回不再公开")).to_be_checked()
        if choice is None:
            _shoot(page, "withdraw-choice")
        else:
            page.get_by_label(choice).check()
        page.locator("#withdraw-reason").fill(
            "含申请人姓名" if choice is None else "行政许可数有误"
        )
        page.get_by_role("button", name="从门户网站撤回").click()
        expect(page.locator(".messages")).to_contain_text("已撤回")
    corrected.refresh_from_db()
    hidden.refresh_from_db()
    assert (corrected.withdrawal, hidden.withdrawal) == ("correction", "hidden")
    entries = AuditEntry.objects.filter(action="document.withdraw").order_by("id")
    assert [e.after["withdrawal"] for e in entries] == ["correction", "hidden"]

    _published(e2e_cast, title, corrected)
    again = _published(e2e_cast, "关于2022年约谈情况的通报")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/gk/doc/{corrected.pk}/")
    assert "已被更正" in page.inner_text("main")
    _shoot(page, "withdrawn-as-correction")
    gone = page.goto(f"{live_server.url}/gk/doc/{hidden.pk}/")
    assert gone.status == 404
    _shoot(page, "withdrawn-as-hidden")
    page.goto(f"{live_server.url}/gk/doc/{again.pk}/")
    assert hidden.index_no not in page.content() and "已被更正" not in page.content()
    assert not Document.shown.filter(pk=hidden.pk).exists()
