"""Checks on what the items did not take (漏读): a parse can lose tasks with no item to flag,
the commonest way an unseen plan came out silently wrong (the first readings of seven blind
batches, scored against today's expectations: 123 of 132 silently wrong items were tasks no
item held). The user is told where, in the preview's warnings."""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.plans.importers.base import NUMBERED_IN_ORDER, ParsedPlan
from gongkai.plans.importers.headers import AFTER_NUMBER

_SPACE = re.compile(r"[^\S\n]+")  # spaces, not line breaks: a task opens a line
UNREAD_TAIL = "原文第{n}项之后还有编号为{following}的段落，未读作任务（可能漏读），请对照原文核对"
UNREAD_TAIL_FLAG = "本项之后原文还有编号为{following}的段落未读作任务，请核对本项及其后的任务"


def _flat(text: str) -> str:
    return _SPACE.sub("", simplify(text))


def _numbered_start(number: int) -> re.Pattern:
    """A paragraph opening on ``number`` (7. / 7、 / 7．) at a sentence's start, before words,
    or right after a part's title (…深改办 三、组织实施 16.建立…: its spaces are flattened)."""
    return re.compile(
        rf"(?:^|[。；;！？!?）)]|[一二三四五六七八九十]{{1,3}}、[\u4e00-\u9fff]{{2,12}}?)"
        rf"(?<!\d){number}[.、．]" + AFTER_NUMBER + r"[\d\u4e00-\u9fff“《]{4}",
        re.MULTILINE,
    )


def with_unread_tail(plan: ParsedPlan, text: str, cut: int = 0) -> ParsedPlan:
    """``plan``, warned and its last item flagged when the text after that item goes on with
    paragraphs numbered as the next tasks (N+1., N+2. …) that no item took; the ``cut`` half
    tasks after it, left out and warned about already (tail.py), are not named again."""
    if not plan.items:
        return plan
    last = plan.items[-1]
    flat, own = _flat(text), _flat(last.requirement)
    # The item's last words: its measures' (a cell of its own, after the requirement) if any.
    tail = _flat(last.measures or last.requirement)[-12:]
    start = flat.rfind(own[:20]) if len(own) >= 6 else -1
    end = flat.find(tail, start) if start >= 0 and tail else -1
    if end < 0:
        return plan
    rest = flat[end + len(tail) :]
    following, number = [], last.number + 1
    while (found := _numbered_start(number).search(rest)) and len(following) < 20:
        following.append(number)
        rest, number = rest[found.end() :], number + 1
    following = following[cut:]
    if not following:
        return plan
    named = "、".join(map(str, following))
    plan.warnings.append(UNREAD_TAIL.format(n=last.number, following=named))
    last.flags.append(UNREAD_TAIL_FLAG.format(following=named))
    return plan


UNREAD_UNITS = (
    "原文约有{marked}处注明责任单位（{how}），读出的任务只用到{taken}处：可能有任务漏读"
    "或责任单位未读出，请对照原文核对"
)
_MERGED = "本项任务有多处责任单位括注，已合并"
# How a prose plan closes its tasks: labels (牵头单位：…) or a bracket naming a role.
_LABELS = ("牵头单位", "责任单位", "责任处室", "牵头部门", "责任部门", "牵头处室", "责任科室")
_LABEL = {label: re.compile(rf"{label}\s*[:：]") for label in _LABELS}
_ROLE_BRACKET = re.compile(
    r"[（(〔][^（）()〔〕]{1,80}?(?:牵头|负责|落实|配合|协办|主办)[^（）()〔〕]{0,30}[）)〕]"
)


def _marks(text: str) -> tuple[int, str]:
    """How many tasks ``text`` closes with units, by its commonest way of doing it."""
    text = simplify(text)
    counts = [(len(pattern.findall(text)), f"“{label}：”") for label, pattern in _LABEL.items()]
    counts.append((len(_ROLE_BRACKET.findall(text)), "括注的牵头/负责单位"))
    return max(counts)


def with_unread_units(plan: ParsedPlan, text: str) -> ParsedPlan:
    """``plan``, warned when the text closes two or more tasks more with units (labels or
    role brackets) than its items took: tasks read as none, the likeliest silent loss. Not
    when a task joined several brackets (flagged so already)."""
    if any(flag.startswith(_MERGED) for item in plan.items for flag in item.flags):
        return plan  # brackets joined into one task: how many each took is not known
    marked, how = _marks(text)
    taken = sum(max(1, _marks(item.units_text)[0]) for item in plan.items if item.units_text)
    if marked - taken >= 2:
        plan.warnings.append(UNREAD_UNITS.format(marked=marked, how=how, taken=taken))
    return plan


UNREAD_ROWS = (
    "原文约有{marked}处“X牵头”，只读出{taken}项任务（可能是连成一行的表格）：按出现顺序编号为"
    "{numbers}的任务可能漏读，请对照原文核对"
)
# X牵头 outside brackets: how a table's units cell, run into the text, opens (区经发局牵头，…).
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_BARE_LEAD = re.compile(r"[局委室部司心会厅办处组]牵头")


def with_unread_rows(plan: ParsedPlan, text: str) -> ParsedPlan:
    """``plan``, warned by number when its tasks, unnumbered and counted in order, are two or
    more fewer than the text's bare “X牵头” marks: rows of a table run into one line read as
    one task, the rest lost with nothing to flag."""
    if plan.numbering != NUMBERED_IN_ORDER:
        return plan
    marked = len(_BARE_LEAD.findall(_BRACKETED.sub("", simplify(text))))
    taken = len(plan.items)
    if marked - taken >= 2:
        numbers = "、".join(str(n) for n in range(taken + 1, min(marked, 99) + 1))
        plan.warnings.append(UNREAD_ROWS.format(marked=marked, taken=taken, numbers=numbers))
    return plan
