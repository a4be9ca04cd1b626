"""The ledger's part of `gongkai remind`: due-soon and overdue shares of tasks."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.core.models import User
from gongkai.core.notifications import notify
from gongkai.core.selectors import units_staff
from gongkai.lib.cndate import cn_date
from gongkai.plans.models import Assignment


def sweep(*, today: dt.date, days: int) -> list[str]:
    """Notify each unit's clerks and head once per share and state; return one line per share."""
    due = Assignment.objects.select_related("task", "unit")
    overdue = list(due.overdue(today))
    soon = list(due.due_within(today, days))
    people = _people_by_unit({a.unit_id for a in overdue + soon})
    lines = []
    for assignment, state in [(a, "overdue") for a in overdue] + [(a, "due") for a in soon]:
        task = assignment.task
        when = "已逾期" if state == "overdue" else "即将到期"
        text = (
            f"{when}：{assignment.unit}承担的第{task.number}项任务"
            f"（{cn_date(task.due_date)}到期）尚未完成"
        )
        link = reverse("plans:task_detail", args=[task.pk])
        for user in people.get(assignment.unit_id, []):
            notify(
                user=user,
                key=f"plans.assignment:{assignment.pk}:{state}:{task.due_date}",
                text=text,
                link=link,
            )
        lines.append(
            f"{when}\t{task.due_date}\t{assignment.unit}\t第{task.number}项\t{task.requirement[:30]}"
        )
    return lines


def _people_by_unit(unit_ids) -> dict[int, list[User]]:
    people: dict[int, list[User]] = {}
    for user in units_staff(unit_ids):
        people.setdefault(user.unit_id, []).append(user)
    return people
