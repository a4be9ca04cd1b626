"""佐证类别 changed from two pages: the row is locked and re-read, so the audit entry's "before"
is what the task held at the change, not what a stale page loaded (probe 9 finding 8)."""

from pathlib import Path

import pytest

from gongkai.core.models import AuditEntry
from gongkai.plans import services
from gongkai.plans.models import Task

SEED = Path(__file__).parents[1] / "seed" / "guangzhou-yjj-2022.txt"
pytestmark = pytest.mark.django_db


def test_the_before_of_a_second_change_is_the_first_changes_after(cast):
    plan = services.plan_import(
        by=cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022
    ).plan
    task = plan.tasks.get(number=12)
    first, second = (Task.objects.get(pk=task.pk) for _ in range(2))  # two pages open
    services.task_set_evidence_kinds(by=cast.press, task=first, kinds=["政策解读"])
    services.task_set_evidence_kinds(by=cast.press_head, task=second, kinds=["列席会议"])
    entries = list(AuditEntry.objects.filter(action="task.evidence_kinds").order_by("id"))
    assert [e.after for e in entries] == [{"kinds": ["政策解读"]}, {"kinds": ["列席会议"]}]
    assert entries[1].before == {"kinds": ["政策解读"]}
    task.refresh_from_db()
    assert task.evidence_kinds == ["列席会议"]
