"""先审后发: a meeting notice is published as its reviewer read it. 发布 sent from a page that
showed the notice before it was returned, changed and sent again is refused and writes nothing
(probe 5, finding 2)."""

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.meetings.models import Meeting, MeetingStatus
from gongkai.testing import meeting_form, seen_on_page

pytestmark = pytest.mark.django_db

CHANGED = "此页面显示的会议公告已被修改（退回、修改或重新提交），请刷新后重新审核。"


def _submitted(cast, client) -> Meeting:
    client.force_login(cast.clerk)
    client.post(reverse("meetings:create"), meeting_form(place="3楼第一会议室", public_seats="5"))
    meeting = Meeting.objects.get()
    meeting.submit(by=cast.clerk)
    return meeting


def _returned_changed_and_sent_again(cast, meeting):
    Meeting.objects.get(pk=meeting.pk).return_draft(by=cast.head, comment="请核对地点")  # tab B
    Meeting.objects.get(pk=meeting.pk).edit(
        by=cast.clerk, place="局外礼堂（临时变更）", public_seats=1
    )
    Meeting.objects.get(pk=meeting.pk).submit(by=cast.clerk)


def _state(meeting):
    meeting = Meeting.objects.get(pk=meeting.pk)
    return meeting.status, meeting.number, meeting.events.count(), AuditEntry.objects.count()


@pytest.mark.parametrize("verb", ["publish", "return_draft"])
def test_it_refuses_a_step_from_a_page_showing_the_earlier_notice_and_writes_nothing(
    cast, client, verb
):
    meeting = _submitted(cast, client)
    client.force_login(cast.head)
    seen = seen_on_page(
        client, reverse("meetings:detail", args=[meeting.pk])
    )  # tab A: 3楼第一会议室, 5 seats
    _returned_changed_and_sent_again(cast, meeting)
    before = _state(meeting)
    assert before[0] == MeetingStatus.SUBMITTED
    response = client.post(
        reverse("meetings:step", args=[meeting.pk, verb]),
        {"note": "同意", "comment": "同意", "seen": seen},
        follow=True,
    )
    assert CHANGED in response.content.decode()
    assert _state(meeting) == before
    assert not Meeting.objects.get(pk=meeting.pk).events.filter(kind="publish").exists()


def test_a_publish_without_what_the_page_showed_is_refused(cast, client):
    meeting = _submitted(cast, client)
    client.force_login(cast.head)
    before = _state(meeting)
    response = client.post(reverse("meetings:step", args=[meeting.pk, "publish"]), {})
    assert "页面缺少公告版本，请刷新后重新审核。" in response.content.decode()
    assert _state(meeting) == before


def test_the_model_refuses_to_publish_a_notice_its_reviewer_did_not_see(cast, client):
    meeting = _submitted(cast, client)
    seen = meeting.stamp()
    _returned_changed_and_sent_again(cast, meeting)
    before = _state(meeting)
    with pytest.raises(DomainError, match="请刷新后重新审核"):
        Meeting.objects.get(pk=meeting.pk).publish(by=cast.head, seen=seen)
    assert _state(meeting) == before


def test_the_page_of_the_current_notice_still_publishes(cast, client):
    meeting = _submitted(cast, client)
    _returned_changed_and_sent_again(cast, meeting)
    client.force_login(cast.head)
    seen = seen_on_page(client, reverse("meetings:detail", args=[meeting.pk]))
    client.post(
        reverse("meetings:step", args=[meeting.pk, "publish"]), {"note": "同意", "seen": seen}
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.status, meeting.place, meeting.public_seats) == (
        MeetingStatus.PUBLISHED,
        "局外礼堂（临时变更）",
        1,
    )
    assert meeting.events.get(kind="publish").actor == cast.head
