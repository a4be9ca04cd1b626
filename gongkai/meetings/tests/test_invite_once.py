"""Review of stop 28: one person, one entry was checked only by the public sign-up service; the
staff's 邀请 (invite) took no phone or e-mail and could enter the same person twice. The check is
now the meeting's own (Meeting.add_signup), under its row lock, for both paths."""

import pytest
from django.conf import settings
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.meetings.models import MeetingEvent, NumberCounter, SignUp
from gongkai.testing import published_meeting

pytestmark = pytest.mark.django_db


def _invite(client, meeting, **fields):
    url = reverse("meetings:step", args=[meeting.pk, "invite"])
    return client.post(url, {"name": "何志强", **fields})


def _written(meeting):
    counter = NumberCounter.objects.filter(prefix=settings.SIGNUP_NUMBER_PREFIX).first()
    return (
        meeting.signups.count(),
        MeetingEvent.objects.filter(meeting=meeting, kind="invite").count(),
        AuditEntry.objects.filter(action="meeting.invite").count(),
        counter.last if counter else 0,
    )


@pytest.mark.parametrize(
    "again, field",
    [
        ({"phone": "+86 138-0013-8000", "email": "other@example.com"}, "phone"),
        ({"phone": "13700137000", "email": " HZQ@Example.com "}, "email"),
    ],
)
def test_inviting_the_same_person_twice_is_refused_at_the_field_and_writes_nothing(
    cast, client, again, field
):
    meeting = published_meeting(cast, selection="invite", seats=2)
    client.force_login(cast.clerk)
    first = _invite(client, meeting, phone="13800138000", email="hzq@example.com")
    assert first.status_code == 302
    before = _written(meeting)
    assert before[:3] == (1, 1, 1)

    response = _invite(client, meeting, name="何志强（重复）", **again)

    assert response.status_code == 400
    form = next(form for verb, _, form in response.context["steps"] if verb == "invite")
    receipt = SignUp.objects.get().receipt_no
    said = f"已登记在本次会议（{receipt} 何志强），同一人只能登记一次"
    assert said in " ".join(form.errors[field])  # at the field, in plain Chinese
    assert form["name"].value() == "何志强（重复）"  # what was typed is kept
    assert _written(meeting) == before  # no second entry, event, audit row or receipt number


def test_two_different_people_and_people_without_contacts_are_invited(cast, client):
    meeting = published_meeting(cast, selection="invite", seats=3)
    client.force_login(cast.clerk)
    assert _invite(client, meeting, phone="13800138000", email="a@example.com").status_code == 302
    assert _invite(client, meeting, name="梁秀英", phone="13700137000").status_code == 302
    assert _invite(client, meeting, name="陈国华").status_code == 302
    assert _invite(client, meeting, name="陈国华二").status_code == 302  # no contact: no key
    assert meeting.signups.count() == 4
    assert SignUp.objects.get(name="梁秀英").phone_key == "13700137000"


def test_an_invalid_phone_is_refused_in_plain_chinese(cast, client):
    meeting = published_meeting(cast, selection="invite", seats=2)
    client.force_login(cast.clerk)
    response = _invite(client, meeting, phone="12345")
    assert response.status_code == 400
    assert "联系电话格式不正确" in response.content.decode()
    assert meeting.signups.count() == 0


def test_the_model_method_refuses_a_second_entry_whichever_path_made_the_first(cast):
    meeting = published_meeting(cast, selection="invite", seats=2)
    meeting.invite(by=cast.clerk, name="何志强", phone="13800138000")
    with pytest.raises(DomainError) as refused:
        meeting.invite(by=cast.clerk, name="何志强", phone="(+86)13800138000")
    assert refused.value.field == "phone"
    assert meeting.signups.count() == 1
