"""起草 in Chromium: the 正文 typed in the editor survives a refused submit (an error elsewhere)
and the Back button, and an empty 正文 is refused at the field with nothing written."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

from e2e.test_draft_once import BODY, TITLE, _fill_draft

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"


def test_the_body_survives_back_and_a_refused_submit(page, live_server, e2e_cast, login):
    from gongkai.publications.models import Document

    login("fagui")
    page.goto(f"{live_server.url}/staff/publications/new/")
    _fill_draft(page, body=None)
    page.locator(".rt-area").click()
    page.keyboard.type(BODY)
    # Away to the desk and Back: Chromium fetches the form again and refills the fields,
    # the editor's hidden one too; the editor shows what the browser kept.
    page.goto(f"{live_server.url}/staff/")
    page.go_back()
    expect(page.get_by_label("名称")).to_have_value(TITLE)
    expect(page.locator(".rt-area")).to_have_text(BODY)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"draft-back-{width}.png"), full_page=True)

    page.get_by_label("成文日期").fill("")  # the error elsewhere: 成文日期 left empty
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".field.has-error .error")).to_have_text("这个字段是必填项。")
    expect(page.locator(".rt-area")).to_have_text(BODY)  # the server sent it back
    assert not Document.objects.exists()

    page.get_by_label("成文日期").fill("2022-09-01")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()
    assert list(Document.objects.values_list("title", "body")) == [(TITLE, f"<p>{BODY}</p>")]


def test_an_empty_body_is_refused_at_the_field(page, live_server, e2e_cast, login):
    from gongkai.publications.forms import BODY_REQUIRED
    from gongkai.publications.models import Document

    login("fagui")
    page.goto(f"{live_server.url}/staff/publications/new/")
    _fill_draft(page, body=None)
    page.locator(".rt-area").click()
    page.keyboard.type("   ")
    page.get_by_role("button", name="保存").click()
    error = page.locator(".field", has=page.locator(".rt-area")).locator(".error")
    expect(error).to_have_text(BODY_REQUIRED)
    expect(page.get_by_label("名称")).to_have_value(TITLE)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator(".rt-area").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"draft-empty-body-{width}.png"))
    assert not Document.objects.exists()
