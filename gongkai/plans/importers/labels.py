"""Plans whose tasks are closed by role labels with no bracket (…。牵头单位：X，配合单位：Y),
the list running straight on into the next task's title: one task per set of labels.

Two shapes are read here, before the paragraph walker (paragraphs.py) sees the lines:

- a group (（一）…) whose numbered paragraphs restart in every group and whose units are
  written once, after its last paragraph (1．行动目标。…2．主要任务…牵头单位：X): in a plan
  where two or more groups are so, each such group's paragraphs are one task (flagged: they
  may be tasks whose own units were left unwritten);
- a paragraph holding several such sets (…。牵头单位：X，配合单位：Y加大…。牵头单位：Z): cut
  after each set's list, where its names end (flagged: where a list ends is a guess).
"""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import OPENING_LABEL, SUPPORT_ROLES, UNIT_KINDS, UNITS_LABEL
from gongkai.plans.importers.cells import _NUMBERED, _SUBSECTION, _is_heading

# The label that opens a set: who leads (or who is responsible, every unit leading).
_OPENING_LABEL = re.compile(OPENING_LABEL + r"\s*[:：]")
# Any units label, for a paragraph that names its units somewhere.
_ANY_LABEL = re.compile(UNITS_LABEL + r"\s*[:：]")
# A label of the same set after the first: ，配合单位：Y (or after a space).
# After a full stop too: 牵头单位:X。 责任单位:Y。 is one set, no task text between them.
_FOLLOWING_LABEL = re.compile(
    rf"(?:[，,；;。]\s*|\s+)(?:{SUPPORT_ROLES}|责任)(?:责任)?(?:{UNIT_KINDS})\s*[:：]"
)
# The set's deadline after its units (。完成时限：6月底前。), up to its sentence's end.
_DEADLINE_LABEL = re.compile(
    r"[，,；;。]?\s*(?:完成时限|完成时间|时限要求|时限)\s*[:：][^。；;]{1,30}[。；;]?"
)
# What a body's name ends in, for where a list run on into a sentence stops.
_ORGAN = re.compile(
    r"(?:单位|部门|机构|机关|公司|集团|支行|分行|企业|海关|银行|中心|政府|街道|"
    r"局|委|办|厅|处|科|室|院|所|站|队|镇|乡|部|司|署|馆|组)"
)
_LONGEST_NAME = 10
# A short bracket closing a name: its other name (市委编办(市规服办)).
_ALIAS = re.compile(r"[（(][^（()）]{1,10}[)）]$")


def _names_unit(line: str) -> bool:
    """A bare label (not in a bracket) names the paragraph's units."""
    text = simplify(line)
    return any(not _bracketed(text, m.start()) for m in _ANY_LABEL.finditer(text))


class Joined(str):
    """A group's numbered paragraphs joined into one task (see one_task_per_group)."""


# Groups that are tasks themselves, enough to show the plan's tasks are its groups.
_TASKS_ALONE = 2


