"""留言受理反馈情况统计 (participation.md §9.2: "做好受理反馈情况公开……以及有关统计数据"): the
figures of one year, by month, category and unit, counted in the database, and the national
website checks they answer. No personal data: counts only, so 检举 is counted and never listed.

Working days need the bureau's calendar (the package's holidays under the admin's overrides),
which lives in Python. The database gives, per group, how many answered messages came in and
were answered on each day; a day's ordinal in the working calendar then turns those per-day
counts into the group's total: Σ working days = Σ ord(答复日) − Σ ord(留言日). The work grows
with the days of the year, not with the number of messages.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    Value,
    When,
)
from django.utils import timezone

from gongkai.core.calendar import workday_calendar
from gongkai.lib.cndate import cn_date
from gongkai.mailbox.models import (
    OPEN,
    Category,
    Message,
    MessageStatus,
    Satisfaction,
)

UNASSIGNED = "未交办"


def _counts() -> dict:
    """The columns of every table, as database aggregates."""
    answered = Q(replied_on__isnull=False)
    return {
        "received": Count("pk"),
        "valid": Count("pk", filter=~Q(status=MessageStatus.DECLINED)),
        "accepted": Count("pk", filter=Q(accepted_on__isnull=False)),
        "declined": Count("pk", filter=Q(status=MessageStatus.DECLINED)),
        "routed": Count("pk", filter=Q(status__in=(MessageStatus.ROUTED, MessageStatus.MERGED))),
        "answered": Count("pk", filter=answered),
        "timed": Count("pk", filter=answered & TIMED),
        "on_time": Count("pk", filter=answered & TIMED & Q(replied_on__lte=F("due_date"))),
        "pending": Count("pk", filter=Q(status__in=OPEN)),
        "rated": Count("pk", filter=~Q(satisfaction="")),
        "satisfied": Count(
            "pk", filter=Q(satisfaction__in=(Satisfaction.SATISFIED, Satisfaction.BASIC))
        ),
    }


# Reply times leave merged duplicates aside: the reply they got was written for another message.
TIMED = ~Q(status=MessageStatus.MERGED)


def _of_year(year: int):
    """Messages that came in during `year` (留言日期, Asia/Shanghai)."""
    return Message.objects.filter(
        submitted_on__gte=dt.date(year, 1, 1), submitted_on__lte=dt.date(year, 12, 31)
    )


def _month(year: int) -> Case:
    """The month of 留言日期 by plain date comparisons (SQLite extracts it row by row)."""
    whens = [When(submitted_on__lt=dt.date(year, m + 1, 1), then=Value(m)) for m in range(1, 12)]
    return Case(*whens, default=Value(12), output_field=IntegerField())


class WorkdayOrdinals:
    """ord(day): working days from the start of the range up to and including `day`."""

    def __init__(self, first: dt.date, last: dt.date):
        calendar = workday_calendar(provisional=True)
        self.ordinal, total, day = {}, 0, first
        while day <= last:
            total += calendar.is_workday(day)
            self.ordinal[day] = total
            day += dt.timedelta(days=1)

    def __getitem__(self, day: dt.date) -> int:
        return self.ordinal[day]


def _answered(messages):
    return messages.filter(TIMED, replied_on__isnull=False)


def _ordinals(messages) -> WorkdayOrdinals | None:
    span = _answered(messages).aggregate(
        first=Min("submitted_on"), earliest=Min("replied_on"), last=Max("replied_on")
    )
    if span["last"] is None:
        return None
    return WorkdayOrdinals(min(span["first"], span["earliest"]), span["last"])


def _day_sums(messages, key: str, ordinals) -> dict:
    """{group: [working days, calendar days, answered messages]}, the days from 留言日 to 答复日
    added up: Σ ord(答复日) − Σ ord(留言日) over two per-day counts."""
    sums = defaultdict(lambda: [0, 0, 0])
    if ordinals is None:
        return sums
    answered = _answered(messages)
    for group, day, n in answered.values_list(key, "replied_on").annotate(n=Count("pk")).order_by():
        sums[group][0] += n * ordinals[day]
        sums[group][1] += n * day.toordinal()
        sums[group][2] += n
    for group, day, n in (
        answered.values_list(key, "submitted_on").annotate(n=Count("pk")).order_by()
    ):
        sums[group][0] -= n * ordinals[day]
        sums[group][1] -= n * day.toordinal()
    return sums


def _rows(messages, key: str, labels: dict, ordinals) -> tuple[list[dict], dict]:
    grouped = messages.values(key).annotate(**_counts()).order_by(key)
    sums = _day_sums(messages, key, ordinals)
    rows = [
        _finish(row, label=labels.get(row[key], row[key]), sums=sums.get(row[key]))
        for row in grouped
    ]
    return rows, sums


def _finish(row: dict, *, label, sums) -> dict:
    workdays, days, n = sums or (0, 0, 0)
    row.update(
        label=label if label is not None else UNASSIGNED,
        workdays=workdays / n if n else None,
        calendar_days=days / n if n else None,
        on_time_rate=_percent(row["on_time"], row["timed"]),
        satisfaction_rate=_percent(row["satisfied"], row["rated"]),
    )
    return row


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def year_table(year: int) -> dict:
    """The year by month of 留言时间, by category, by handling unit, and in total."""
    messages = _of_year(year)
    ordinals = _ordinals(messages)
    months = messages.annotate(month=_month(year))
    month_rows, _ = _rows(months, "month", {m: f"{m}月" for m in range(1, 13)}, ordinals)
    by_month = {row["month"]: row for row in month_rows}
    categories, sums = _rows(messages, "category", dict(Category.choices), ordinals)
    units, _ = _rows(messages, "handling_unit__name", {}, ordinals)
    year_sums = [sum(column) for column in zip(*sums.values(), strict=True)] if sums else None
    total = _finish(messages.aggregate(**_counts()), label="全年", sums=year_sums)
    return {
        "year": year,
        "months": [by_month.get(m) or _empty(f"{m}月") for m in range(1, 13)],
        "categories": categories,
        "units": units,
        "total": total,
    }


def _empty(label: str) -> dict:
    return _finish(dict.fromkeys(_counts(), 0), label=label, sums=None)


# 国办秘函〔2019〕19号: "超过3个月未回应有效留言" fails the site. Counted as 90 days, the shortest
# three months can be, so the page never says "符合" on a day the inspectors would not.
THREE_MONTHS_DAYS = 90
# 国管局 self-check: "在监测时间点前2个月内未更新留言答复，扣3分" — 59 days, the shortest.
TWO_MONTHS_DAYS = 59


def inspection_checks(today: dt.date) -> list[dict]:
    """The national website checks that the handling figures answer (participation.md §9.2),
    each with what it asks, the bureau's figure as of `today`, and whether it is met."""
    since = today - dt.timedelta(days=365)
    cutoff = today - dt.timedelta(days=THREE_MONTHS_DAYS)
    received = Message.objects.annotate(received_day=F("submitted_on"))
    unanswered = received.filter(status__in=OPEN, received_day__lt=cutoff).count()
    late = (
        received.filter(received_day__gte=since, replied_on__isnull=False)
        .annotate(
            took=ExpressionWrapper(
                F("replied_on") - F("received_day"), output_field=DurationField()
            )
        )
        .filter(took__gt=dt.timedelta(days=THREE_MONTHS_DAYS))
        .count()
    )
    last_published = Message.objects.published().aggregate(last=Max("published_at"))["last"]
    publishable = Message.objects.filter(
        status=MessageStatus.REPLIED, publish_consent=True, replied_on__gte=since
    ).exclude(category=Category.REPORT)
    recent = last_published is not None and (
        timezone.localtime(last_published).date() >= today - dt.timedelta(days=TWO_MONTHS_DAYS)
    )
    slow_consults = (
        Message.objects.filter(category=Category.CONSULT, replied_on__gte=since)
        .filter(replied_on__gt=F("due_date"))
        .count()
    )
    consult_days = settings.MESSAGE_REPLY_WORKDAYS.get(Category.CONSULT, 5)
    return [
        {
            "rule": "有效留言超过3个月未回应（单项否决）",
            "source": "国办秘函〔2019〕19号 政府网站检查指标：互动回应差",
            "figure": (
                f"现有超过3个月未答复的有效留言{unanswered}件；近一年答复用时超过3个月的{late}件"
            ),
            "ok": unanswered == 0 and late == 0,
        },
        {
            "rule": "2个月内更新留言答复",
            "source": "国管局自查：监测时间点前2个月内未更新留言答复，扣3分",
            "figure": (
                f"最近一次公开留言答复：{cn_date(timezone.localtime(last_published).date())}"
                if last_published
                else "尚未公开留言答复"
            ),
            "ok": recent or not publishable.exists(),
        },
        {
            "rule": f"简单常见咨询{consult_days}个工作日内答复",
            "source": "省级检查通报（湖南2022年第二季度）",
            "figure": f"近一年超过答复期限的咨询类留言{slow_consults}件",
            "ok": slow_consults == 0,
        },
        {
            "rule": "公开留言受理反馈情况统计数据",
            "source": "国管局自查：留言受理反馈情况统计数据已公开",
            "figure": "本页按月、按类型、按办理单位公开",
            "ok": True,
        },
    ]
