"""Writing the ledger: importing a plan (one transaction) and choosing units for 相关处室."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.models import Unit, UnitAlias
from gongkai.core.units import names_index, resolve_unit_names
from gongkai.core.workflow import lock_row
from gongkai.plans.evidence_kinds import evidence_kinds_for
from gongkai.plans.importers import PlanImportError, decode_text, parse_plan_file
from gongkai.plans.importers.base import ParsedItem, ParsedPlan
from gongkai.plans.importers.headers import ROLE_LABELS
from gongkai.plans.models import Assignment, HeaderSynonym, Plan, Progress, Task
from gongkai.plans.preview_edits import unit_names
from gongkai.plans.unit_matching import UNKNOWN_FLAG, match_units, unknown_flag

STASH_SECONDS = 6 * 3600  # as long as a preview's signed token lives
# 序号 as the ledger stores it (a PostgreSQL int4 would take 2147483647; no plan has 10⁵ tasks).
TASK_NUMBER_MAX = 99999


@dataclass
class ImportResult:
    plan: Plan
    created: bool  # False: this very file was imported before, nothing changed
    parsed: ParsedPlan | None = None  # the parse, when one was made


# The reader's flag for a 完成时限 naming a day the calendar lacks (2024年2月30日).
NO_SUCH_DATE = "完成时限中的日期不存在"


def missing_date_problem(flags: list[str]) -> str:
    """What to tell the clerk in the preview of a task whose 完成时限 names a date that does not
    exist ("" if none): it must be corrected before the plan is saved (probe 4 finding 6)."""
    written = missing_date(flags)
    if written is None:
        return ""
    return f"完成时限中的日期“{written}”不存在，请填写正确的截止日期，或勾选“常态化”。"


def missing_date(flags: list[str]) -> str | None:
    """The 完成时限 as written, when it names a date that does not exist (2024年2月30日)."""
    for flag in flags:
        if flag.startswith(NO_SUCH_DATE):
            return flag[len(NO_SUCH_DATE) :].lstrip("：:").strip()
    return None


class NoSuchDate(PlanImportError):
    """A task whose 完成时限 names a date that does not exist, refused at saving. The message
    speaks to the preview's user; the command line says what to fix in the file instead."""

    def __init__(self, number: int, written: str, problem: str):
        super().__init__(f"第{number}项任务：{problem}")
        self.number, self.written = number, written

    def in_the_file(self) -> str:
        return (
            f"第{self.number}项任务的完成时限“{self.written}”不是实际存在的日期。"
            "请在文件中改为正确的日期，或改写为“常态化”“持续推进”等，保存后重新导入；"
            "本次未导入任何内容。"
        )


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_title(year: int) -> str:
    return f"{year}年政务公开工作实施方案"


def plan_parse(
    *, data: bytes, filename: str, year: int, columns: list[str] | None = None
) -> ParsedPlan:
    """Parse a plan file (with the columns as the user mapped them, if any), then match its
    unit names to the organisation's units: item.unit_matches, unknown names flagged."""
    if not 2000 <= year <= 2100:
        raise PlanImportError(f"年度不正确：{year}")
    synonyms = dict(HeaderSynonym.objects.values_list("word", "role"))
    parsed = parse_plan_file(data, filename, year, columns=columns, synonyms=synonyms)
    match_units(parsed)
    return parsed


def unknown_unit_names(parsed: ParsedPlan) -> list[str]:
    """The names no unit answers to, once each, in the order the plan writes them."""
    names = [n for item in parsed.items for n, match in item.unit_matches.items() if match is None]
    return list(dict.fromkeys(names))


# The reader's flags a clerk's correction in the preview answers (importers/items.py).
NO_UNITS_FLAGS = ("未填写责任单位", "计划未写明责任单位，请在预览中指定")
NO_DEADLINE_FLAG = "未填写完成时限"


