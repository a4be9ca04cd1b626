"""The citizen's side: the notice, signing up, the closing time held by the server, the draw's
result re-run by the published script, with what is saved checked in the database."""

import datetime as dt
import subprocess
import sys

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.meetings.models import Meeting, SignUp
from gongkai.meetings.services import meeting_create
from gongkai.testing import SIGNUP_FORM, published_meeting, signed_up


def _signup(client, meeting, **changes):
    url = reverse("meetings_public:signup", args=[meeting.pk])
    return client.post(url, {**SIGNUP_FORM, "idempotency_key": "k-1", **changes})


def test_a_sign_up_is_saved_with_every_field_and_a_retry_gives_the_same_number(cast, client):
    meeting = published_meeting(cast)
    first = _signup(client, meeting)
    assert first.status_code == 200
    signup = SignUp.objects.get()
    assert (signup.meeting_id, signup.name, signup.phone, signup.email) == (
        meeting.pk,
        "王小明",
        "13912345678",
        "wxm@example.com",
    )
    assert (signup.district, signup.occupation, signup.conflicts) == ("天河区", "社区工作者", "无")
    assert signup.statement.startswith("我所在社区有多家危化品仓库")
    assert signup.publish_consent is True
    assert signup.receipt_no.startswith("LX") and signup.receipt_no in first.content.decode()
    code = first.context["code"]
    assert signup.check_query_code(code)
    again = _signup(client, meeting)  # the same form sent again (double click, retry)
    assert again.context["signup"].pk == signup.pk and again.context["code"] == code
    assert SignUp.objects.count() == 1


def test_the_same_phone_cannot_sign_up_twice_for_one_meeting(cast, client):
    meeting = published_meeting(cast)
    _signup(client, meeting)
    second = _signup(client, meeting, idempotency_key="k-2", name="王小红")
    assert second.status_code == 400
    assert "该联系电话已报名本次会议" in second.content.decode()
    assert SignUp.objects.count() == 1


def test_a_late_sign_up_is_refused_by_the_server_with_the_closing_time(cast, client):
    meeting = published_meeting(cast)
    closes = timezone.localtime(meeting.signup_closes)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(seconds=1), tick=False):
        response = _signup(client, meeting)
    assert response.status_code == 400
    text = response.content.decode()
    assert f"报名已于{closes:%Y年%-m月%-d日 %H:%M}截止" in text
    assert SignUp.objects.count() == 0


def test_a_sign_up_a_second_before_the_closing_time_is_accepted(cast, client):
    meeting = published_meeting(cast)
    with time_machine.travel(meeting.signup_closes - dt.timedelta(seconds=1), tick=False):
        response = _signup(client, meeting)
    assert response.status_code == 200
    assert SignUp.objects.get().submitted_at < meeting.signup_closes


def test_unpublished_meetings_are_not_found_by_the_public(cast, client):
    now = timezone.now()
    draft = meeting_create(
        by=cast.clerk,
        unit=cast.units["法规处"],
        title="内部讨论中的会议",
        topics="议题",
        starts_at=now + dt.timedelta(days=10),
        place="会议室",
        public_seats=2,
        selection="first_come",
        signup_opens=now - dt.timedelta(hours=1),
        signup_closes=now + dt.timedelta(days=5),
    )
    submitted = Meeting.objects.get(pk=draft.pk)
    for name in ("detail", "signup", "result", "list_text"):
        assert client.get(reverse(f"meetings_public:{name}", args=[draft.pk])).status_code == 404
    assert _signup(client, draft).status_code == 404
    submitted.submit(by=cast.clerk)
    assert client.get(reverse("meetings_public:detail", args=[draft.pk])).status_code == 404
    assert "内部讨论中的会议" not in client.get(reverse("meetings_public:list")).content.decode()
    assert SignUp.objects.count() == 0


def test_the_honeypot_and_the_rate_limit_refuse_without_saving(cast, client, settings):
    meeting = published_meeting(cast)
    trapped = _signup(client, meeting, homepage="http://spam.example")
    assert trapped.status_code == 400 and SignUp.objects.count() == 0
    settings.MEETING_SIGNUP_RATE_PER_HOUR = 2
    for i in range(3):
        response = _signup(
            client, meeting, idempotency_key=f"r-{i}", phone=f"1380000000{i}", email=f"r{i}@a.cn"
        )
    assert "同一网络报名过于频繁" in response.content.decode()
    assert SignUp.objects.count() == 2


