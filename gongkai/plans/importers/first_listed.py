"""A plan that says its lists' first unit leads (列第一位的为牵头单位): each task's list of
units whose roles the plan did not write is its first unit leading and the others
supporting."""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import FIRST_LEADS
from gongkai.plans.importers.base import ParsedPlan

# A list whose roles the plan wrote — 甲局、乙局牵头 (two leads), X主办、Y协办, 分别负责 (each
# its own part) — is read as written; the legend orders only bare lists (甲局、乙局、丙局).
_ROLES_WRITTEN = re.compile(r"牵头|主办|主责|负总责|统筹|配合|协办|协助|参与|会同|分别")


def with_first_listed_lead(plan: ParsedPlan, text: str) -> ParsedPlan:
    """``plan`` with the first of each bare all-leading list of units leading, the rest
    supporting, when the text says so (unit_text.FIRST_LEADS, the one legend phrase); a plan
    that does not say so, and a list whose roles the plan wrote, are left as read."""
    if not FIRST_LEADS.search(simplify(text)):
        return plan
    for item in plan.items:
        if len(item.lead_units) < 2 or item.support_units:
            continue
        if _ROLES_WRITTEN.search(simplify(item.units_text)):
            continue
        item.lead_units, item.support_units = item.lead_units[:1], item.lead_units[1:]
    return plan