def recheck_rows(rows: list[dict]) -> list[str]:
    """The preview's items re-checked after the clerk's corrections (应用修改并重新核对): the
    unknown-unit flags as the units now stand, the 未填写… flags of what is now filled.
    Returns the unknown names once each, in order, for the preview to ask for again."""
    units = list(Unit.objects.active())
    by_name = names_index(units)
    unknown: list[str] = []
    for row in rows:
        names = list(
            dict.fromkeys(unit_names(row["lead_units"]) + unit_names(row["support_units"]))
        )
        answered = {*(NO_UNITS_FLAGS if names else ())}
        if row.get("deadline_text", "").strip() or row.get("due_date") or row.get("ongoing"):
            answered.add(NO_DEADLINE_FLAG)
        flags = [
            f
            for f in row.get("flags", "").splitlines()
            if f.strip() and f not in answered and not f.startswith(UNKNOWN_FLAG)
        ]
        for name in names:
            if resolve_unit_names([name], units, by_name).unknown:
                flags.append(unknown_flag(name))
                unknown.append(name)
        row["flags"] = "\n".join(flags)
    return list(dict.fromkeys(unknown))


def learned_names_used(parsed: ParsedPlan) -> list[UnitAlias]:
    """The unit names of the parse that a learned alias (not the unit's own name or a typed
    alias) resolved: shown in the preview, so a wrong one is seen and corrected (probe 8 P4)."""
    matched = {
        name: unit_id
        for item in parsed.items
        for name, unit_id in item.unit_matches.items()
        if isinstance(unit_id, int)
    }
    typed = names_index(list(Unit.objects.active()), learned=False)
    learned = UnitAlias.objects.filter(name__in=matched).select_related("unit", "created_by")
    return [a for a in learned if a.name not in typed and matched[a.name] == a.unit_id]


def stash_upload(data: bytes) -> str:
    """Keep the uploaded file while the user maps its columns; the preview's signed token
    carries only its fingerprint."""
    sha = fingerprint(data)
    cache.set(f"plan-import:{sha}", data, STASH_SECONDS)
    return sha


def stashed_upload(sha: str) -> bytes | None:
    data = cache.get(f"plan-import:{sha}")
    return data if isinstance(data, bytes) and fingerprint(data) == sha else None


# How much of a plan's text the preview shows beside the tasks (a page is rarely longer).
SOURCE_TEXT_MAX = 100_000


def source_text(sha: str) -> str:
    """The uploaded plan's text, for the clerk to find and copy what the reader missed
    (issue 14): a text or web page as text; "" for Word/Excel (their text is in the table
    the preview shows) or once the upload has left the cache."""
    data = stashed_upload(sha)
    if data is None or data.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        return ""
    try:
        text = decode_text(data)
    except PlanImportError:
        return ""
    if re.search(r"<(html|body|p|div|table|br)\b", text[:5000], re.IGNORECASE):
        text = html.unescape(strip_tags(re.sub(r"<(br|/p|/tr|/div|/h\d)\b[^>]*>", "\n", text)))
    text = text.strip()
    if len(text) > SOURCE_TEXT_MAX:
        return text[:SOURCE_TEXT_MAX] + f"\n……（原文超过{SOURCE_TEXT_MAX}字，以下从略）"
    return text


# Where the flag of an unmapped unit name sends the press office (probe 8 P4: the learned
# names are on the 单位 page, each correctable).
UNKNOWN_HINT = "请在任务页“指定责任单位”中选择（导入时记住的单位写法可在“单位”页查看和改正）"

# What the clerk decides when the year already has a plan like this one (probe 8 P1).
REPLACE, SEPARATE = "replace", "separate"
# Share of the smaller plan's task texts found in the other: the same plan, re-saved or in
# another format (a .docx of the .txt), not next year's plan reusing a few lines.
SAME_TASKS_SHARE = 0.5


