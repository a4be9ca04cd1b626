"""Staff pages: drafting a notice, the steps through the one step view, and who sees what."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.meetings.models import Meeting, MeetingStatus
from gongkai.testing import meeting_form, published_meeting, seen_on_page, signed_up


def test_a_clerk_drafts_a_notice_for_their_own_unit(cast, client):
    client.force_login(cast.clerk)
    response = client.post(reverse("meetings:create"), meeting_form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert (meeting.unit, meeting.created_by, meeting.status) == (
        cast.units["法规处"],
        cast.clerk,
        MeetingStatus.DRAFT,
    )
    assert meeting.public_seats == 6 and meeting.seed_source == "福彩3D开奖号码"
    assert AuditEntry.objects.filter(action="meeting.create", actor=cast.clerk).count() == 1


def test_the_form_refuses_a_sign_up_closing_too_close_to_the_meeting(cast, client, settings):
    settings.MEETING_SIGNUP_CUTOFF_HOURS = 24
    client.force_login(cast.clerk)
    now = timezone.localtime()
    response = client.post(
        reverse("meetings:create"),
        meeting_form(
            starts_at=(now + dt.timedelta(days=10, hours=12)).strftime("%Y-%m-%dT%H:%M"),
            signup_closes=(now + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
            seed_date="",
        ),
    )
    assert response.status_code == 200
    assert "报名应在会议召开前至少24小时截止" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_submit_and_publish_through_the_step_view(cast, client):
    client.force_login(cast.clerk)
    client.post(reverse("meetings:create"), meeting_form())
    meeting = Meeting.objects.get()
    client.post(reverse("meetings:step", args=[meeting.pk, "submit"]), {})
    client.force_login(cast.head)
    response = client.post(
        reverse("meetings:step", args=[meeting.pk, "publish"]),
        {
            "note": "同意",
            "seen": seen_on_page(client, reverse("meetings:detail", args=[meeting.pk])),
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED and meeting.number
    assert client.get(reverse("meetings_public:detail", args=[meeting.pk])).status_code == 200


def test_another_units_clerk_gets_404_and_an_anonymous_visitor_the_login_page(cast, client):
    meeting = published_meeting(cast)
    client.force_login(cast.other_clerk)
    for name in ("detail", "edit"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 404
    step = reverse("meetings:step", args=[meeting.pk, "note"])
    assert client.post(step, {"text": "越权"}).status_code == 404
    client.logout()
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")
    assert meeting.events.filter(kind="note").count() == 0


def test_a_published_notice_cannot_be_edited(cast, client):
    meeting = published_meeting(cast)
    client.force_login(cast.clerk)
    url = reverse("meetings:edit", args=[meeting.pk])
    assert client.get(url).status_code == 404
    # A form posted anyway (left open from the draft) is told the notice moved on.
    response = client.post(url, meeting_form(seed_source="上证指数"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:detail", args=[meeting.pk]
    )
    meeting.refresh_from_db()
    assert meeting.seed_source == "福彩3D开奖号码"


def test_a_draw_step_before_closing_shows_why_and_changes_nothing(cast, client):
    meeting = published_meeting(cast, seats=1)
    signed_up(meeting, 3)
    client.force_login(cast.clerk)
    response = client.post(reverse("meetings:step", args=[meeting.pk, "select"]), {})
    assert response.status_code == 400
    assert "报名尚未截止" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED


def test_attendance_through_the_step_view(cast, client):
    meeting = published_meeting(cast, selection="first_come", seats=2)
    a, b = signed_up(meeting, 2)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=1), tick=False):
        client.force_login(cast.clerk)  # a session of ten days ago would have expired
        client.post(reverse("meetings:step", args=[meeting.pk, "select"]), {})
        response = client.post(
            reverse("meetings:step", args=[meeting.pk, "record_attendance"]), {"present": [b.pk]}
        )
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (False, True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_a_step_sent_from_a_stale_tab_says_the_meeting_moved_on_and_writes_nothing(cast, client):
    """Probe 2, finding 11: a form made before the notice moved on got 404 "页面不存在"."""
    client.force_login(cast.clerk)
    client.post(reverse("meetings:create"), meeting_form())
    meeting = Meeting.objects.get()
    client.post(reverse("meetings:step", args=[meeting.pk, "submit"]), {})
    client.force_login(cast.head)
    step = reverse("meetings:step", args=[meeting.pk, "publish"])
    seen = seen_on_page(client, reverse("meetings:detail", args=[meeting.pk]))
    assert client.post(step, {"note": "同意", "seen": seen}).status_code == 302  # the first tab
    response = client.post(step, {"note": "同意发布", "seen": seen}, follow=True)  # the stale one
    page = response.content.decode()
    assert response.status_code == 200 and response.context["meeting"].pk == meeting.pk
    # Its first send did it: said, by whom and when (probe 12: a twin was told only "不能").
    at = timezone.localtime(meeting.events.get(kind="publish").at).strftime("%H:%M")
    assert f"“审核同意并发布”已由{cast.head}于{at}办理完成，本次提交未重复办理。" in page
    assert "页面不存在" not in page
    assert list(meeting.events.filter(kind="publish").values_list("note", flat=True)) == ["同意"]
    assert AuditEntry.objects.filter(action="meeting.publish").count() == 1


def test_a_step_outside_the_users_role_on_a_meeting_is_still_not_found(cast, client):
    meeting = published_meeting(cast)
    client.force_login(cast.clerk)  # the unit's clerk may not publish, stale form or not
    step = reverse("meetings:step", args=[meeting.pk, "publish"])
    assert client.post(step, {"note": "同意"}).status_code == 404
    assert meeting.events.filter(kind="publish").count() == 1


def test_an_edit_sent_from_a_stale_tab_after_submitting_says_so_and_changes_nothing(cast, client):
    client.force_login(cast.clerk)
    client.post(reverse("meetings:create"), meeting_form())
    meeting = Meeting.objects.get()
    client.post(reverse("meetings:step", args=[meeting.pk, "submit"]), {})  # another tab
    edit = reverse("meetings:edit", args=[meeting.pk])
    response = client.post(edit, meeting_form(place="局机关2楼会议室"), follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and response.context["meeting"].pk == meeting.pk
    assert "该会议当前为“待审核”，在此状态下不能修改公告，您提交的“修改公告”未办理" in page
    meeting.refresh_from_db()
    assert meeting.place == "市应急管理局5楼会议室" and meeting.status == MeetingStatus.SUBMITTED
    assert not meeting.events.filter(kind="edit").exists()
    assert client.get(edit).status_code == 404  # the form itself is not offered


def test_the_sign_ups_on_the_meeting_page_are_an_audited_read_once_per_half_hour(cast, client):
    """查阅记录: the page lists sign-ups' names and phones; no sign-ups, nothing to log."""
    from gongkai.core import audit

    meeting = published_meeting(cast)
    detail = reverse("meetings:detail", args=[meeting.pk])
    client.force_login(cast.clerk)
    reads = AuditEntry.objects.filter(action="meeting.read_signups")
    assert client.get(detail).status_code == 200
    assert not reads.exists()
    signed_up(meeting, 2)
    page = client.get(detail).content.decode()
    assert "13900000001" in page
    client.get(detail)  # a reload within the half hour writes nothing
    assert list(reads.values_list("actor", "target_id", "unit")) == [
        (cast.clerk.pk, str(meeting.pk), cast.units["法规处"].pk)
    ]
    with time_machine.travel(timezone.now() + audit.READ_WINDOW + dt.timedelta(minutes=1)):
        client.get(detail)
    assert reads.count() == 2
    client.force_login(cast.admin)
    listed = client.get(reverse("core:audit_list"), {"action": audit.READS}).content.decode()
    assert "查阅会议报名人信息" in listed
