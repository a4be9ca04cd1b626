"""Signals (seed items 3, 7, 8): a topic is flagged when its week is over three times its
eight-week average and at least five; the press office turns it into a ledger note or a draft
interpretation; leaders read it without the writers' data; no one else reads it."""

import datetime as dt

import pytest
import time_machine

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.core.roles import Role
from gongkai.mailbox import trends
from gongkai.mailbox.models import Category, MessageTopic
from gongkai.plans.models import Assignment, Plan, Progress, ProgressStatus, Task
from gongkai.publications.models import Document, DocumentStatus, Kind
from gongkai.testing import written_message

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
WEEK = dt.date(2022, 11, 7)  # a Monday
pytestmark = pytest.mark.django_db


def _write(week, n, **fields):
    """n messages about 加油站 written on the Wednesday of `week`."""
    day = week + dt.timedelta(days=2)
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)):
        made = [written_message(**fields) for _ in range(n)]
    assert all("加油站" in m.topics for m in made)
    return made


def _baseline(per_week_total):
    """`per_week_total` messages spread over the eight weeks before WEEK."""
    for i in range(per_week_total):
        _write(WEEK - dt.timedelta(weeks=1 + i % 8), 1)


def _flagged(week=WEEK):
    return {s.word: (s.count, s.before) for s in trends.spikes_in(week)}


def test_a_topic_is_stored_once_per_message_in_the_week_it_came_in(cast):
    (message,) = _write(WEEK, 1)
    rows = MessageTopic.objects.filter(message=message)
    assert rows.count() == len(message.topics)
    assert set(rows.values_list("week", flat=True)) == {WEEK}


def test_five_in_a_week_over_an_average_of_one_is_flagged_and_four_is_not(cast):
    _baseline(8)  # one a week on average
    _write(WEEK, 4)
    assert "加油站" not in _flagged()  # 4 > 3 × 1, but under the minimum of five
    _write(WEEK, 1)
    assert _flagged()["加油站"] == (5, 8)


def test_exactly_three_times_the_average_is_not_a_jump_and_one_more_is(cast):
    _baseline(16)  # two a week on average
    _write(WEEK, 6)
    assert "加油站" not in _flagged()  # 6 = 3 × 2: not over it
    _write(WEEK, 1)
    assert _flagged()["加油站"] == (7, 16)


def test_declined_messages_do_not_make_a_signal(cast):
    for message in _write(WEEK, 5):
        message.decline(by=cast.press, reason="重复灌水")
    assert "加油站" not in _flagged()


def _spike(cast):
    _write(WEEK, 4)
    report = _write(WEEK, 1, category=Category.REPORT)[0]
    return report


@pytest.fixture
def item_8(cast):
    plan = Plan.objects.create(
        year=2022, title="2022年政务公开工作要点", source_sha256="0" * 64, imported_by=cast.press
    )
    task = Task.objects.create(plan=plan, number=8, requirement="认真做好有关平台领导留言办理工作")
    return Assignment.objects.create(
        task=task, unit=cast.units["新闻处"], role=Assignment.Role.LEAD,
        status=ProgressStatus.IN_PROGRESS,
    )  # fmt: skip


def test_the_press_office_notes_a_signal_on_item_8_keeping_its_status(cast, item_8):
    _spike(cast)
    progress = trends.note_in_ledger(
        by=cast.press, word="加油站", week=WEEK + dt.timedelta(days=3), text="已会同危化处研究。"
    )
    saved = Progress.objects.get()
    assert saved == progress and saved.assignment == item_8
    assert saved.text == (
        "留言梳理分析：2022年11月7日起的一周，留言主题“加油站”出现5件，"
        "前8周平均每周0.0件。已会同危化处研究。"
    )
    assert saved.links == "/staff/mailbox/reports/signals/?week=2022-11-07"
    item_8.refresh_from_db()
    assert item_8.status == ProgressStatus.IN_PROGRESS
    entry = AuditEntry.objects.get(action="message.topic_note")
    assert entry.actor == cast.press and entry.data["word"] == "加油站"


def test_a_word_that_did_not_jump_cannot_be_noted_or_drafted(cast, item_8):
    _write(WEEK, 2)
    with pytest.raises(DomainError, match="没有形成集中反映的信号"):
        trends.note_in_ledger(by=cast.press, word="加油站", week=WEEK)
    with pytest.raises(DomainError, match="没有形成集中反映的信号"):
        trends.draft_interpretation(by=cast.press, word="加油站", week=WEEK)
    assert Progress.objects.count() == 0 and Document.objects.count() == 0


def test_only_the_press_office_turns_a_signal_into_work(cast, item_8):
    _spike(cast)
    for user in (cast.leader, cast.clerk):
        with pytest.raises(DomainError, match="只有新闻处"):
            trends.note_in_ledger(by=user, word="加油站", week=WEEK)
        with pytest.raises(DomainError, match="只有新闻处"):
            trends.draft_interpretation(by=user, word="加油站", week=WEEK)
    assert Progress.objects.count() == 0 and Document.objects.count() == 0


def test_a_draft_interpretation_is_a_draft_of_the_press_office_in_the_review_chain(cast):
    _spike(cast)
    document = trends.draft_interpretation(by=cast.press, word="加油站", week=WEEK)
    saved = Document.objects.get()
    assert saved == document
    assert saved.kind == Kind.INTERPRETATION
    assert saved.status == DocumentStatus.DRAFT
    assert saved.unit == cast.units["新闻处"]
    assert saved.published_at is None
    assert saved.title == "关于群众关注的“加油站”有关问题的政策解读"
    assert AuditEntry.objects.filter(action="message.topic_interpretation").count() == 1
    assert AuditEntry.objects.filter(action="document.create").count() == 1


def test_the_signals_page_shows_writers_to_the_press_office_only(cast, client):
    report = _spike(cast)
    url = "/staff/mailbox/reports/signals/?week=2022-11-09"
    client.force_login(cast.press)
    page = client.get(url).content.decode()
    assert "“加油站”" in page and "王五" in page and report.tracking_no in page
    client.force_login(cast.leader)
    page = client.get(url).content.decode()
    assert "“加油站”" in page and "本周 <strong>5</strong> 件" in page
    assert "王五" not in page and "13912345678" not in page
    assert report.tracking_no not in page  # 检举 is never listed beyond the office
    for user in (cast.clerk, cast.other_clerk, cast.head):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_the_signal_forms_record_the_note_and_the_draft(cast, client, item_8):
    _spike(cast)
    client.force_login(cast.press)
    form = {"word": "加油站", "week": "2022-11-07", "text": "拟发布解读"}
    response = client.post("/staff/mailbox/reports/signals/note/", form)
    assert response.status_code == 302
    assert Progress.objects.get().text.endswith("拟发布解读")
    response = client.post("/staff/mailbox/reports/signals/interpretation/", form)
    document = Document.objects.get()
    assert response["Location"] == f"/staff/publications/{document.pk}/"
    client.force_login(cast.leader)
    assert client.post("/staff/mailbox/reports/signals/note/", form).status_code == 403
    assert Progress.objects.count() == 1
    assert cast.leader.has_role(Role.LEADER)


def test_words_found_in_the_same_messages_are_shown_as_one_problem(cast):
    made = _write(WEEK, 5)
    spikes = trends.spikes_in(WEEK)
    for spike in spikes:
        spike.messages = [m for m in made if spike.word in m.topics]
    shown = trends.merge_alike(spikes)
    assert len(shown) == 1  # the five share every word
    assert sorted([shown[0].word, *shown[0].also]) == sorted(made[0].topics)
