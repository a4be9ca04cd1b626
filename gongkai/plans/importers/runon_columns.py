"""A table whose rows kept their lines but lost their cell borders: each row one line, its
cells parted by single spaces, its header spaced out at the end of the line before (…分解表 工
作 任 务 党工委管委会牵头部门 本局责任处（单位） 工　作　要　求), part and group rows (一、…,
（一）…) on lines of their own, rows numbered 1. … N. What it reads: the header's columns
(a column of the body's own divisions, 本局责任处, is the plan's units; another units column
beside it, the upper level's lead departments, is a note); each row's first cell its task,
its last its requirement, the cells between its units cells: two, the units column is the
one the header puts last; one, the plan's own when it gives roles (综合处牵头，各处配合落实)
and the other column's otherwise; none, merged from the row above (a rowspan lost with the
borders), as the row core reads an empty units cell. Every row is flagged (its cells are cut
by spaces)."""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.plans.importers.cells import _NUMBERED, _SUBSECTION, _header_role, _is_heading
from gongkai.plans.importers.headers import LEAD, OWN_UNITS, REQUIREMENT, SUPPORT, TASK, UNITS
from gongkai.plans.importers.runon_core import RunOnTable

_UNIT_ROLES = (UNITS, LEAD, SUPPORT)
# 本局责任处（单位）, 局内负责科室: a column of the body's own divisions.
_OWN_COLUMN = re.compile("(?:" + "|".join(OWN_UNITS) + ").{0,4}(?:责任|负责|承办|落实)")
# A units cell that gives roles: 综合处牵头，各处配合落实; 各处、单位分别牵头落实.
_ROLES_GIVEN = re.compile(r"牵头|配合|负责|协助|落实")
_LEAST_ROWS = 3


def column_rows(lines: list[str]) -> list[list[str]] | None:
    """[[line] …] for the lines before the table, then its rows; or None."""
    for at, line in enumerate(lines):
        header = _spaced_header(line)
        if not header:
            continue
        start, roles = header
        rows = _rows(lines[at + 1 :], roles)
        if rows is None:
            continue
        table, after = rows
        before = [*lines[:at], line[:start]]
        return (
            [[text] for text in before if text.strip()]
            + table
            + [[text] for text in after if text.strip()]
        )
    return None


def _spaced_header(line: str) -> tuple[int, list[str]] | None:
    """(where it starts, each column's role) of a header ending ``line``, its words spaced
    out or parted by spaces: four columns or more, a task, a requirement and a units column
    of the body's own among them; None otherwise."""
    words: list[tuple[int, str, bool]] = []  # (start, word, of spaced-out characters)
    for token in re.finditer(r"\S+", line):
        text = token.group()
        if len(text) == 1 and words and words[-1][2]:
            words[-1] = (words[-1][0], words[-1][1] + text, True)
        else:
            words.append((token.start(), text, len(text) == 1))
    roles: list[str] = []
    start = len(line)
    for word_start, word, _ in reversed(words):
        role = _column_role(word)
        if role is None:
            break
        roles.insert(0, role)
        start = word_start
    own = [j for j, role in enumerate(roles) if role == "own"]
    if len(roles) < 4 or len(own) != 1 or TASK not in roles or REQUIREMENT not in roles:
        return None
    return start, roles


def _column_role(word: str) -> str | None:
    plain = simplify(re.sub(r"[（(][^（）()]*[)）]", "", word))
    if _OWN_COLUMN.search(plain):
        return "own"
    role = _header_role(word) or _header_role(plain)
    return role if role in (TASK, REQUIREMENT, *_UNIT_ROLES) else None


def _rows(lines: list[str], roles: list[str]) -> tuple[list[list[str]], list[str]] | None:
    """(the table's rows, the lines after it), or None when fewer than three rows give units."""
    others = [j for j, role in enumerate(roles) if role in _UNIT_ROLES]
    table = RunOnTable(dated=False)
    rows, end = 0, len(lines)
    for at, line in enumerate(lines):
        number = _NUMBERED.match(line)
        if number and number.group(1):
            cells = line[number.end() :].split()
            table.row(number.group(1), *_task_and_units(cells, bool(others)))
            rows += 1
        elif _is_heading(line) or _SUBSECTION.match(line):
            table.heading(line)
        else:
            end = at
            break
    if rows < _LEAST_ROWS or table.read < _LEAST_ROWS:
        return None
    return table.rows, lines[end:]


def _task_and_units(cells: list[str], other_units_column: bool) -> tuple[str, str]:
    """(task, units) of a row's cells: task, units cells, requirement."""
    if len(cells) < 2:
        return "".join(cells), ""
    task, middle, requirement = cells[0], cells[1:-1], cells[-1]
    text = task.rstrip("。") + "。" + requirement
    if len(middle) == 2 and other_units_column:
        return text, middle[1]
    if len(middle) == 1 and (not other_units_column or _ROLES_GIVEN.search(middle[0])):
        return text, middle[0]
    return text, ""
