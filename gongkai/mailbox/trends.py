"""Signals (seed items 3, 7, 8): what the messages are about, counted per topic, unit and ISO
week in the database, and the topics whose weekly count jumps.

A topic is one of the jieba keywords stored with each message (`Message.topics`), one row per
word in MessageTopic so that every backend can group by it. A topic is *flagged* in a week when
its count that week is over SPIKE_RATIO times its weekly average over the BASELINE_WEEKS weeks
before, and at least SPIKE_MIN_COUNT. The press office can turn a flagged topic into a ledger
note (a progress entry on seed item 8) or a draft 政策解读 that enters the normal review chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.roles import Role
from gongkai.lib.cndate import cn_date
from gongkai.mailbox.models import Category, Message, MessageStatus, MessageTopic

# Over three times the usual weekly count: the issue's own example ("over three times its
# eight-week average"). Eight weeks is about two months, long enough that one busy week in the
# baseline does not hide the next jump, short enough to follow the seasons (台风 in summer).
SPIKE_RATIO = 3
BASELINE_WEEKS = 8
# A word that appears in 4 messages in a quiet week is not yet a "concentrated problem"; five
# keeps one-off words (and a topic that went from 0 to 2) off the page.
SPIKE_MIN_COUNT = 5
# How far back the signals page looks for flagged weeks.
RECENT_WEEKS = 12

audit.register_actions(
    **{
        "message.topic_note": "留言主题记入工作台账",
        "message.topic_interpretation": "留言主题转为政策解读草稿",
    }
)


def week_of(day: dt.date) -> dt.date:
    """The Monday of `day`'s ISO week: how weeks are stored and shown."""
    return day - dt.timedelta(days=day.weekday())


def record(message: Message) -> None:
    """Write the message's topic rows; called from services.create (idempotent)."""
    week = week_of(message.received_on)
    MessageTopic.objects.bulk_create(
        [MessageTopic(message=message, word=word[:30], week=week) for word in message.topics],
        ignore_conflicts=True,
    )


def counted():
    """The rows the signals count: every message but those declined (spam, abuse)."""
    return MessageTopic.objects.exclude(message__status=MessageStatus.DECLINED)


def weekly_counts(start: dt.date, end: dt.date, *, by_unit: bool = False) -> list[dict]:
    """Messages per topic and week (and handling unit), weeks starting in [start, end]."""
    fields = ["word", "week"] + (["message__handling_unit__name"] if by_unit else [])
    return list(
        counted()
        .filter(week__gte=week_of(start), week__lte=end)
        .values(*fields)
        .annotate(n=Count("message_id"))
        .order_by("week", "-n", "word")
    )


@dataclass
class Spike:
    word: str
    week: dt.date
    count: int
    before: int  # messages in the BASELINE_WEEKS weeks before
    units: list = field(default_factory=list)

    @property
    def average(self) -> float:
        return self.before / BASELINE_WEEKS

    @property
    def week_end(self) -> dt.date:
        return self.week + dt.timedelta(days=6)


def spikes_in(week: dt.date) -> list[Spike]:
    """The topics flagged in one week, biggest first: one grouped query. count > RATIO × before
    / WEEKS is written count × WEEKS > RATIO × before, in whole numbers."""
    start = week - dt.timedelta(weeks=BASELINE_WEEKS)
    rows = (
        counted()
        .filter(week__gte=start, week__lte=week)
        .values("word")
        .annotate(
            now=Count("message_id", filter=Q(week=week)),
            before=Count("message_id", filter=Q(week__lt=week)),
        )
        .annotate(scaled=F("now") * BASELINE_WEEKS)
        .filter(now__gte=SPIKE_MIN_COUNT, scaled__gt=F("before") * SPIKE_RATIO)
        .order_by("-now", "word")
    )
    return [Spike(r["word"], week, r["now"], r["before"]) for r in rows]


def recent_spikes(today: dt.date, weeks: int = RECENT_WEEKS) -> list[Spike]:
    """Flagged topics of the last `weeks` weeks, the newest week first, each with its units."""
    found = []
    this_week = week_of(today)
    for back in range(weeks):
        found += spikes_in(this_week - dt.timedelta(weeks=back))
    for spike in found:
        spike.units = list(
            counted()
            .filter(word=spike.word, week=spike.week)
            .values_list("message__handling_unit__name")
            .annotate(n=Count("message_id"))
            .order_by("-n")
        )
    return found


