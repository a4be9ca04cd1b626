"""The ledger's section of the staff dashboard: my unit's tasks, overdue first."""

from django.utils import timezone

from gongkai.plans.models import Assignment


def my_tasks(user):
    if user.unit_id is None:
        return None
    today = timezone.localdate()
    mine = Assignment.objects.filter(unit_id=user.unit_id).select_related("task", "task__plan")
    rows = list(mine.open().by_urgency()[:10])
    return {
        "template": "plans/_dashboard.html",
        "title": f"{user.unit}的工作任务",
        "rows": rows,
        "today": today,
        "overdue": sum(a.is_overdue(today) for a in rows),
        "open_total": mine.open().count(),
    }
