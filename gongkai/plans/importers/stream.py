"""Tables captured one cell after another, with no mark where a row ends.

Some web pages come out as text with every cell followed by a line holding only ``|``
(or as lines each ending in ``|``): the header's cells, then each row's, in a single
stream. A cell merged over several rows (a task heading, a 序号) appears only in the
first of them, so rows cannot be cut by counting. This module cuts them by content:
each cell is placed in the column it fits best, in order, a row closing whenever the
next cell fits a column to its left (Viterbi over the header's columns, with a cost
for each column a row leaves out). Rows that still fit badly are flagged downstream
by the usual checks (cells missing, units not read).
"""

import re

from gongkai.lib.deadline_text import MONTH_DEADLINE, simplify
from gongkai.plans.importers.headers import (
    AFTER_NUMBER,
    DEADLINE,
    LEAD,
    MEASURES,
    NOTE,
    NUMBER,
    REQUIREMENT,
    SUPPORT,
    TASK,
    UNITS,
)

Row = list[str]

_SECTION = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*(?:[、.．﹒]|['’](?=[\u4e00-\u9fff]))")
_NUMBERED = re.compile(r"^\s*(?:\d{1,4}\s*[.．、﹒]" + AFTER_NUMBER + r"|[（(]\d{1,4}[)）])")
_SENTENCE = re.compile(r"[，,。；;：:]")
_NO_REQUIREMENT = 4.0
# A cell written as a dash (——, —, /, 无): a column the row leaves empty on purpose.
_PLACEHOLDER = re.compile(
    r"[—\-－–/／]+|无"
)  # a row with no task in it (not a heading row of its own)


# A progress report's cell (95%, 80%（…滞后）, 已完成): how far the work has got.
_PROGRESS = re.compile(r"\d{1,3}(?:\.\d+)?\s*[%％]|已|正在|未完成|未开工")

# The role, in this module only, of a note column reporting progress (rows.py reads it as a
# note from its header).
PROGRESS = "progress_note"
_PROGRESS_HEADER = re.compile(r"进展|进度|推进情况|完成情况|落实情况|任务分解")

# Appended to a row cut out of the stream with doubt (a cell that fits its column badly),
# for the row code to flag and drop.
DOUBT = "\x03"
_NEEDED = (REQUIREMENT, MEASURES)

# Appended to a row one of whose cells had its deadline glued to its end, with no separator
# (…规范性文件库法规科6月底前: a document-sharing site lost the table's structure). The
# deadline is cut off; the units glued before it cannot be told from the text reliably.
GLUED = "\x05"
_GLUED_DEADLINE = re.compile(
    r"(?<=[\u4e00-\u9fff])(" + MONTH_DEADLINE + r"(?:前|之前)?(?:完成)?"
    r"|(?:\d{4}年)?年[底末]前?(?:完成)?|长期坚持|长期推进|持续推进|常态化推进|贯穿全年|全年)$"
)

# Appended to a row of a table whose cells were run together into one line with no
# separator at all: its units were read by content (STUCK), or could not be (UNREAD).
STUCK, UNREAD = "\x06", "\x07"
# Appended to a task read from a paragraph whose units bracket the text never closes (a
# page cut off there): the bracket is read as if closed.
UNCLOSED = "\x08"
# Appended to a task given the same label twice (责任单位：X … 责任单位：Y): flagged.
TWICE = "\x0f"
# Appended to a group's numbered paragraphs read as one task (labels.py): flagged.
JOINED_GROUP = "\x10"
# Appended to a task whose number was read from a bare number that lost its dot (6 加强…
# between 5. and 7.): the number is a guess, flagged. (\x11 is runon_core's PART.)
NUMBER_GUESSED = "\x12"

# Where the capture marks a row's end: an empty cell between two bars, or "X | ||".
ROW_END = "\x01"
_LABEL = re.compile(r"^[^\d，。：:；;、,（）()|]{1,8}$")


def stream_rows(
    cells: list[str], header_role, looks_like, settle, header_roles=None
) -> list[Row] | None:
    """Rows of a cell stream: preamble cells as one-cell rows, the header, then the rows.

    ``header_role(cell)`` says what a header cell names; ``looks_like(cell)`` returns
    "deadline", "units" or ""; ``settle(roles)`` makes one of them the requirement (the row
    code's own readers, passed in to keep one copy).
    ``header_roles(header)``, when given, reads the whole header at once (of two units
    columns, which one is the body's).
    Cells may include ROW_END marks. None when the stream has no recognisable header."""
    start = next(
        (
            i
            for i in range(min(len(cells) - 1, 80))
            if header_role(cells[i]) and header_role(cells[i + 1])
        ),
        None,
    )
    if start is None:
        return None
    end = start
    while end < len(cells) and (
        header_role(cells[end])
        or (_LABEL.match(cells[end]) and any(header_role(c) for c in cells[end + 1 : end + 3]))
    ):
        end += 1
    header = cells[start:end]
    roles = [r or NOTE for r in (header_roles or _each(header_role))(header)]
    if not {REQUIREMENT, MEASURES} & set(roles):
        roles = settle(roles)  # 工作任务 | 牵头单位 | 责任单位: the task column holds the items
    elif REQUIREMENT in roles:
        at = roles.index(REQUIREMENT)  # 重点工作内容 | … | 四季度任务分解: no group (settle_roles)
        roles = [NOTE if j > at and r == TASK else r for j, r in enumerate(roles)]
    # A progress report's columns (四季度进展情况 …) hold sentences and numbered points too.
    roles = [
        PROGRESS if r == NOTE and _PROGRESS_HEADER.search(simplify(h)) else r
        for h, r in zip(header, roles, strict=True)
    ]
    segments: list[list[str]] = [[]]
    for cell in cells[end:]:
        if cell == ROW_END:
            segments.append([])
        else:
            segments[-1].append(cell)
    if sum(r in (UNITS, LEAD, SUPPORT) for r in roles) == 1:
        segments = [_join_units(segment, looks_like) for segment in segments]
    segments = [_unglued(segment, looks_like) for segment in segments]
    if DEADLINE in roles:
        segments = [_milestones_joined(segment, looks_like) for segment in segments]
    if roles and roles[0] == NUMBER:
        segments = [part for segment in segments for part in _cut_before_numbers(segment)]
    # Empty cells closing a segment are its last row's empty last columns: they place no cell,
    # and more of them than the columns left would push a cell into a row of its own.
    segments = [segment[: _filled_end(segment)] for segment in segments]
    data = [cell for segment in segments for cell in segment]
    kinds = [_kind(c, looks_like) for c in data]
    header, roles = _with_number_column(header, roles, data, kinds)
    header, roles = _items_in_group_column(header, roles, data, kinds)
    repeated = _repeated_labels(data, kinds)
    # 一级指标 | 二级指标 | 序号 | 主要任务: the 序号 numbers the tasks, so a short numbered
    # title (1.全面推行行政审批制度改革) is a group's, in a group column before the tasks.
    grouped = NUMBER in roles and TASK in roles and roles.index(TASK) < roles.index(NUMBER)
    rows: list[Row] = []
    for segment in filter(None, segments):
        segment_kinds = [_kind(c, looks_like) for c in segment]
        segment_kinds = [
            "tag"
            if k == "label" and _tag_like(c.strip(), repeated)
            else "group"
            if k == "numbered" and grouped and _short_title(c)
            else k
            for c, k in zip(segment, segment_kinds, strict=True)
        ]
        rows += _align(roles, segment, segment_kinds)
    rows = _text_after_table(rows, roles)
    preamble = [[c] for c in cells[:start] if c and c != ROW_END]
    return preamble + [header] + rows


def _short_title(cell: str) -> bool:
    text = _NUMBERED.sub("", cell.strip())
    return len(text) <= 20 and not _SENTENCE.search(text.rstrip("。"))


def _text_after_table(rows: list[Row], roles: list[str]) -> list[Row]:
    """The notice's paragraph after a table numbered by its 序号 column (各承办单位要…): the
    stream's last row, unnumbered, holding nothing but a task cell, is that text, not a row
    (a line of its own)."""
    if NUMBER not in roles or REQUIREMENT not in roles or not rows:
        return rows
    number, task, width = roles.index(NUMBER), roles.index(REQUIREMENT), len(roles)
    numbered = [row for row in rows if len(row) >= width and row[number].strip()]
    last = rows[-1]
    if len(numbered) < 2 or len(last) < width or last[number].strip():
        return rows
    filled = [j for j, cell in enumerate(last[:width]) if cell.strip()]
    if filled != [task] or len(last[task]) < 40:
        return rows
    return [*rows[:-1], [last[task]]]


def _milestones_joined(cells: list[str], looks_like) -> list[str]:
    """3月 / 孟晖 / 6月 / 9月 / 12月: deadline cells following one another (a person or a short
    label between them at most) are one task's milestones, its rows left empty but for them:
    one deadline cell, read as its last date (flagged there)."""
    out: list[str] = []
    at = None  # where the deadline cell being joined stands in out
    for cell in cells:
        kind = _kind(cell, looks_like)
        if kind == "deadline" and at is not None:
            out[at] = f"{out[at]}\n{cell}"
            continue
        if kind == "deadline":
            at = len(out)
        elif not (at is not None and kind in ("label", "tag") and len(cell.strip()) <= 4):
            at = None
        out.append(cell)
    return out


def _cut_before_numbers(cells: list[str]) -> list[list[str]]:
    """An empty cell just before a 序号 (…说明 | then a lone | then 26 |), in a table whose
    first column is the 序号: the row before ends there (the capture's own row end)."""
    parts: list[list[str]] = [[]]
    for at, cell in enumerate(cells):
        following = cells[at + 1] if at + 1 < len(cells) else ""
        if not cell.strip() and re.fullmatch(r"\d{1,3}", following.strip()) and parts[-1]:
            parts.append([])
        else:
            parts[-1].append(cell)
    return parts


def _filled_end(cells: list[str]) -> int:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return end


def _repeated_labels(data: list[str], kinds: list[str]) -> set[str]:
    """Short labels the table writes three times or more (县民生实事 in a 备注 column, 主动公开
    in a group column repeated on each row): a column's values, not headings over the rows
    below them, which name each group once."""
    counts: dict[str, int] = {}
    for cell, kind in zip(data, kinds, strict=True):
        if kind == "label":
            counts[cell.strip()] = counts.get(cell.strip(), 0) + 1
    return {text for text, count in counts.items() if count >= 3}


def _tag_like(text: str, repeated: set[str]) -> bool:
    """A repeated label, or one differing from it in its first character only (市民生实事
    beside 县民生实事: the same column's value at another level)."""
    return text in repeated or any(
        len(text) == len(tag) >= 3 and text[1:] == tag[1:] for tag in repeated
    )


class _GluedText(str):
    """A cell's text once the deadline glued to its end is cut off: the row's task (the
    units glued to it cannot be told apart), whatever it looks like."""


class _GluedDeadline(str):
    """The deadline cut off a cell's end: its row is flagged."""


def _unglued(cells: list[str], looks_like) -> list[str]:
    """A cell with a deadline glued to its end, where no deadline cell follows: the text and
    the deadline as two cells."""
    out: list[str] = []
    for at, cell in enumerate(cells):
        found = _GLUED_DEADLINE.search(cell)
        following = next((c for c in cells[at + 1 :] if c.strip()), "")
        if (
            found
            and found.start(1) >= 2
            and (looks_like(cell) != "deadline" or _words_before(cell[: found.start(1)]))
            and looks_like(following) != "deadline"
        ):
            out += [_GluedText(cell[: found.start(1)]), _GluedDeadline(cell[found.start(1) :])]
        else:
            out.append(cell)
    return out


def _words_before(text: str) -> bool:
    """Text before a glued deadline long enough, and without dates, to be a task's own."""
    return len(text) >= 8 and not re.search(r"\d|季度|年底|年末|上半年|下半年", text)


def _each(header_role):
    return lambda header: [header_role(c) for c in header]


def _join_units(cells: list[str], looks_like) -> list[str]:
    """Two units on lines of their own in the one units cell (区委农工办 / 区农业局) come as
    two cells running: with one units column, they are one cell."""
    joined: list[str] = []
    for cell in cells:
        if joined and looks_like(cell) == "units" and looks_like(joined[-1]) == "units":
            joined[-1] = f"{joined[-1]}\n{cell}"
        else:
            joined.append(cell)
    return joined


def _kind(cell: str, looks_like) -> str:
    text = cell.strip()
    if not text:
        return "empty"
    if isinstance(cell, _GluedText):
        return "text"
    if isinstance(cell, _GluedDeadline):
        return "deadline"
    if _PLACEHOLDER.fullmatch(text):
        return "blank"
    if re.fullmatch(r"[（(]?\d{1,3}[)）.．、]?", text):
        return "number"  # 3, （3）, 3.
    if _PROGRESS.match(text):
        return "progress"
    if len(text) == 1 and not text.isdigit():
        return "mark"  # 是 / 否 / √: a yes-or-no column's answer, never a heading
    if _NUMBERED.match(text):
        return "numbered"
    if _SECTION.match(text):
        return "heading"
    found = looks_like(text)
    if found:
        return found
    if len(text) <= 30 and not _SENTENCE.search(text.rstrip("。")):
        return "label"
    return "text"


# How well a cell of each kind fits a column of each role (missing pairs: -2).
_FIT: dict[tuple[str, str], float] = {
    ("empty", REQUIREMENT): -3,
    ("number", NUMBER): 3,
    ("numbered", REQUIREMENT): 3,
    ("numbered", MEASURES): 1,
    # 4.及时公开… is the next row's task, never a units or deadline cell.
    ("numbered", UNITS): -3,
    ("numbered", LEAD): -3,
    ("numbered", SUPPORT): -3,
    ("numbered", DEADLINE): -3,
    ("heading", TASK): 2,
    ("heading", REQUIREMENT): -1,
    ("deadline", DEADLINE): 3,
    ("units", UNITS): 3,
    ("units", LEAD): 3,
    ("units", SUPPORT): 3,
    ("label", TASK): 1.5,
    ("label", REQUIREMENT): 1,
    ("label", MEASURES): 1,
    ("label", NOTE): -0.5,
    ("label", DEADLINE): -0.5,  # 按上级要求, 处罚决定作出之日起20个工作日内
    ("tag", TASK): 1.5,
    ("group", TASK): 2,
    ("group", REQUIREMENT): 1,
    ("tag", NOTE): 1,
    ("mark", NOTE): 1,
    ("text", REQUIREMENT): 2,
    ("text", MEASURES): 2,
    ("text", TASK): -1,
    ("text", NOTE): -1,
    ("deadline", NOTE): 0,  # 备注 often says when
    ("progress", NOTE): 2,
    ("progress", PROGRESS): 2,
    ("text", PROGRESS): 1,
    ("numbered", PROGRESS): 1,
    ("label", PROGRESS): 0.5,
    ("tag", PROGRESS): 1,
    ("mark", PROGRESS): 1,
    ("deadline", PROGRESS): 0,
    ("blank", REQUIREMENT): -3,
    ("blank", UNITS): 1,
    ("blank", LEAD): 1,
    ("blank", SUPPORT): 1,
    ("blank", DEADLINE): 1,
    ("blank", NOTE): 1,
}


# A cell standing as a row of its own: a numbered heading (一、), or a short label over
# the rows below it (主动公开 / 基础信息公开 before the row they head).
_HEADING_ROW = {"heading": 1.5, "label": 0.5}


def _fit(kind: str, role: str) -> float:
    if kind == "empty":
        return _FIT.get((kind, role), 0 if role != NUMBER else -0.5)
    return _FIT.get((kind, role), -2)


def _with_number_column(
    header: Row, roles: list[str], data: list[str], kinds: list[str]
) -> tuple[Row, list[str]]:
    """Number cells (1, 2, 3 …) under a header with no 序号 (its label merged into the one
    beside it): give them a column of their own, before the column their next cell fits."""
    if NUMBER in roles:
        return header, roles
    votes: dict[int, int] = {}
    for at, kind in enumerate(kinds[:-1]):
        if kind == "number":
            after = kinds[at + 1]
            best = max(range(len(roles)), key=lambda j: _fit(after, roles[j]))
            votes[best] = votes.get(best, 0) + 1
    if sum(votes.values()) < 2:
        return header, roles
    place = max(votes, key=lambda j: votes[j])
    return (
        [*header[:place], "序号", *header[place:]],
        [*roles[:place], NUMBER, *roles[place:]],
    )


# A task's own units label (…（牵头单位：X；责任单位：Y）): the cell is an item, not a group.
_UNITS_LABELLED = re.compile(r"(?:单位|处室|科室|部门)[:：]")


def _items_in_group_column(
    header: Row, roles: list[str], data: list[str], kinds: list[str]
) -> tuple[Row, list[str]]:
    """责任事项 | 具体工作内容 | 工作措施 …, whose 责任事项 cells are numbered tasks closed by
    their own units labels (17.实行…（牵头单位：X；责任单位：Y）): the column the header reads as
    the group holds the items, and the columns after it say how each is done. The header is
    given words that say so, for the row code that reads it again."""
    if TASK not in roles or REQUIREMENT not in roles:
        return header, roles
    task, requirement = roles.index(TASK), roles.index(REQUIREMENT)
    labelled = [
        cell
        for cell, kind in zip(data, kinds, strict=True)
        if kind == "numbered" and _UNITS_LABELLED.search(simplify(cell))
    ]
    if task > requirement or len(labelled) < 1:
        return header, roles
    roles = [
        REQUIREMENT if j == task else MEASURES if j == requirement else r
        for j, r in enumerate(roles)
    ]
    header = [
        "工作内容" if j == task else "具体措施" if j == requirement else cell
        for j, cell in enumerate(header)
    ]
    return header, roles


def _skip_costs(roles: list[str]) -> tuple[list[float], list[float], list[float]]:
    """Cost of a row leaving out each column: at its start (a merged cell above), inside
    it, and at its end."""
    start = [0.0 if r == TASK else 0.5 if r == NUMBER else 2.0 for r in roles]
    middle = [0.5 if r in (NOTE, TASK, PROGRESS) else 2.0 for r in roles]
    end = [0.5 if r in (NOTE, PROGRESS) else 2.0 for r in roles]
    return start, middle, end


def _align(roles: list[str], data: list[str], kinds: list[str]) -> list[Row]:
    """Viterbi: each cell goes to a column; a row closes when the next cell goes left."""
    width = len(roles)
    if not data:
        return []
    start_skip, mid_skip, end_skip = _skip_costs(roles)
    lead = [sum(start_skip[:c]) for c in range(width + 1)]
    tail = [sum(end_skip[c:]) for c in range(width + 1)]
    req = [r in (REQUIREMENT, MEASURES) for r in roles]
    heading = width  # the state of a heading row standing on its own
    inf = float("inf")
    State = tuple[int, bool]  # (column, the row has its requirement yet)

    def closed(state: State, cost: float) -> float:
        column, has_req = state
        if column == heading:
            return cost
        return cost + tail[column + 1] + (0 if has_req else _NO_REQUIREMENT)

    costs: dict[State, float] = {}
    back: list[dict[State, tuple[State | None, bool]]] = []
    first: dict[State, tuple[State | None, bool]] = {}
    for c in range(width):
        costs[(c, req[c])] = lead[c] - _fit(kinds[0], roles[c])
        first[(c, req[c])] = (None, True)
    if kinds[0] in _HEADING_ROW:
        costs[(heading, True)] = -_HEADING_ROW[kinds[0]]
        first[(heading, True)] = (None, True)
    back.append(first)
    for kind in kinds[1:]:
        new: dict[State, float] = {}
        pointers: dict[State, tuple[State | None, bool]] = {}
        boundary_from = min(costs, key=lambda s: closed(s, costs[s]))
        boundary = closed(boundary_from, costs[boundary_from])
        for c in range(width):
            fit = _fit(kind, roles[c])
            for state, cost in costs.items():
                column, has_req = state
                if column == heading or column >= c:
                    continue
                total = cost + sum(mid_skip[column + 1 : c]) - fit
                key = (c, has_req or req[c])
                if total < new.get(key, inf):
                    new[key], pointers[key] = total, (state, False)
            total = boundary + lead[c] - fit
            key = (c, req[c])
            if total < new.get(key, inf):
                new[key], pointers[key] = total, (boundary_from, True)
        if kind in _HEADING_ROW:
            key = (heading, True)
            new[key], pointers[key] = boundary - _HEADING_ROW[kind], (boundary_from, True)
        costs = new
        back.append(pointers)
    state: State | None = min(costs, key=lambda s: closed(s, costs[s]))
    path: list[tuple[State, bool]] = []
    for pointers in reversed(back):
        previous, new_row = pointers[state]
        path.append((state, new_row))
        state = previous
    path.reverse()
    rows: list[Row] = []
    doubtful: set[int] = set()  # rows whose cells fit their columns badly
    unglued: set[int] = set()  # rows with a deadline cut off a cell's end
    for cell, kind, ((column, _), new_row) in zip(data, kinds, path, strict=True):
        if column == heading:
            rows.append([cell])
            continue
        if new_row or not rows or len(rows[-1]) != width:
            rows.append([""] * width)
        rows[-1][column] = cell
        if isinstance(cell, _GluedDeadline):
            unglued.add(len(rows) - 1)
        if _fit(kind, roles[column]) < 0:
            doubtful.add(len(rows) - 1)
    for at, row in enumerate(rows):
        if len(row) == width and not any(row[j] for j, r in enumerate(roles) if r in _NEEDED):
            doubtful.add(at)  # a row with no task, or no units and no deadline
    marks = [
        ([GLUED] if at in unglued else []) + ([DOUBT] if at in doubtful else [])
        for at in range(len(rows))
    ]
    return [[*row, *mark] for row, mark in zip(rows, marks, strict=True)]
