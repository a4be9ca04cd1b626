"""Matching the unit names a plan writes to the organisation's units: a step after parsing.

The parser keeps names as written (法规科, 各科室, 市直各部门); here each item gets
``unit_matches`` {name: unit id, a list of ids for a collective (empty for 相关处室, chosen
later), or None when no unit answers to the name}, and the unknown names are flagged so the
preview can ask for them once."""

from __future__ import annotations

import re

from gongkai.core.models import Unit
from gongkai.core.units import COLLECTIVES, TO_CHOOSE, names_index, resolve_unit_names
from gongkai.plans.importers.base import ParsedPlan

UNKNOWN_FLAG = "未识别的单位"
UNREAD_FLAG = "未能识别责任单位："
# A units cell that is one name and nothing else: no separator, no sentence, no note.
_ONE_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()]{2,24}")


def unknown_flag(name: str) -> str:
    return (
        f"{UNKNOWN_FLAG}“{name}”：请在导入预览的“未识别的单位”中选择对应单位，或导入后由新闻处指定"
    )


def match_units(parsed: ParsedPlan, units: list[Unit] | None = None) -> list[str]:
    """Fill every item's unit_matches and flag its unknown names; returns those names once
    each, in the order the plan first writes them."""
    units = list(Unit.objects.active()) if units is None else units
    by_name = names_index(units)
    unknown: list[str] = []
    for item in parsed.items:
        item.flags = [f for f in item.flags if not f.startswith(UNKNOWN_FLAG)]
        _take_unread_name(item)
        item.unit_matches = {}
        for name in dict.fromkeys(item.lead_units + item.support_units):
            found = resolve_unit_names([name], units, by_name)
            if found.unknown:
                item.unit_matches[name] = None
                item.flags.append(unknown_flag(name))
                unknown.append(name)
            elif name in COLLECTIVES or name in TO_CHOOSE:
                item.unit_matches[name] = [unit.pk for unit in found.units]
            else:
                item.unit_matches[name] = found.units[0].pk
    return list(dict.fromkeys(unknown))


def _take_unread_name(item) -> None:
    """A units cell holding one name the reader knows no unit by (不存在的办): it is that
    name, so it is offered under 未识别的单位 like any other, not left in the note with the
    task saved unassigned (probe 4 finding 5)."""
    if item.lead_units or item.support_units:
        return
    text = (item.units_text or "").strip()
    flag = f"{UNREAD_FLAG}{text}"
    if flag not in item.flags or not _ONE_NAME.fullmatch(text):
        return
    item.lead_units = [text]
    item.flags = [f for f in item.flags if f != flag]
    if item.note.strip() == text:
        item.note = ""
