"""Writing the ledger: importing a plan (one transaction) and choosing units for 相关处室."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.units import resolve_unit_names
from gongkai.plans.importers import PlanImportError, parse_plan_file
from gongkai.plans.importers.base import ParsedItem, ParsedPlan
from gongkai.plans.models import Assignment, Plan, Progress, Task


@dataclass
class ImportResult:
    plan: Plan
    created: bool  # False: this very file was imported before, nothing changed
    parsed: ParsedPlan | None = None  # the parse, when one was made


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plan_parse(*, data: bytes, filename: str, year: int) -> ParsedPlan:
    if not 2000 <= year <= 2100:
        raise PlanImportError(f"年度不正确：{year}")
    return parse_plan_file(data, filename, year)


def plan_import(*, by, data: bytes, filename: str, year: int) -> ImportResult:
    """Parse and save a plan file. Importing the same file again changes nothing."""
    existing = Plan.objects.filter(source_sha256=fingerprint(data)).first()
    if existing:
        return ImportResult(existing, created=False)
    parsed = plan_parse(data=data, filename=filename, year=year)
    plan = plan_create(by=by, parsed=parsed, source_name=filename, source_sha256=fingerprint(data))
    return ImportResult(plan, created=True, parsed=parsed)


@transaction.atomic
def plan_create(*, by, parsed: ParsedPlan, source_name: str, source_sha256: str) -> Plan:
    """Save the (possibly corrected) parse as the year's ledger: all of it, or nothing."""
    if not parsed.items:
        raise PlanImportError("没有可导入的工作任务。")
    if Plan.objects.filter(source_sha256=source_sha256).exists():
        raise PlanImportError("该文件已经导入过，未作任何更改。")
    numbers = [item.number for item in parsed.items]
    if len(set(numbers)) != len(numbers):
        raise PlanImportError("任务序号有重复，请检查后再导入。")
    plan = Plan.objects.create(
        year=parsed.year,
        title=parsed.title[:200] or f"{parsed.year}年政务公开工作实施方案",
        source_name=source_name[:200],
        source_sha256=source_sha256,
        imported_by=by,
    )
    units = list(Unit.objects.active())
    tasks, shares = [], []
    for item in parsed.items:
        task, task_shares = _task_from_item(plan, item, units)
        tasks.append(task)
        shares.append(task_shares)
    Task.objects.bulk_create(tasks, batch_size=500)
    assignments = [
        Assignment(task=task, unit=unit, role=role)
        for task, task_shares in zip(tasks, shares, strict=True)
        for unit, role in task_shares
    ]
    Assignment.objects.bulk_create(assignments, batch_size=1000)
    audit.record(
        by,
        "plan.import",
        plan,
        after={"title": plan.title, "year": plan.year, "tasks": len(tasks)},
        source=source_name,
        flagged=sum(bool(t.flags) for t in tasks),
    )
    return plan


def _task_from_item(plan: Plan, item: ParsedItem, units: list[Unit]):
    lead = resolve_unit_names(item.lead_units, units)
    support = resolve_unit_names(item.support_units, units)
    flags = list(item.flags)
    for name in lead.unknown + support.unknown:
        flags.append(f"未识别的单位“{name}”，请在单位管理中添加别名或手工指定")
    shares = [(unit, Assignment.Role.LEAD) for unit in lead.units]
    shares += [(unit, Assignment.Role.SUPPORT) for unit in support.units if unit not in lead.units]
    task = Task(
        plan=plan,
        number=item.number,
        section=item.section[:200],
        subsection=item.subsection[:200],
        requirement=item.requirement,
        measures=item.measures,
        deadline_text=item.deadline_text[:200],
        due_date=item.due_date,
        ongoing=item.ongoing,
        units_text=item.units_text[:500],
        units_to_choose=lead.to_choose + support.to_choose,
        note=item.note,
        flags=flags,
    )
    return task, shares


class ConfirmationNeeded(DomainError):
    """Removing units that already reported progress: the press office must say so explicitly."""

    def __init__(self, units: list[Unit]):
        self.units = units
        names = "、".join(unit.name for unit in units)
        super().__init__(
            f"{names}已报送进展，移除后其进展记录和佐证材料将一并删除。如确需移除，请勾选确认后再保存。"
        )


def current_units(task: Task) -> dict[str, list[int]]:
    """The task's units by role, as the assignment form's initial ticks."""
    shares = {"lead": [], "support": []}
    for unit_id, role in task.assignments.values_list("unit_id", "role"):
        shares["lead" if role == Assignment.Role.LEAD else "support"].append(unit_id)
    return shares


@transaction.atomic
def task_assign_units(
    *, by, task: Task, lead: list[Unit], support: list[Unit], confirm_remove_reported=False
) -> dict[str, list[str]]:
    """The press office chooses the units behind 相关处室 (and corrects any assignment).

    The ticks are the whole new assignment. A unit that already reported progress is removed
    only when the press office confirms it (its reports go with it: the audit entry keeps
    their text). Returns the changes {"added", "removed", "role_changed"} as unit names."""
    if not lead and not support:
        raise DomainError("请至少选择一个责任单位")
    current = {a.unit_id: a for a in task.assignments.select_related("unit").select_for_update()}
    wanted = {unit.pk: Assignment.Role.LEAD for unit in lead}
    for unit in support:
        wanted.setdefault(unit.pk, Assignment.Role.SUPPORT)
    leaving = [a for unit_id, a in current.items() if unit_id not in wanted]
    reported = [a for a in leaving if a.progress.exists()]
    if reported and not confirm_remove_reported:
        raise ConfirmationNeeded([a.unit for a in reported])
    removed_reports = [
        {
            "unit": p.assignment.unit.name,
            "time": p.created_at.isoformat(),
            "text": p.text,
            "files": [e.original_name for e in p.evidence.all()],
        }
        for p in Progress.objects.filter(assignment__in=reported).select_related("assignment__unit")
    ]
    units = {u.pk: u for u in [*lead, *support]}
    changes = {
        "added": [units[pk].name for pk in wanted if pk not in current],
        "removed": [a.unit.name for a in leaving],
        "role_changed": [
            a.unit.name for pk, a in current.items() if pk in wanted and a.role != wanted[pk]
        ],
    }
    before = sorted(f"{a.unit.name}:{a.role}" for a in current.values())
    Assignment.objects.filter(pk__in=[a.pk for a in leaving]).delete()
    for unit_id, role in wanted.items():
        Assignment.objects.update_or_create(task=task, unit_id=unit_id, defaults={"role": role})
    task.units_to_choose = []
    task.save(update_fields=["units_to_choose"])
    after = sorted(f"{a.unit.name}:{a.role}" for a in task.assignments.select_related("unit"))
    audit.record(
        by,
        "plan.assign_units",
        task,
        before={"units": before},
        after={"units": after},
        **changes,
        removed_reports=removed_reports,
    )
    return changes


def describe_changes(changes: dict[str, list[str]]) -> str:
    """已指定责任单位：新增…；移除…; what the press office sees after saving."""
    parts = [
        f"{label}{'、'.join(changes[key])}"
        for key, label in (("added", "新增"), ("removed", "移除"), ("role_changed", "调整职责："))
        if changes[key]
    ]
    return "已保存分工：" + ("；".join(parts) if parts else "未作更改") + "。"
