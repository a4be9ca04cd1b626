"""The published opinions of a meeting: a 列席代表's words are a citizen's, masked like a mailbox
public copy or a consultation comment (core.publicity); the unit's 处理说明 is staff text, where
an office's published number stays."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.meetings.models import Handling, Opinion
from gongkai.testing import held_meeting, published_meeting, signed_up

pytestmark = pytest.mark.django_db

SAID = (
    "我家住天河区体育西路123号3栋1201房，仓库就在楼下。"
    "我的身份证号11010519491231002X，手机13812345678，家里座机020-87654321，欢迎回访。"
)
RESPONSE = "已转执法支队核查，进展可拨打本局咨询电话020-83331234查询。"


def test_the_meeting_page_masks_what_a_representative_said_and_keeps_the_office_number(
    client, cast
):
    meeting, speaker = held_meeting(cast)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2), tick=False):
        meeting.add_opinion(
            by=cast.clerk,
            speaker=speaker,
            text=SAID,
            handling=Handling.PARTLY,
            response=RESPONSE,
        )
        meeting.submit_summary(by=cast.clerk, summary="1名公众代表列席并发言。")
        meeting.publish_summary(by=cast.head)

    page = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    for personal in ("体育西路123号", "1201", "11010519491231002X", "13812345678", "87654321"):
        assert personal not in page
    assert "110105********002X" in page and "138****5678" in page and "020-****4321" in page
    assert "仓库就在楼下" in page
    assert "本局咨询电话020-83331234查询" in page
    # Staff keep the words as recorded: only the public copy is masked.
    opinion = Opinion.objects.get(meeting=meeting)
    assert opinion.text == SAID and opinion.response == RESPONSE


def test_it_masks_personal_data_in_the_published_summary_and_keeps_the_office_number(client, cast):
    meeting = published_meeting(cast, selection="first_come", seats=1)
    (attendee,) = signed_up(meeting, 1)
    with time_machine.travel(meeting.starts_at - dt.timedelta(hours=1), tick=False):
        meeting.select(by=cast.clerk)
    summary = (
        f"列席代表{attendee.name}到会发言，会后留下手机13912345678、"
        "身份证号11010519491231002X。咨询电话020-83331234。"
    )
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2), tick=False):
        meeting.record_attendance(by=cast.clerk, present=[attendee])
        meeting.submit_summary(by=cast.clerk, summary=summary)
        meeting.publish_summary(by=cast.head)

    page = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    for personal in (attendee.name, "13912345678", "11010519491231002X"):
        assert personal not in page
    assert "139****5678" in page and "110105********002X" in page
    assert "咨询电话020-83331234" in page
    meeting.refresh_from_db()
    assert meeting.summary == summary  # staff keep the text as written
