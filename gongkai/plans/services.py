"""Writing the ledger: importing a plan (one transaction) and choosing units for 相关处室."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction

from gongkai.core import audit
from gongkai.core.models import Unit
from gongkai.core.units import resolve_unit_names
from gongkai.plans.importers import PlanImportError, parse_plan_file
from gongkai.plans.importers.base import ParsedItem, ParsedPlan
from gongkai.plans.models import Assignment, DomainError, Plan, Task


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
    plan = Plan.objects.create(year=parsed.year, title=parsed.title[:200] or f"{parsed.year}年政务公开工作实施方案",
                               source_name=source_name[:200], source_sha256=source_sha256, imported_by=by)  # fmt: skip
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
    audit.record(by, "plan.import", plan, after={"title": plan.title, "year": plan.year, "tasks": len(tasks)},
                 source=source_name, flagged=sum(bool(t.flags) for t in tasks))  # fmt: skip
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
        plan=plan, number=item.number, section=item.section[:200], subsection=item.subsection[:200],
        requirement=item.requirement, measures=item.measures, deadline_text=item.deadline_text[:200],
        due_date=item.due_date, ongoing=item.ongoing, units_text=item.units_text[:500],
        units_to_choose=lead.to_choose + support.to_choose, note=item.note, flags=flags,
    )  # fmt: skip
    return task, shares


@transaction.atomic
def task_assign_units(*, by, task: Task, lead: list[Unit], support: list[Unit]) -> None:
    """The press office chooses the units behind 相关处室 (and corrects any assignment)."""
    if not lead and not support:
        raise DomainError("请至少选择一个责任单位")
    before = sorted(f"{a.unit.name}:{a.role}" for a in task.assignments.select_related("unit"))
    wanted = {unit.pk: Assignment.Role.LEAD for unit in lead}
    for unit in support:
        wanted.setdefault(unit.pk, Assignment.Role.SUPPORT)
    # Units that already reported progress stay: their history must not disappear.
    task.assignments.exclude(unit_id__in=wanted).filter(progress__isnull=True).delete()
    for unit_id, role in wanted.items():
        Assignment.objects.update_or_create(task=task, unit_id=unit_id, defaults={"role": role})
    task.units_to_choose = []
    task.save(update_fields=["units_to_choose"])
    after = sorted(f"{a.unit.name}:{a.role}" for a in task.assignments.select_related("unit"))
    audit.record(by, "plan.assign_units", task, before={"units": before}, after={"units": after})
