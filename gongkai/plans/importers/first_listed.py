"""A plan that says its lists' first unit leads (列第一位的为牵头单位): each task's list of
units whose roles the plan did not write is its first unit leading and the others
supporting."""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import FIRST_LEADS, _looks_like_unit, parse_units
from gongkai.plans.importers.base import ParsedItem, ParsedPlan

# A list whose roles the plan wrote — 甲局、乙局牵头 (two leads), X主办、Y协办, 分别负责 (each
# its own part) — is read as written; the legend orders only bare lists (甲局、乙局、丙局).
_ROLES_WRITTEN = re.compile(r"牵头|主办|主责|负总责|统筹|配合|协办|协助|参与|会同|分别")


def with_first_listed_lead(plan: ParsedPlan, text: str) -> ParsedPlan:
    """``plan`` with the first of each bare all-leading list of units leading, the rest
    supporting, when the text says so (unit_text.FIRST_LEADS, the one legend phrase); a plan
    that does not say so, and a list whose roles the plan wrote, are left as read."""
    first_leads = bool(FIRST_LEADS.search(simplify(text)))
    for item in plan.items:
        _part_led(item, first_leads)
    if not first_leads:
        return plan
    for item in plan.items:
        if len(item.lead_units) < 2 or item.support_units:
            continue
        if _ROLES_WRITTEN.search(simplify(item.units_text)):
            continue
        item.lead_units, item.support_units = item.lead_units[:1], item.lead_units[1:]
    return plan


# 甲局、乙局、丙局，专家库建设由丁局牵头: after the task's list, a part of the task (not a
# unit) given a lead of its own.
_PART_LEAD = re.compile(r"[，,；;]\s*([^，,；;、]{4,}?)由([^，,；;、]{2,20}?)牵头[。.]?$")
PART_LED = "本项有一部分工作（{}）另由{}牵头，牵头和配合单位请核对"


def _part_led(item: ParsedItem, first_leads: bool) -> None:
    """An item whose units close on a part of the task led by another unit is flagged: the
    list before it wrote no roles, so whether it leads or supports is a guess. Under the
    first-leads legend that list's first unit leads beside that unit, the rest support."""
    if "由" not in item.units_text:
        return  # most items: no clause 由X牵头 to look for
    units = simplify(item.units_text)
    found = _PART_LEAD.search(units)
    if not found or _looks_like_unit(found.group(1)):
        return
    item.flags.append(PART_LED.format(found.group(1), found.group(2)))
    listed = parse_units(units[: found.start()])
    names = listed.lead + listed.support
    if first_leads and names and not _ROLES_WRITTEN.search(units[: found.start()]):
        item.lead_units = [names[0], found.group(2)]
        item.support_units = [n for n in names[1:] if n != found.group(2)]
