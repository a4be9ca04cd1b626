"""Probe 9 finding 2 in the browser: the 签发领导 signs off a 解读 whose 原文 is still in review.
The button says it goes out with the 原文; the page says it waits; the portal shows neither;
once the 原文 is signed, both are public and each links the other."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"


def test_an_interpretation_signed_before_its_original_waits_then_goes_out_with_it(
    page, live_server, e2e_cast, login
):
    import datetime as dt

    from gongkai.core.models import AuditEntry
    from gongkai.publications.models import Category, Document, DocumentStatus, Kind

    SHOTS.mkdir(parents=True, exist_ok=True)
    cast = e2e_cast
    common = {"category": Category.REGULATIONS_NORMATIVE_DOCS, "written_on": dt.date(2022, 9, 1)}
    original = Document.create_draft(
        by=cast.clerk,
        title="有限空间作业安全管理的通知",
        kind=Kind.NORMATIVE,
        doc_no="穗应急规字〔2022〕9号",
        body="<p>第一条 为规范有限空间作业，制定本通知。</p>",
        **common,
    )
    original.submit(by=cast.clerk)
    interpretation = Document.create_draft(
        by=cast.clerk,
        title="《有限空间作业安全管理的通知》政策解读",
        kind=Kind.INTERPRETATION,
        interprets=original,
        body="<p>一、制定背景。</p>",
        **common,
    )
    interpretation.submit(by=cast.clerk)
    interpretation.approve(by=cast.head)
    interpretation.approve(by=cast.reviewer)

    login("lingdao")
    page.goto(f"{live_server.url}/staff/publications/{interpretation.pk}/")
    page.get_by_role("button", name="签发（随原文发布）").click()
    expect(page.locator("#waits-for-original")).to_contain_text("有限空间作业安全管理的通知")
    expect(page.locator(".statusline")).to_contain_text("已审定，待原文发布")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"interpretation-waits-{width}.png"), full_page=True)
    interpretation.refresh_from_db()
    assert interpretation.status == DocumentStatus.APPROVED and interpretation.index_no is None
    response = page.request.get(f"{live_server.url}/gk/doc/{interpretation.pk}/")
    assert response.status == 404

    original.approve(by=cast.head)
    original.approve(by=cast.reviewer)
    page.goto(f"{live_server.url}/staff/publications/{original.pk}/")
    page.get_by_role("button", name="签发并发布").click()  # no waiver asked: 解读 signed off
    expect(page.locator(".messages")).to_contain_text("已签发并发布")
    original.refresh_from_db()
    interpretation.refresh_from_db()
    assert interpretation.status == DocumentStatus.PUBLISHED
    assert interpretation.published_at == original.published_at
    assert AuditEntry.objects.filter(
        action="document.publish", target_id=str(interpretation.pk), actor=cast.leader
    ).exists()
    page.goto(f"{live_server.url}/gk/doc/{original.pk}/")
    page.get_by_role("link", name=interpretation.title).click()
    expect(page.get_by_role("link", name=original.title)).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"interpretation-published-{width}.png"), full_page=True)
