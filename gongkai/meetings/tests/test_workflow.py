"""A decision meeting's steps and the steps each rule forbids (participation.md §11; issue 12),
with what is saved checked in the database."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.meetings.models import Handling, Meeting, MeetingStatus, mask_name
from gongkai.meetings.selectors import meetings_with_public_attendance
from gongkai.meetings.services import meeting_create
from gongkai.testing import SIGNUP_FORM, held_meeting, published_meeting, signed_up


def _after(meeting, days):
    return time_machine.travel(meeting.signup_closes + dt.timedelta(days=days), tick=False)


def _draft(cast, by, *, unit="法规处", title="会议", topics="议题", place="会议室", **fields):
    """A draft notice `by` someone of `unit`: first come, first served, 2 seats, the meeting
    10 days from now, sign-up open from now for 5 days (each may be overridden)."""
    now = timezone.now()
    values = {
        "starts_at": now + dt.timedelta(days=10),
        "public_seats": 2,
        "selection": "first_come",
        "signup_opens": now,
        "signup_closes": now + dt.timedelta(days=5),
        **fields,
    }
    return meeting_create(
        by=by, unit=cast.units[unit], title=title, topics=topics, place=place, **values
    )


def test_it_masks_names_keeping_the_first_and_last_characters():
    assert mask_name("王小明") == "王*明"
    assert mask_name("李四") == "李*"
    assert mask_name("欧阳小华") == "欧**华"
    assert mask_name("王") == "*"


def test_a_draft_is_published_by_the_head_with_a_number_and_an_audit_entry(cast):
    meeting = published_meeting(cast)
    meeting.refresh_from_db()
    year = timezone.localtime(meeting.starts_at).year
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.number == f"HY{year}-01"
    assert meeting.published_at is not None
    actions = list(
        AuditEntry.objects.filter(action__startswith="meeting.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["meeting.create", "meeting.submit", "meeting.publish"]
    assert list(meeting.events.values_list("kind", flat=True)) == ["create", "submit", "publish"]


def test_the_person_who_submitted_cannot_publish_it(cast):
    meeting = _draft(cast, cast.head)
    meeting.submit(by=cast.head)
    with pytest.raises(DomainError, match="不能审核发布自己的会议公告"):
        meeting.publish(by=cast.head)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUBMITTED and meeting.published_at is None


def _press_notice(cast):
    """A notice of 新闻处 that its head wrote and its clerk only submitted (probe 2, finding 10)."""
    meeting = _draft(
        cast,
        cast.press_head,
        unit="新闻处",
        title="2026年政务公开工作座谈会",
        topics="听取公众对政务公开工作的意见",
        place="局机关3楼会议室",
    )
    meeting.submit(by=cast.press)
    return meeting


def test_the_head_who_wrote_a_notice_cannot_publish_it_after_a_clerk_submits_it(cast):
    meeting = _press_notice(cast)
    assert "publish" not in meeting.actions_for(cast.press_head)
    with pytest.raises(DomainError, match="起草、修改或提交会议公告的人不能审核发布"):
        meeting.publish(by=cast.press_head)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUBMITTED and meeting.published_at is None
    assert meeting.number is None
    assert not AuditEntry.objects.filter(action="meeting.publish").exists()


def test_one_who_edited_a_notice_cannot_publish_it(cast):
    meeting = _draft(cast, cast.clerk)
    meeting.edit(by=cast.head, place="局机关2楼会议室")
    meeting.submit(by=cast.clerk)
    with pytest.raises(DomainError, match="起草、修改或提交会议公告的人不能审核发布"):
        meeting.publish(by=cast.head)
    meeting.publish(by=cast.press)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.events.get(kind="publish").actor == cast.press


def test_a_leader_publishes_the_notice_the_unit_head_wrote(cast):
    meeting = _press_notice(cast)
    assert "publish" in meeting.actions_for(cast.leader)
    meeting.publish(by=cast.leader)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.events.get(kind="publish").actor == cast.leader


def test_a_leader_does_not_publish_a_clerks_notice(cast):
    meeting = _draft(cast, cast.clerk)
    meeting.submit(by=cast.clerk)
    assert "publish" not in meeting.actions_for(cast.leader)
    with pytest.raises(DomainError, match="您无权"):
        meeting.publish(by=cast.leader)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUBMITTED


def test_another_units_clerk_cannot_edit_or_submit(cast):
    meeting = _draft(cast, cast.clerk, title="原标题")
    with pytest.raises(DomainError, match="无权"):
        meeting.edit(by=cast.other_clerk, title="改过的标题")
    with pytest.raises(DomainError, match="无权"):
        meeting.submit(by=cast.other_clerk)
    meeting.refresh_from_db()
    assert meeting.title == "原标题" and meeting.status == MeetingStatus.DRAFT


def test_a_lottery_needs_a_seed_value_produced_after_sign_up_closes(cast):
    now = timezone.now()
    closes = now + dt.timedelta(days=5)
    with pytest.raises(DomainError, match="报名截止之日以后产生"):
        _draft(
            cast,
            cast.clerk,
            selection="lottery",
            signup_opens=now,
            signup_closes=closes,
            seed_source="福彩3D开奖号码",
            seed_date=timezone.localtime(closes).date(),  # known on the closing day: refused
        )
    assert Meeting.objects.count() == 0


def test_the_notice_is_refused_less_than_the_notice_days_before_the_meeting(cast, settings):
    settings.MEETING_NOTICE_DAYS = 3
    now = timezone.now()
    meeting = _draft(
        cast,
        cast.clerk,
        starts_at=now + dt.timedelta(days=2),
        signup_opens=now,
        signup_closes=now + dt.timedelta(hours=12),
    )
    meeting.submit(by=cast.clerk)
    with pytest.raises(DomainError, match="会议召开3日前发布"):
        meeting.publish(by=cast.head)
    assert Meeting.objects.public().count() == 0


def test_a_draw_before_sign_up_closes_is_refused(cast):
    meeting = published_meeting(cast, seats=2)
    signed_up(meeting, 4)
    with pytest.raises(DomainError, match="报名尚未截止"):
        meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.signups.filter(selected=True).count() == 0


def test_the_seed_value_is_refused_before_sign_up_closes_and_before_its_day(cast):
    meeting = published_meeting(cast, seats=2)
    with pytest.raises(DomainError, match="报名截止"):
        meeting.record_seed(by=cast.clerk, value="387")
    with _after(meeting, 0), pytest.raises(DomainError, match="当日起才能录入"):
        meeting.record_seed(by=cast.clerk, value="387")
    meeting.refresh_from_db()
    assert meeting.seed_value == ""


def test_the_seed_cannot_be_changed_once_published(cast):
    meeting = published_meeting(cast, seats=2)
    # Its source is fixed with the notice: a published meeting is no longer editable.
    with pytest.raises(DomainError, match="不能修改公告"):
        meeting.edit(by=cast.clerk, seed_source="上证指数收盘点位")
    with _after(meeting, 1):
        meeting.record_seed(by=cast.clerk, value="387")
        with pytest.raises(DomainError, match="不能更改"):
            meeting.record_seed(by=cast.head, value="912")
    meeting.refresh_from_db()
    assert (meeting.seed_source, meeting.seed_value) == ("福彩3D开奖号码", "387")
    assert meeting.seed == f"{meeting.number}|387"


def test_an_oversubscribed_lottery_draws_by_the_published_rule_once(cast):
    meeting = published_meeting(cast, seats=2)
    signups = signed_up(meeting, 5)
    year = timezone.localtime(signups[0].submitted_at).year
    with _after(meeting, 1):
        meeting.record_seed(by=cast.clerk, value="387")
        meeting.select(by=cast.clerk)
        with pytest.raises(DomainError, match="不能确定列席人员"):
            meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SELECTED and meeting.drawn
    # Worked by hand with `sha256sum` on "HY<year>-01|387|LX<year>-0000n" for n = 1..5:
    # the two smallest digests belong to these numbers (computed outside the code under test).
    expected = _smallest_two(year)
    chosen = list(meeting.attendees().values_list("receipt_no", flat=True))
    assert chosen == expected
    assert meeting.signups.filter(selected=False).count() == 3
    assert sorted(meeting.signups.values_list("rank", flat=True)) == [1, 2, 3, 4, 5]


def _smallest_two(year):
    # Independent of gongkai.lib.draw: hashlib directly, the rule as the notice words it.
    import hashlib

    numbers = [f"LX{year}-{n:05d}" for n in range(1, 6)]
    digests = sorted(
        (hashlib.sha256(f"HY{year}-01|387|{r}".encode()).hexdigest(), r) for r in numbers
    )
    return [r for _, r in digests[:2]]


def test_an_oversubscribed_lottery_without_its_seed_value_is_refused(cast):
    meeting = published_meeting(cast, seats=2)
    signed_up(meeting, 3)
    with _after(meeting, 1), pytest.raises(DomainError, match="须先录入种子公开数值"):
        meeting.select(by=cast.clerk)
    assert meeting.signups.filter(rank__isnull=False).count() == 0


def test_a_lottery_that_fits_the_seats_takes_everyone_without_a_draw(cast):
    meeting = published_meeting(cast, seats=5)
    signed_up(meeting, 3)
    with _after(meeting, 0):
        meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    assert not meeting.drawn
    assert meeting.signups.filter(selected=True).count() == 3


def test_first_come_takes_the_earliest_sign_ups(cast):
    meeting = published_meeting(cast, selection="first_come", seats=2)
    signups = signed_up(meeting, 4)
    with _after(meeting, 0):
        meeting.select(by=cast.clerk)
    chosen = set(meeting.signups.filter(selected=True).values_list("pk", flat=True))
    assert chosen == {signups[0].pk, signups[1].pk}


def test_an_excluded_sign_up_is_left_out_and_exclusion_stops_once_the_seed_is_known(cast):
    meeting = published_meeting(cast, seats=1)
    first, second, third = signed_up(meeting, 3)
    meeting.exclude(by=cast.clerk, signup=first, reason="非本市居民")
    with _after(meeting, 1):
        meeting.record_seed(by=cast.clerk, value="055")
        with pytest.raises(DomainError, match="报名清单已固定"):
            meeting.exclude(by=cast.clerk, signup=second, reason="重复报名")
        meeting.select(by=cast.clerk)
    first.refresh_from_db()
    assert first.excluded_reason == "非本市居民" and first.rank is None and not first.selected
    assert meeting.list_text() == f"{second.receipt_no}\n{third.receipt_no}\n"


def test_attendance_opinions_and_summary_feed_the_years_count(cast):
    meeting = published_meeting(cast, selection="first_come", seats=2)
    a, b, _ = signed_up(meeting, 3)
    with time_machine.travel(meeting.starts_at - dt.timedelta(hours=1), tick=False):
        meeting.select(by=cast.clerk)
        with pytest.raises(DomainError, match="召开后才能登记"):
            meeting.record_attendance(by=cast.clerk, present=[a])
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2), tick=False):
        meeting.record_attendance(by=cast.clerk, present=[a])
        with pytest.raises(DomainError, match="未采纳的须说明理由"):
            meeting.add_opinion(
                by=cast.clerk,
                speaker=a,
                text="建议增加夜间巡查",
                handling=Handling.NOT_ADOPTED,
                response="",
            )
        meeting.add_opinion(
            by=cast.clerk,
            speaker=a,
            text="建议增加夜间巡查",
            handling=Handling.ADOPTED,
            response="",
        )
        meeting.submit_summary(by=cast.clerk, summary="1名公众代表列席并发言，意见已采纳。")
        meeting.publish_summary(by=cast.head)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (True, False)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUMMARIZED
    year = timezone.localtime(meeting.starts_at).year
    found = meetings_with_public_attendance(year)
    assert [(m.pk, m.present) for m in found] == [(meeting.pk, 1)]
    assert meetings_with_public_attendance(year - 1).count() == 0


def test_a_held_meeting_nobody_attended_does_not_count(cast):
    meeting = published_meeting(cast, selection="first_come", seats=2)
    signed_up(meeting, 1)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2), tick=False):
        meeting.select(by=cast.clerk)
        meeting.record_attendance(by=cast.clerk, present=[])
    assert meetings_with_public_attendance(timezone.localtime(meeting.starts_at).year).count() == 0


def test_an_invitation_meeting_takes_no_public_sign_up_and_selects_those_invited(cast, client):
    meeting = published_meeting(cast, selection="invite", seats=2)
    form = {**SIGNUP_FORM, "idempotency_key": "i-1"}
    response = client.post(f"/hudong/meetings/{meeting.pk}/signup/", form)
    assert "不接受公开报名" in response.content.decode()
    meeting.invite(by=cast.clerk, name="何志强", occupation="市人大代表", publish_consent=True)
    meeting.invite(by=cast.clerk, name="梁秀英", occupation="社区工作者")
    meeting.select(by=cast.clerk)
    assert list(meeting.attendees().values_list("name", flat=True)) == ["何志强", "梁秀英"]
    page = client.get(f"/hudong/meetings/{meeting.pk}/result/").content.decode()
    assert "何*强" in page and "梁*英" not in page and "（未同意公开姓名）" in page


def test_each_sign_up_with_an_address_is_told_by_e_mail_whether_it_was_selected(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "smtp.example.gov.cn"
    meeting = published_meeting(cast, selection="first_come", seats=1)
    first, second = signed_up(meeting, 2)
    second.email = ""
    second.save(update_fields=["email"])
    third = signed_up(meeting, 1, start=2)[0]
    with _after(meeting, 0), django_capture_on_commit_callbacks(execute=True):
        meeting.select(by=cast.clerk)
    told = {m.body.split("报名编号：")[1][: len(first.receipt_no)]: m for m in mailoutbox}
    assert sorted(told) == sorted([first.receipt_no, third.receipt_no])
    assert "您已入选" in told[first.receipt_no].body and "未入选" in told[third.receipt_no].body
    assert told[first.receipt_no].to == [first.email]


def test_sign_ups_are_told_when_a_meeting_is_cancelled_with_or_without_an_smtp_host(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """Without GONGKAI_EMAIL_HOST the mail goes to the configured backend (the console in
    production, test_cancel_told), never nowhere (probe 9 finding 6)."""
    meeting = published_meeting(cast)
    signed_up(meeting, 2)
    settings.EMAIL_HOST = ""
    with django_capture_on_commit_callbacks(execute=True):
        meeting.cancel(by=cast.head, reason="议题调整")
    assert [m.subject for m in mailoutbox] == [f"[{settings.AGENCY_NAME}] 会议已取消"] * 2
    other = published_meeting(cast)
    signed_up(other, 1, start=5)
    settings.EMAIL_HOST = "smtp.example.gov.cn"
    with django_capture_on_commit_callbacks(execute=True):
        other.cancel(by=cast.head, reason="议题调整")
    assert len(mailoutbox) == 3 and "已取消：议题调整" in mailoutbox[2].body


def test_a_leader_is_told_of_a_unit_heads_own_notice_and_finds_it_among_the_work_waiting(
    cast, client
):
    """The head of 法规处 writes and submits the notice himself: only a 签发领导 (or the press
    office) may publish it, so the leader gets a notification and a row on the dashboard."""
    from gongkai.core.models import Notification
    from gongkai.meetings.reminders import dashboard

    meeting = _draft(cast, cast.head, title="2026年行政规范性文件清理座谈会", topics="听取意见")
    meeting.submit(by=cast.head)
    told = Notification.objects.get(user=cast.leader)
    assert "2026年行政规范性文件清理座谈会" in told.text and "待审核" in told.text
    assert told.link == f"/staff/meetings/{meeting.pk}/"
    section = dashboard(cast.leader)
    assert section is not None
    assert [(m.pk, text) for m, text, _ in section["rows"]] == [(meeting.pk, "会议公告待审核发布")]
    client.force_login(cast.leader)
    page = client.get("/staff/").content.decode()
    assert "2026年行政规范性文件清理座谈会" in page and "会议公告待审核发布" in page


def test_a_leader_is_not_told_of_a_notice_a_clerk_submitted(cast):
    from gongkai.core.models import Notification

    meeting = _draft(cast, cast.clerk)
    meeting.submit(by=cast.clerk)
    assert not Notification.objects.filter(user=cast.leader).exists()
    assert Notification.objects.filter(user=cast.head, text__contains="待审核").exists()


def _held(cast):
    return held_meeting(cast)[0]


def test_the_summary_goes_public_only_when_a_second_person_approves_it(client, cast):
    """Probe 3 finding 8: one person wrote and published the 公开列席情况 in one step. Like the
    notice, it needs a second person who did not write it (seed item 26 三审三校、先审后发;
    core.review)."""
    meeting = _held(cast)
    meeting.submit_summary(by=cast.head, summary="1名公众代表列席，会议采纳其意见。")
    with pytest.raises(DomainError, match="不能审核自己提交的列席情况"):
        meeting.publish_summary(by=cast.head)
    with pytest.raises(DomainError, match="无权"):
        meeting.publish_summary(by=cast.clerk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUMMARY_SUBMITTED
    assert meeting.summary_published_at is None
    page = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert "会议采纳其意见" not in page  # not public while it waits
    assert not AuditEntry.objects.filter(action="meeting.publish_summary").exists()
    meeting.publish_summary(by=cast.press, note="同意公开")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUMMARIZED and meeting.summary_published_at
    page = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert "会议采纳其意见" in page
    entry = AuditEntry.objects.get(action="meeting.publish_summary")
    assert entry.actor == cast.press and entry.before == {"status": "sum_review"}
    assert AuditEntry.objects.get(action="meeting.submit_summary").actor == cast.head


def test_a_returned_summary_is_rewritten_and_checked_again(cast):
    meeting = _held(cast)
    meeting.submit_summary(by=cast.clerk, summary="代表王五（13912345678）发言。")
    with pytest.raises(DomainError, match="退回意见"):
        meeting.return_summary(by=cast.head, comment=" ")
    meeting.return_summary(by=cast.head, comment="请删去手机号")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.summary_published_at is None
    meeting.submit_summary(by=cast.clerk, summary="1名公众代表列席并发言。")
    meeting.publish_summary(by=cast.head)
    meeting.refresh_from_db()
    assert meeting.summary == "1名公众代表列席并发言。"
    assert list(meeting.events.order_by("pk").values_list("kind", flat=True))[-4:] == [
        "submit_summary",
        "return_summary",
        "submit_summary",
        "publish_summary",
    ]
