"""Corrections of the import preview's task boundaries (issue 14): what the reader cut wrong
— two tasks read as one, one task cut in two, a heading read as a task, a task missed — is
put right by the clerk before anything is saved.

Each preview item is a row of the values as the page posted them (strings, ``ongoing`` a
bool, ``action`` the verb chosen for it). ``apply_edits`` returns the rows the preview shows
next; nothing here touches the database."""

from dataclasses import dataclass, field

from gongkai.plans.importers.base import ParsedPlan

# The verbs a clerk can choose on one item (修改此项).
KEEP, DELETE, MERGE, SPLIT, ADD = "", "delete", "merge", "split", "add"
ACTIONS = [
    (KEEP, "不修改"),
    (DELETE, "不导入此项"),
    (MERGE, "并入上一项"),
    (SPLIT, "拆为两项（在下方复制一份，改为第二项的内容）"),
    (ADD, "在下方添加一项（原文漏读的任务）"),
]
MERGE_FIRST = "这是第一项，上方没有任务可以并入；如不需要这一项，请选“不导入此项”。"
# Text fields a merge joins (the upper item's text first), and how.
JOINED = {"requirement": "\n", "measures": "\n", "note": "\n", "units_text": "；"}
UNIT_FIELDS = ("lead_units", "support_units")


@dataclass
class Applied:
    """What one round of edits did: the rows to show, and the refusals per shown row."""

    rows: list[dict]
    errors: dict[int, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    renumbered: int = 0  # rows moved up after a merge or delete (the reader's numbers)

    def describe(self) -> str:
        words = {DELETE: "删除", MERGE: "并入上一项", SPLIT: "拆分", ADD: "添加"}
        done = [f"{words[verb]}{n}项" for verb, n in self.counts.items() if n]
        moved = f"，其后{self.renumbered}项已顺延编号" if self.renumbered else ""
        return "、".join(done) + moved


_OPENING, _CLOSING = "（(［[【〈《<‹", "）)］]】〉》>›"


def unit_names(text: str) -> list[str]:
    """A units field as typed: names separated by 、 or commas — but not inside brackets,
    which belong to the name (各县(市、区)政府 is one collective, not 各县(市 and 区)政府)."""
    names, current, depth = [], [], 0
    for char in text:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        if depth == 0 and char in "、，,;；":
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return [n.strip() for n in names if n.strip()]


def _number(row: dict) -> int | None:
    try:
        return int(str(row.get("number", "")).strip())
    except ValueError:
        return None


def _joined(upper: str, lower: str, sep: str) -> str:
    return sep.join(part for part in (upper.strip(), lower.strip()) if part)


def merge_rows(upper: dict, lower: dict) -> dict:
    """``lower`` appended to ``upper``: texts joined, units joined without duplicates (a unit
    leading in either leads), the upper's deadline unless it has none, flags of both kept."""
    merged = dict(upper)
    for name, sep in JOINED.items():
        merged[name] = _joined(upper.get(name, ""), lower.get(name, ""), sep)
    lead = list(dict.fromkeys(unit_names(upper["lead_units"]) + unit_names(lower["lead_units"])))
    support = unit_names(upper["support_units"]) + unit_names(lower["support_units"])
    merged["lead_units"] = "、".join(lead)
    merged["support_units"] = "、".join(n for n in dict.fromkeys(support) if n not in lead)
    if not (upper.get("deadline_text", "").strip() or upper.get("due_date")):
        merged["deadline_text"] = lower.get("deadline_text", "")
        merged["due_date"] = lower.get("due_date", "")
    merged["ongoing"] = bool(upper.get("ongoing") or lower.get("ongoing"))
    for name in ("section", "subsection"):
        merged[name] = upper.get(name) or lower.get(name, "")
    flags = upper.get("flags", "").splitlines() + lower.get("flags", "").splitlines()
    merged["flags"] = "\n".join(dict.fromkeys(f for f in flags if f.strip()))
    return merged


def _next_number(row: dict, used: set[int]) -> str:
    """The number a new row below ``row`` gets: the next one when free, else the same (the
    clerk is warned of the duplicate at the field and sets it)."""
    number = _number(row)
    if number is None:
        return ""
    return str(number + 1 if number + 1 not in used else number)


def blank_row(below: dict, used: set[int]) -> dict:
    """A task the reader missed, in the part of the plan of the row above it."""
    blank = {name: "" for name in below}
    kept = {name: below.get(name, "") for name in ("section", "subsection")}
    return blank | kept | {"number": _next_number(below, used), "ongoing": False}


# The number the reader gave a task when it numbered the plan's tasks itself, in order (a
# hidden field of the preview; empty when the numbers are the plan's own or typed).
READ_NUMBER = "read_number"


def numbered_by_reader(parsed: ParsedPlan) -> bool:
    """The reader numbered the tasks 1, 2, 3… itself (按出现顺序编号: the plan numbered them
    under each part, or not at all), so a task merged away leaves a gap no plan has."""
    numbers = [item.number for item in parsed.items]
    return parsed.numbered_in_order and numbers == list(range(1, len(numbers) + 1))


def _read_number(row: dict) -> int | None:
    """The reader's number of a row whose number the clerk has not changed, else None."""
    read = _number({"number": row.get(READ_NUMBER, "")})
    return read if read is not None and read == _number(row) else None


def apply_edits(rows: list[dict]) -> Applied:
    """Apply each row's chosen verb, top to bottom.

    并入上一项 joins a row into the nearest row kept above it (so several rows in a run
    merge into one); on the first row it is refused at the row, which is kept as it was.
    Numbers stay as set, but for the reader's own (numbered_by_reader): a task merged away or
    deleted (不导入此项: a heading read as a task) moves the tasks after it in the reader's run
    up by one. A number the clerk typed, or a
    gap in the run, ends the run — what follows stays as set."""
    used = {n for row in rows if (n := _number(row)) is not None}
    result = Applied(rows=[], counts={DELETE: 0, MERGE: 0, SPLIT: 0, ADD: 0})
    shift, last_read = 0, None
    for row in rows:
        action = row.get("action", KEEP)
        row = {**row, "action": KEEP}
        read = _read_number(row)
        if read is None or last_read is None or read != last_read + 1:
            shift = 0  # not the reader's number, or not the next one: the run ends here
        last_read = read
        if action == DELETE:
            result.counts[DELETE] += 1
            shift += 1 if read is not None else 0  # as a merge: the reader's run moves up
            continue
        if action == MERGE:
            if not result.rows:
                result.errors[len(result.rows)] = MERGE_FIRST
                result.rows.append(row)
                continue
            result.rows[-1] = merge_rows(result.rows[-1], row)
            result.counts[MERGE] += 1
            shift += 1 if read is not None else 0
            continue
        if read is not None and shift:
            row["number"] = row[READ_NUMBER] = str(read - shift)
            used.add(read - shift)
            result.renumbered += 1
        result.rows.append(row)
        if action == SPLIT:
            copy = {**row, "number": _next_number(row, used)}
            used.add(_number(copy) or 0)
            result.rows.append(copy)
            result.counts[SPLIT] += 1
        elif action == ADD:
            blank = blank_row(row, used)
            used.add(_number(blank) or 0)
            result.rows.append(blank)
            result.counts[ADD] += 1
    return result
