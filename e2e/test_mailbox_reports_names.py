"""Probe 8's mailbox stories in Chromium, with the records they leave.

M1: a citizen files a 检举 naming 执法支队; the office cannot give it to 执法支队 (refused,
nothing written) and gives it to 法规处. A second writer sends an accusation against 法规处 as a
投诉; the office re-classifies it as 检举 with a reason: an audit entry, the reply period
counted again for 检举, and it is never offered for publishing.

M4: a message names a neighbour (李大明); the public copy the office is offered reads 李某, and
publishing is refused until the clerk ticks 我已逐字核对."""

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from playwright.sync_api import expect

from e2e.test_mailbox import _write
from gongkai.core.calendar import workday_calendar
from gongkai.core.models import AuditEntry
from gongkai.mailbox.models import Category, Message, MessageStatus
from gongkai.testing import message_steps_logged

SHANGHAI = ZoneInfo("Asia/Shanghai")
SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
NOW = dt.datetime(2022, 9, 26, 10, 0, tzinfo=SHANGHAI)  # a year the calendar knows


def _open_step(page, label):
    step = page.locator("details.step", has=page.locator("summary", has_text=label))
    if not step.evaluate("el => el.open"):
        step.locator("summary").click()
    return step


def _take(page, label, fields: dict, *, done=True):
    step = _open_step(page, label)
    for name, value in fields.items():
        if name.startswith("select:"):
            step.locator(f"[name={name[7:]}]").select_option(label=value)
        else:
            step.locator(f"[name={name}]").fill(value)
    step.get_by_role("button", name=label).click()
    if done:
        expect(page.locator(".messages")).to_contain_text(f"已{label}")


def _shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _staff(page, login, username):
    page.context.clear_cookies()
    login(username)


@time_machine.travel(NOW, tick=True)
def test_a_report_never_reaches_the_accused_unit_and_a_complaint_becomes_a_report(
    page, live_server, e2e_cast, login
):
    citizen = page.context.browser.new_page()
    url = live_server.url
    number, _ = _write(
        citizen,
        url,
        "执法支队队员收受好处",
        "执法支队有队员检查时收受企业购物卡，请严查。",
        consent=False,
        category="检举",
    )
    _staff(page, login, "xinwen")
    page.goto(f"{url}/staff/mailbox/?state=received")
    page.get_by_role("link", name=number).click()
    detail = page.url
    report = Message.objects.get(tracking_no=number)
    assert report.category == Category.REPORT

    # Forbidden: to the unit it accuses. Refused at the field, nothing written.
    _take(
        page,
        "受理并交办",
        {"select:named_unit": "执法支队", "select:unit": "执法支队"},
        done=False,
    )
    expect(page.locator("details.step .error")).to_contain_text("不得转给被检举的单位")
    _shoot(page, "mailbox-report-refused")
    report.refresh_from_db()
    assert (report.status, report.handling_unit, report.accepted_on) == (
        MessageStatus.RECEIVED,
        None,
        None,
    )
    assert message_steps_logged(report) == []

    page.goto(detail)
    _take(page, "受理并交办", {"select:named_unit": "执法支队", "select:unit": "法规处"})
    report.refresh_from_db()
    assert (report.status, report.handling_unit.name, report.named_unit.name) == (
        MessageStatus.ASSIGNED,
        "法规处",
        "执法支队",
    )
    assigned = AuditEntry.objects.get(action="message.assign", target_id=str(report.pk))
    assert (assigned.actor, assigned.data["named_unit"]) == (e2e_cast.press, "执法支队")

    # An accusation against 法规处 sent as a 投诉, given to 审批处, then re-classified.
    second, _ = _write(
        citizen,
        url,
        "法规处科长不作为",
        "法规处某科长收受企业好处后不予查处，请领导严查。",
        category="投诉",  # consented to publication: as a 检举 it is still never published
    )
    page.goto(f"{url}/staff/mailbox/?state=received")
    page.get_by_role("link", name=second).click()
    _take(page, "受理并交办", {"select:unit": "审批处"})
    complaint = Message.objects.get(tracking_no=second)
    due_as_complaint = complaint.due_date
    change = {"select:category": "检举", "select:named_unit": "法规处"}
    # Without a reason: refused, nothing written.
    _take(page, "更改留言类型", {**change, "reason": ""}, done=False)
    expect(page.locator("details.step .error").first).to_be_visible()
    complaint.refresh_from_db()
    assert complaint.category == Category.COMPLAIN and complaint.named_unit is None
    _take(page, "更改留言类型", {**change, "reason": "反映法规处工作人员问题"})
    _shoot(page, "mailbox-reclassified")
    complaint.refresh_from_db()
    assert (complaint.category, complaint.named_unit.name, complaint.handling_unit.name) == (
        Category.REPORT,
        "法规处",
        "审批处",
    )
    entry = AuditEntry.objects.get(action="message.reclassify", target_id=str(complaint.pk))
    assert (entry.actor, entry.data["category_before"], entry.data["category"]) == (
        e2e_cast.press,
        "投诉",
        "检举",
    )
    assert entry.data["note"] == "反映法规处工作人员问题"
    # The period counted again, for 检举, from the day of acceptance (投诉 and 检举 both have
    # 15 working days, so the date is the same one).
    expected = workday_calendar(provisional=True).add_workdays(
        complaint.accepted_on,
        settings.MESSAGE_REPLY_WORKDAYS["report"],
        count_start_day=settings.COUNT_START_DAY,
    )
    assert complaint.due_date == expected.due == due_as_complaint
    assert complaint.accepted_on == dt.date(2022, 9, 26)
    assert not complaint.may_be_published
    assert message_steps_logged(complaint)[-2:] == ["message.assign", "message.reclassify"]


