"""Probe 9 finding 6 in the browser: a meeting cancelled by its unit's head before the draw.
The two sign-ups with e-mail are told by mail (recorded), the two phone-only ones are listed
for a call, the timeline says so, and the clerk records a call from the list."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"


def test_cancelled_before_the_draw_the_staff_page_says_who_was_told_and_who_to_call(
    page, live_server, e2e_cast, login
):
    from gongkai.core.models import AuditEntry
    from gongkai.meetings.models import SignUp
    from gongkai.testing import published_meeting, signed_up

    SHOTS.mkdir(parents=True, exist_ok=True)
    cast = e2e_cast
    meeting = published_meeting(cast, seats=2)
    signups = signed_up(meeting, 4)
    SignUp.objects.filter(pk__in=[s.pk for s in signups[2:]]).update(email="")
    mailed, phone_only = signups[:2], signups[2:]

    login("fagui_head")
    page.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
    step = page.locator("details.step", has=page.locator("summary", has_text="取消会议"))
    step.locator("summary").click()
    step.locator("[name=reason]").fill("因台风取消")
    step.get_by_role("button", name="取消会议").click()
    section = page.locator("#to-phone")
    expect(section).to_contain_text("需电话告知会议取消的报名人（2）")
    for signup in phone_only:
        expect(section).to_contain_text(signup.phone)
    expect(page.locator("#signups")).to_contain_text("已邮件告知")
    expect(page.get_by_text("已邮件告知2人")).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"meeting-cancel-before-draw-{width}.png"), full_page=True)

    assert SignUp.objects.filter(cancel_mailed_at__isnull=False).count() == 2
    assert {s.pk for s in SignUp.objects.filter(cancel_mailed_at__isnull=False)} == {
        s.pk for s in mailed
    }
    event = meeting.events.get(kind="cancel_told")
    assert event.actor == cast.head and event.data["to_call"] == 2
    assert AuditEntry.objects.filter(action="meeting.cancel_told", actor=cast.head).count() == 1

    page.context.clear_cookies()  # sign the head out
    login("fagui")
    page.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
    row = page.locator("#to-phone tr", has_text=phone_only[0].receipt_no)
    row.get_by_role("button", name="已电话告知取消").click()
    cell = page.locator("#to-phone tr", has_text=phone_only[0].receipt_no).locator(".cancel-phoned")
    expect(cell).to_contain_text("已电话告知取消")
    called = SignUp.objects.get(pk=phone_only[0].pk)
    assert called.cancel_phoned_by == cast.clerk and called.cancel_phoned_at is not None
    assert SignUp.objects.get(pk=phone_only[1].pk).cancel_phoned_at is None
