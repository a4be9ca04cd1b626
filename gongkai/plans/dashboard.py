"""The ledger's section of the staff dashboard: my unit's tasks, the current plan's first."""

from django.db import models
from django.utils import timezone

from gongkai.plans.models import OPEN_STATUSES, Assignment

SHOWN = 10


def my_tasks(user):
    """Counts from the database over every plan (not over the rows shown); the rows: this
    year's plan first, overdue and nearest first within it, then older plans' leftovers."""
    if user.unit_id is None:
        return None
    today = timezone.localdate()
    mine = Assignment.objects.filter(unit_id=user.unit_id)
    this_year_first = models.Case(models.When(task__plan__year=today.year, then=0), default=1)
    rows = list(
        mine.open()
        .select_related("task", "task__plan")
        .order_by(
            this_year_first,
            "-task__plan__year",
            models.F("task__due_date").asc(nulls_last=True),
            "task__number",
        )[:SHOWN]
    )
    overdue = models.Q(task__due_date__lt=today)
    plans = (
        mine.filter(status__in=OPEN_STATUSES)
        .values("task__plan", "task__plan__year", "task__plan__title")
        .annotate(open=models.Count("pk"), overdue=models.Count("pk", filter=overdue))
        .order_by("-task__plan__year", "-task__plan")
    )
    return {
        "template": "plans/_dashboard.html",
        "title": f"{user.unit}的工作任务",
        "rows": rows,
        "today": today,
        "unit_id": user.unit_id,
        "overdue": sum(p["overdue"] for p in plans),
        "open_total": sum(p["open"] for p in plans),
        "plans": plans,
    }
