"""Under the Content-Security-Policy (no inline script or style) the pages still work in a real
browser, and the browser reports no violation."""

from playwright.sync_api import expect


def _watch_violations(page):
    seen = []
    page.on(
        "console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None
    )
    return seen


def test_the_portal_and_the_application_form_work_under_the_policy(page, live_server, e2e_cast):
    from gongkai.disclosure_requests.models import DisclosureRequest

    violations = _watch_violations(page)
    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("button", name="大字").click()  # the header toggle, now from site.js
    expect(page.locator("html")).to_have_class("bigtext")
    page.goto(f"{live_server.url}/apply/")
    expect(page.locator("html")).to_have_class("bigtext")  # remembered across pages
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名/名称").fill("李四")
    page.get_by_role("textbox", name="身份证明").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("电子邮箱").fill("lisi@example.com")
    page.get_by_label("所需信息的内容描述").fill("2022年政府信息公开工作年度报告")
    page.get_by_label("提供形式").select_option(label="电子文档")
    page.get_by_label("获取方式").select_option(label="电子邮件")
    page.get_by_label("本人承诺").check()
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("查询码：")).to_be_visible()
    assert DisclosureRequest.objects.get().applicant_name == "李四"
    assert violations == []
