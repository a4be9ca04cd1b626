"""Ledger item 11 and the reminders: the year's meetings with public attendance, counted, and
the work waiting on each meeting."""

import datetime as dt

import time_machine
from django.utils import timezone

from gongkai.core.models import Notification
from gongkai.meetings import evidence, reminders
from gongkai.plans.models import Plan, Task
from gongkai.testing import published_meeting, signed_up


def _task(number, year, requirement="邀请公众代表列席"):
    plan = Plan.objects.create(
        year=year, title=f"{year}年政务公开工作要点", source_sha256=f"{year:064d}"
    )
    return Task.objects.create(
        plan=plan,
        number=number,
        requirement=requirement,
        deadline_text="全年",
        units_text="",
    )


def _held(cast, present):
    meeting = published_meeting(cast, selection="first_come", seats=3)
    signups = signed_up(meeting, 3)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=1), tick=False):
        meeting.select(by=cast.clerk)
        meeting.record_attendance(by=cast.clerk, present=signups[:present])
    return meeting


def test_item_11_lists_the_years_meetings_that_citizens_attended_with_the_count(cast):
    attended = _held(cast, present=2)
    _held(cast, present=0)  # held, but nobody came: not a meeting with public attendance
    year = timezone.localtime(attended.starts_at).year
    items = evidence.for_task(_task(11, year))
    assert [item["title"] for item in items] == [
        f"{year}年公众代表列席决策会议1次（全市要求不少于3次，本局计划4次）",
        f"危险化学品仓储安全专项整治方案审议会（{attended.number}，公众代表列席2人）",
    ]
    assert items[1]["url"] == f"/hudong/meetings/{attended.pk}/"
    # A task about something else shows no meetings, whatever its number.
    assert evidence.for_task(_task(10, year + 1, requirement="向社会公开征求意见")) == []


def test_the_sweep_tells_the_unit_once_that_the_selection_is_waiting(cast):
    meeting = published_meeting(cast, selection="first_come", seats=3)
    signed_up(meeting, 1)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(hours=1), tick=False):
        lines = reminders.sweep(today=timezone.localdate(), days=3)
        reminders.sweep(today=timezone.localdate(), days=3)
        section = reminders.dashboard(cast.clerk)
    assert lines == [f"待办\t法规处\t{meeting.title}\t报名已截止，待确定列席人员"]
    texts = list(Notification.objects.filter(user=cast.clerk).values_list("text", flat=True))
    assert texts == [f"{meeting.title}：报名已截止，待确定列席人员"]
    assert [(m.pk, text) for m, text, _ in section["rows"]] == [
        (meeting.pk, "报名已截止，待确定列席人员")
    ]
    assert reminders.dashboard(cast.other_clerk) is None


@time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
def test_an_oversubscribed_lottery_asks_for_the_seed_value_from_its_day_on(cast):
    meeting = published_meeting(cast, seats=1)
    signed_up(meeting, 2)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(hours=1), tick=False):
        assert reminders.to_do(meeting, timezone.now()) is None  # the value is not known yet
    with time_machine.travel(meeting.signup_closes + dt.timedelta(days=1), tick=False):
        verb, text, late = reminders.to_do(meeting, timezone.now())
    assert (verb, text, late) == ("record_seed", "待录入抽签种子数值（福彩3D开奖号码）", False)