def messages_of(word: str, week: dt.date, *, viewer):
    """A flagged topic's messages in its week. The press office sees every one; a leader sees
    the same without 检举 (信访工作条例 第三十条: never shown beyond those who handle it)."""
    messages = Message.objects.filter(topic_rows__word=word, topic_rows__week=week).exclude(
        status=MessageStatus.DECLINED
    )
    if not viewer.has_role(Role.PRESS_OFFICE):
        messages = messages.exclude(category=Category.REPORT)
    return messages.select_related("handling_unit").order_by("submitted_at")


def merge_alike(spikes: list[Spike]) -> list[Spike]:
    """Words of one week found in exactly the same messages (电动 and 自行车 of 电动自行车) are
    one problem: shown once, the other words beside the first. Needs `spike.messages`."""
    shown = {}
    for spike in spikes:
        key = (spike.week, tuple(m.pk for m in spike.messages))
        if key in shown:
            shown[key].also.append(spike.word)
        else:
            spike.also, shown[key] = [], spike
    return list(shown.values())


def _spike_or_refuse(word: str, week: dt.date) -> Spike:
    for spike in spikes_in(week_of(week)):
        if spike.word == word:
            return spike
    raise DomainError(f"“{word}”在该周没有形成集中反映的信号，请从信号列表中选择")


def _summary(spike: Spike) -> str:
    return (
        f"{cn_date(spike.week)}起的一周，留言主题“{spike.word}”出现{spike.count}件，"
        f"前{BASELINE_WEEKS}周平均每周{spike.average:.1f}件"
    )


def seed_item_8_assignment(year: int, unit):
    """The press office's share of seed item 8 (领导留言办理) in the year's ledger, if any."""
    from gongkai.plans.models import Assignment

    return (
        Assignment.objects.filter(task__plan__year=year, task__number=8, unit=unit)
        .select_related("task")
        .order_by("-task__plan__imported_at")
        .first()
    )


@transaction.atomic
def note_in_ledger(*, by, word: str, week: dt.date, text: str = ""):
    """记入台账: a progress entry on seed item 8 (加强梳理分析和对策研究) for the press office's
    assignment, keeping the status the office last reported."""
    if not by.has_role(Role.PRESS_OFFICE):
        raise DomainError("只有新闻处（政务公开管理员）可以将留言主题记入台账")
    spike = _spike_or_refuse(word, week)
    assignment = seed_item_8_assignment(spike.week.year, by.unit)
    if assignment is None:
        raise DomainError(
            f"{spike.week.year}年工作台账中没有本处室承担的第8项任务（领导留言办理），"
            "请先导入年度工作要点"
        )
    link = reverse("mailbox_reports:signals") + f"?week={spike.week.isoformat()}"
    body = f"留言梳理分析：{_summary(spike)}。" + (f"{text.strip()}" if text.strip() else "")
    progress = assignment.report_progress(by=by, text=body, status=assignment.status, links=link)
    audit.record(
        by,
        "message.topic_note",
        assignment.task,
        unit=by.unit,
        word=spike.word,
        week=spike.week.isoformat(),
        count=spike.count,
        progress=progress.pk,
    )
    return progress


@transaction.atomic
def draft_interpretation(*, by, word: str, week: dt.date):
    """转为政策解读: a draft 政策解读 of the press office's unit, with the topic's figures and
    the published replies on it as a starting point. It is a draft: it goes through 一审、二审、
    三审 like any document and is never published from here."""
    from gongkai.publications.models import Category as DocCategory
    from gongkai.publications.models import Document, Kind

    if not by.has_role(Role.PRESS_OFFICE):
        raise DomainError("只有新闻处（政务公开管理员）可以起草政策解读")
    spike = _spike_or_refuse(word, week)
    replies = list(
        Message.objects.published()
        .filter(topic_rows__word=spike.word)
        .values_list("public_subject", flat=True)[:5]
    )
    paragraphs = [
        f"近期，群众通过领导信箱集中反映“{spike.word}”有关问题（{_summary(spike)}）。"
        "现就有关政策解读如下。",
        "一、群众关心的主要问题",
    ]
    paragraphs += [f"（{i}）{subject}" for i, subject in enumerate(replies, 1)] or ["（待补充）"]
    paragraphs += ["二、政策依据", "（待补充）", "三、有关工作安排", "（待补充）"]
    document = Document.create_draft(
        by=by,
        unit=by.unit,
        title=f"关于群众关注的“{spike.word}”有关问题的政策解读",
        kind=Kind.INTERPRETATION,
        category=DocCategory.REGULATIONS_NORMATIVE_DOCS,
        written_on=timezone.localdate(),
        body="".join(f"<p>{p}</p>" for p in paragraphs),
    )
    audit.record(
        by,
        "message.topic_interpretation",
        document,
        word=spike.word,
        week=spike.week.isoformat(),
        count=spike.count,
    )
    return document
