"""Units written as the subject of a task's sentence (1.区X局负责…；2.由Y牵头…) or as its
heading (（一）X局。负责…), in a plan that names no unit by label or bracket. A group of
numbered paragraphs whose every paragraph opens so is the plan's division of labour: its
tasks are the plan's items, each led by the units its sentence opens on (flagged: read from
the sentence, not a label), and the plan's other paragraphs (its measures, whose actors are
written in prose) are left out with a warning."""

import re
from itertools import groupby

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import _looks_like_unit
from gongkai.plans.importers.base import ParsedItem

SUBJECT_FLAG = "原文未写责任单位，牵头单位取自本项句首的主语，请核对"
_LEFT_OUT = (
    "计划未用标签或括号写明责任单位；“{}”下各项以责任单位开头（X负责…），"
    "已作为任务读取，其余 {} 段（无责任单位的措施）未作为任务，请核对"
)
# A group this long, every paragraph of it opening on units, is no chance.
_LEAST = 3
# 1.区X局负责… / 由X牵头… / X、Y作为… / （一）X局。负责…: names before the verb of a duty (the
# names may be the duty's heading).
_SUBJECT = re.compile(
    r"^由?((?:[^，,。；;、：:]{2,16}?、)*[^，,。；;、：:]{2,16}?)"
    r"(?=[。：:]?(?:负责|牵头|做好|作为|统筹|主抓|承担))"
)
_ALIAS = re.compile(r"[（(][^（()）]*[)）]$")


def _subject_units(text: str) -> list[str]:
    """The units a task's sentence opens on as its subject, or [] when it opens otherwise."""
    match = _SUBJECT.match(simplify(text).strip())
    if not match:
        return []
    names = [_ALIAS.sub("", name) for name in match.group(1).split("、")]  # 各村（社区） as 各村
    if not all(_looks_like_unit(name) for name in names):
        return []
    return list(dict.fromkeys(names))


def units_as_subjects(items: list[ParsedItem], warnings: list[str]) -> list[ParsedItem]:
    """A unitless plan's groups whose every task opens on its units: those tasks, led by them."""
    if any(i.units_text or i.lead_units or i.support_units for i in items):
        return items
    kept: list[tuple[ParsedItem, list[str]]] = []
    heading = ""
    for (section, subsection), group in groupby(items, lambda i: (i.section, i.subsection)):
        group = list(group)
        subjects = [_subject_units(item.requirement) for item in group]
        if len(group) >= _LEAST and all(subjects):
            kept += zip(group, subjects, strict=True)
            heading = heading or " ".join(filter(None, (section, subsection)))
    if not kept:
        return items
    warnings.append(_LEFT_OUT.format(heading, len(items) - len(kept)))
    for number, (item, units) in enumerate(kept, start=1):
        item.number, item.lead_units, item.units_text = number, units, "、".join(units)
        item.flags = [f for f in item.flags if f != "未填写责任单位"] + [SUBJECT_FLAG]
    return [item for item, _ in kept]