def one_task_per_group(lines: list[str]) -> list[str]:
    """（一）… 1．…(no units) 2．…牵头单位：X — in a plan where two or more groups have
    several numbered paragraphs of which only the last names units, each such group's
    paragraphs are joined into one (the first's number); so is one such group whose
    paragraphs before the last end on ；, a list inside one task (1.清理范围…；2.对…；3.…。
    责任单位：X), in a plan where another group's every numbered paragraph names its own; and
    one whose heading introduces its paragraphs (…主要职责是：1.…8.…责任单位：X) in a plan
    whose other groups are each one task, closed by its units (（二）…责任单位：Y); a part's
    points (一、…：1.…) are left to the rules on parts whose headings are the tasks."""
    heads = [at for at, line in enumerate(lines) if _is_heading(line)] + [len(lines)]
    closed_once = []
    listed = False  # a group closed once whose paragraphs are the items of one list
    closed_each = False  # a group whose every numbered paragraph names its units
    introduced = False  # a group closed once whose heading's text introduces its paragraphs
    tasks_alone = 0  # groups of no numbered paragraph, closed by their units: tasks themselves
    for start, end in zip(heads, heads[1:], strict=False):
        numbered = [at for at in range(start + 1, end) if _NUMBERED.match(lines[at])]
        if not numbered and _names_unit(lines[end - 1]):
            tasks_alone += 1
        if len(numbered) < 2 or numbered[-1] != end - 1:
            continue
        named = [_names_unit(lines[at]) for at in numbered]
        if named[-1] and not any(named[:-1]):
            closed_once.append((numbered[0], end))
            listed = listed or all(lines[at].rstrip().endswith(("；", ";")) for at in numbered[:-1])
            # …主要职责是：1.…2.…8.: the heading's text introduces one run of points (not
            # 一是…：1.…3. 二是…：1.… lists inside a task, numbered again under each)
            introduced = introduced or (
                bool(_SUBSECTION.match(lines[start]))  # a part's (一、) are read as parts are
                and lines[numbered[0] - 1].rstrip().endswith(("：", ":"))
                and [_NUMBERED.match(lines[at]).group(1) for at in numbered]
                == [str(n) for n in range(1, len(numbered) + 1)]
            )
        closed_each = closed_each or all(named)
    one_list = (listed and closed_each) or (introduced and tasks_alone >= _TASKS_ALONE)
    if len(closed_once) < 2 and not (len(closed_once) == 1 and one_list):
        return lines
    out = list(lines)
    for first, end in reversed(closed_once):
        out[first:end] = [Joined("".join(lines[first:end]))]
    return out


def label_sets(line: str) -> list[str]:
    """The line cut after each set of labels that more text follows (the next task's)."""
    text = simplify(line)
    ends, at = [], 0
    while found := _OPENING_LABEL.search(text, at):
        if _bracketed(text, found.start()):
            return [line]  # labels inside brackets are read as brackets are (paragraphs.py)
        at = _set_end(text, found.end())
        ends.append(at)
    if len(ends) < 2 or ends[-2] >= len(text.rstrip("。；; ")):
        return [line]
    cuts = [0, *(e for e in ends[:-1]), len(line)]
    pieces = [line[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    if any(not _names_unit(p) or len(p.strip()) < 8 for p in pieces):
        return [line]
    return pieces


def _bracketed(text: str, at: int) -> bool:
    """Position ``at`` stands inside a bracket."""
    before = text[:at]
    return sum(before.count(c) for c in "（(【〔[") > sum(before.count(c) for c in "）)】〕]")


def _set_end(text: str, at: int) -> int | None:
    """Where the set of labels whose first value starts at ``at`` ends: its last label's list
    of names, cut where the names end (等, a quote, or a sentence running on)."""
    while True:
        end = _list_end(text, at)
        following = _FOLLOWING_LABEL.match(text, end)
        if following:
            at = following.end()
            continue
        deadline = _DEADLINE_LABEL.match(text, end)
        return deadline.end() if deadline else end


def _list_end(text: str, at: int) -> int:
    """The end of a list of names starting at ``at``: after the last name, which may run on
    into a sentence with nothing between them."""
    position = at
    for token in re.finditer(r"[^、，,；;。]+", text[at:]):
        name = token.group()
        begin = at + token.start()
        if begin != position:
            separator = text[position:begin]
            if any(c in separator for c in "。；;"):
                return position
        cut = _name_end(name)
        if cut < len(name):
            return begin + cut
        position = begin + len(name)
    return position


def _name_end(token: str) -> int:
    """How much of ``token`` is a unit's name: all of it, or up to where it runs into text
    (after 等, before a quote, or after the last organ word of a name's length)."""
    if "等" in token:
        return token.index("等") + 1
    quote = min((i for i in (token.find("“"), token.find('"')) if i > 0), default=None)
    if quote is not None:
        return quote
    if _organ_end(token) == len(token) or _organ_end(_ALIAS.sub("", token)) == len(
        _ALIAS.sub("", token)
    ):
        return len(token)  # 市政府效能办(市政务公开办): a name and its alias
    return _organ_end(token[:_LONGEST_NAME]) or len(token)


def _organ_end(token: str) -> int:
    """The end of the longest prefix of ``token`` ending in an organ word (0 if none)."""
    ends = [m.end() for m in _ORGAN.finditer(token)]
    return ends[-1] if ends else 0
