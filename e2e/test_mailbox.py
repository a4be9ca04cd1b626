"""Issue 11's story: a citizen writes with consent; the office accepts and assigns; the unit
drafts, its head approves, the office releases and publishes; the public list shows the reply
with the phone number gone; the writer rates it 不满意 and reopens it; a second message that is
an information request becomes an application received the day the office confirms it."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import time_machine
from playwright.sync_api import expect

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.mailbox.models import Message, MessageStatus, Route, Satisfaction

SHANGHAI = ZoneInfo("Asia/Shanghai")
SHOTS = os.environ.get("GONGKAI_SCREENSHOTS")  # a folder: save the pages at 390 and 1280 px


def _step(page, label, fields: dict):
    step = page.locator("details.step", has=page.locator("summary", has_text=label))
    step.locator("summary").click()
    for name, value in fields.items():
        if name.startswith("select:"):
            step.locator(f"[name={name[7:]}]").select_option(value)
        else:
            step.locator(f"[name={name}]").fill(value)
    step.get_by_role("button", name=label).click()
    expect(page.locator(".messages")).to_contain_text(f"已{label}")


def _sign_in_as(page, login, username):
    page.context.clear_cookies()  # one staff browser, passed from person to person
    login(username)


def _shoot(page, name):
    if not SHOTS:
        return
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _write(citizen, url, subject, body, *, consent=True, category="咨询"):
    citizen.goto(f"{url}/hudong/")
    citizen.get_by_label(category, exact=True).check()
    citizen.get_by_label("留言标题").fill(subject)
    citizen.get_by_label("留言内容").fill(body)
    citizen.get_by_role("textbox", name="姓名").fill("陈大文")
    citizen.get_by_role("textbox", name="联系电话").fill("13912345678")
    if consent:
        citizen.get_by_label("我同意").check()
    _shoot(citizen, "mailbox-write")
    citizen.get_by_role("button", name="提交留言").click()
    return citizen.locator("#tracking-no").inner_text(), citizen.locator("#query-code").inner_text()


@time_machine.travel(dt.datetime(2022, 9, 26, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_a_message_from_writing_to_a_published_reply_and_a_reopening(
    page, live_server, e2e_cast, login
):
    citizen = page.context.browser.new_page()
    number, code = _write(
        citizen,
        live_server.url,
        "小区旁加油站的安全距离",
        "我家小区旁边在建加油站，离住宅楼很近，请问安全距离怎么规定？电话13912345678",
    )
    _shoot(citizen, "mailbox-submitted")
    assert number.startswith("LY2022-") and len(code) == 8

    _sign_in_as(page, login, "xinwen")
    page.goto(f"{live_server.url}/staff/mailbox/?state=received")
    page.get_by_role("link", name=number).click()
    detail = page.url
    _step(page, "受理并交办", {"select:unit": "法规处", "note": "请法规处答复"})
    # 咨询: 5 WD from Monday 9/26 — 9/27, 9/28, 9/29, 9/30, then 国庆 off and Saturday 10/8
    # a 调休 workday.
    expect(page.locator("section.clock")).to_contain_text("2022年10月8日")

    _sign_in_as(page, login, "fagui")
    page.goto(detail)
    _step(
        page, "提交答复稿", {"text": "加油站与住宅建筑的安全间距执行国家标准，本局已转交属地核查。"}
    )
    _sign_in_as(page, login, "fagui_head")
    page.goto(detail)
    _step(page, "处室审核同意", {})
    _sign_in_as(page, login, "xinwen")
    page.goto(detail)
    _step(page, "签发答复", {})
    step = page.locator("details.step", has=page.locator("summary", has_text="公开答复"))
    step.locator("summary").click()
    expect(step.locator("[name=public_body]")).not_to_have_value("13912345678", timeout=1000)
    assert "13912345678" not in step.locator("[name=public_body]").input_value()
    step.get_by_label("我已逐字核对").check()
    step.get_by_role("button", name="公开答复").click()
    expect(page.locator(".messages")).to_contain_text("已公开答复")
    _shoot(page, "mailbox-detail")

    page.goto(f"{live_server.url}/hudong/replies/?q=加油站")
    expect(page.get_by_role("link", name="小区旁加油站的安全距离")).to_be_visible()
    page.get_by_role("link", name="小区旁加油站的安全距离").click()
    expect(page.locator("#reply")).to_contain_text("安全间距执行国家标准")
    assert "13912345678" not in page.content() and "陈大文" not in page.content()
    _shoot(page, "mailbox-reply")

    citizen.goto(f"{live_server.url}/hudong/status/{number}/")
    expect(citizen.locator("#reply")).to_contain_text("安全间距")
    citizen.get_by_label("不满意").check()
    citizen.get_by_role("button", name="提交评价").click()
    citizen.get_by_label("不满意的理由").fill("没有说明具体是多少米")
    citizen.get_by_role("button", name="申请重新办理").click()
    expect(citizen.locator("#stage")).to_have_text("办理中")
    _shoot(citizen, "mailbox-status")

    message = Message.objects.get(tracking_no=number)
    assert message.status == MessageStatus.ASSIGNED
    assert message.satisfaction == Satisfaction.UNSATISFIED
    assert message.reopen_reason == "没有说明具体是多少米"
    # The rejected reply left the public page with the reopening (probe finding 7).
    assert message.published_at is None and "13912345678" not in message.public_body
    assert message.accepted_on == dt.date(2022, 9, 26)
    assert message.reply_unit_name == "法规处" and message.replied_on == dt.date(2022, 9, 26)
    assert list(message.events.values_list("kind", flat=True)) == [
        "submit", "assign", "draft", "approve", "release", "publish", "rate", "reopen",
    ]  # fmt: skip  # the story, one step a word

    # A second message asks for government information: it becomes an application, received
    # the day the office confirms it (条例 第三十一条（三）), two days after it was written.
    second, _ = _write(
        citizen, live_server.url, "申请公开执法检查记录", "请公开2022年某化工企业的执法检查记录。"
    )
    with time_machine.travel(dt.datetime(2022, 9, 28, 9, 0, tzinfo=SHANGHAI), tick=True):
        _sign_in_as(page, login, "xinwen")
        page.goto(f"{live_server.url}/staff/mailbox/?state=received")
        page.get_by_role("link", name=second).click()
        _step(
            page,
            "转其他渠道",
            {
                "select:channel": Route.GOV_INFO,
                "notice": "您的留言属于政府信息公开申请，已转为申请办理。",
                "id_document": "11010519491231002X",  # 第二十九条: confirmed by phone
            },
        )
    routed = Message.objects.get(tracking_no=second)
    case = DisclosureRequest.objects.get(pk=routed.routed_request_id)
    assert routed.status == MessageStatus.ROUTED
    assert case.received_on == dt.date(2022, 9, 28) and case.due_date == dt.date(2022, 10, 31)
    assert case.applicant_name == "陈大文" and "执法检查记录" in case.description
