"""A plan that says its lists' first unit leads (列第一位的为牵头单位): each task's list of
units, read as all leading, is its first unit leading and the others supporting."""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.plans.importers.base import ParsedPlan

# 列第一位的为牵头单位 / 排在首位的是牵头单位 — the plan's note on its units' order.
_FIRST_LEADS = re.compile(r"[列排](?:在)?(?:第一位|首位)的?(?:单位)?(?:为|是)牵头单位")
FIRST_LISTED = "原文注明“列第一位的为牵头单位”：第一个单位作牵头单位，其余作配合单位"


def with_first_listed_lead(plan: ParsedPlan, text: str) -> ParsedPlan:
    """``plan`` with the first of each all-leading list of units leading, the rest
    supporting, when the text says so; a plan that does not say so is left as read."""
    if not _FIRST_LEADS.search(simplify(text)):
        return plan
    for item in plan.items:
        if len(item.lead_units) >= 2 and not item.support_units:
            item.lead_units, item.support_units = item.lead_units[:1], item.lead_units[1:]
    return plan
