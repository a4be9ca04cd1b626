"""Staff pages of the work ledger."""

from django.shortcuts import get_object_or_404, render

from gongkai.core.access import scope_to_unit, staff_required
from gongkai.plans.models import Assignment, Plan, Task


@staff_required
def plan_list(request):
    return render(request, "plans/plan_list.html", {"plans": Plan.objects.all()})


def _get_task_for_user(request, pk) -> Task:
    """404 unless the task is assigned to the user's unit (or the user sees all units)."""
    visible = scope_to_unit(Assignment.objects.all(), request.user).values("task_id")
    return get_object_or_404(Task.objects.select_related("plan").filter(pk__in=visible), pk=pk)


@staff_required
def task_detail(request, pk):
    task = _get_task_for_user(request, pk)
    return render(request, "plans/task_detail.html", {"task": task})
