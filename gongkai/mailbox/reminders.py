"""The mailbox's part of `gongkai remind` and of the staff dashboard: replies due soon or late,
and the two alarms of the national website checks (participation.md §9.2, §9.5):

- a valid message still open MESSAGE_UNANSWERED_ALARM_DAYS (60) days after it came in (or after
  it was reopened), well inside the 3 months that fail the site outright;
- a reply the writer agreed to publish, neither published nor withheld with a reason,
  MESSAGE_UNPUBLISHED_ALARM_DAYS (30) days after it was released (2 months lose points).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, F, Q, When
from django.utils import timezone

from gongkai.core.roles import Role
from gongkai.core.selectors import disclosure_office, unit_staff
from gongkai.lib.cndate import cn_date
from gongkai.mailbox.models import Category, Message, MessageStatus


def due_messages(today: dt.date, days: int):
    """Open messages past or within `days` calendar days of their reply date (indexed)."""
    return (
        Message.objects.open()
        .filter(due_date__lte=today + dt.timedelta(days=days))
        .select_related("handling_unit")
    )


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def unanswered_too_long(today: dt.date):
    """Valid open messages more than the alarm's days old: received (or reopened) before
    today − 60 days, so a message of day 0 rings on day 61, not on day 60."""
    line = today - dt.timedelta(days=settings.MESSAGE_UNANSWERED_ALARM_DAYS)
    return Message.objects.open().filter(
        Q(reopened_on__isnull=True, submitted_at__lt=_start_of(line)) | Q(reopened_on__lt=line)
    )


def unpublished_too_long(today: dt.date):
    """Released replies the writer agreed to publish, neither published nor withheld with one of
    the four reasons, more than the alarm's days after release."""
    line = today - dt.timedelta(days=settings.MESSAGE_UNPUBLISHED_ALARM_DAYS)
    return Message.objects.filter(
        status=MessageStatus.REPLIED,
        publish_consent=True,
        published_at__isnull=True,
        not_published_reason="",
        replied_on__lt=line,
    ).exclude(category=Category.REPORT)


def _people(message, office):
    return office + list(unit_staff(message.handling_unit)) if message.handling_unit_id else office


def sweep(*, today: dt.date, days: int) -> list[str]:
    """Tell the handling unit's clerks and head and the press office, once a message and state."""
    office = list(disclosure_office())
    lines = []
    for message in due_messages(today, days):
        state = "overdue" if message.due_date < today else "due"
        when = "已超过答复期限" if state == "overdue" else "即将到期"
        text = f"{when}：留言 {message.tracking_no} 答复期限为{cn_date(message.due_date)}"
        message.notify(_people(message, office), key=f"{state}:{message.due_date}", text=text)
        lines.append(
            f"留言{when}\t{message.due_date}\t{message.handling_unit}\t{message.tracking_no}"
        )
    unanswered_days = settings.MESSAGE_UNANSWERED_ALARM_DAYS
    for message in unanswered_too_long(today).select_related("handling_unit"):
        since = message.reopened_on or message.received_on
        text = (
            f"警示：留言 {message.tracking_no} 自{cn_date(since)}起已超过{unanswered_days}日未答复"
            "（政府网站检查：有效留言超过3个月未回应即单项否决）"
        )
        message.notify(_people(message, office), key=f"alarm-unanswered:{since}", text=text)
        lines.append(
            f"超{unanswered_days}日未答复\t{since}\t"
            f"{message.handling_unit or '未交办'}\t{message.tracking_no}"
        )
    unpublished_days = settings.MESSAGE_UNPUBLISHED_ALARM_DAYS
    for message in unpublished_too_long(today):
        text = (
            f"警示：留言 {message.tracking_no} 已于{cn_date(message.replied_on)}答复，"
            f"超过{unpublished_days}日未公开，也未说明不予公开的理由"
        )
        message.notify(office, key=f"alarm-unpublished:{message.replied_on}", text=text)
        lines.append(
            f"答复超{unpublished_days}日未公开\t{message.replied_on}\t{message.tracking_no}"
        )
    return lines


def visible_open(user):
    """Open messages this user works on: all for the press office, the unit's own for its
    clerks and head (a 检举 is never assigned to the unit it names); all for the 签发领导 the
    mailbox is addressed to and, to read, for the 审计查阅 (read-only), as every list of the
    mailbox gives them (selectors.visible_messages)."""
    if user.has_role(Role.PRESS_OFFICE, Role.LEADER, Role.AUDITOR):
        return Message.objects.open()
    if user.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return Message.objects.open().filter(handling_unit_id=user.unit_id)
    return Message.objects.none()


def dashboard(user):
    messages = visible_open(user)
    if not messages.exists():
        return None
    today = timezone.localdate()
    # 集中反映的问题 opens for the office and the leaders only (report_views.SIGNAL_READERS)
    signals = user.has_role(Role.PRESS_OFFICE, Role.LEADER)
    office_wide = user.has_role(Role.PRESS_OFFICE, Role.LEADER, Role.AUDITOR)  # to read
    to_screen_first = Case(When(status=MessageStatus.RECEIVED, then=0), default=1)
    urgent = messages.order_by(to_screen_first, F("due_date").asc(nulls_last=True), "submitted_at")
    return {
        "template": "mailbox/_dashboard.html",
        # a read-only role (审计查阅) has nothing 待办: it reads what is in hand (在办)
        "title": "领导信箱：在办留言" if user.is_read_only else "领导信箱：待办留言",
        "rows": list(urgent.select_related("handling_unit")[:8]),
        "open_total": messages.count(),
        "overdue": messages.filter(due_date__lt=today).count(),
        "unanswered_alarm": unanswered_too_long(today).filter(pk__in=messages).count(),
        "unpublished_alarm": unpublished_too_long(today).count() if office_wide else 0,
        "alarm_days": settings.MESSAGE_UNANSWERED_ALARM_DAYS,
        "publish_days": settings.MESSAGE_UNPUBLISHED_ALARM_DAYS,
        "today": today,
        "signals": signals,
    }
