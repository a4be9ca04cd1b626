"""Issue 11, items 3/7/8: a topic jumps in one week; the press office finds it on the signals
page, notes it in the ledger's item 8 and drafts an interpretation that enters the review chain;
the public statistics count the week's letters without a name or a phone number."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from playwright.sync_api import expect

from gongkai.plans.models import Assignment, Plan, Progress, Task
from gongkai.publications.models import Document, DocumentStatus, Kind
from gongkai.testing import written_message

SHANGHAI = ZoneInfo("Asia/Shanghai")


@time_machine.travel(dt.datetime(2022, 11, 10, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_a_jump_in_one_topic_becomes_a_ledger_note_and_a_draft_interpretation(
    page, live_server, e2e_cast, login
):
    for _ in range(6):
        written_message()  # 加油站 letters, this week
    plan = Plan.objects.create(
        year=2022, title="2022年政务公开工作要点", source_sha256="0" * 64,
        imported_by=e2e_cast.press,
    )  # fmt: skip
    task = Task.objects.create(plan=plan, number=8, requirement="认真做好有关平台领导留言办理工作")
    Assignment.objects.create(task=task, unit=e2e_cast.units["新闻处"], role=Assignment.Role.LEAD)

    page.goto(f"{live_server.url}/hudong/statistics/?year=2022")
    expect(page.locator("tfoot")).to_contain_text("全年")
    assert "13912345678" not in page.content() and "王五" not in page.content()

    login("xinwen")
    page.goto(f"{live_server.url}/staff/mailbox/reports/signals/")
    signal = page.locator("section.signal", has=page.locator("h2", has_text="加油站"))
    expect(signal).to_contain_text("本周 6 件")
    signal.get_by_label("分析意见（记入台账）").fill("已会同危化处研究安全距离问题")
    signal.get_by_role("button", name="记入工作台账（第8项）").click()
    expect(page.locator(".messages")).to_contain_text("已记入工作台账第8项任务的进展")
    assert Progress.objects.get().text.endswith("已会同危化处研究安全距离问题")

    page.goto(f"{live_server.url}/staff/mailbox/reports/signals/")
    signal = page.locator("section.signal", has=page.locator("h2", has_text="加油站"))
    signal.get_by_role("button", name="起草政策解读（进入三审）").click()
    expect(page.locator(".messages")).to_contain_text("已起草政策解读草稿")
    document = Document.objects.get()
    assert document.kind == Kind.INTERPRETATION and document.status == DocumentStatus.DRAFT
    assert document.unit == e2e_cast.units["新闻处"] and document.published_at is None
