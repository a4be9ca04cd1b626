"""A table run into one line with no separators and no row numbers, whose units cell closes
each row as 区X局牵头，A、B (问题 | 整改目标和措施 | 责任单位: a 问题整改 task split as a crawler's
text gives it). What it reads: after the header words run together and straight into the first
row (…措施责任单位投资增长…), each bare “X牵头” closes a row — the names after the row's last
full stop before it lead; after a comma, the names parted by 、 (or a comma) support, the last
one cut where its name ends (a name the table writes elsewhere, else the shortest that ends as
a body's name), the next row's text running on after it. A 牵头 with no list of names before it
(由X牵头 in a sentence) closes no row. Rows are numbered in order and flagged as cut by content;
fewer than three rows: no such table. Tried only when the plan's text gave no task, or one
unnumbered task (parse_plan_text)."""

import re

from gongkai.plans.importers.runon_core import HEADER, units_cell
from gongkai.plans.importers.stream import STUCK

# The header words run together into the first row: …整改目标和措施责任单位投资增长…
_HEADER = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:措施|内容|任务|要求)(?:责任单位|责任部门)(?=[\u4e00-\u9fff])"
)
_SENTENCE_END = re.compile(r"[。；;！？!?\s]")
# A body's name: two characters or more, then the kind of body (…局, …办, …公司, …单位).
_NAME = r"[\u4e00-\u9fff]{2,14}?(?:公司|单位|部门|[局委室部办处组队院所站心厅])"
_WHOLE_NAME = re.compile(f"{_NAME}$")
_SHORTEST_NAME = re.compile(_NAME)
# Between the names of a list: 、, or a comma (区A、B，区直有关单位).
_LIST_MARK = re.compile("[、，,]")
LEAST_ROWS = 3
_IN_A_SENTENCE = ("由", "请", "并", "要")


def led_rows(text: str) -> list[list[str]] | None:
    """The lines before the table, then its rows in the row core's shape, or None."""
    header = _HEADER.search(text)
    if not header:
        return None
    body = re.sub(r"\s*\n\s*", "", text[header.end() :])
    found = _rows(body)
    if len(found) < LEAST_ROWS:
        return None
    before = [[line] for line in text[: header.start()].split("\n") if line.strip()]
    rows = [HEADER[:-1]]
    for number, (task, lead, support) in enumerate(found, start=1):
        rows.append([str(number), task, units_cell("、".join(lead), "、".join(support)), STUCK])
    return before + rows


def _rows(body: str) -> list[tuple[str, list[str], list[str]]]:
    marks = [m.start() for m in re.finditer("牵头", body)]
    known: set[str] = set()
    for at in marks:  # the leads' names, whole between the full stop and 牵头: known names
        known.update(_leads(body, 0, at) or [])
    found, at = [], 0
    for mark in marks:
        if mark < at:
            continue
        lead = _leads(body, at, mark)
        if not lead:
            continue
        start = mark - len("、".join(lead))
        support, end = _supports(body, mark + 2, known)
        task = body[at:start].strip()
        if not task:
            continue
        found.append((task, lead, support))
        at = end
    return found


def _leads(body: str, at: int, mark: int) -> list[str] | None:
    """The names just before the 牵头 at ``mark``, back to the row's last full stop."""
    stops = [m.end() for m in _SENTENCE_END.finditer(body, at, mark)]
    if not stops:
        return None
    names = body[stops[-1] : mark].split("、")
    # 由X牵头: a sentence naming who leads its work, not a units cell.
    whole = all(_WHOLE_NAME.match(n) and not n.startswith(_IN_A_SENTENCE) for n in names)
    return names if whole else None


def _supports(body: str, at: int, known: set[str]) -> tuple[list[str], int]:
    """(the names listed after 牵头，, where the row ends)."""
    if not body.startswith(("，", ","), at):
        return [], at
    names, start, at = [], at, at + 1
    while True:
        comma = (m := _LIST_MARK.search(body, at)) and m.start()
        whole = body[at:comma] if comma and comma > at else ""
        if whole and len(whole) <= 15 and _WHOLE_NAME.match(whole):
            names.append(whole)
            at = comma + 1
            continue
        last = max((n for n in known if body.startswith(n, at)), key=len, default="")
        last = last or (m.group() if (m := _SHORTEST_NAME.match(body, at)) else "")
        if last:
            names.append(last)
            at += len(last)
        return names, at if names else start  # no name after the comma: the row ends at 牵头
