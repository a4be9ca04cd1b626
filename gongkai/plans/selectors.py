"""Reading the ledger: which tasks a user sees, filtered, with their units in few queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, QuerySet

from gongkai.plans.models import OPEN_STATUSES, Assignment, Plan, Progress, Task


def visible_tasks(user) -> QuerySet[Task]:
    """Tasks assigned to the user's unit; every task for bureau-wide roles."""
    if user.sees_all_units:
        return Task.objects.all()
    return Task.objects.filter(assignments__unit_id=user.unit_id)


def ledger_tasks(
    plan: Plan, user, *, today: dt.date, unit=None, status: str = "", due_month=None
) -> QuerySet[Task]:
    tasks = visible_tasks(user).filter(plan=plan)
    shares = Assignment.objects.filter(task__plan=plan)
    if unit is not None:
        shares = shares.filter(unit=unit)
    if status == "overdue":
        shares = shares.filter(status__in=OPEN_STATUSES, task__due_date__lt=today)
    elif status:
        shares = shares.filter(status=status)
    if unit is not None or status:
        tasks = tasks.filter(pk__in=shares.values("task_id"))
    if due_month:
        tasks = tasks.filter(due_date__month=due_month)
    assignments = Assignment.objects.select_related("unit").order_by("role", "unit__order")
    return (
        tasks.order_by("number")
        .select_related("plan")  # each share's state names its plan's year (逾期未完成)
        .prefetch_related(Prefetch("assignments", queryset=assignments))
    )


def task_history(task: Task) -> QuerySet[Progress]:
    return (
        Progress.objects.filter(assignment__task=task)
        .select_related("author", "assignment__unit")
        .prefetch_related("evidence")
    )


def plan_completion(plan: Plan, user) -> dict[str, int]:
    """Shares of tasks by status (the user's unit's, or all for bureau-wide roles), in SQL."""
    shares = Assignment.objects.filter(task__plan=plan)
    if not user.sees_all_units:
        shares = shares.filter(unit_id=user.unit_id)
    rows = shares.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def share_summary(task: Task, own_unit_id) -> dict:
    """For the ledger table: lead units and the user's own share in full, supporting units
    counted by status (a task "各处室、直属单位配合" has seventeen of them)."""
    lead, own, support = [], None, {}
    for share in task.assignments.all():  # prefetched
        if share.unit_id == own_unit_id:
            own = share
        if share.role == Assignment.Role.LEAD:
            lead.append(share)
        else:
            label = share.get_status_display()
            support[label] = support.get(label, 0) + 1
    return {"lead": lead, "own": own if own not in lead else None, "support": support}