@dataclass
class SimilarPlan:
    """A plan of the same year that looks like the one being imported."""

    plan: Plan
    same_title: bool
    same_tasks: int  # tasks of the new plan whose text the old plan already has
    reported: list[str]  # 第3项（法规处） — shares that reported progress: no replacing then

    def describe(self) -> str:
        why = "标题相同" if self.same_title else f"有{self.same_tasks}项任务内容相同"
        when = timezone.localtime(self.plan.imported_at).strftime("%Y年%-m月%-d日")
        return (
            f"{self.plan.year}年已有工作方案《{self.plan.title}》"
            f"（{when}导入，{self.plan.tasks.count()}项任务），与本次导入的方案{why}"
        )


def _same_text(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def similar_plans(year: int, title: str, requirements: list[str]) -> list[SimilarPlan]:
    """Plans of the year with the same title or mostly the same task texts (上级要求): importing
    again would give every unit each task twice. Byte-identical files are caught earlier."""
    # A title the file did not give (the year's default) says nothing about sameness.
    title = _same_text(title)
    title = "" if title == _same_text(default_title(year)) else title
    texts = {_same_text(text) for text in requirements} - {""}
    found = []
    for plan in Plan.objects.filter(year=year).order_by("pk"):
        old = set(map(_same_text, plan.tasks.values_list("requirement", flat=True))) - {""}
        same = len(texts & old)
        same_title = bool(title) and title == _same_text(plan.title)
        if same_title or (same and same >= SAME_TASKS_SHARE * min(len(texts), len(old))):
            found.append(SimilarPlan(plan, same_title, same, _reported_shares(plan)))
    return found


def _reported_shares(plan: Plan) -> list[str]:
    shares = (
        Assignment.objects.filter(task__plan=plan, progress__isnull=False)
        .select_related("task", "unit")
        .distinct()
        .order_by("task__number", "unit__order")
    )
    return [f"第{a.task.number}项（{a.unit.name}）" for a in shares]


class SimilarPlanExists(PlanImportError):
    """The year already has this plan: the clerk replaces it, imports a separate plan with a
    reason, or cancels. Nothing was written."""

    def __init__(self, similar: list[SimilarPlan], message: str = ""):
        self.similar = similar
        super().__init__(
            message
            or "；".join(s.describe() for s in similar)
            + "。再次导入会使各单位的任务重复：请选择替换原方案，或说明理由后作为另一份方案导入。"
        )


def plan_import(
    *, by, data: bytes, filename: str, year: int, force_new: bool = False
) -> ImportResult:
    """Parse and save a plan file. Importing the same file again changes nothing; a plan like
    one the year already has is refused unless `force_new` (the command's --force-new)."""
    existing = Plan.objects.filter(source_sha256=fingerprint(data)).first()
    if existing:
        return ImportResult(existing, created=False)
    parsed = plan_parse(data=data, filename=filename, year=year)
    plan = plan_create(
        by=by,
        parsed=parsed,
        source_name=filename,
        source_sha256=fingerprint(data),
        duplicate=SEPARATE if force_new else "",
        reason="命令行导入时指定 --force-new" if force_new else "",
    )
    return ImportResult(plan, created=True, parsed=parsed)


@transaction.atomic
def plan_create(
    *,
    by,
    parsed: ParsedPlan,
    source_name: str,
    source_sha256: str,
    unit_aliases: dict[str, Unit] | None = None,
    header_words: dict[str, str] | None = None,
    duplicate: str = "",
    reason: str = "",
) -> Plan:
    """Save the (possibly corrected) parse as the year's ledger: all of it, or nothing.

    ``unit_aliases`` (法规科 → 法规处) and ``header_words`` (谁来做 → units) are what the user
    mapped in the preview: remembered in the same transaction, so the next import knows them.
    When the year has a similar plan (similar_plans), ``duplicate`` says what the user chose:
    REPLACE it (only while no unit has reported on it) or SEPARATE, with ``reason``."""
    if not parsed.items:
        raise PlanImportError("没有可导入的工作任务。")
    if Plan.objects.filter(source_sha256=source_sha256).exists():
        raise PlanImportError("该文件已经导入过，未作任何更改。")
    # The year's plans locked: two clerks importing the same plan at once do not both pass.
    list(Plan.objects.select_for_update().filter(year=parsed.year).values_list("pk", flat=True))
    title = parsed.title[:200] or default_title(parsed.year)
    similar = similar_plans(parsed.year, title, [item.requirement for item in parsed.items])
    replaced = _check_duplicate(by, similar, duplicate, reason)
    for item in parsed.items:
        if not (item.due_date or item.ongoing) and (problem := missing_date_problem(item.flags)):
            raise NoSuchDate(item.number, missing_date(item.flags), problem)
    numbers = [item.number for item in parsed.items]
    if len(set(numbers)) != len(numbers):
        raise PlanImportError("任务序号有重复，请检查后再导入。")
    if not all(1 <= number <= TASK_NUMBER_MAX for number in numbers):
        raise PlanImportError(f"任务序号应在1至{TASK_NUMBER_MAX}之间，请检查后再导入。")
    plan = Plan.objects.create(
        year=parsed.year,
        title=title,
        source_name=source_name[:200],
        source_sha256=source_sha256,
        imported_by=by,
    )
    learn_names(by=by, unit_aliases=unit_aliases or {}, header_words=header_words or {})
    units = list(Unit.objects.active())
    by_name = names_index(units)
    tasks, shares = [], []
    for item in parsed.items:
        task, task_shares = _task_from_item(plan, item, units, by_name)
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
        **_duplicate_record(similar, duplicate, reason, replaced),
    )
    return plan


