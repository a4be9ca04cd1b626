"""A citizen at 390 px who attaches too many files, or too much, to an application (probe 10,
finding 3): too many files are refused at the field with every typed value kept; a request
over the cap gets the site's own page with the way back. Neither leaves a record."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

from e2e.phone import at_width
from gongkai.disclosure_requests.models import CaseFile, DisclosureRequest

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"


def _pdf(i, size=64):
    return {
        "name": f"证明材料{i}.pdf",
        "mimeType": "application/pdf",
        "buffer": b"%PDF-1.7 " + b"0" * size,
    }


def _fill(page):
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名/名称").fill("钱小兰")
    page.get_by_role("textbox", name="身份证明").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13900139000")
    page.get_by_label("所需信息的内容描述").fill("贵局2025年度安全生产执法检查记录")
    page.get_by_label("提供形式").select_option(label="电子文档")
    page.get_by_label("获取方式").select_option(label="电子邮件")
    page.get_by_label("电子邮箱").fill("qian@example.com")
    page.get_by_label("本人承诺").check()


def test_too_many_files_and_too_big_a_request_at_390(page, live_server, e2e_cast, settings):
    SHOTS.mkdir(parents=True, exist_ok=True)
    at_width(page, 390)
    page.goto(f"{live_server.url}/apply/")
    expect(page.get_by_text("最多10个，每个不超过20MB，合计不超过60MB")).to_be_visible()
    _fill(page)
    page.locator('input[name="attachments"]').set_input_files([_pdf(i) for i in range(11)])
    page.get_by_role("button", name="提交申请").click()
    too_many = "最多可选10个文件，您选择了11个，请减少后重新选择。"
    expect(page.locator("p.error", has_text=too_many)).to_be_visible()  # at the field
    expect(page.locator("[data-error-summary] a", has_text=too_many)).to_be_visible()
    expect(page.get_by_label("申请人姓名/名称")).to_have_value("钱小兰")
    expect(page.get_by_label("所需信息的内容描述")).to_have_value(
        "贵局2025年度安全生产执法检查记录"
    )
    page.screenshot(path=str(SHOTS / "apply-too-many-files-390.png"), full_page=True)
    assert not DisclosureRequest.objects.exists() and not CaseFile.objects.exists()

    settings.REQUEST_MAX_BYTES = 2**20  # the live server runs in this process
    _fill(page)
    page.locator('input[name="attachments"]').set_input_files([_pdf(1, size=2**20)])
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", name="提交的内容过大，未能提交")).to_be_visible()
    expect(page.get_by_text("一次提交合计不超过60MB")).to_be_visible()
    page.screenshot(path=str(SHOTS / "apply-too-big-390.png"), full_page=True)
    at_width(page, 1280)
    page.screenshot(path=str(SHOTS / "apply-too-big-1280.png"), full_page=True)
    page.get_by_role("link", name="重新打开表单").click()
    expect(page.get_by_role("button", name="提交申请")).to_be_visible()
    assert not DisclosureRequest.objects.exists() and not CaseFile.objects.exists()


def test_the_browser_says_at_once_when_too_many_or_too_big_files_are_chosen(
    page, live_server, e2e_cast, settings
):
    """site.js's pre-check: the rule's words at the field as soon as files are chosen, nothing
    sent; the server's check stays the rule (the test above)."""
    settings.UPLOAD_MAX_BYTES = 2**20  # the page's data-max-mb comes from the live server
    at_width(page, 390)
    page.goto(f"{live_server.url}/apply/")
    files = page.locator('input[name="attachments"]')
    note = page.locator("[data-precheck]")
    files.set_input_files([_pdf(i) for i in range(11)])
    expect(note).to_have_text("最多可选10个文件，您选择了11个，请减少后重新选择。")
    page.screenshot(path=str(SHOTS / "apply-precheck-390.png"), full_page=True)
    files.set_input_files([_pdf(1), _pdf(2, size=2**20)])
    expect(note).to_have_text("“证明材料2.pdf”超过1MB，请压缩或拆分后再上传。")
    files.set_input_files([_pdf(1), _pdf(2)])
    expect(note).to_be_hidden()
    assert not DisclosureRequest.objects.exists() and not CaseFile.objects.exists()
