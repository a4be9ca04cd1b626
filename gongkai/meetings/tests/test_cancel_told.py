"""Probe 9 finding 6: a meeting cancelled before its draw told nobody and recorded nothing: the
call list held selected attendees only (none before a draw), no mail left the platform when no
SMTP host was set (README: printed to the console then), and no record said who was told.
Now every sign-up to be told is: by e-mail where one was given (recorded per sign-up), by phone
otherwise (listed for staff until they record the call), and the timeline says how many each."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.meetings.models import SignUp
from gongkai.testing import published_meeting, signed_up

pytestmark = pytest.mark.django_db


def _four_signups(cast):
    """The probe's meeting: four sign-ups, two of them phone-only (no e-mail)."""
    meeting = published_meeting(cast, seats=2)
    signups = signed_up(meeting, 4)
    for phone_only in signups[2:]:
        phone_only.email = ""
        phone_only.save(update_fields=["email"])
    return meeting, signups


def _cancel(meeting, by, capture):
    with capture(execute=True):
        meeting.cancel(by=by, reason="因台风取消")
    meeting.refresh_from_db()


def test_cancelled_before_the_draw_every_sign_up_is_told_and_it_is_recorded(
    cast, client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""  # no SMTP host: the mail still goes out (console in production)
    meeting, (a, b, c, d) = _four_signups(cast)
    _cancel(meeting, cast.head, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.email, b.email])
    assert all("因台风取消" in m.body for m in mailoutbox)
    mailed = SignUp.objects.filter(cancel_mailed_at__isnull=False)
    assert set(mailed.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert list(meeting.to_phone()) == [c, d]  # phone-only: on the call list
    event = meeting.events.get(kind="cancel_told")
    assert event.data["mailed"] == 2 and event.data["to_call"] == 2
    assert "邮件告知2人" in event.note and "2人待电话告知" in event.note
    entry = AuditEntry.objects.get(action="meeting.cancel_told")
    assert entry.actor == cast.head and c.phone not in str(entry.data)

    client.force_login(cast.clerk)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    section = page.split('id="to-phone"')[1].split("</section>")[0]
    assert "需电话告知会议取消的报名人（2）" in section
    assert c.phone in section and d.phone in section and a.name not in section
    assert "record_cancel_phoned" in section
    listed = page.split('id="signups"')[1].split("</table>")[0]
    assert listed.count("已邮件告知") == 2 and listed.count("待电话告知") == 2

    # Staff record the calls; then nobody is left to tell.
    for signup in (c, d):
        meeting.refresh_from_db()
        meeting.record_cancel_phoned(by=cast.clerk, signup=signup)
    meeting.refresh_from_db()
    assert not meeting.may(cast.clerk, "record_cancel_phoned")
    assert AuditEntry.objects.filter(action="meeting.record_cancel_phoned").count() == 2


def test_without_an_smtp_host_the_mail_is_printed_to_the_console(
    cast, settings, capsys, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    meeting, (a, *_) = _four_signups(cast)
    _cancel(meeting, cast.head, django_capture_on_commit_callbacks)
    printed = capsys.readouterr().out
    assert a.email in printed and "因台风取消" in printed
    assert SignUp.objects.filter(cancel_mailed_at__isnull=False).count() == 2


def test_a_mail_server_that_refuses_is_recorded_and_they_go_on_the_call_list(
    cast, smtp_refused, django_capture_on_commit_callbacks
):
    meeting, (a, b, c, d) = _four_signups(cast)
    _cancel(meeting, cast.head, django_capture_on_commit_callbacks)  # nothing raised
    assert not SignUp.objects.filter(cancel_mailed_at__isnull=False).exists()
    assert list(meeting.to_phone()) == [a, b, c, d]
    event = meeting.events.get(kind="cancel_told")
    assert event.data["mailed"] == 0 and event.data["failed"] == 2 and event.data["to_call"] == 4
    assert "发送失败" in event.note


def test_cancelled_after_the_draw_the_selected_are_told(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, (a, b, c, d) = _four_signups(cast)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(days=1), tick=False):
        meeting.record_seed(by=cast.clerk, value="387")
        meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    selected = set(meeting.attendees())
    _cancel(meeting, cast.head, django_capture_on_commit_callbacks)
    to_call = {s for s in selected if not s.email}
    assert set(meeting.to_phone()) == to_call  # the unselected phone-only are not called
    event = meeting.events.get(kind="cancel_told")
    assert event.data["to_call"] == len(to_call)
