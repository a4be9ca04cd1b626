"""The applications' part of `gongkai remind` and of the staff dashboard."""

from __future__ import annotations

import datetime as dt

from gongkai.core.selectors import disclosure_office, unit_staff
from gongkai.disclosure_requests.models import (
    CaseStatus,
    Consultation,
    DisclosureRequest,
    FeeNotice,
)
from gongkai.disclosure_requests.selectors import visible_requests
from gongkai.lib.cndate import cn_date
from gongkai.lib.request_clock import SILENCE


def due_cases(today: dt.date, days: int):
    """Open cases past or within `days` calendar days of their statutory due date (indexed)."""
    return (
        DisclosureRequest.objects.open()
        .filter(due_date__lte=today + dt.timedelta(days=days))
        .select_related("handling_unit")
    )


def sweep(*, today: dt.date, days: int) -> list[str]:
    """Tell the disclosure office and the handling unit's clerks and head, once a case and state."""
    office = list(disclosure_office())
    lines = []
    for case in due_cases(today, days):
        state = "overdue" if case.due_date < today else "due"
        when = "已超过答复期限" if state == "overdue" else "即将到期"
        provisional = "（暂定，节假日安排录入后重新计算）" if case.due_provisional else ""
        text = (
            f"{when}：依申请公开 {case.tracking_no} 答复期限为{cn_date(case.due_date)}{provisional}"
        )
        people = office + list(unit_staff(case.handling_unit)) if case.handling_unit_id else office
        case.notify(people, key=f"{state}:{case.due_date}", text=text)
        lines.append(
            f"{when}\t{case.due_date}\t{case.handling_unit or '未交办'}\t{case.tracking_no}"
        )
    return lines


def sweep_periods(*, today: dt.date, days: int) -> list[str]:
    """Periods given to others that have run out: the office decides what follows — 逾期不补正
    (第三十条), 逾期未缴费 (109号), consultation silence (第三十二条、第三十四条)."""
    office = list(disclosure_office())
    ended = (
        [
            (
                case,
                "supplement",
                case.supplement_due,
                "补正期限已届满，申请人未补正：可依第三十条视为放弃申请（逾期不补正）",
            )
            for case in DisclosureRequest.objects.filter(
                status=CaseStatus.AWAITING_SUPPLEMENT, supplement_due__lt=today
            )
        ]
        + [
            (
                notice.case,
                "fee",
                notice.payment_due,
                "缴费期限已届满，申请人未缴费：可依109号视为放弃申请（逾期未缴费）",
            )
            for notice in FeeNotice.objects.filter(
                settled_on__isnull=True, received_on__isnull=False, payment_due__lt=today
            ).select_related("case")
        ]
        + [
            (
                c.case,
                "consultation",
                c.reply_due,
                f"征求{c.party}意见的15个工作日已届满，未收到意见：{SILENCE[c.kind]}",
            )
            for c in Consultation.objects.filter(
                answered_on__isnull=True, lapsed=False, reply_due__lt=today
            ).select_related("case")
        ]
    )
    lines = []
    for case, kind, day, what in ended:
        text = f"依申请公开 {case.tracking_no}：{what}（期限{cn_date(day)}）"
        case.notify(office, key=f"{kind}-ended:{day}", text=text)
        lines.append(f"期限届满\t{day}\t{case.tracking_no}\t{what}")
    return lines


def sweep_internal(*, today: dt.date, days: int) -> list[str]:
    """The handling unit's own deadline (内部期限): its clerks and head are told first."""
    cases = DisclosureRequest.objects.filter(
        status=CaseStatus.HANDLING, internal_due__lte=today + dt.timedelta(days=days)
    )
    lines = []
    for case in cases.select_related("handling_unit"):
        state = "overdue" if case.internal_due < today else "due"
        text = (
            f"承办提醒：依申请公开 {case.tracking_no} 的内部办理期限为{cn_date(case.internal_due)}"
        )
        case.notify(
            unit_staff(case.handling_unit), key=f"internal-{state}:{case.internal_due}", text=text
        )
        lines.append(f"内部期限\t{case.internal_due}\t{case.handling_unit}\t{case.tracking_no}")
    return lines


def dashboard(user):
    """待办申请 (在办申请 for the read-only 审计查阅): the open cases this user may see
    (visible_requests): the office's and the 审计查阅's every one, a unit's its own."""
    cases = visible_requests(user).open()
    if not cases.exists():
        return None
    from django.utils import timezone

    today = timezone.localdate()
    urgent = cases.by_days_left()  # most urgent first, whatever the window
    return {
        "template": "disclosure_requests/_dashboard.html",
        # a read-only role (审计查阅) has nothing 待办: it reads what is in hand (在办)
        "title": "依申请公开：在办申请" if user.is_read_only else "依申请公开：待办申请",
        "rows": list(urgent.select_related("handling_unit")[:8]),
        "open_total": cases.count(),
        "overdue": cases.filter(due_date__lt=today).count(),
        "today": today,
    }
