"""Units written as the subject of a task's sentence (1.区X局负责…；2.由Y牵头…) or as its
heading (（一）X局。负责…), in a plan that names no unit by label or bracket. A group of
numbered paragraphs whose every paragraph opens so is the plan's division of labour: its
tasks are the plan's items, each led by the units its sentence opens on (flagged: read from
the sentence, not a label), and the plan's other paragraphs (its measures, whose actors are
written in prose) are left out with a warning."""

import re
from itertools import groupby

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import _looks_like_unit, area_flag, parse_units
from gongkai.plans.importers.base import ParsedItem, naming_left_out

SUBJECT_FLAG = "原文未写责任单位，牵头单位取自本项句首的主语，请核对"
# paragraphs._stage: a stage of the plan's timetable read as a task, its units already read
# from its sentence's subject (a stage may name none).
STAGE_FLAG = "本项是方案的工作阶段，责任单位取自句首的主语、完成时限取自阶段的时间，请核对"
_READ = "计划未用标签或括号写明责任单位；“{}”下各项以责任单位开头（X负责…），已作为任务读取"
_LEFT_OUT = _READ + "，其余 {} 段（无责任单位的措施）未作为任务，请核对"
# A group this long, every paragraph of it opening on units, is no chance (two: 1.党政办负责…
# 2.文化站负责…, the whole division of labour of a small plan).
_LEAST = 2
# 1.区X局负责… / 由X牵头… / X、Y作为… / 1、X科要… / （一）X局。负责… / X处␣␣负责…: names
# before the verb of a duty, or before a gap (the names may be the duty's heading).
_SUBJECT = re.compile(
    # a name may close on its alias: X单位(片区相关处室)
    r"^由?((?:[^，,。；;、：:\s]{2,16}?、)*[^，,。；;、：:\s]{2,16}?(?:[（(][^（()）]{1,10}[)）])?)"
    r"(?=[。：:]?(?:主要|具体|全面)?(?:负责|牵头|做好|作为|统筹|主抓|承担|要)|\s)"
)
# （一）区X局：对…的车辆… / 1.街道消委办。牵头… — a duty paragraph headed by its units and a colon
# (or its name alone as a sentence), whatever verb follows.
_DUTY_SUBJECT = re.compile(_SUBJECT.pattern[:-1] + r"|[：:。].{8})")
# （一）区X局：负责… — the numeral of a duty paragraph read as a task (paragraphs._unit_duty).
_DUTY_NUMERAL = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*")
_ALIAS = re.compile(r"[（(][^（()）]*[)）]$")


def _subject_units(text: str) -> list[str]:
    """The units a task's sentence opens on as its subject, or [] when it opens otherwise."""
    text = simplify(text).strip()
    duty = _DUTY_NUMERAL.match(text)
    match = _DUTY_SUBJECT.match(text[duty.end() if duty else 0 :])
    if not match:
        return []
    names = [_ALIAS.sub("", name) for name in match.group(1).split("、")]  # 各村（社区） as 各村
    if len(names) == 1 and "及" in names[0]:
        names = names[0].split("及")  # 乡镇政府及公安派出所：… two units, both leading
    names = [*names[:-1], *_joined_by_he(names[-1])]
    names = _sharing_a_kind(names)
    if not all(_looks_like_unit(name) for name in names):
        return []
    return list(dict.fromkeys(names))


def _joined_by_he(name: str) -> list[str]:
    """城建监察大队和综合科 — two units joined by 和, when both sides are units."""
    parts = name.split("和")
    return parts if len(parts) == 2 and all(map(_looks_like_unit, parts)) else [name]


def _sharing_a_kind(names: list[str]) -> list[str]:
    """案调、机动中队 — a short word that is no unit, before a unit, shares that unit's kind
    (案调中队): kept with it as written, one name."""
    out: list[str] = []
    for name in names:
        if out and len(out[-1]) <= 4 and not _looks_like_unit(out[-1].split("、")[-1]):
            out[-1] = f"{out[-1]}、{name}"
        else:
            out.append(name)
    return out


