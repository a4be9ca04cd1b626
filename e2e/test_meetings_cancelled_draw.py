"""A lottery drawn, one attendee without e-mail phoned by the clerk from the staff page, then
the meeting cancelled: the draw's result stays public, marked as a cancelled meeting's, and the
records say who phoned whom and when."""

import datetime as dt
import os
import tempfile
from pathlib import Path

import time_machine
from playwright.sync_api import expect

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"


def test_a_phone_call_recorded_then_the_drawn_meeting_cancelled(page, live_server, e2e_cast, login):
    from gongkai.core.models import AuditEntry
    from gongkai.meetings.models import SignUp
    from gongkai.testing import published_meeting, signed_up

    SHOTS.mkdir(parents=True, exist_ok=True)
    cast = e2e_cast
    meeting = published_meeting(cast, seats=2)
    signups = signed_up(meeting, 5)
    SignUp.objects.filter(pk__in=[s.pk for s in signups]).update(email="")
    with time_machine.travel(meeting.signup_closes + dt.timedelta(days=1), tick=False):
        meeting.record_seed(by=cast.clerk, value="387")
        meeting.select(by=cast.clerk)
    first, second = meeting.attendees()

    login("fagui")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
        section = page.locator("#to-phone")
        expect(section).to_contain_text(first.phone)
        section.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"meeting-phone-{width}.png"), full_page=True)
    row = page.locator("#to-phone tr", has_text=first.receipt_no)
    row.get_by_role("button", name="已电话通知").click()
    expect(page.locator("#to-phone tr", has_text=first.receipt_no)).to_contain_text("已电话通知")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.phoned_by == cast.clerk and first.phoned_at is not None
    assert second.phoned_at is None
    entry = AuditEntry.objects.get(action="meeting.record_phoned")
    assert entry.actor == cast.clerk and first.receipt_no in str(entry.data)

    meeting.refresh_from_db()
    meeting.cancel(by=cast.head, reason="会议议题调整，另行通知")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/hudong/meetings/{meeting.pk}/")
        page.get_by_role("link", name="查看列席人员及抽签结果").click()
        expect(page.locator("#cancelled")).to_contain_text("会议议题调整，另行通知")
        expect(page.locator("#seed-text")).to_have_text(meeting.seed)
        expect(page.locator("#result")).to_contain_text(first.receipt_no)
        assert first.phone not in page.content()
        page.screenshot(path=str(SHOTS / f"meeting-cancelled-result-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/hudong/meetings/{meeting.pk}/")
        page.screenshot(path=str(SHOTS / f"meeting-cancelled-{width}.png"), full_page=True)
    assert meeting.signups.filter(selected=True).count() == 2

    # Cancelled after the draw: the attendees without e-mail hear of it only by phone. The
    # staff page lists them again, and the call about the cancellation is recorded apart.
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
        section = page.locator("#to-phone")
        expect(section).to_contain_text("需电话告知会议取消的入选人员（2）")
        expect(section).to_contain_text(second.phone)
        section.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"meeting-cancel-phone-{width}.png"), full_page=True)
    row = page.locator("#to-phone tr", has_text=second.receipt_no)
    row.get_by_role("button", name="已电话告知取消").click()
    cell = page.locator("#to-phone tr", has_text=second.receipt_no).locator(".cancel-phoned")
    expect(cell).to_contain_text("已电话告知取消")
    expect(cell).to_contain_text(str(cast.clerk))
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.cancel_phoned_by == cast.clerk and second.cancel_phoned_at is not None
    assert first.cancel_phoned_at is None  # still to call: its button stays
    expect(
        page.locator("#to-phone tr", has_text=first.receipt_no).get_by_role(
            "button", name="已电话告知取消"
        )
    ).to_be_visible()
    entry = AuditEntry.objects.get(action="meeting.record_cancel_phoned")
    assert entry.actor == cast.clerk and second.receipt_no in str(entry.data)
    assert second.phone not in str(entry.data)
