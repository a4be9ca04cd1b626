"""A citizen submits an application, presses Back and submits the form again: still one
application, and the page shows the same tracking number (and query code) as the first time."""

from playwright.sync_api import expect

from gongkai.disclosure_requests.models import DisclosureRequest

APPLICATION = {
    "申请人姓名/名称": "赵小红",
    "联系电话": "13900139000",
    "所需信息的内容描述": "贵局2022年度行政处罚决定书目录",
}


def _fill(page):
    page.get_by_label("自然人").check()
    for label, value in APPLICATION.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("textbox", name="身份证明").fill("11010519491231002X")
    page.get_by_label("提供形式").select_option(label="电子文档")
    page.get_by_label("获取方式").select_option(label="电子邮件")
    page.get_by_label("电子邮箱").fill("zhao@example.com")
    page.get_by_label("本人承诺").check()


def test_going_back_and_submitting_again_keeps_one_application(page, live_server, e2e_cast):
    page.goto(f"{live_server.url}/apply/")
    _fill(page)
    page.get_by_role("button", name="提交申请").click()
    number = page.locator("#tracking-no").inner_text()
    code = page.locator("#query-code").inner_text()
    expect(page.locator("#repeated")).to_have_count(0)

    page.go_back()
    expect(page.get_by_role("button", name="提交申请")).to_be_visible()
    # Chromium keeps what was typed on the page it goes back to: the same application again.
    expect(page.get_by_label("申请人姓名/名称")).to_have_value("赵小红")
    page.get_by_role("button", name="提交申请").click()

    expect(page.locator("#repeated")).to_be_visible()
    expect(page.locator("#tracking-no")).to_have_text(number)
    expect(page.locator("#query-code")).to_have_text(code)
    assert list(DisclosureRequest.objects.values_list("tracking_no", "applicant_name")) == [
        (number, "赵小红")
    ]
