"""Probe 9 finding 7: the meeting notice's 起草 form sent twice (a double click, Back and 保存
again) made two drafts. It is a OnceForm now, as documents and consultations: the second
sending finds the first draft and says so; nothing else is written."""

from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.meetings.models import Meeting, MeetingEvent
from gongkai.testing import meeting_form


def test_the_same_draft_sent_twice_is_one_meeting(cast, client):
    client.force_login(cast.clerk)
    first = client.post(reverse("meetings:create"), meeting_form())
    again = client.post(reverse("meetings:create"), meeting_form(), follow=True)
    meeting = Meeting.objects.get()
    assert first.status_code == 302 and first["Location"] == reverse(
        "meetings:detail", args=[meeting.pk]
    )
    assert again.redirect_chain[-1][0] == reverse("meetings:detail", args=[meeting.pk])
    assert "已经保存过" in again.content.decode()
    assert MeetingEvent.objects.filter(meeting=meeting, kind="create").count() == 1
    assert AuditEntry.objects.filter(action="meeting.create").count() == 1


def test_another_draft_or_another_clerk_is_another_meeting(cast, client):
    client.force_login(cast.clerk)
    client.post(reverse("meetings:create"), meeting_form())
    other = client.post(reverse("meetings:create"), meeting_form(place="市应急管理局3楼会议室"))
    assert other.status_code == 302, other.content.decode()[-3000:]
    client.force_login(cast.head)
    response = client.post(reverse("meetings:create"), meeting_form())
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Meeting.objects.count() == 3


def test_the_save_button_is_disabled_after_the_first_click(cast, client):
    client.force_login(cast.clerk)
    page = client.get(reverse("meetings:create")).content.decode()
    assert "data-once" in page
