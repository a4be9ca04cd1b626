"""What the run-on readers share (runon.py, runon_dated.py, runon_noted.py, runon_spaced.py,
runon_columns.py):
each cuts a table run into one line into rows by its own marks (numbers in sequence, deadline
cells between spaces, a deadline run into the units), and hands the rows to the row core
(rows.py) in one shape, built here: a header 序号 | 工作任务 | 责任单位 (| 完成时限), each row its
number, task, one units cell (lead and support labelled when both are read) and deadline,
flagged as cut by content (STUCK) or with its units unread (UNREAD); a part's title (its
number dropped) as a row of its own (PART)."""

from gongkai.plans.importers.stream import STUCK, UNREAD

PART = "\x11"  # a row holding a part's title (its number dropped), for the row core
HEADER = ["序号", "工作任务", "责任单位", "完成时限"]
# A reader that found units on fewer rows than this read no table.
LEAST_READ = 3


def units_cell(lead: str, support: str = "") -> str:
    """One units cell, labelled when it has support units: an empty cell would be taken as
    merged from the row above."""
    return f"牵头单位：{lead}；配合单位：{support}" if support else lead


class RunOnTable:
    """The rows a run-on reader cut, in the row core's shape."""

    def __init__(self, dated: bool = True):
        self.dated = dated
        self.rows: list[list[str]] = [list(HEADER) if dated else HEADER[:-1]]
        self.read = 0  # rows whose units were read

    def part(self, title: str) -> None:
        self.rows.append([title, PART])

    def heading(self, line: str) -> None:
        self.rows.append([line])

    def row(self, number, task: str, units: str, deadline: str = "", *, unread=False) -> None:
        cells = [str(number), task, units, *([deadline] if self.dated else [])]
        self.rows.append([*cells, UNREAD if unread else STUCK])
        self.read += bool(units)

    def if_read(self) -> list[list[str]] | None:
        """The rows, or None when too few rows gave units to be a table."""
        return self.rows if self.read >= LEAST_READ else None