# 由杨志武副市长负责,市发改委牵头,相关部门配合,尽快完成… — the roles opening a task's text, one
# clause each; a person in charge (a title after the name) is no unit.
_ROLE_CLAUSE = re.compile(r"^由?([^，,。；;：:\s]{2,40}?)(?:牵头|配合|负责|协助|参与|协办)$")
_PERSON = re.compile(r"(?:副?(?:省|市|州|县|区|镇|乡)长|书记|主任|秘书长|同志|领导)$")


def _opening_roles(text: str) -> tuple[list[str], list[str]]:
    """(lead, support) the clauses opening ``text`` name, or ([], []) when it opens otherwise."""
    taken = []
    # …，Y配合：摸清… — the last role before the duty's colon is a clause too
    for clause in re.split(r"[，,：:]", simplify(text).strip()):
        found = _ROLE_CLAUSE.match(clause)
        if not found:
            break
        if not _PERSON.search(found.group(1)):
            taken.append(clause)
    parsed = parse_units("，".join(taken)) if taken else None
    if not parsed or not parsed.lead or parsed.note:
        return [], []
    # a doubt of the reading refuses it; a bare level named (村(社区)配合) is as written
    areas = {area_flag(name) for name in parsed.lead + parsed.support}
    if any(flag not in areas for flag in parsed.flags):
        return [], []
    return parsed.lead, parsed.support


def _opening_units(item: ParsedItem) -> tuple[list[str], list[str]]:
    """(lead, support) a task opens on: its role clauses (1、title / 由X副市长负责,市Y牵头,相关部门
    配合,… under it; X牵头负责，Y配合：…), else its subject (X负责… / X：…)."""
    lead, support = _opening_roles(item.measures or item.requirement)
    return (lead, support) if lead else (_subject_units(item.requirement), [])


def units_as_subjects(
    items: list[ParsedItem], warnings: list[str], staged: set[int], duties: set[int]
) -> list[ParsedItem]:
    """A unitless plan's groups whose every task opens on its units: those tasks, led by them,
    with the stages of its timetable (``staged``, their ids: units read from their sentences
    already). A plan whose only units are its duties' (``duties``: （一）X局：…, each read as
    its duty's units already) is unitless so far: its duties, read again as subjects, are such
    a group, and its other paragraphs are left out."""
    if any(i.names_units for i in items if id(i) not in staged | duties):
        return items
    kept: list[tuple[ParsedItem, tuple[list[str], list[str]]]] = []
    heading = ""
    for (section, subsection), group in groupby(items, lambda i: (i.section, i.subsection)):
        group = list(group)
        if all(id(item) in staged for item in group):
            kept += [(item, (item.lead_units, item.support_units)) for item in group]
            continue
        subjects = [_opening_units(item) for item in group]
        if len(group) >= _LEAST and all(lead for lead, _ in subjects):
            kept += zip(group, subjects, strict=True)
            heading = heading or " ".join(filter(None, (section, subsection)))
    if all(id(item) in staged for item, _ in kept):
        return items  # stages alone: the plan's other tasks stay as they were read
    taken = {id(item) for item, _ in kept}
    left_out = [item for item in items if id(item) not in taken]
    warnings.append(
        naming_left_out(_LEFT_OUT.format(heading, len(left_out)), left_out)
        if left_out
        else f"{_READ.format(heading)}，请核对"
    )
    numbers = [item.number for item, _ in kept]
    # The plan's own numbers when the duties hold them (1、 5、 6、 past a gap the page lost);
    # numbered in order when they go on from the paragraphs left out.
    own = numbers[0] == 1 and numbers == sorted(set(numbers))
    for number, (item, (lead, support)) in enumerate(kept, start=1):
        item.number = item.number if own else number
        if id(item) in staged:
            continue
        item.lead_units, item.support_units = lead, support
        item.units_text = "、".join(lead + support)
        item.flags = [f for f in item.flags if f != "未填写责任单位"] + [SUBJECT_FLAG]
    return [item for item, _ in kept]