def test_the_notice_names_the_seeds_source_before_sign_up_closes(cast, client):
    meeting = published_meeting(cast)
    page = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert "种子来源：<strong>福彩3D开奖号码</strong>" in page
    assert "数值产生后由承办单位录入" in page
    assert "我要报名" in page


@pytest.fixture
def drawn(cast):
    meeting = published_meeting(cast, seats=3)
    signed_up(meeting, 8)
    SignUp.objects.filter(meeting=meeting, name="报名人005").update(publish_consent=False)
    with time_machine.travel(meeting.signup_closes + dt.timedelta(days=1), tick=False):
        meeting.record_seed(by=cast.clerk, value="387")
        meeting.select(by=cast.clerk)
    meeting.refresh_from_db()
    return meeting


def test_the_result_shows_receipt_numbers_and_masked_names_never_contacts(drawn, client):
    page = client.get(reverse("meetings_public:result", args=[drawn.pk])).content.decode()
    for signup in drawn.signups.all():
        assert signup.receipt_no in page
        assert signup.phone not in page
        assert signup.name not in page
    assert "报****1" in page  # 报名人001, masked: the first and last characters
    assert "（未同意公开姓名）" in page
    assert f'--seed "{drawn.seed}" --seats 3' in page


def test_the_published_script_re_runs_the_draw_from_the_published_seed_and_list(
    drawn, client, tmp_path
):
    """What anyone can do: download draw.py and list.txt, run them with the published seed,
    and get the attendees the bureau published."""
    script = client.get(reverse("meetings_public:draw_script"))
    listing = client.get(reverse("meetings_public:list_text", args=[drawn.pk]))
    (tmp_path / "draw.py").write_bytes(script.content)
    (tmp_path / "list.txt").write_bytes(listing.content)
    run = subprocess.run(  # noqa: S603 — our own published script, no shell
        [sys.executable, "-I", "draw.py", "--seed", drawn.seed, "--seats", "3", "list.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split("\t") for line in run.stdout.splitlines()]
    rerun = [(int(rank), receipt, verdict) for rank, receipt, verdict, _ in rows]
    published = [
        (s.rank, s.receipt_no, "入选" if s.selected else "候补")
        for s in drawn.signups.order_by("rank")
    ]
    assert rerun == published
    assert [r for r in rerun if r[2] == "入选"] == published[:3] and len(rerun) == 8


def test_the_script_refuses_a_list_with_a_number_twice(tmp_path, client):
    (tmp_path / "draw.py").write_bytes(client.get(reverse("meetings_public:draw_script")).content)
    (tmp_path / "list.txt").write_text("LX2022-00001\nLX2022-00001\n")
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-I", "draw.py", "--seed", "HY2022-01|1", "--seats", "1", "list.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "重复" in run.stderr


def test_a_signed_up_citizen_looks_up_the_result_by_number_and_code(drawn):
    client = Client()
    chosen = drawn.attendees().first()
    response = client.post(
        reverse("meetings_public:lookup"), {"receipt_no": chosen.receipt_no, "code": "WRONG123"}
    )
    assert "报名编号或查询码不正确" in response.content.decode()
    code = SignUp.new_query_code(chosen.idempotency_key)
    response = client.post(
        reverse("meetings_public:lookup"), {"receipt_no": chosen.receipt_no, "code": code}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert f"入选，请按时列席（第{chosen.rank}位）" in page


def test_the_sign_up_confirmation_gives_the_time_to_the_minute_like_other_pages(cast, client):
    """Probe 3 finding 9(b): "2026年11月27日 03:27:08" showed seconds, which no other page does."""
    import re

    meeting = published_meeting(cast)
    moment = meeting.signup_opens + dt.timedelta(hours=1, seconds=8)
    with time_machine.travel(moment, tick=False):
        page = _signup(client, meeting).content.decode()
    signup = SignUp.objects.get()
    assert signup.submitted_at == moment
    sentence = re.search(r"已于(\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2})(:\d{2})?收到", page)
    assert sentence is not None and sentence.group(2) is None
