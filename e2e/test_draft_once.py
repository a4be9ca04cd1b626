"""起草 in the browser, then Back and 保存 again: one draft, one audit row, the page says 未重复保存
and shows the first draft. The browser fetches the form page again on Back, so a key made with
the page would not have caught it (core.idempotent.form_key)."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

from gongkai.core.models import AuditEntry

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
TITLE = "关于印发《有限空间作业安全管理办法》的通知"


BODY = "第一条 为规范有限空间作业，制定本办法。"


def _fill_draft(page, *, body=BODY):
    """The form's fields; the 正文 too unless `body` is None (the test types it)."""
    page.get_by_label("名称").fill(TITLE)
    page.get_by_label("文件类型").select_option(label="行政规范性文件")
    page.get_by_label("公开目录分类").select_option(label="行政法规、规章和规范性文件")
    page.get_by_label("成文日期").fill("2022-09-01")
    if body is not None:
        page.get_by_label("正文").fill(body)


def test_a_draft_saved_then_back_and_saved_again_is_one_draft(page, live_server, e2e_cast, login):
    from gongkai.publications.models import Document

    login("fagui")
    page.goto(f"{live_server.url}/staff/publications/new/")
    _fill_draft(page)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()
    first = page.url

    page.go_back()  # the form page fetched again: the browser restores the title and the body
    assert page.get_by_label("名称").input_value() == TITLE
    _fill_draft(page)  # the clerk fills in what is missing: the same draft
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("未重复保存")
    assert page.url == first
    assert Document.objects.filter(title=TITLE).count() == 1
    assert AuditEntry.objects.filter(action="document.create").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"draft-again-{width}.png"))