def _check_duplicate(by, similar: list[SimilarPlan], duplicate: str, reason: str) -> list[dict]:
    """Refuse unless the user decided; replace the similar plans when that was the decision
    (before the new plan is created). Returns what was replaced, for the audit entry."""
    if not similar:
        return []
    if duplicate == SEPARATE:
        if not reason.strip():
            raise SimilarPlanExists(similar, "作为另一份方案导入，须说明理由。")
        return []
    if duplicate != REPLACE:
        raise SimilarPlanExists(similar)
    reported = [share for s in similar for share in s.reported]
    if reported:
        raise SimilarPlanExists(
            similar,
            f"原方案已有单位报送进展（{'、'.join(reported)}），不能替换。"
            "如确属另一份方案，请说明理由后作为另一份方案导入；否则请取消导入。",
        )
    replaced = []
    for s in similar:
        plan = Plan.objects.select_for_update().get(pk=s.plan.pk)
        replaced.append(
            {
                "id": plan.pk,
                "title": plan.title,
                "source": plan.source_name,
                "tasks": plan.tasks.count(),
                "imported_at": plan.imported_at.isoformat(),
            }
        )
        audit.record(by, "plan.replace", plan, before=replaced[-1], reason="重新导入同一方案")
        plan.delete()  # its tasks and shares; nothing reported (checked above, rows locked)
    return replaced


def _duplicate_record(similar, duplicate: str, reason: str, replaced: list[dict]) -> dict:
    if not similar:
        return {}
    if duplicate == REPLACE:
        return {"replaced": replaced}
    return {"separate_from": [s.plan.pk for s in similar], "reason": reason.strip()}


def learn_names(*, by, unit_aliases: dict[str, Unit], header_words: dict[str, str]) -> None:
    """Remember the unit names and column headers the user mapped in the preview."""
    unit_aliases = {name.strip()[:100]: unit for name, unit in unit_aliases.items() if name.strip()}
    header_words = {
        word.strip()[:40]: role
        for word, role in header_words.items()
        if word.strip() and role in ROLE_LABELS
    }
    if not unit_aliases and not header_words:
        return
    for name, unit in unit_aliases.items():
        UnitAlias.objects.update_or_create(name=name, defaults={"unit": unit, "created_by": by})
    for word, role in header_words.items():
        HeaderSynonym.objects.update_or_create(word=word, defaults={"role": role, "created_by": by})
    audit.record(
        by,
        "plan.learn_names",
        after={
            "units": {name: unit.name for name, unit in unit_aliases.items()},
            "headers": {word: ROLE_LABELS[role] for word, role in header_words.items()},
        },
    )


