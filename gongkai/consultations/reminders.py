"""意见征集's part of `gongkai remind`: a closed consultation whose 采纳情况 feedback is due
within `days` working days or overdue (CONSULTATION_FEEDBACK_WORKDAYS after the closing day
[UNVERIFIED], participation.md §10.4) is brought to its unit and the press office, once per
consultation and state (due soon, overdue)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.consultations.models import Consultation, Phase
from gongkai.core.calendar import workday_calendar
from gongkai.core.notifications import notify
from gongkai.core.selectors import disclosure_office, unit_staff
from gongkai.lib.cndate import cn_date


def sweep(*, today: dt.date, days: int) -> list[str]:
    calendar = workday_calendar(provisional=True)
    closed = Consultation.objects.filter(
        opened_at__isnull=False,
        concluded_at__isnull=True,
        document__withdrawn_at__isnull=True,
        closes_on__lt=today,
    ).select_related("unit", "document")
    lines = []
    office = list(disclosure_office())
    for consultation in closed:
        if consultation.phase() != Phase.CLOSED:
            continue
        clock = consultation.feedback_clock(today, calendar)
        if clock is None or (not clock.overdue and clock.left > days):
            continue
        state = "overdue" if clock.overdue else "due"
        when = "已超期" if clock.overdue else f"剩余{clock.left}个工作日"
        text = (
            f"意见征集《{consultation.draft_title}》的意见采纳情况反馈应于{cn_date(clock.due)}前"
            f"发布（{when}）"
        )
        link = reverse("consultations:detail", args=[consultation.pk])
        for user in [*unit_staff(consultation.unit), *office]:
            notify(
                user=user,
                key=f"consultations:{consultation.pk}:feedback:{state}",
                text=text,
                link=link,
            )
        lines.append(f"{when}\t{clock.due}\t{consultation.unit}\t{consultation.draft_title[:30]}")
    return lines
