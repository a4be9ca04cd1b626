"""The ledger picks a task's evidence by what the task says, not by the seed plan's numbers, and
the press office can correct it on the task (issue 14)."""

from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.plans.models import Assignment, Plan, Task
from gongkai.site.tests.test_wiring import _draft, _publish


def _task(cast, plan, number, requirement):
    task = Task.objects.create(plan=plan, number=number, requirement=requirement)
    Assignment.objects.create(task=task, unit=cast.units["法规处"], role=Assignment.Role.LEAD)
    return task


def _page(client, task):
    return client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()


def test_a_task_gets_the_evidence_its_words_name_whatever_its_number(client, cast):
    document = _publish(cast, _draft(cast, "关于开展安全生产大检查的通知"))
    plan = Plan.objects.create(
        year=timezone.localdate().year, title="另一单位的方案", source_sha256="1" * 64
    )
    review = _task(cast, plan, 7, "完善政府信息公开保密审查制度，严格先审后发")
    other = _task(cast, plan, 19, "优化政务新媒体矩阵")
    client.force_login(cast.clerk)
    assert f"关于开展安全生产大检查的通知（{document.index_no}）" in _page(client, review)
    assert "关于开展安全生产大检查的通知" not in _page(client, other)


def test_the_press_office_corrects_a_tasks_evidence_kinds(client, cast):
    _publish(cast, _draft(cast, "关于开展安全生产大检查的通知"))
    plan = Plan.objects.create(
        year=timezone.localdate().year, title="另一单位的方案", source_sha256="2" * 64
    )
    task = _task(cast, plan, 3, "优化政务新媒体矩阵")
    client.force_login(cast.press)
    url = reverse("plans:task_evidence_kinds", args=[task.pk])
    assert client.post(url, {"kinds": ["保密审查"]}).status_code == 302
    task.refresh_from_db()
    assert task.evidence_kinds == ["保密审查"]
    assert "关于开展安全生产大检查的通知" in _page(client, task)
    entry = AuditEntry.objects.get(action="task.evidence_kinds")
    assert (entry.before, entry.after) == ({"kinds": []}, {"kinds": ["保密审查"]})
    client.force_login(cast.clerk)
    assert client.post(url, {"kinds": []}).status_code == 403
    task.refresh_from_db()
    assert task.evidence_kinds == ["保密审查"]