NEIGHBOUR = "我的邻居李大明在体育西路100号3栋201房堆放十几瓶液化气，非常危险，请尽快处理。"


@time_machine.travel(NOW, tick=True)
def test_a_neighbours_name_is_masked_and_publishing_needs_the_names_check(
    page, live_server, e2e_cast, login
):
    citizen = page.context.browser.new_page()
    url = live_server.url
    number, _ = _write(citizen, url, "邻居堆放液化气", NEIGHBOUR, category="投诉")
    _staff(page, login, "xinwen")
    page.goto(f"{url}/staff/mailbox/?state=received")
    page.get_by_role("link", name=number).click()
    detail = page.url
    _take(page, "受理并交办", {"select:unit": "法规处"})
    _staff(page, login, "fagui")
    page.goto(detail)
    _take(page, "提交答复稿", {"text": "已派员现场核查，李大明已清理液化气。"})
    _staff(page, login, "fagui_head")
    page.goto(detail)
    _take(page, "处室审核同意", {})
    _staff(page, login, "xinwen")
    page.goto(detail)
    _take(page, "签发答复", {})

    step = _open_step(page, "公开答复")
    body = step.locator("[name=public_body]")
    expect(body).to_have_value(re.compile(r"^我的邻居李某在体育西路\*+号"))  # address masked too
    assert "李大明" not in body.input_value()
    expect(step.locator("[name=public_reply]")).to_have_value("已派员现场核查，李某已清理液化气。")
    # Forbidden: publishing without 我已逐字核对. Refused at the box, nothing published.
    step.get_by_role("button", name="公开答复").click()
    step = _open_step(page, "公开答复")
    expect(step.locator(".error")).to_contain_text("系统不能可靠识别他人姓名")
    _shoot(page, "mailbox-names-unchecked")
    message = Message.objects.get(tracking_no=number)
    assert message.published_at is None and message.public_body == ""
    assert not AuditEntry.objects.filter(action="message.publish").exists()

    step.get_by_label("我已逐字核对").check()
    step.get_by_role("button", name="公开答复").click()
    expect(page.locator(".messages")).to_contain_text("已公开答复")
    message.refresh_from_db()
    assert message.published_at is not None
    assert "李大明" not in message.public_body + message.public_reply
    assert message.public_body.startswith("我的邻居李某在")
    assert AuditEntry.objects.get(action="message.publish").data["names_checked"] is True

    citizen.goto(f"{url}/hudong/replies/{message.pk}/")
    expect(citizen.locator("#reply")).to_contain_text("李某已清理液化气")
    assert "李大明" not in citizen.content()
    _shoot(citizen, "mailbox-public-copy")
