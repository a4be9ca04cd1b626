"""Which published work counts as a task's evidence, read from what the task says.

The ledger shows, under a task, the publications of the year that prove it (gongkai.plans.related):
the kinds are matched by the task's words, so any body's plan, numbered any way, gets the right
evidence. The press office can change a task's kinds on its page."""

from __future__ import annotations

import re

# kind → the words that, in a task's requirement or measures, mean that kind of evidence.
EVIDENCE_KINDS: dict[str, str] = {
    "涉企政策": r"涉企|惠企|营商环境政策",
    "规范性文件清理": r"规范性文件.{0,40}清理|清理.{0,40}规范性文件|规章.{0,20}清理",
    "政策解读": r"政策解读|解读材料|同步.{0,6}解读|开展.{0,6}解读",
    "保密审查": r"保密审查|三审|先审后发|发布审核",
    "公开目录": r"主动公开内容|主动公开目录|公开目录|基本目录",
    # Participation: what the mailbox, consultations, meetings and the Q&A library record.
    "领导信箱": r"留言|领导信箱|互动交流",
    "意见征集": r"征求.{0,6}意见|意见征集|参与决策",
    "列席会议": r"列席",
    "政策问答": r"政策问答|政策咨询",
}
_PATTERNS = {kind: re.compile(words) for kind, words in EVIDENCE_KINDS.items()}


def evidence_kinds_for(text: str) -> list[str]:
    """The evidence kinds a task's text names, in the table's order."""
    return [kind for kind, pattern in _PATTERNS.items() if pattern.search(text or "")]