@transaction.atomic
def header_synonym_change(*, by, synonym_id: int, role: str | None) -> HeaderSynonym | None:
    """Correct a column header the plan import learned (probe 8 P4): read it as another
    column, or (role None) forget it, so the next import asks again."""
    synonym = HeaderSynonym.objects.select_for_update().filter(pk=synonym_id).first()
    if synonym is None:
        raise DomainError("该表头写法已被删除或改正，请刷新页面。")
    if role is not None and role not in ROLE_LABELS:
        raise DomainError("请选择该列的内容。")
    before = {"word": synonym.word, "role": ROLE_LABELS.get(synonym.role, synonym.role)}
    if role is None:
        synonym.delete()
        audit.record(by, "plan.header_delete", before=before)
        return None
    if role != synonym.role:
        synonym.role = role
        synonym.save(update_fields=["role"])
        after = {"word": synonym.word, "role": ROLE_LABELS[role]}
        audit.record(by, "plan.header_repoint", synonym, before=before, after=after)
    return synonym


def _task_from_item(plan: Plan, item: ParsedItem, units: list[Unit], by_name: dict[str, Unit]):
    lead = resolve_unit_names(item.lead_units, units, by_name)
    support = resolve_unit_names(item.support_units, units, by_name)
    # A name nobody mapped stays on the task, as written, for the press office to choose.
    flags = [f for f in item.flags if not f.startswith(UNKNOWN_FLAG)]
    unknown = list(dict.fromkeys(lead.unknown + support.unknown))
    for name in unknown:
        flags.append(f"{UNKNOWN_FLAG}“{name}”，{UNKNOWN_HINT}")
    shares = [(unit, Assignment.Role.LEAD) for unit in lead.units]
    shares += [(unit, Assignment.Role.SUPPORT) for unit in support.units if unit not in lead.units]
    # The preview refuses an overlong cell it shows; one it does not (or the command line) is
    # cut, and the task says so (probe 8 P2: never cut silently).
    cut = {
        name: _cut(item, name, flags)
        for name in ("section", "subsection", "deadline_text", "units_text")
    }
    task = Task(
        plan=plan,
        number=item.number,
        requirement=item.requirement,
        measures=item.measures,
        due_date=item.due_date,
        ongoing=item.ongoing,
        **cut,
        units_to_choose=list(dict.fromkeys(lead.to_choose + support.to_choose + unknown)),
        note=item.note,
        flags=flags,
        evidence_kinds=evidence_kinds_for(f"{item.requirement}\n{item.measures}"),
    )
    return task, shares


def _cut(item: ParsedItem, name: str, flags: list[str]) -> str:
    field = Task._meta.get_field(name)
    text = getattr(item, name)
    if len(text) > field.max_length:
        flags.append(f"{field.verbose_name}超过{field.max_length}字，已截取前{field.max_length}字")
    return text[: field.max_length]


@transaction.atomic
def task_set_evidence_kinds(*, by, task: Task, kinds: list[str]) -> None:
    """The press office corrects which kinds of published work count as the task's evidence.
    The row is re-read under a lock: "before" is what the task held at the change (probe 9)."""
    lock_row(task)
    before = task.kinds_of_evidence()
    task.evidence_kinds = list(kinds)
    task.save(update_fields=["evidence_kinds"])
    audit.record(
        by, "task.evidence_kinds", task, before={"kinds": before}, after={"kinds": list(kinds)}
    )


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
