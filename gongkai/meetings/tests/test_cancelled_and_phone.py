"""A meeting cancelled after its draw keeps the draw's result public; sign-up on a cancelled
meeting says it was cancelled; selected citizens who left no e-mail are listed for staff to
phone, and the call is recorded (audited, by whom, when)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.meetings.models import MeetingStatus, SignUp
from gongkai.testing import SIGNUP_FORM, published_meeting, signed_up


def _drawn(cast, *, seats=2, n=4):
    """A lottery with more sign-ups than seats, drawn a day after sign-up closed."""
    meeting = published_meeting(cast, seats=seats)
    signups = signed_up(meeting, n)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(days=1), tick=False):
        meeting.record_seed(by=cast.clerk, value="387")
        meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    return meeting, signups


def test_a_meeting_cancelled_after_its_draw_keeps_the_draw_result_public(cast, client):
    meeting, _ = _drawn(cast)
    before = client.get(reverse("meetings_public:result", args=[meeting.pk]))
    assert before.status_code == 200
    meeting.cancel(by=cast.head, reason="议题调整，会议另行安排")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED

    result = client.get(reverse("meetings_public:result", args=[meeting.pk]))
    assert result.status_code == 200
    page = result.content.decode()
    assert "本次会议已取消" in page and "议题调整，会议另行安排" in page
    assert meeting.seed in page and meeting.list_sha256 in page
    chosen = list(meeting.attendees().values_list("receipt_no", flat=True))
    assert len(chosen) == 2 and all(r in page for r in chosen)
    for s in meeting.signups.all():  # masked names only, never a phone or an address
        assert s.phone not in page and s.email not in page and s.name not in page
    listing = client.get(reverse("meetings_public:list_text", args=[meeting.pk]))
    assert listing.status_code == 200 and listing.content.decode() == meeting.list_text()
    detail = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings_public:result", args=[meeting.pk]) in detail
    assert "议题调整，会议另行安排" in detail
    # What was decided is not changed by the cancellation.
    assert meeting.signups.filter(selected=True).count() == 2


def test_a_meeting_cancelled_before_any_draw_has_no_result_page(cast, client):
    meeting = published_meeting(cast, seats=2)
    signed_up(meeting, 4)
    meeting.cancel(by=cast.head, reason="议题调整")
    assert client.get(reverse("meetings_public:result", args=[meeting.pk])).status_code == 404
    detail = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings_public:result", args=[meeting.pk]) not in detail


def test_sign_up_on_a_cancelled_meeting_says_cancelled_and_writes_nothing(cast, client):
    meeting = published_meeting(cast)
    meeting.cancel(by=cast.head, reason="场地调整")
    assert meeting.signup_state() == "cancelled"
    url = reverse("meetings_public:signup", args=[meeting.pk])
    shown = client.get(url).content.decode()
    assert "本次会议已取消" in shown and "场地调整" in shown and "截止" not in shown
    detail = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert "本次会议已取消" in detail and "已截止" not in detail
    sent = client.post(url, {**SIGNUP_FORM, "idempotency_key": "k-c"})
    assert sent.status_code == 400
    text = sent.content.decode()
    assert "本次会议已取消" in text and "场地调整" in text and "截止" not in text
    assert SignUp.objects.count() == 0


def _no_email(signup):
    signup.email = ""
    signup.save(update_fields=["email"])
    return signup


def test_selected_citizens_without_e_mail_are_listed_for_staff_to_phone(cast, client):
    meeting = published_meeting(cast, selection="first_come", seats=2)
    first, second, third = signed_up(meeting, 3)
    _no_email(first)
    _no_email(third)  # not selected: not on the list
    with time_machine.travel(meeting.signup_closes + dt.timedelta(minutes=1), tick=False):
        meeting.select(by=cast.clerk)
    assert list(meeting.to_phone()) == [first]

    client.force_login(cast.clerk)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    section = page.split('id="to-phone"')[1].split("</section>")[0]
    assert first.name in section and first.phone in section
    assert second.name not in section and third.name not in section
    public = client.get(reverse("meetings_public:result", args=[meeting.pk])).content.decode()
    assert first.phone not in public and first.name not in public


def test_staff_record_a_phone_call_once_audited_with_who_and_when(cast, client):
    meeting = published_meeting(cast, selection="first_come", seats=2)
    first, second = signed_up(meeting, 2)
    _no_email(first)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(minutes=1), tick=False):
        meeting.select(by=cast.clerk)
    client.force_login(cast.clerk)
    url = reverse("meetings:step", args=[meeting.pk, "record_phoned"])
    response = client.post(url, {"signup": first.pk, "note": "本人接听，确认出席"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.phoned_by == cast.clerk and first.phoned_at is not None
    entry = AuditEntry.objects.get(action="meeting.record_phoned")
    assert entry.actor == cast.clerk
    assert first.receipt_no in str(entry.data) and first.phone not in str(entry.data)
    assert meeting.events.filter(kind="record_phoned", actor=cast.clerk).count() == 1
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    section = page.split('id="to-phone"')[1].split("</section>")[0]
    assert "已电话通知" in section and str(cast.clerk) in section

    # Twice, or one told by e-mail: refused, nothing written.
    meeting.refresh_from_db()
    with pytest.raises(DomainError, match="已"):
        meeting.record_phoned(by=cast.head, signup=first)
    with pytest.raises(DomainError, match="未留电子邮箱"):
        meeting.record_phoned(by=cast.clerk, signup=second)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.phoned_at is None and first.phoned_by == cast.clerk
    assert AuditEntry.objects.filter(action="meeting.record_phoned").count() == 1


def test_another_units_clerk_cannot_record_a_phone_call(cast):
    meeting = published_meeting(cast, selection="first_come", seats=1)
    (first,) = signed_up(meeting, 1)
    _no_email(first)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(minutes=1), tick=False):
        meeting.select(by=cast.clerk)
    with pytest.raises(DomainError, match="无权"):
        meeting.record_phoned(by=cast.other_clerk, signup=first)
    first.refresh_from_db()
    assert first.phoned_at is None
    assert not AuditEntry.objects.filter(action="meeting.record_phoned").exists()


def _cancelled_after_draw(cast):
    """Two seats, first come: the first signed up left only a phone, the second an e-mail;
    both selected, then the meeting is cancelled."""
    meeting = published_meeting(cast, selection="first_come", seats=2)
    first, second = signed_up(meeting, 2)
    _no_email(first)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(minutes=1), tick=False):
        meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    meeting.record_phoned(by=cast.clerk, signup=first, note="本人接听")
    meeting.cancel(by=cast.head, reason="议题调整，会议另行安排")
    meeting.refresh_from_db()
    return meeting, first, second


def test_after_a_cancellation_phone_only_attendees_are_listed_again_and_the_call_recorded(
    cast, client
):
    meeting, first, second = _cancelled_after_draw(cast)
    client.force_login(cast.clerk)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    section = page.split('id="to-phone"')[1].split("</section>")[0]
    assert "需电话告知会议取消的入选人员（1）" in section
    assert first.name in section and first.phone in section and second.name not in section
    assert "已电话通知" in section  # the selection call stays on record
    assert "record_cancel_phoned" in section  # the button to record the cancellation call

    url = reverse("meetings:step", args=[meeting.pk, "record_cancel_phoned"])
    response = client.post(url, {"signup": first.pk, "note": "已告知取消理由"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.cancel_phoned_by == cast.clerk and first.cancel_phoned_at is not None
    entry = AuditEntry.objects.get(action="meeting.record_cancel_phoned")
    assert entry.actor == cast.clerk
    assert first.receipt_no in str(entry.data) and first.phone not in str(entry.data)
    event = meeting.events.get(kind="record_cancel_phoned")
    assert event.actor == cast.clerk and event.note == "已告知取消理由"
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    cell = page.split('class="cancel-phoned"')[1].split("</td>")[0]
    assert "已电话告知取消" in cell and str(cast.clerk) in cell and "<form" not in cell


def test_the_cancellation_call_is_refused_twice_for_e_mail_attendees_another_unit_and_before(
    cast,
):
    meeting = published_meeting(cast, selection="first_come", seats=1)
    (only,) = signed_up(meeting, 1)
    _no_email(only)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(minutes=1), tick=False):
        meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    with pytest.raises(DomainError):  # not cancelled: nothing to tell
        meeting.record_cancel_phoned(by=cast.clerk, signup=only)
    only.refresh_from_db()
    assert only.cancel_phoned_at is None

    meeting, first, second = _cancelled_after_draw(cast)
    with pytest.raises(DomainError, match="无权"):
        meeting.record_cancel_phoned(by=cast.other_clerk, signup=first)
    with pytest.raises(DomainError, match="已邮件告知"):
        meeting.record_cancel_phoned(by=cast.clerk, signup=second)
    assert meeting.may(cast.clerk, "record_cancel_phoned")
    meeting.record_cancel_phoned(by=cast.clerk, signup=first)
    with pytest.raises(DomainError, match="已于.*登记电话告知会议取消"):
        meeting.record_cancel_phoned(by=cast.head, signup=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.cancel_phoned_by == cast.clerk and second.cancel_phoned_at is None
    assert AuditEntry.objects.filter(action="meeting.record_cancel_phoned").count() == 1
    assert meeting.events.filter(kind="record_cancel_phoned").count() == 1
    # once everyone has been called the step is no longer offered
    assert not meeting.may(cast.clerk, "record_cancel_phoned")
