"""Probe 6 F1 in the browser: the office registers a posted application, goes Back and presses
保存 again. One application, one attachment, one audit row; the page says it was not
registered twice and shows the first number."""

import os

from playwright.sync_api import expect

from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import CaseFile, DisclosureRequest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHOTS = os.environ.get("GONGKAI_SHOTS")  # a folder: the pages are saved there as PNGs


def _fill(page, signed_on):
    page.get_by_label("申请渠道").select_option(label="邮寄（挂号、EMS等需签收）")
    page.get_by_label("签收日期").fill(signed_on)
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名/名称").fill("探针乙")
    page.get_by_role("textbox", name="身份证明").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13900139000")
    page.get_by_label("通信地址").fill("广州市天河区某路1号")
    page.get_by_label("所需信息的内容描述").fill("请提供某某检查记录全文")
    page.get_by_label("提供形式").select_option(label="纸质")
    page.get_by_label("获取方式").select_option(label="邮寄")
    page.locator("input[name=attachments]").set_input_files(
        {"name": "申请表.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )


def test_registering_twice_from_the_same_form_keeps_one(page, live_server, e2e_cast, login):
    from django.utils import timezone

    login("xinwen")
    page.goto(f"{live_server.url}/staff/requests/register/")
    _fill(page, timezone.localdate().isoformat())
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已登记")
    first = page.url

    page.go_back()
    _fill(page, timezone.localdate().isoformat())  # the same application, the same form
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("本次提交未重复登记")
    assert page.url == first
    case = DisclosureRequest.objects.get()
    expect(page.locator(".messages")).to_contain_text(case.tracking_no)
    assert CaseFile.objects.filter(case=case).count() == 1
    assert AuditEntry.objects.filter(action="request.register").count() == 1
    if SHOTS:
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/register-again-{width}.png", full_page=True)
