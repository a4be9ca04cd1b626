"""A table run into one line with a single space between its cells (序号 工作任务 工作内容
责任单位 完成时限 1 开展排查 对养老院开展排查。 社会事业处负责 2022年4月8日前 对商场…), the
序号 and 工作任务 cells merged over several rows (printed on a group's first row only). What it
reads: a row ends at each deadline cell (a date standing between spaces); the cells before it
that name units are its units (a cell ending in ， runs on into the next: X牵头， Y配合); the
cell before them its requirement; on a group's first row (its number, in sequence, first) the
cells between the number and the requirement are the group's title, the section of its rows.
Rows are numbered in order, one per requirement, and every row is flagged (its cells are cut
by content)."""

import re

from gongkai.plans.importers.cells import _looks_like_units
from gongkai.plans.importers.runon_core import RunOnTable

# A deadline cell between spaces: 2022年4月8日前, 4月15日前, 6月底前, 2022年12月31日.
_DEADLINE_CELL = re.compile(
    r"(?<=\s)(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|[上中下]旬)?(?:前|之前)?(?=\s|$)"
)
_RUNS_ON = ("，", ",", "、", "；", ";")


def spaced_rows(text: str) -> list[list[str]] | None:
    """Rows of the table in ``text`` (after its header), or None when fewer than three rows
    end in a deadline cell with units before it."""
    ends = list(_DEADLINE_CELL.finditer(text))
    if len(ends) < 3:
        return None
    table = RunOnTable()
    at, group = 0, 1
    for number, end in enumerate(ends, start=1):
        cells = text[at : end.start()].split()
        at = end.end()
        first = bool(cells) and cells[0] == str(group)
        if first:
            cells, group = cells[1:], group + 1
        units: list[str] = []
        while len(cells) > 1 and (
            _looks_like_units(cells[-1]) or (units and cells[-1].endswith(_RUNS_ON))
        ):
            units.insert(0, cells.pop())
        if not cells:
            return None
        if first and len(cells) > 1:
            table.part(" ".join(cells[:-1]))
            cells = cells[-1:]
        joined = "".join(u if u.endswith(_RUNS_ON) else u + "、" for u in units).rstrip("、")
        table.row(number, " ".join(cells), joined, end.group(), unread=not units)
    return table.if_read()
