"""The meetings' part of the staff dashboard and of `gongkai remind`: sign-up about to close, a
seed value or a selection waiting, attendance not recorded, the summary not yet published."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gongkai.core.notifications import notify
from gongkai.core.selectors import unit_staff
from gongkai.lib.cndate import cn_date
from gongkai.meetings.models import Meeting, MeetingStatus, Selection
from gongkai.meetings.selectors import visible_meetings

S = MeetingStatus
ACTIVE = (S.SUBMITTED, S.PUBLISHED, S.SELECTED, S.HELD, S.SUMMARY_SUBMITTED)


def to_do(meeting: Meeting, now: dt.datetime, days: int = 3) -> tuple[str, str, bool] | None:
    """(verb, what is waiting, overdue?) for one meeting, or None."""
    today = timezone.localtime(now).date()
    if meeting.status == S.SUBMITTED:
        return "publish", "会议公告待审核发布", False
    if meeting.status == S.PUBLISHED:
        if meeting.uses_signup and now < meeting.signup_closes:
            if meeting.signup_closes - now <= dt.timedelta(days=days):
                closes = timezone.localtime(meeting.signup_closes)
                return "", f"报名将于{closes:%-m月%-d日 %H:%M}截止", False
            return None
        late = meeting.starts_at <= now
        needs_draw = (
            meeting.selection == Selection.LOTTERY
            and not meeting.seed_value
            and meeting.valid_signups().count() > meeting.public_seats
        )
        if not needs_draw:
            return "select", "报名已截止，待确定列席人员", late
        if today >= meeting.seed_date:
            return "record_seed", f"待录入抽签种子数值（{meeting.seed_source}）", late
        return None
    if meeting.status == S.SELECTED and meeting.starts_at <= now:
        return "record_attendance", "会议已召开，待登记列席情况", True
    if meeting.status in (S.HELD, S.SUMMARY_SUBMITTED):
        due = timezone.localtime(meeting.starts_at).date() + dt.timedelta(
            days=settings.MEETING_SUMMARY_DAYS
        )
        if meeting.status == S.HELD:
            return (
                "submit_summary",
                f"待撰写列席情况并送审（应于{cn_date(due)}前公开）",
                today > due,
            )
        return "publish_summary", f"列席情况待审核公开（应于{cn_date(due)}前）", today > due
    return None


def dashboard(user):
    """待办决策会议: the meetings this user may move on, and sign-ups about to close."""
    now = timezone.now()
    rows = []
    for meeting in visible_meetings(user).filter(status__in=ACTIVE).select_related("unit")[:50]:
        found = to_do(meeting, now)
        if found and (not found[0] or meeting.may(user, found[0])):
            rows.append((meeting, found[1], found[2]))
    if not rows:
        return None
    return {"template": "meetings/_dashboard.html", "title": "决策会议公众列席", "rows": rows}


def sweep(*, today: dt.date, days: int) -> list[str]:
    """Tell the unit's clerks and head, once per meeting and step."""
    now = timezone.now()
    lines = []
    for meeting in Meeting.objects.filter(status__in=ACTIVE).select_related("unit"):
        found = to_do(meeting, now, days)
        if not found:
            continue
        verb, text, overdue = found
        link = reverse("meetings:detail", args=[meeting.pk])
        for user in unit_staff(meeting.unit):
            notify(
                user=user,
                key=f"meetings:{meeting.pk}:{verb or 'closing'}:{meeting.status}",
                text=f"{meeting.title}：{text}",
                link=link,
            )
        lines.append(f"{'已逾期' if overdue else '待办'}\t{meeting.unit}\t{meeting.title}\t{text}")
    return lines
