"""Probe 12 T1/T2: a form sent after its page expired. The citizen's 页面已过期 page says go back
(not reload) and its link goes back to the form with the text still there; a staff form sent
after the session ended leads, after signing in, back to the record's page (not a 405) and the
login page shows the text that was not saved."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

from gongkai.disclosure_requests.models import RequestEvent
from gongkai.mailbox.models import Message
from gongkai.testing import TEST_PASSWORD, handling_case

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
BODY = "小区旁边的加油站夜间施工噪音很大，" * 16  # 272 characters


def _shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_expired_page_goes_back_to_the_form_with_the_text_kept(page, live_server, e2e_cast):
    page.goto(f"{live_server.url}/hudong/")
    page.get_by_label("咨询", exact=True).check()
    page.get_by_label("留言标题").fill("加油站夜间施工")
    page.get_by_label("留言内容").fill(BODY)
    page.get_by_role("textbox", name="姓名").fill("陈大文")
    page.get_by_role("textbox", name="联系电话").fill("13912345678")
    page.context.clear_cookies()  # the form's CSRF cookie is gone
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", name="页面已过期")).to_be_visible()
    expect(page.locator("main")).to_contain_text("您填写的内容仍在，再点一次提交")
    expect(page.locator("main")).not_to_contain_text("刷新后重新提交")
    assert not Message.objects.exists()
    _shoot(page, "csrf-expired")

    page.get_by_role("link", name="返回上一页").click()
    expect(page.get_by_label("留言内容")).to_have_value(BODY)  # nothing typed is lost
    page.get_by_role("button", name="提交留言").click()
    expect(page.locator("#tracking-no")).to_be_visible()
    assert list(Message.objects.values_list("body", flat=True)) == [BODY]


def test_a_staff_note_sent_after_the_session_ended_comes_back_to_the_case(
    page, live_server, e2e_cast
):
    case = handling_case(e2e_cast)
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill("xinwen")
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    case_url = f"{live_server.url}/staff/requests/{case.pk}/"
    page.goto(case_url)
    note = page.locator("details", has=page.locator("summary", has_text="添加备注"))
    note.locator("summary").click()
    typed = "已电话联系申请人，申请人同意补充材料后再办理。" * 5
    note.locator("textarea").first.fill(typed)
    page.context.clear_cookies(name="sessionid")
    note.get_by_role("button").last.click()

    expect(page.get_by_role("alert")).to_contain_text("登录已超时，刚才提交的内容没有保存")
    expect(page.locator("#unsaved")).to_have_value(typed)
    assert not RequestEvent.objects.filter(case=case, kind="note").exists()
    _shoot(page, "staff-session-expired")
    page.get_by_label("用户名").fill("xinwen")
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(case_url)
    expect(page.locator(".messages")).to_contain_text("登录超时前提交的内容没有保存")
