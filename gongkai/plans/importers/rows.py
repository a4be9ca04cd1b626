"""The one place that turns rows of cells into plan items.

Every format (text, HTML, .docx, .xlsx) is first reduced to a list of rows, each
a list of cell strings; inside a cell "\\n" separates paragraphs, which is how a
cell holding several numbered requirements (or their measures, deadlines and
units) is told apart. Plain paragraphs become one-cell rows.

Steps: find the header row and give each column a role (by its words, by content when
the header is narrower than the rows, and a 工作任务 column that only groups the items
of the next is read as the group); walk the rows keeping the current section (一、) and
subsection (（一）); in text tables, take a units or deadline cell merged over rows from
the row above (flagged); split each row's cells into parts; align parts to
requirements, across rows when a row's cells spilled into the next (flagging those
items); finally parse deadlines and units. Paragraph plans become records first, their
units read from the brackets closing each task (labelled, or bare when every name in it is
a body); a （一） paragraph holding several tasks, each closed by its own bracket, is cut
into them and the plan numbered in order (flagged).
"""

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import combinations

from gongkai.lib.deadline_text import cn_number, parse_deadline, simplify
from gongkai.lib.unit_text import COMMA_LEGEND, parse_units
from gongkai.plans.importers.base import (
    ParsedItem,
    ParsedPlan,
    PlanColumnsUnclear,
    PlanImportError,
)
from gongkai.plans.importers.headers import (
    DEADLINE,
    HEADER_SYNONYMS,
    LEAD,
    MEASURES,
    NOTE,
    NUMBER,
    OWN_UNITS,
    REQUIREMENT,
    ROLE_LABELS,
    SUPPORT,
    TASK,
    UNITS,
)
from gongkai.plans.importers.stream import DOUBT, GLUED, stream_rows

Row = list[str]


# Columns whose parts must line up one-to-one with the requirements.
_ALIGNED = (MEASURES, DEADLINE, UNITS, LEAD, SUPPORT)
_CANONICAL_HEADER = ["工作内容", "落实措施", "完成时限", "责任单位", "备注"]

_SECTION = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]")
_SUBSECTION = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*")
_NUMBERED = re.compile(r"^\s*(?:(\d{1,4})\s*[.．、](?!\d)|[（(](\d{1,4})[)）])\s*")
_NOISE = re.compile(
    r"^(首页\s*[>›»]|当前位置|您的位置|您现在的位置|打印本页|【?打印|【?关闭|关闭窗口|"
    r"【?字体[:：]|字号[:：]|分享到|扫一扫|返回顶部|上一篇|下一篇|浏览次数|访问量|"
    r"来源[:：]|发布时间[:：]|发布日期[:：])"
    # A web page's list of the document's particulars: 1. [主题分类] 综合政务, [发文字号] 〔〕.
    r"|^(?:\d{1,2}\s*[.．]\s*)?\[[\u4e00-\u9fff]{2,6}\]"
)
_TITLE_WORDS = re.compile(r"方案|要点|计划|安排|任务清单|分工|台账")
_TITLE_TAIL = re.compile(r"\s*(?:[_｜|]|\s[-—–]\s|[-—–](?=[^-—–]*(?:网|欢迎|门户)))")
# A bracket of labels closing a task paragraph: （责任处室：X牵头，Y落实；完成时限：…）, with
# one level of brackets inside (X（Y）), and maybe a label or two after it (…）完成时限：6月底).
# Brackets of every kind plans use around their labels: （）() 〔〕 [] 【】 ﹝﹞.
_OPEN, _CLOSE = "（(〔\\[【﹝", "）)〕\\]】﹞"
_BRACKETED = rf"(?:[^{_OPEN}{_CLOSE}]|[{_OPEN}][^{_OPEN}{_CLOSE}]*[{_CLOSE}])*"
_TRAILER = re.compile(
    rf"[{_OPEN}]({_BRACKETED}?(?:单位|处室|科室|部门|时限|时间)[:：]{_BRACKETED})[{_CLOSE}]"
    rf"[。.；;，,]?\s*((?:[^{_OPEN}{_CLOSE}：:]{{2,6}}[:：][^{_OPEN}{_CLOSE}]*)?)[。.；;]?\s*$"
)
# Any bracket in a task paragraph, to find those naming its units (with labels or without:
# （区发改委、区商务局按职责分工负责）), wherever they stand.
_ANY_BRACKET = re.compile(rf"[{_OPEN}]({_BRACKETED})[{_CLOSE}]")
_UNIT_LABEL = re.compile(r"(?:单位|处室|科室|部门)[:：]")
# 一、 二、 (一) 1、 inside one long line: a plan whose line breaks were lost.
_INLINE_HEADING = re.compile(
    r"\s+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、．](?!\d)))"
)
# Pinyin that a web page printed after characters: 政務(wù) 發(fā)展.
_RUBY = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑńňǹ]{1,7}[)）]")
# A web page's index block: 索引号: | 330523/2022-06006 | 成文日期: | 2022-07-21 |
_META_LABEL = re.compile(r"^[^，。,；;]{1,8}[:：]$")
_LABEL = re.compile(
    r"^((?:责任|牵头|配合|主办|协办|承办|落实)(?:单位|处室|科室|部门)|"
    r"完成时限|完成时间|时限要求|时限|落实措施|具体措施|备注)[:：]\s*"
)
_TRAILER_PIECES = re.compile(r"[；;]|[，,](?=[^，,；;:：（）()]{2,6}[:：])")
# 一是…；二是…: tasks run together in one paragraph, each starting with an ordinal.
_ORDINAL = re.compile(r"(?:^|(?<=[。；;！!]))\s*[一二三四五六七八九十]{1,3}是")

_BRACKETS = re.compile(r"[（(〔][^（）()〔〕]*[)）〕]")
_DOUBTFUL = "原表未标明行的起止，本行是按各单元格的内容切分出来的，请核对"
_GLUED = (
    "原文此行的单元格粘连在一起（没有分隔），完成时限是从内容末尾拆出的，"
    "责任单位未能可靠拆分，请核对"
)
_GUESSED_COLUMNS = "表格部分列的含义是按内容判断的，请核对各列对应关系"
_SPILLED = "原表此处单元格错行（任务与措施、时限、单位的条数不一致），已跨行按顺序对齐，请核对"
_MAX_BLOCK_ROWS = 4
_CONTINUED = (
    "原表下一行没有任务单元格（与本行合并），其措施、单位已并入本项任务（完成时限取第一行），请核对"
)


@dataclass
class _RowParts:
    """One table row once its cells have roles: requirements plus raw column text."""

    requirements: list[tuple[int | None, str]]
    columns: dict[str, str]
    section: str
    subsection: str
    flags: list[str] = field(default_factory=list)
    group: str = ""  # the （一） heading over the row, as written
    # Its requirement cell merged from the row above (a | table's rowspan): more of that task.
    continues: bool = False
    piece: bool = False  # a task cut out of a paragraph that held several (a _Record's)
    unnumbered: bool = False  # a paragraph with units but no number, read as a task

    def parts(self, role: str, as_lines: bool) -> list[str]:
        text = self.columns.get(role, "").strip()
        if not text:
            return []
        return text.split("\n") if as_lines else [text.replace("\n", "；")]


def parse_rows(
    rows: list[Row],
    year: int,
    *,
    columns: list[str] | None = None,
    synonyms: dict[str, str] | None = None,
    short_rows_merged: bool = False,
    bar_separated: bool = False,
) -> ParsedPlan:
    """Turn rows of cells from any format into a ParsedPlan (the shared core).

    ``columns`` is the role of each column of the plan's table as the user mapped it in the
    preview (it overrides the header); ``synonyms`` are header words the users taught earlier.
    ``short_rows_merged``: a row with fewer cells than the header lost them to cells merged
    from the rows above (tables captured as text); Word, Excel and HTML repeat merged cells.
    ``bar_separated``: rows are lines of cells separated by |, where the cells a short row
    lacks are its leading ones.
    """
    token = _LEARNED.set({simplify(k).replace(" ", ""): v for k, v in (synonyms or {}).items()})
    try:
        return _parse_rows(rows, year, columns, short_rows_merged, bar_separated)
    finally:
        _LEARNED.reset(token)


def _parse_rows(
    rows: list[Row],
    year: int,
    mapped: list[str] | None,
    merged: bool = False,
    bar_separated: bool = False,
) -> ParsedPlan:
    rows = [cleaned for row in rows if (cleaned := _clean_row(row))]
    doubtful = _doubtful_rows(rows)
    rows = [row for row in rows if any(row)]
    if not rows:
        raise PlanImportError("文件内容为空，请选择填写好的工作实施方案。")
    warnings: list[str] = []
    records = False
    if not any(sum(1 for c in row if c) >= 2 for row in rows):
        rows = _paragraph_rows([c for row in rows for c in row if c])
        doubtful |= _doubtful_rows(rows)  # one cell per line, cut into rows by content
        # Paragraphs read into records: each field in its place, nothing merged.
        records = _CANONICAL_HEADER in rows
        merged = merged and not records
    unitless = records and not any(_record_units(row) for row in rows)
    title = _find_title(rows)
    rows = _widen_header(_join_two_row_header(rows))
    header_at, roles, unclear = _columns(rows)
    if mapped:
        roles, unclear = _apply_mapping(roles, mapped), False
    elif header_at < 0 or unclear:
        warnings.append("未找到表头或表头有未识别的列，已按内容判断各列含义，请核对")
    columns = _column_info(rows, header_at, roles, unclear)
    body = rows[header_at + 1 :]
    section = _section_before(rows[: max(header_at, 0)])
    walked = REQUIREMENT in roles
    drafts = (
        _walk(body, roles, warnings, section, merged, records, doubtful, unitless, bar_separated)
        if walked
        else []
    )
    if not drafts:
        if _has_text_column(rows[header_at + 1 :]):
            raise PlanColumnsUnclear(columns)
        raise PlanImportError(NO_TASKS)
    _number_items(drafts, warnings)
    _groups_as_sections(drafts)
    _flag_tasks_before_any_heading(drafts)
    items = [_finish_item(draft, year) for draft in drafts]
    _flag_plan_without_units(items, warnings)
    if records or header_at > 0:  # a whole document, not a bare table (which has no year)
        _flag_unstated_year(items, rows, year, warnings)
    if unclear:
        for item in items:  # until the user confirms the columns, nothing is taken on trust
            item.flags.append(_GUESSED_COLUMNS)
    return ParsedPlan(
        title=title,
        year=year,
        items=items,
        warnings=warnings,
        columns=columns,
        columns_unclear=unclear,
    )


NO_UNITS = "计划未写明责任单位，请在预览中指定"
_NO_UNITS_WARNING = "整个计划未写明任何责任单位，各项任务的责任单位为空，请在预览中逐项指定"


def _record_units(row: Row) -> bool:
    """A record read from a paragraph that names its units (or its heading's)."""
    return len(row) == len(_CANONICAL_HEADER) and row is not _CANONICAL_HEADER and bool(row[3])


def _flag_plan_without_units(items: list[ParsedItem], warnings: list[str]) -> None:
    """A plan that names no unit for any task: its tasks are kept with their units empty
    (never invented) and each is flagged for the user to assign them in the preview."""
    if not items or any(i.units_text or i.lead_units or i.support_units for i in items):
        return
    if any(_GLUED in i.flags for i in items):
        return  # the units may be there, glued to the text
    warnings.append(_NO_UNITS_WARNING)
    for item in items:
        item.flags = [NO_UNITS if f == "未填写责任单位" else f for f in item.flags]
        if NO_UNITS not in item.flags:
            item.flags.append(NO_UNITS)


def _flag_unstated_year(
    items: list[ParsedItem], rows: list[Row], year: int | None, warnings: list[str]
) -> None:
    """A plan document that never writes its year (2023年; a document number 〔2023〕
    does not count): dates reckoned from the year given at import are flagged."""
    if not year:
        return
    text = simplify("\n".join(c for row in rows for c in row))
    if re.search(rf"{year}\s*年", text):
        return
    reckoned = [
        item
        for item in items
        if item.due_date and not re.search(r"\d{4}\s*年", simplify(item.deadline_text))
    ]
    if not reckoned:
        return
    warnings.append(f"方案中未写明年份“{year}年”，完成时限按导入时所选的年份推算，请核对")
    for item in reckoned:
        item.flags.append(f"方案中未写明年份，完成时限按{year}年推算，请核对")


def _doubtful_rows(rows: list[Row]) -> dict[int, list[str]]:
    """The flags of the rows a cell stream cut out with doubt (DOUBT) or with a deadline cut
    off a glued cell (GLUED), by row id, their marks taken off."""
    doubtful: dict[int, list[str]] = {}
    for row in rows:
        for mark, flag in ((DOUBT, _DOUBTFUL), (GLUED, _GLUED)):
            if row and row[-1] == mark:
                row.pop()
                doubtful.setdefault(id(row), []).insert(0, flag)
    return doubtful


# Parts of a plan that set out aims and safeguards, not tasks: their prose is no loss.
_GENERAL_PART = re.compile(
    r"总体要求|指导思想|总体目标|工作目标|主要目标|基本原则|保障措施|组织保障|工作要求|组织领导|"
    r"组织实施|工作保障|有关要求|其他事项|总体思路|目标任务"
)
_LOOKS_LIKE_TASK = "有一段内容注有责任单位，像是工作任务，但未能识别为任务，已忽略，请核对原文："
NO_TASKS = (
    "未能识别出任何工作任务。请确认文件是工作实施方案：表格需有“工作任务/责任单位/完成时限”等表头，"
    "或每项任务以“1.”“1、”“（一）”等编号开头。"
)


def _columns(rows: list[Row]) -> tuple[int, list[str], bool]:
    """(header row, role of each column, unclear): by header words, then by content."""
    header_at, raw = _find_header(rows)
    if raw is None:
        header_at = _header_like_row(rows)
        return header_at, _guess_roles(rows[header_at + 1 :]), True
    raw = _own_units_column(rows[header_at], raw)
    if None not in raw:
        return header_at, _numbered_column(rows[header_at + 1 :], _settle_roles(raw), raw), False
    guessed = _guess_roles(rows[header_at + 1 :], width=len(raw))
    filled: list[str | None] = list(raw)
    for j, role in enumerate(raw):
        guess = guessed[j]
        if guess == UNITS and LEAD in filled and SUPPORT not in filled:
            guess = SUPPORT  # units beside a 牵头单位 column: the supporting ones
        if role is None and guess not in (NOTE, *filled):
            filled[j] = guess
    unknown = [
        j for j, role in enumerate(raw) if role is None and _column_has_text(rows, header_at, j)
    ]
    roles = _numbered_column(rows[header_at + 1 :], _settle_roles(filled), raw)
    return header_at, roles, bool(unknown)


def header_roles(header: Row) -> list[str | None]:
    """The role each header cell names, of two units columns the body's own (see below)."""
    return _own_units_column(header, [_header_role(c) for c in header])


# 市级牵头单位 beside 责任单位: the upper level's lead for the task, not this body's unit.
_UPPER_LEVEL = re.compile(r"^(?:上级|国家|中央|省级|省里|市级|市里)")


def _own_units_column(header: Row, raw: list[str | None]) -> list[str | None]:
    """Two 责任单位 columns, one of them the body's own divisions (局内负责处室): that one
    holds the units; the other (市里落实单位) is kept as a note. So is a column naming the
    upper level's units (市级牵头单位) beside one that does not."""
    named = [j for j, role in enumerate(raw) if role in (UNITS, LEAD, SUPPORT)]
    upper = [j for j in named if _UPPER_LEVEL.match(simplify(header[j]))]
    if upper and len(upper) < len(named):
        raw = [NOTE if j in upper else role for j, role in enumerate(raw)]
        if LEAD not in raw and SUPPORT in raw:
            raw[raw.index(SUPPORT)] = UNITS
    units = [j for j, role in enumerate(raw) if role == UNITS]
    if len(units) != 2:
        return raw
    own = [j for j in units if any(w in simplify(header[j]) for w in OWN_UNITS)]
    if len(own) != 1:
        return raw
    raw = list(raw)
    raw[next(j for j in units if j not in own)] = NOTE
    return raw


def _numbered_column(rows: list[Row], roles: list[str], raw: list[str | None]) -> list[str]:
    """工作任务 | 具体要求, where 工作任务 groups the items of 具体要求: the second column's
    items are numbered through the table (1. … 2. … 3. …, while steps numbered afresh in
    each cell are measures), or the first column (and a 序号 before it) is written only
    on the first row of each group (merged over the rest) while the second is on every row,
    or a 序号 numbering every row stands on a row whose 工作任务 is merged from above."""
    if MEASURES not in roles or raw[roles.index(REQUIREMENT)] != TASK:
        return roles
    req, measures = roles.index(REQUIREMENT), roles.index(MEASURES)
    number = roles.index(NUMBER) if NUMBER in roles else None
    if req > measures or (number is not None and number > req):
        return roles
    numbers = []
    groups = items = numbered_rows = numbered_without_task = 0
    for row in rows:
        filled = [c for c in row if c]
        numbered_rows += bool(filled) and filled[0].isdigit()
        # 2 | (merged) | 公开政府债务信息。: a 序号 on a row whose 工作任务 is merged from above.
        numbered_without_task += (
            number is not None
            and len(row) == len(roles)
            and row[number].isdigit()
            and not row[req]
            and bool(row[measures])
        )
        lone_item = len(filled) == 1 and (
            _NUMBERED.match(filled[0]) or (len(row) > measures and row[measures])
        )
        if not filled or (len(filled) == 1 and not lone_item):
            continue  # a heading on its own, not a row of the table
        if len(filled) < len(roles) or len(row) <= measures:
            cell = filled[0]  # a row under a merged heading cell: its cells shifted left
        elif _NUMBERED.match(row[req]):
            return roles  # numbered items in the first column of a whole row
        else:
            cell = row[measures] if len(row) > measures else ""
            groups += 1
        items += bool(cell)
        match = _NUMBERED.match(cell)
        if match:
            numbers.append(int(match.group(1) or match.group(2)))
    numbered = len(numbers) >= 2 and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))
    merged = items >= 2 and groups <= 0.7 * items
    merged = merged or (numbered_without_task > 0 and numbered_rows >= items)
    if (numbered and number is None) or merged:
        roles = list(roles)
        roles[req], roles[measures] = TASK, REQUIREMENT
        if number is not None and numbered_rows < items:
            roles[number] = NOTE  # it numbers the groups, not the items
    return roles


def _join_two_row_header(rows: list[Row]) -> list[Row]:
    """责任单位 over 牵头 | 配合: one header row, the lower labels under the merged upper cell.

    The upper cell, merged across the columns, counts once; it stands over each run of
    labels in the lower row, and the other upper cells over its empty places."""
    at, roles = _find_header(rows)
    if roles is None or at + 1 >= len(rows):
        return rows
    upper, lower = rows[at], rows[at + 1]
    labels = [c for c in lower if c]
    if not labels or not all(len(c) <= 6 and _header_role(c) for c in labels):
        return rows
    joined, taken, j = [], 0, 0
    while j < len(lower):
        if lower[j]:
            while j < len(lower) and lower[j]:
                joined.append(lower[j])
                j += 1
        else:
            joined.append(upper[taken] if taken < len(upper) else "")
            j += 1
        taken += 1
    return [*rows[:at], joined, *rows[at + 2 :]]


# How well a header label of a role fits a column whose cells are of a kind.
_LABEL_FIT = {
    TASK: {"heading": 2, "text": 1, "numbered": 0},
    REQUIREMENT: {"text": 2, "numbered": 2, "heading": 0},
    MEASURES: {"text": 2, "numbered": 2, "heading": 0},
    NUMBER: {"number": 3},
    UNITS: {"units": 3},
    LEAD: {"units": 3},
    SUPPORT: {"units": 3},
    DEADLINE: {"deadline": 3},
    NOTE: {"empty": 1, "text": 0, "heading": -1},
}
# The role a column with no label of its own takes from what its cells are.
_KIND_ROLE = {"heading": TASK, "number": NUMBER, "units": UNITS, "deadline": DEADLINE}
_ROLE_HEADER = {TASK: "任务分组", NUMBER: "序号", UNITS: "责任单位", DEADLINE: "完成时限"}


def _widen_header(rows: list[Row]) -> list[Row]:
    """A header with fewer labels than its rows have cells (a 序号 column with no label, or
    一、 and （一） headings each in a column of their own under one 工作任务): each label goes
    over the column whose cells fit it, in order; the other columns are named by content."""
    at, raw = _find_header(rows)
    if raw is None:
        return rows
    header = _trimmed(rows[at])
    body = [_trimmed(row) for row in rows[at + 1 :] if sum(1 for c in row if c) >= 2]
    width = max((len(row) for row in body), default=0)
    if not len(header) < width <= 10:
        return rows
    whole = [row for row in body if len(row) == width]
    kinds = []
    for j in range(width):
        votes: dict[str, int] = {}
        for row in whole:
            kind = _cell_kind(row[j])
            votes[kind] = votes.get(kind, 0) + 1
        kinds.append(max(votes, key=lambda k: votes[k]))
    labels = [raw[j] or NOTE for j in range(len(header))]
    slots = max(
        combinations(range(width), len(labels)),
        key=lambda slots: sum(
            _LABEL_FIT[role].get(kinds[j], -2) for role, j in zip(labels, slots, strict=True)
        ),
    )
    widened = [""] * width
    for j, cell in zip(slots, header, strict=True):
        widened[j] = cell
    for j in range(width):
        role = _KIND_ROLE.get(kinds[j])
        if not widened[j] and role and (role == TASK or role not in labels):
            widened[j] = _ROLE_HEADER[role]
    return [*rows[:at], widened, *rows[at + 1 :]]


def _trimmed(row: Row) -> Row:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


def _section_before(rows: list[Row]) -> str:
    """A section heading (一、…) just above the table's header: its tasks belong to it."""
    for row in reversed(rows):
        filled = [c for c in row if c]
        if len(filled) == 1 and _SECTION.match(filled[0]):
            return filled[0]
        if filled:
            return ""
    return ""


def _has_text_column(rows: list[Row]) -> bool:
    """A table with some column of sentences: mapping its columns may find the tasks."""
    body = [row for row in rows if sum(1 for c in row if c) >= 2]
    width = max((len(row) for row in body), default=0)
    return len(body) >= 2 and any(
        sum(len(row) > j and _cell_kind(row[j]) == "text" for row in body) * 2 >= len(body)
        for j in range(width)
    )


def _column_has_text(rows: list[Row], header_at: int, column: int) -> bool:
    return any(len(row) > column and row[column] for row in rows[header_at + 1 :])


def _header_like_row(rows: list[Row]) -> int:
    """An unrecognised header: the first table row of short labels, followed by data rows."""
    for at, row in enumerate(rows[:60]):
        filled = [c for c in row if c]
        if len(filled) < 2:
            continue
        labels = all(len(c) <= 12 and not re.search(r"[\d，。：:；;、,（）()]", c) for c in filled)
        return at if labels and len(filled) == len(row) else -1
    return -1


def _apply_mapping(roles: list[str], mapped: list[str]) -> list[str]:
    width = max(len(roles), len(mapped))
    known = set(ROLE_LABELS)
    given = [m if m in known else NOTE for m in mapped] + [NOTE] * (width - len(mapped))
    if REQUIREMENT not in given:
        raise PlanImportError("请至少把一列对应为“工作任务”。")
    return _settle_roles(given[:width])


def _column_info(rows: list[Row], header_at: int, roles: list[str], unclear: bool) -> list[dict]:
    """Each column as the preview shows it: its header, its role and a sample cell."""
    header = rows[header_at] if header_at >= 0 else []
    body = [row for row in rows[header_at + 1 :] if sum(1 for c in row if c) >= 2]
    info = []
    for j, role in enumerate(roles):
        sample = next((row[j] for row in body if len(row) > j and row[j]), "")
        name = header[j] if j < len(header) and header[j] else f"第{j + 1}列"
        info.append(
            {
                "header": name,
                "named": j < len(header) and bool(header[j]),
                "role": role,
                "sample": sample[:60],
                "unclear": unclear,
            }
        )
    return info


def _walk(
    rows: list[Row],
    roles: list[str],
    warnings: list[str],
    section: str = "",
    merged: bool = False,
    records: bool = False,
    doubtful: dict[int, list[str]] | None = None,
    unitless: bool = False,
    bar_separated: bool = False,
) -> list["_Draft"]:
    walker = _Walker(roles, _tasks_use_cn_numbers(rows, roles, unitless), warnings)
    walker.section, walker.merged, walker.records = section, merged, records
    walker.unitless = unitless
    walker.right_aligned = bar_separated and merged and not records
    walker.numbered = _tasks_numbered(rows, roles)
    walker.doubtful = doubtful or {}
    # A table with no 一、 headings and no group column may head its parts with bare label
    # rows across the table (a group column's cells are groups, not parts).
    walker.label_sections = (
        not records
        and TASK not in roles
        and not any(_SECTION.match(c) for row in rows for c in row if c)
    )
    if merged and TASK in roles:
        walker.from_below = _units_from_below(rows, roles)
    for row in rows:
        walker.add(row)
    return walker.finish()


def _units_from_below(rows: list[Row], roles: list[str]) -> set[int]:
    """A group (its 工作任务 cell on its first row only) whose first rows have no units cell
    while a later row of it has one: a units cell merged over the group's rows that the
    capture put after them (a merged cell never reaches into the group above). The rows
    before it take it; their ids are returned, to flag."""
    if sum(r in (UNITS, LEAD, SUPPORT) for r in roles) != 1:
        return set()
    task, units = roles.index(TASK), next(j for j, r in enumerate(roles) if r in (UNITS, LEAD))
    taken: set[int] = set()
    waiting: list[Row] = []  # the group's rows so far, none with units
    for row in rows:
        whole = len(row) == len(roles)
        if whole and row[task]:
            waiting = []  # a new group
        if not whole or not any(row):
            continue
        if row[units]:
            for earlier in waiting:
                earlier[units] = row[units]
                taken.add(id(earlier))
            waiting = []
        elif waiting or row[task]:
            waiting.append(row)
    return taken


_LABEL_ROW = re.compile(r"^[^\d，。；;：:,、|（）()]{4,30}$")


# ---- cleaning -------------------------------------------------------------


def _clean_row(row: Row) -> Row:
    """Cleaned cells, or [] for an empty row or a line of web-page noise."""
    cells = [_clean_cell(c) for c in row]
    filled = [c for c in cells if c]
    if not filled or all(_NOISE.search(c) for c in filled):
        return []
    if len(filled) >= 2 and _META_LABEL.match(filled[0]):
        return []  # 索引号: | … | 成文日期: | …, a web page's index block
    return cells


def _clean_cell(cell: str | None) -> str:
    lines = (
        _tag_debris_removed(re.sub(r"[ \t\u3000\xa0]+", " ", line).strip())
        for line in str(cell or "").split("\n")
    )
    # ?? at a line's start: full-width spaces lost to a wrong encoding on the way.
    return "\n".join(_RUBY.sub("", _LOST_SPACES.sub("", line)) for line in lines if line)


_LOST_SPACES = re.compile(r"^[?？]+\s*(?=[^?？\s])")
# What a mirror site left of HTML tags (…稳增长/div>) and entities (执法局&&): the < and the
# character before it are usually lost in the mangling, so a bracket may be left open:
# （省财政厅牵头(/div>.
_TAG_DEBRIS = re.compile(r"<?/(?:div|p|span|td|tr|li|font|strong)>|&{2,}", re.IGNORECASE)


def _tag_debris_removed(line: str) -> str:
    """A line without the tag debris (/div>) a mirror left in it; a bracket its debris cut
    off at the line's end is closed again."""
    if not _TAG_DEBRIS.search(line):
        return line
    text = _TAG_DEBRIS.sub("", line).strip()
    opened = sum(text.count(c) for c in "（(") - sum(text.count(c) for c in "）)")
    if opened > 0 and text[-1:] in "（(":
        text = text[:-1] + "）"
    return text


def _is_heading(text: str) -> bool:
    return bool(_SECTION.match(text) or _SUBSECTION.match(text))


def _number_of(line: str, cn_tasks: bool) -> tuple[int | None, str] | None:
    """(number, text without the number) if ``line`` starts a requirement."""
    match = _NUMBERED.match(line)
    if match:
        return int(match.group(1) or match.group(2)), line[match.end() :].strip()
    match = _SUBSECTION.match(line) if cn_tasks else None
    if match:
        return cn_number(match.group(1)), line[match.end() :].strip()
    return None


# ---- header and column roles ----------------------------------------------


_LEARNED: ContextVar[dict[str, str] | None] = ContextVar("learned_header_words", default=None)


def cell_looks_like(cell: str) -> str:
    """ "deadline" or "units" when a cell reads as one, else "". A units cell may go on
    to say what the units do (各镇（街）做好发布工作，区数据局做好技术支持): it starts
    with the units."""
    if _looks_like_deadline(cell):
        return "deadline"
    if _looks_like_units(cell):
        return "units"
    if len(cell) > 120 or _NUMBERED.match(cell) or _TASK_VERB.match(simplify(cell)):
        return ""
    parsed = parse_units(_BRACKETS.sub("", cell))
    names = parsed.lead + parsed.support
    return "units" if names and simplify(cell).startswith(names[0][:2]) else ""


# A task's first word (召开…新闻发布会 is a task, not the name of a 会).
_TASK_VERB = re.compile(
    r"^(?:召开|举办|加强|做好|推进|开展|及时|建立|健全|完善|组织|编制|制定|深化|规范|推动|"
    r"强化|提升|抓好|围绕|实行|实施|加大|加快|积极|全面|进一步)"
)


def header_role(cell: str) -> str | None:
    """The role a header cell names (工作任务, 责任单位 …), or None for data."""
    return _header_role(cell)


def settle_roles(roles: list[str | None]) -> list[str]:
    """Header roles with exactly one requirement column (see _settle_roles)."""
    return _settle_roles(roles)


def _header_role(cell: str) -> str | None:
    text = simplify(cell).replace(" ", "")
    # A header cell is a bare label: "责任单位：新闻处" or a sentence is data.
    if not text or len(text) > 12 or re.search(r"[，。：:；;、,]", text):
        return None
    learned = (_LEARNED.get() or {}).get(text)
    if learned:
        return learned
    for role, words in HEADER_SYNONYMS:
        if any(word in text for word in words):
            return role
    return None


def _find_header(rows: list[Row]) -> tuple[int, list[str | None] | None]:
    for at, row in enumerate(rows[:60]):
        roles = [_header_role(c) for c in row]
        if sum(r is not None for r in roles) >= 2 and REQUIREMENT in _settle_roles(roles):
            return at, roles
    return -1, None


def _settle_roles(roles: list[str | None]) -> list[str]:
    """Fill unknown columns and make sure there is exactly one requirement column.

    Columns left of the 序号 column group the numbered items (a task heading, often one
    merged cell for several rows): then the item itself is in the measures column."""
    settled = [r or NOTE for r in roles]
    if LEAD in settled and UNITS in settled and SUPPORT not in settled:
        settled[settled.index(UNITS)] = SUPPORT  # 牵头单位 | 责任单位: the others help
    if NUMBER in settled:
        at = settled.index(NUMBER)
        left = [j for j in range(at) if settled[j] in (REQUIREMENT, TASK)]
        right = [j for j in range(at + 1, len(settled)) if settled[j] in (REQUIREMENT, MEASURES)]
        if left and right and all(settled[j] != REQUIREMENT for j in right):
            for j in left:
                settled[j] = TASK
            settled[right[0]] = REQUIREMENT
    if REQUIREMENT not in settled and TASK in settled:
        # A lone 工作任务 column holds the requirements themselves.
        settled[settled.index(TASK)] = REQUIREMENT
    if REQUIREMENT not in settled and MEASURES in settled:
        settled[settled.index(MEASURES)] = REQUIREMENT
    return settled


def _guess_roles(rows: list[Row], width: int = 0) -> list[str]:
    """No header: vote on each column's role from its contents."""
    width = width or max((len(r) for r in rows), default=1)
    votes: list[dict[str, int]] = [{} for _ in range(width)]
    for row in rows:
        if sum(1 for c in row if c) < 2:
            continue
        for j, cell in enumerate(row[:width]):
            kind = _cell_kind(cell)
            votes[j][kind] = votes[j].get(kind, 0) + 1
    roles: list[str] = [NOTE] * width
    kinds = (
        (NUMBER, "number"),
        (REQUIREMENT, "numbered"),
        (DEADLINE, "deadline"),
        (UNITS, "units"),
    )
    for role, kind in kinds:
        best = max(range(width), key=lambda j: votes[j].get(kind, 0))
        if votes[best].get(kind, 0) and roles[best] == NOTE:
            roles[best] = role
    if REQUIREMENT not in roles:
        text_cols = [j for j in range(width) if roles[j] == NOTE and votes[j].get("text")]
        if text_cols:
            roles[max(text_cols, key=lambda j: votes[j]["text"])] = REQUIREMENT
    if roles[0] == NOTE and votes[0].get("heading"):
        roles[0] = TASK
    for j in range(width):
        if roles[j] == NOTE and votes[j].get("text") and MEASURES not in roles:
            roles[j] = MEASURES
    return roles


def _cell_kind(cell: str) -> str:
    if not cell:
        return "empty"
    if cell.isdigit() and len(cell) <= 3:
        return "number"
    if _NUMBERED.match(cell):
        return "numbered"
    if _is_heading(cell):
        return "heading"
    if _looks_like_deadline(cell):
        return "deadline"
    if _looks_like_units(cell):
        return "units"
    return "text"


def _looks_like_deadline(text: str) -> bool:
    plain = simplify(text)
    if not _DATE_WORDS.search(plain):
        # Only 持续/动态更新/每月 …: a deadline when short, a requirement when a sentence.
        short = len(text) <= 12 and not re.search(r"[，,。；;]", text)
        return short and parse_deadline(text, 2000).due_date is not None
    # 2021年2月公布预算信息，2021年8月公布决算信息: a longer cell that starts with a date.
    dated = len(text) <= 60 and re.match(r"(?:\d{4}年)?\d{1,2}月", plain)
    return (len(text) <= 25 or bool(dated)) and parse_deadline(text, 2000).due_date is not None


_DATE_WORDS = re.compile(
    r"\d|[一二三四五六七八九十]{1,2}月|季度|年底|年末|年中|上半年|下半年|年内|年度内|全年"
)


def _looks_like_units(text: str, longest: int = 200) -> bool:
    if len(text) > longest and not re.match(
        r"(?:牵头|责任|配合)(?:单位|处室|科室|部门)[:：]", text
    ):
        return False
    parsed = parse_units(_BRACKETS.sub("", text))  # 市有关单位（见附件1） is still units
    return bool(parsed.lead or parsed.support) and not parsed.note


def _tasks_numbered(rows: list[Row], roles: list[str]) -> bool:
    """True when the table's full rows (none of their cells merged from above) number their
    tasks: a 序号 cell, or 1. 2. in the requirement cell."""
    at = roles.index(REQUIREMENT)
    number = roles.index(NUMBER) if NUMBER in roles else None
    full = [row for row in rows if len(row) >= len(roles) and row[at]]
    numbered = [
        row
        for row in full
        if _NUMBERED.match(row[at]) or (number is not None and row[number].isdigit())
    ]
    return len(numbered) >= 2 and len(numbered) >= 0.8 * len(full)


def _tasks_use_cn_numbers(rows: list[Row], roles: list[str], unitless: bool = False) -> bool:
    """True when requirements are numbered （一）（二）, not 1. 2. (then （一） is no section).
    ``unitless``: records of a plan naming no units, a task's record may hold only its text."""
    column = roles.index(REQUIREMENT)
    cn = False
    for row in rows:
        record = unitless and len(row) == len(roles)
        if (sum(1 for c in row if c) < 2 and not record) or len(row) <= column:
            continue
        for line in row[column].split("\n"):
            if _NUMBERED.match(line) or (roles[0] == NUMBER and row[0].isdigit()):
                return False
            cn = cn or bool(_SUBSECTION.match(line))
    return cn


def _find_title(rows: list[Row]) -> str:
    """The plan's title: a short line naming a 方案/要点 before the tasks start."""
    candidates = []
    for row in rows[:60]:
        filled = [c for c in row if c]
        if len(filled) > 1 and not any(_header_role(c) for c in filled):
            continue  # a navigation bar or an index-number block of a web page
        if len(filled) != 1 or _is_heading(filled[0]) or _NUMBERED.match(filled[0]):
            break
        # A web page's title carries the site's name (and sometimes spam) after _ or -.
        line = _TITLE_TAIL.split(filled[0])[0]
        if (
            len(line) <= 60
            and _TITLE_WORDS.search(simplify(line))
            and not re.search(r"[，。：:,]", line)
        ):
            candidates.append(re.sub(r"\s+", " ", line))
    plain = [c for c in candidates if not re.search(r"通知|印发", c)]
    chosen = (plain or candidates or [""])[-1]
    return re.sub(r"(?<=[\u4e00-\u9fff\d]) (?=[\u4e00-\u9fff\d])", "", chosen).strip()


# ---- fitting a row to the header --------------------------------------------


def _fit_row(
    row: Row, roles: list[str], right_aligned: bool = False, margin: int = 0
) -> tuple[Row, list[str], set[int]]:
    """Place the row's cells under the header; flag rows that lost a cell to a merge.

    Also returns the columns the row has no cell for (a cell merged from the row above),
    as opposed to cells that are there but empty."""
    width = len(roles)
    flags = []
    missing: set[int] = set()  # filled below for a row short of cells
    extra = [c for c in row[width:] if c]
    if extra:
        flags.append(f"本行单元格多于表头，多出的内容已并入最后一列：{'；'.join(extra)}")
        row = row[: width - 1] + ["\n".join([row[width - 1], *extra])]
    cells = list(row[:width])
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) >= width:
        return cells, flags, missing
    best = _best_placement(cells, roles, right_aligned, margin)
    placed = [""] * width
    for slot, cell in zip(best, cells, strict=True):
        placed[slot] = cell
    moved = best != tuple(range(len(cells)))
    if moved or len(row) < width:
        flags.append("本行单元格缺失或错位（可能有合并单元格），已按内容判断各列，请核对")
    if len(row) < width:
        missing |= set(range(width)) - set(best)
    return placed, flags, missing


def _best_placement(
    cells: Row, roles: list[str], right_aligned: bool, margin: int
) -> tuple[int, ...]:
    as_given = tuple(range(len(cells)))
    if len(roles) - len(cells) > 4 or len(roles) > 10:
        return as_given
    fits: dict[tuple[int, int], int] = {}

    def fit(slot: int, at: int) -> int:
        if (slot, at) not in fits:
            fits[slot, at] = _fit_score(roles[slot], cells[at])
        return fits[slot, at]

    def score(slots: tuple[int, ...]) -> int:
        return sum(fit(s, at) for at, s in enumerate(slots))

    # On a tie the cells go right: the cells a row lacks are merged from the row above,
    # and a merged cell starts further left.
    best = max(combinations(range(len(roles)), len(cells)), key=lambda s: (score(s), s))
    if not right_aligned:
        return best
    # A row of a text table short of cells lost its leading ones (the group cells given on
    # the first row of their group only): its cells are aligned right to left, unless their
    # content clearly says otherwise (a number in the 序号 column, a task's 1. in its own).
    notes = 0
    while notes < len(roles) and roles[len(roles) - 1 - notes] == NOTE:
        notes += 1
    ends = {len(roles), len(roles) - notes} - {0}
    right = [tuple(range(end - len(cells), end)) for end in ends if end >= len(cells)]
    aligned = max(right, key=lambda s: (score(s), s), default=best)
    return aligned if score(aligned) >= score(best) - margin else best


def _fit_score(role: str, cell: str) -> int:
    numbered = bool(_NUMBERED.match(cell))
    if role == REQUIREMENT:
        return 3 if numbered else (1 if cell else -2)
    if numbered:
        return -3
    if role == TASK:
        return 1 if not cell or _is_heading(cell) else 0
    if role == DEADLINE:
        return 0 if not cell else (2 if _looks_like_deadline(cell) else -2)
    if role in (UNITS, LEAD, SUPPORT):
        return 0 if not cell else (2 if _looks_like_units(cell) else -1)
    if role == NUMBER:
        return 2 if cell.isdigit() else (0 if not cell else -2)
    return -1 if cell and (_looks_like_deadline(cell) or _looks_like_units(cell)) else 0


# ---- walking rows -------------------------------------------------------------


@dataclass
class _Draft:
    """An item being built, with what the finished ParsedItem does not keep."""

    item: ParsedItem
    explicit_number: int | None
    unit_columns: dict[str, str] = field(default_factory=dict)
    group: str = ""  # the （一） heading over the item, as written
    piece: bool = False  # see _RowParts
    unnumbered: bool = False

    def set(self, role: str, value: str) -> None:
        if role in (LEAD, SUPPORT):
            self.unit_columns[role] = value
        elif role in _ITEM_FIELDS:
            setattr(self.item, _ITEM_FIELDS[role], value)

    def get(self, role: str) -> str:
        if role in (LEAD, SUPPORT):
            return self.unit_columns.get(role, "")
        return getattr(self.item, _ITEM_FIELDS[role]) if role in _ITEM_FIELDS else ""


_CARRIED = (UNITS, LEAD, SUPPORT, DEADLINE)
_ITEM_FIELDS = {MEASURES: "measures", DEADLINE: "deadline_text", UNITS: "units_text", NOTE: "note"}
_ROLE_NAMES = {
    MEASURES: "落实措施",
    DEADLINE: "完成时限",
    UNITS: "责任单位",
    LEAD: "牵头单位",
    SUPPORT: "配合单位",
    NOTE: "备注",
}


class _Walker:
    """Keeps the current section and subsection, and aligns rows into item drafts.

    Rows whose part counts agree become items at once. A row whose counts
    disagree opens a block that closes when the running counts agree again:
    its cells spilled into the following rows, so the block is aligned part
    by part across rows and every item in it is flagged for review.
    """

    def __init__(self, roles: list[str], cn_tasks: bool, warnings: list[str]):
        self.roles = roles
        self.cn_tasks = cn_tasks
        self.warnings = warnings
        self.section = ""
        self.subsection = ""
        self.group = ""  # the （一） heading as written, the section when there is no 一、
        self.carry: dict[str, str] = {}  # the last units and deadline cells, for merged rows
        self.merged = False  # short rows lost cells to merges (text tables)
        self.records = False  # rows are records read from paragraphs, their fields in place
        self.unitless = False  # records of a plan that names no units: each one is a task
        self.right_aligned = False  # short rows of a | table lost their leading cells
        self.numbered = False  # the table numbers its tasks (a 序号 column, or 1. 2.)
        # Flags of the rows a cell stream was cut into with doubt, by row id.
        self.doubtful: dict[int, list[str]] = {}
        self.label_sections = False  # bare label rows head the table's parts (no 一、)
        self.from_below: set[int] = set()  # ids of rows given the units cell below them
        self.ignored: dict[str, str] = {}  # section → the first paragraph no task took
        self.after_label = False  # the row before was such a label
        self.last_sub_no: int | None = None
        self.block: list[_RowParts] = []
        self.drafts: list[_Draft] = []
        self.origin: _Record | None = None  # the paragraph record being added, if it is one

    def add(self, row: Row) -> None:
        self.origin = row if isinstance(row, _Record) else None
        row = self._heading_row(row)
        filled = [c for c in row if c]
        lone = len(filled) == 1 and row[0] == filled[0] and not self._unitless_task(row)
        after_label, self.after_label = self.after_label, False
        if lone and not (self.merged and self.carry and self._lone_task(row)):
            if self.label_sections and self._label_row(row[0]):
                # 围绕重大部署着力推进公开 over the rows: the part; a second label right
                # under it (聚焦乡村振兴做好公开) is the group within the part.
                if after_label:
                    self.subsection = row[0]
                else:
                    self.section, self.subsection, self.group = row[0], "", ""
                self.after_label = True
                return
            self._single_cell(row[0])
            return
        if not filled or sum(_header_role(c) is not None for c in row) >= 2:
            return  # the header repeated (a second table, or a page break)
        if self.records and len(row) == len(self.roles):
            cells, flags, missing = list(row), [], set()
        else:
            # An unnumbered short row of a table that numbers its tasks is no task of its own:
            # its task cell (and number) merged from above, its cells go right.
            numbered = self.numbered and not _NUMBERED.match(next(iter(filled), ""))
            margin = 1 if numbered and not any(c.isdigit() for c in filled) else 0
            cells, flags, missing = _fit_row(row, self.roles, self.right_aligned, margin)
        flags += self.doubtful.get(id(row), [])
        if id(row) in self.from_below:
            flags.append("本行没有“责任单位”单元格，已取同组下方合并单元格的内容，请核对")
        if self.merged:
            # A text table shows a cell merged from above as missing or as empty; a task has
            # units and a deadline, so either is taken from above. A 配合 cell may be empty
            # on its own; it is taken only with its 牵头 cell.
            empty = {j for j, c in enumerate(cells) if not c} | missing
            lead_there = LEAD in self.roles and self.roles.index(LEAD) not in empty
            if lead_there:
                empty -= {j for j, r in enumerate(self.roles) if r == SUPPORT}
            missing = empty
        else:
            missing = set()
        columns: dict[str, str] = {}
        for role, cell in zip(self.roles, cells, strict=True):
            if cell and role == TASK:
                self._heading(cell)  # 一、 and （一） may each have a column
            elif cell:
                columns[role] = f"{columns[role]}\n{cell}" if role in columns else cell
        lacking = {self.roles[j] for j in missing}
        self._carry_down(columns, lacking, flags)
        requirements = self._requirements(columns.pop(REQUIREMENT, ""), columns.get(NUMBER, ""))
        parts = self._row(requirements, columns, flags)
        parts.continues = self.right_aligned and REQUIREMENT in lacking and NUMBER not in columns
        self._push(parts)

    def _heading_row(self, row: Row) -> Row:
        """A part heading (一、) alone in some cell of its row, or one row spanning the whole
        table (its text repeated in every cell): the heading of the rows under it."""
        filled = [c for c in row if c]
        if len(filled) < 1 or len(set(filled)) != 1 or self._unitless_task(row):
            return row
        text = filled[0]
        heading = _is_heading(text) and not (self.cn_tasks and _SUBSECTION.match(text))
        if heading or (len(filled) >= 3 and not _NUMBERED.match(text)):
            return [text]
        return row

    def _unitless_task(self, row: Row) -> bool:
        """A record of a plan that names no units at all: a task with its text only, unless
        it stands under a part that sets out aims or safeguards and has no number."""
        if not (self.unitless and self.records and len(row) == len(self.roles)):
            return False
        general = _GENERAL_PART.search(simplify(f"{self.section}{self.subsection}"))
        return not general or bool(_number_of(row[0], self.cn_tasks))

    @staticmethod
    def _label_row(text: str) -> bool:
        return bool(_LABEL_ROW.match(text)) and not (
            _header_role(text) or _looks_like_units(text) or _looks_like_deadline(text)
        )

    def _lone_task(self, row: Row) -> bool:
        """A row of a text table with only its task: the rest merged from above."""
        if _NUMBERED.match(row[0]):
            return True
        whole = len(row) == len(self.roles) and self.roles[0] == REQUIREMENT
        return whole and len(row[0]) > 30 and not _is_heading(row[0])

    def _carry_down(self, columns: dict[str, str], missing: set[str], flags: list[str]) -> None:
        """A units or deadline cell merged over several rows is written only in the first:
        the rows without that cell take it from the row above (flagged)."""
        taken = [r for r in _CARRIED if r in missing and r not in columns and r in self.carry]
        for role in taken:
            columns[role] = self.carry[role]
        if taken and REQUIREMENT in columns:
            names = "、".join(f"“{_ROLE_NAMES[r]}”" for r in taken)
            flags.append(f"本行没有{names}单元格（与上一行合并），已沿用上一行的内容，请核对")
        self.carry.update({r: columns[r] for r in _CARRIED if r in columns})

    def _row(self, requirements, columns, flags=()) -> _RowParts:
        origin = self.origin
        return _RowParts(
            requirements,
            columns,
            self.section,
            self.subsection,
            list(flags),
            self.group,
            piece=bool(origin and origin.piece),
            unnumbered=bool(origin and origin.unnumbered),
        )

    def finish(self) -> list[_Draft]:
        while self.block:
            self._give_up_first()
        with_tasks = {d.item.section for d in self.drafts}
        for section, text in self.ignored.items():
            if section not in with_tasks and not _GENERAL_PART.search(simplify(section)):
                self.warnings.append(
                    f"“{section[:30]}”下有成段文字，但未能识别出任务（如其中有任务，请核对原文或改为"
                    f"逐项编号后再导入）：{text[:40]}…"
                )
        return self.drafts

    def _single_cell(self, text: str) -> None:
        if _is_heading(text) and not (self.cn_tasks and _SUBSECTION.match(text)):
            self._heading(text)
        elif _number_of(text, self.cn_tasks):
            self._push(self._row(self._requirements(text, ""), {}))
        elif len(text) > 20 and (_unit_brackets(text) or _TRAILER.search(simplify(text))):
            # It names units as a task does, yet no task took it: say so, never drop it.
            self.warnings.append(f"{_LOOKS_LIKE_TASK}{text[:60]}")
        elif self.section and len(text) > 15 and re.search("[。；;]", text):
            self.ignored.setdefault(self.section, text)  # see finish()
        # Any other lone line (公开方式：主动公开, a signature) is not part of a task.

    def _heading(self, text: str) -> None:
        first = text.split("\n")[0] if text else ""
        if not first:
            return
        if _SECTION.match(first):
            self.section, self.subsection, self.group = first, "", ""
            self.carry = {}
            return
        match = _SUBSECTION.match(first)
        if match:
            self._new_subsection(match.group(1))
            self.group = first
        elif not _NUMBERED.match(first):
            self.subsection = first[:40]

    def _new_subsection(self, numeral: str) -> None:
        number = cn_number(numeral)
        new = f"({numeral})"
        last = self.last_sub_no
        if last is not None and number not in (last + 1, 1):
            self.warnings.append(f"小节序号不连续：{self.subsection or f'第{last}小节'}之后是{new}")
        self.subsection, self.last_sub_no = new, number

    def _requirements(self, text: str, number_cell: str) -> list[tuple[int | None, str]]:
        """Split a requirement cell into (number, text) parts, one per numbered paragraph."""
        parts: list[tuple[int | None, str]] = []
        for line in text.split("\n") if text else []:
            numbered = _number_of(line, self.cn_tasks)
            if numbered:
                parts.append(numbered)
            elif parts:
                parts[-1] = (parts[-1][0], f"{parts[-1][1]}\n{line}")
            else:
                parts.append((None, line))
        if len(parts) == 1 and parts[0][0] is None and number_cell.isdigit():
            parts[0] = (int(number_cell), parts[0][1])
        return [p for p in parts if p[1]]

    def _push(self, row: _RowParts) -> None:
        if not self.block and not row.requirements and row.continues and self.drafts:
            self._continue(row)
            return
        if not self.block and not row.requirements:
            self._orphan(row)
            return
        if not self.block and self._consistent([row], as_lines=len(row.requirements) != 1):
            self._emit_row(row)
            return
        self.block.append(row)
        if self._consistent(self.block, as_lines=True):
            self._emit_block(self.block)
            self.block = []
        elif len(self.block) > _MAX_BLOCK_ROWS:
            self._give_up_first()

    @staticmethod
    def _consistent(rows: list[_RowParts], as_lines: bool) -> bool:
        wanted = sum(len(r.requirements) for r in rows)
        for role in _ALIGNED:
            have = sum(len(r.parts(role, as_lines)) for r in rows)
            if have not in (wanted, 0):
                return False
        return wanted > 0

    def _give_up_first(self) -> None:
        """The block never closed: take its first row on its own and retry the rest."""
        first, rest = self.block[0], self.block[1:]
        self.block = []
        self._emit_row(first, lenient=True)
        for row in rest:
            self._push(row)

    def _continue(self, row: _RowParts) -> None:
        """A row of a | table whose task cell is merged from the row above: its measures,
        units and note are more of the task above (a second deadline is not taken); flagged."""
        draft = self.drafts[-1]
        for role in (MEASURES, UNITS, LEAD, SUPPORT, DEADLINE, NOTE):
            text, have = row.columns.get(role, "").strip(), draft.get(role)
            if not text or simplify(text) == simplify(have) or (role == DEADLINE and have):
                continue
            joiner = "；" if role in (UNITS, LEAD, SUPPORT) else "\n"
            draft.set(role, f"{have}{joiner}{text}" if have else text)
        draft.item.flags.append(_CONTINUED)

    def _orphan(self, row: _RowParts) -> None:
        text = "；".join(v.replace("\n", "；") for k, v in row.columns.items() if k != NUMBER)
        if text:
            self.warnings.append(f"有一行内容未对应到任何任务，已忽略：{text[:80]}")

    def _emit_row(self, row: _RowParts, lenient: bool = False) -> None:
        drafts = [self._new_draft(row, req) for req in row.requirements]
        for role in (*_ALIGNED, NOTE):
            _assign(drafts, role, row.parts(role, as_lines=len(drafts) != 1), lenient)

    def _emit_block(self, rows: list[_RowParts]) -> None:
        drafts = [self._new_draft(row, req) for row in rows for req in row.requirements]
        for draft in drafts:
            draft.item.flags.append(_SPILLED)
        for role in _ALIGNED:
            parts = [p for row in rows for p in row.parts(role, as_lines=True)]
            for draft, part in zip(drafts, parts, strict=False):
                draft.set(role, part)
        for row in rows:
            if NOTE in row.columns:
                self.warnings.append(f"错行区域的备注未能对应到任务：{row.columns[NOTE][:60]}")

    def _new_draft(self, row: _RowParts, requirement: tuple[int | None, str]) -> _Draft:
        number, text = requirement
        item = ParsedItem(
            number=number or 0,
            section=row.section,
            subsection=row.subsection,
            requirement=text,
            flags=list(row.flags),
        )
        draft = _Draft(item, number, group=row.group, piece=row.piece, unnumbered=row.unnumbered)
        self.drafts.append(draft)
        return draft


def _assign(drafts: list[_Draft], role: str, parts: list[str], lenient: bool) -> None:
    """Give one row's parts of a column to its items (k items, n parts)."""
    if not parts or not drafts:
        return
    if len(parts) == len(drafts):
        for draft, part in zip(drafts, parts, strict=True):
            draft.set(role, part)
        return
    name = _ROLE_NAMES[role]
    if len(parts) == 1:
        # One merged cell serving several tasks: share it.
        for draft in drafts:
            draft.set(role, parts[0])
            if lenient and role in _ALIGNED:
                draft.item.flags.append(
                    f"一个“{name}”单元格对应{len(drafts)}项任务，已共用，请核对"
                )
        return
    for draft, part in zip(drafts, parts, strict=False):
        draft.set(role, part)
    if len(parts) > len(drafts):
        drafts[-1].set(role, "；".join([drafts[-1].get(role), *parts[len(drafts) :]]))
    for draft in drafts:
        draft.item.flags.append(
            f"本行有{len(drafts)}项任务，但“{name}”有{len(parts)}条，已按顺序对应，请核对"
        )


# ---- numbering and per-item parsing ------------------------------------------


# A yearly plan has dozens of items; a bigger "序号" is an amount or a code, not a number, and
# 1,000,000,000,000 once made the gap check below build a set of that many numbers.
MAX_ITEM_NUMBER = 9999


def _number_items(drafts: list[_Draft], warnings: list[str]) -> None:
    given = [d.explicit_number for d in drafts if d.explicit_number is not None]
    if not given and _number_by_subsections(drafts):
        return
    if not given and any(d.piece for d in drafts):
        warnings.append("原文有的段落写有多项任务，已按责任单位括注逐项拆分，并按出现顺序编号")
    elif not given:
        warnings.append("原文任务未编号，已按出现顺序编号")
    elif any(b <= a for a, b in zip(given, given[1:], strict=False)):
        warnings.append("原文任务序号有重复或倒序（可能按部分分别编号），已按出现顺序重新编号")
        given = []
    elif given[-1] > MAX_ITEM_NUMBER:
        warnings.append(f"原文任务序号超过{MAX_ITEM_NUMBER}，不像任务编号，已按出现顺序重新编号")
        given = []
    previous = 0
    for draft in drafts:
        explicit = draft.explicit_number
        draft.item.number = explicit if given and explicit is not None else previous + 1
        previous = draft.item.number
    numbers = [d.item.number for d in drafts]
    if len(set(numbers)) != len(numbers):
        # 1. … (a task with no number) … 2.: the unnumbered one took 2 as well.
        warnings.append("原文有未编号的任务夹在编号任务之间，已按出现顺序重新编号")
        for at, draft in enumerate(drafts, start=1):
            draft.item.number = at
            draft.item.flags.append("任务已按出现顺序重新编号，与原文编号可能不同，请核对")
        return
    if given:
        # An unnumbered task among numbered ones took the number before the next.
        present = {d.item.number for d in drafts}
        missing = [n for n in range(1, given[-1] + 1) if n not in present][:10]
        if missing:
            warnings.append(f"原文任务序号不连续，缺少：{'、'.join(map(str, missing))}")


def _groups_as_sections(drafts: list[_Draft]) -> None:
    """A plan (or a page of one) with no 一、 parts: its （一） group headings are the
    sections."""
    if any(d.item.section for d in drafts):
        return
    for draft in drafts:
        draft.item.section = draft.group


NO_SECTION = (
    "原文此项任务之前没有所属部分的标题（可能只截取了方案的一部分），未能确定其所属部分，请核对"
)


def _flag_tasks_before_any_heading(drafts: list[_Draft]) -> None:
    """A plan with parts whose text starts mid-plan: the tasks before the first heading have
    no section, which is never invented; they are flagged."""
    if not any(d.item.section for d in drafts):
        return
    for draft in drafts:
        if not draft.item.section:
            draft.item.flags.append(NO_SECTION)


def _number_by_subsections(drafts: list[_Draft]) -> bool:
    """Unnumbered items each alone under its own （三） heading take its number (a body that
    kept some tasks of a longer list keeps their numbers)."""
    numbers = [_SUBSECTION.match(d.item.subsection) for d in drafts]
    if not all(numbers):
        return False
    values = [cn_number(m.group(1)) for m in numbers]
    if any(b <= a for a, b in zip(values, values[1:], strict=False)):
        return False
    for draft, number, match in zip(drafts, values, numbers, strict=True):
        draft.item.number = number
        draft.item.flags.append(f"任务未编号，已按其小标题{match.group(0).strip()}编号，请核对")
    return True


def _finish_item(draft: _Draft, year: int) -> ParsedItem:
    item = draft.item
    if draft.piece:
        item.flags.append(_SPLIT_FLAG)
    if draft.unnumbered:
        item.flags.append(_UNNUMBERED_FLAG)
    _finish_deadline(item, year)
    if draft.unit_columns:
        _finish_two_unit_columns(item, draft.unit_columns)
    else:
        _finish_units(item)
    item.requirement = item.requirement.replace("\n", "")
    item.measures = item.measures.replace("\n", "；")
    item.flags = list(dict.fromkeys(item.flags))
    return item


def _finish_deadline(item: ParsedItem, year: int) -> None:
    if not item.deadline_text and item.note:
        # Some plans keep the deadline in the 备注 column.
        from_note = parse_deadline(item.note, year)
        if from_note.due_date:
            item.due_date, item.ongoing = from_note.due_date, from_note.ongoing
            item.flags += ["完成时限取自备注栏，请核对", *from_note.flags]
            return
    if not item.deadline_text:
        item.flags.append("未填写完成时限")
        _deadline_from_text(item, year)
        return
    parsed = parse_deadline(item.deadline_text, year)
    item.due_date, item.ongoing = parsed.due_date, parsed.ongoing
    item.flags += parsed.flags


# A time limit written inside the task's own text: 2021年12月末前, 5月底前, 6月30日前,
# 年底前完成 (always with 前: 2016年末政府债务 is no time limit).
_DEADLINE_IN_TEXT = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|[上中下]旬)?前|(?:\d{4})?年(?:底|末)前"
)


def _deadline_from_text(item: ParsedItem, year: int) -> None:
    """No deadline given: one written in the task's text (完成时限 in the sentence, often for
    a part of the task only) is taken, always flagged."""
    text = simplify(f"{item.requirement}{item.measures}")
    found = _DEADLINE_IN_TEXT.search(text)
    if not found:
        return
    parsed = parse_deadline(found.group(0), year)
    if parsed.due_date:
        item.due_date, item.ongoing = parsed.due_date, False
        item.flags += [f"完成时限取自任务内容（“{found.group(0)}”），请核对", *parsed.flags]


def _finish_units(item: ParsedItem) -> None:
    if not item.units_text:
        item.units_text = _heading_owners(item.section)
    if item.units_text.startswith(_FROM_HEADING):
        item.units_text = item.units_text.removeprefix(_FROM_HEADING)
        item.flags.append("本项任务未注明责任单位，已取其标题所注的单位，请核对")
    if item.units_text.startswith(_JOINED):
        item.units_text = item.units_text.removeprefix(_JOINED)
        item.flags.append("本项任务有多处责任单位括注，已合并（牵头的单位牵头，其余配合），请核对")
    if not item.units_text:
        item.flags.append("未填写责任单位")
        return
    parsed = parse_units(item.units_text)
    item.lead_units, item.support_units = parsed.lead, parsed.support
    item.note = "；".join(filter(None, [item.note, parsed.note, *parsed.asides]))
    item.flags += parsed.flags
    _flag_odd_names(item)


# What a sentence has and a body's name has not: a name read from text that spilled into
# the units cell (县、乡两级政府要健全政务公开工作机构).
_SENTENCE_IN_NAME = re.compile(r"要|应|确保|做好|加强|推进|健全|及时|进一步")


def _flag_odd_names(item: ParsedItem) -> None:
    odd = [
        name
        for name in item.lead_units + item.support_units
        if len(name) > 20 or (len(name) > 8 and _SENTENCE_IN_NAME.search(simplify(name)))
    ]
    if odd:
        item.flags.append(f"责任单位中“{odd[0]}”不像单位名称，请核对")


def _finish_two_unit_columns(item: ParsedItem, columns: dict[str, str]) -> None:
    """牵头单位 | 配合单位 columns: everyone in the first leads, everyone in the second helps."""
    lead, support = parse_units(columns.get(LEAD, "")), parse_units(columns.get(SUPPORT, ""))
    item.lead_units = lead.lead + lead.support
    item.support_units = [u for u in support.lead + support.support if u not in item.lead_units]
    texts = [f"牵头单位：{columns[LEAD]}" if columns.get(LEAD) else ""]
    texts.append(f"配合单位：{columns[SUPPORT]}" if columns.get(SUPPORT) else "")
    item.units_text = "；".join(filter(None, [*texts, item.units_text]))
    if not item.lead_units:
        item.flags.append("未写明牵头单位，请核对")
    _flag_odd_names(item)
    asides = [*lead.asides, *support.asides]
    item.note = "；".join(filter(None, [item.note, lead.note, support.note, *asides]))


# ---- paragraphs (no table at all) ---------------------------------------------


def _paragraph_rows(lines: list[str]) -> list[Row]:
    """Plans written as paragraphs: build table rows, under a canonical header if none."""
    lines = [
        part
        for text in lines
        for line in text.split("\n")
        for inline in _inline_headings(line)
        for part in _ordinals(inline)
    ]
    lines = _glued_table(lines)
    header = _line_header(lines)
    if header:
        # One cell per line: cut into rows by what each line is (merged cells leave none).
        rows = stream_rows(lines, _header_role, cell_looks_like, _settle_roles, header_roles)
        if rows:
            return rows
        return [[line] for line in lines[: header[0]]] + _chunk_cells(lines[header[0] :], header[1])
    return _records(lines)


_HEADER_WORDS = sorted({w for _, words in HEADER_SYNONYMS for w in words}, key=len, reverse=True)
# A row's number glued to its task (1做好…, 12 加强…), not a date or an amount (2022年, 3个).
_GLUED_NUMBER = re.compile(r"^(\d{1,3})\s*(?=[\u4e00-\u9fff“（(])(?![年月日号个项次家所条])")


def _glued_table(lines: list[str]) -> list[str]:
    """A table whose cells lost their separators (a document-sharing site's text): the header
    a run of header words (序号工作任务责任单位完成时限, or with spaces between) on one line.
    Its words become one cell per line; each later line gives its number as a cell of its
    own, and, when the header's words were spaced, its space-separated cells. The rows are
    then cut by content (stream_rows), the deadline glued to a cell's end cut off and
    flagged."""
    for at, line in enumerate(lines[:60]):
        words = _glued_header(line)
        if not words:
            continue
        spaced = bool(re.search(r"\s", line.strip()))
        cells: list[str] = []
        for text in lines[at + 1 :]:
            number = _GLUED_NUMBER.match(text)
            if number:
                cells.append(number.group(1))
                text = text[number.end() :]
            cells += text.split() if spaced and not _is_heading(text) else [text]
        return [*lines[:at], *words, *cells]
    return lines


def _glued_header(line: str) -> list[str] | None:
    """The header words a line is made of, three or more, or None."""
    text = re.sub(r"\s+", "", line)
    plain = simplify(text)
    if not 6 <= len(text) <= 40:
        return None
    words, at = [], 0
    while at < len(plain):
        word = next((w for w in _HEADER_WORDS if plain.startswith(w, at)), None)
        if word is None:
            return None
        words.append(text[at : at + len(word)])
        at += len(word)
    roles = [_header_role(w) for w in words]
    if len(words) < 3 or None in roles or REQUIREMENT not in _settle_roles(roles):
        return None
    return words


def _inline_headings(line: str) -> list[str]:
    """A whole plan on one line (its breaks lost on the way): cut before each heading or
    number that follows a space, when there are several."""
    if len(line) < 300:
        return [line]
    parts = [p.strip() for p in _INLINE_HEADING.split(line) if p.strip()]
    if len(parts) < 3 or sum(bool(_SECTION.match(p)) for p in parts) < 2:
        # A long paragraph that lists things, not a plan on one line; but a heading after
        # a sentence's end and a space (…方案。 一、…透明 (一)加强…) starts a part.
        parts = _heading_after_sentence(line)
        if len(parts) == 1:
            return [line]
    cut = []
    for part in parts:
        # "二、目标任务 2022年，全区…": the heading, then its paragraph after a space.
        title, space, rest = part.partition(" ")
        heading = _SECTION.match(part) or _SUBSECTION.match(part)
        if heading and space and len(title) > heading.end() and len(rest) > 20:
            cut += [title, rest.strip()]
        else:
            cut.append(part)
    return cut


# A run-on copy may have lost the spaces too: …的作用。一、抓好…落实(一)做好….
_SENTENCE_THEN_HEADING = re.compile(r"(?<=[。；;])\s*(?=[一二三四五六七八九十]{1,3}、)")
_HEADING_THEN_GROUP = re.compile(r"\s*(?=[（(][一二三四五六七八九十]{1,3}[)）])")


def _heading_after_sentence(line: str) -> list[str]:
    """…制定本方案。 一、强化…透明 (一)加强…: the preamble, the heading, the group."""
    parts = [p.strip() for p in _SENTENCE_THEN_HEADING.split(line) if p.strip()]
    cut = parts[:1]
    for part in parts[1:]:
        heading, *rest = _HEADING_THEN_GROUP.split(part, maxsplit=1)
        cut += [heading, *rest] if rest and not re.search("[。；;]", heading) else [part]
    return cut


def _ordinals(line: str) -> list[str]:
    """一是…。二是…。 → one line per task, when the paragraph starts with 一是."""
    starts = [m.start() for m in _ORDINAL.finditer(line)]
    if not starts or starts[0] != 0 or not line.lstrip().startswith("一是"):
        return [line]
    return [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]


def _line_header(lines: list[str]) -> tuple[int, list[str]] | None:
    """One cell per line: a run of header words (工作任务 / 责任单位 / 完成时限 …)."""
    for at in range(min(len(lines), 60)):
        run = 0
        while at + run < len(lines) and _header_role(lines[at + run]):
            run += 1
        if run >= 2 and REQUIREMENT in _settle_roles(
            [_header_role(c) for c in lines[at : at + run]]
        ):
            return at, lines[at : at + run]
    return None


def _chunk_cells(lines: list[str], header: list[str]) -> list[Row]:
    """Group the lines after the header into rows of header width; a numbered line
    arriving mid-row means a cell was missing, so the row is closed early."""
    roles = _settle_roles([_header_role(c) for c in header])
    width, req_at = len(roles), roles.index(REQUIREMENT)
    rows: list[Row] = [header]
    buffer: Row = []
    for line in lines[width:]:
        if _SECTION.match(line) and not buffer:
            rows.append([line])
            continue
        if _NUMBERED.match(line) and buffer and len(buffer) != req_at:
            rows.append(buffer)
            buffer = []
        buffer.append(line)
        if len(buffer) == width:
            rows.append(buffer)
            buffer = []
    if buffer:
        rows.append(buffer)
    return rows


def _records(lines: list[str]) -> list[Row]:
    """No header: a numbered paragraph (or, with no numbers at all, any task-like
    paragraph after the first heading) starts a task; lines after it fill its columns."""
    lines = [_bare_units_bracketed(line) for line in lines]
    arabic = any(_NUMBERED.match(line) for line in lines)
    if not arabic:
        lines = _split_at_unit_brackets(lines)
    # （一） paragraphs cut into tasks: only the cut-out tasks are tasks (a plan of
    # unnumbered paragraphs, with no （一）, reads its other paragraphs as before).
    split = any(isinstance(line, _Piece) for line in lines) and any(
        _SUBSECTION.match(line) for line in lines
    )
    cn_tasks = not arabic and not split and any(_SUBSECTION.match(line) for line in lines)
    has_sections = any(_SECTION.match(line) for line in lines)
    rows: list[Row] = []
    record: Row | None = None
    seen_section = False
    heading_units = ""  # units a heading's bracket gives the tasks under it
    for line in lines:
        starts_task = (
            isinstance(line, _Piece)
            or _NUMBERED.match(line)
            or (cn_tasks and _SUBSECTION.match(line))
            or _ORDINAL.match(line)
            # 一、 itself a task, unless numbered tasks stand under it
            or (_SECTION.match(line) and _unit_brackets(line) and not (arabic or cn_tasks))
        )
        if not starts_task and _is_heading(line):
            _units_from_heading(record, heading_units)
            seen_section, record = True, None
            heading_units = _bracket_units(line)
            _add_header_once(rows)
            rows.append([_without_unit_brackets(line) if heading_units else line])
        elif starts_task or (
            not (arabic or cn_tasks or split) and _task_like(line, seen_section, has_sections)
        ):
            _add_header_once(rows)
            _units_from_heading(record, heading_units)
            record = _new_record(line)
            rows.append(record)
        elif record is not None:
            _fill_record(record, line)
        elif seen_section and len(line) > 20 and _unit_brackets(line):
            # A paragraph naming its units under a heading but with no number of its own
            # (its （一） garbled on the way, or never written): a task, flagged.
            _add_header_once(rows)
            record = _new_record(line, unnumbered=True)
            rows.append(record)
        else:
            rows.append([line])
    _units_from_heading(record, heading_units)
    _spread_comma_legend(rows)
    return rows


class _Piece(str):
    """A task cut out of a paragraph that held several (see _split_at_unit_brackets)."""


class _Record(list):
    """A task read from a paragraph: the canonical header's five cells, and how it was found
    (``piece``: cut out of a paragraph holding several; ``unnumbered``: a paragraph with its
    units but no number). The walker carries both to the item's draft, to flag it."""

    def __init__(self, cells: Row, *, piece: bool = False, unnumbered: bool = False):
        super().__init__(cells)
        self.piece, self.unnumbered = piece, unnumbered


_UNNUMBERED_FLAG = "原文此段没有任务编号（或编号无法识别），但注有责任单位，已作为一项任务，请核对"
_SPLIT_FLAG = (
    "原文一段内写有多项任务（各自注明责任单位），已按责任单位括注逐项拆分，并按出现顺序编号，请核对"
)
# A piece this short (without its brackets) is no task of its own: 。（B配合） after
# （A牵头）, or a lone （完成时限：…）.
_MIN_PIECE = 4


def _split_at_unit_brackets(lines: list[str]) -> list[str]:
    """Paragraphs holding several tasks, each closed by its own units bracket ((一)…。
    (A负责)…。(B、C分别负责)), or a （一） heading over several paragraphs each with its
    bracket: one task per bracket, the （一） a heading. When any paragraph of the plan is
    cut so, every task is cut out the same way (marked) and the plan is numbered in order;
    otherwise the lines are returned as they were."""
    # (start, end) of each （一） line and the lines after it, up to the next heading.
    heads = [at for at, line in enumerate(lines) if _is_heading(line)] + [len(lines)]
    blocks = [(a, b) for a, b in zip(heads, heads[1:], strict=False) if _SUBSECTION.match(lines[a])]
    if not blocks:
        if not _several_tasks(lines):
            return lines
        return [part for line in lines for part in _tasks_of_paragraph(line)]
    cut = [_cut_block(lines[a:b]) for a, b in blocks]
    if not any(sum(bool(_unit_brackets(p)) for p in pieces) >= 2 for _, pieces in cut):
        return lines
    out = lines[: blocks[0][0]]
    starts = [start for start, _ in blocks[1:]] + [len(lines)]
    for (_, end), (heading, pieces), following in zip(blocks, cut, starts, strict=True):
        out += [heading, *(_Piece(piece) for piece in pieces), *lines[end:following]]
    return out


def _several_tasks(lines: list[str]) -> bool:
    """A plan of unnumbered paragraphs, some holding several bracket-closed tasks."""
    return any(len(_pieces(line)) >= 2 for line in lines if not _is_heading(line))


def _tasks_of_paragraph(line: str) -> list[str]:
    pieces = [] if _is_heading(line) else _pieces(line)
    return [_Piece(p) for p in pieces] if len(pieces) >= 2 else [line]


def _cut_block(block: list[str]) -> tuple[str, list[str]]:
    """A （一） line and the lines after it: (the heading, the tasks in it)."""
    first = block[0]
    numeral = _SUBSECTION.match(first)
    rest = first[numeral.end() :]
    title, stop, body = rest.partition("。")
    if len(block) > 1 and not _unit_brackets(first) and (not stop or not body.strip()):
        # (一)推进决策公开 on a line of its own: each paragraph under it closed by its units
        # is a task (several brackets in one paragraph stay one task, their units joined).
        return first, _paragraph_tasks(block[1:])
    if stop and body.strip() and _unit_brackets(title + stop):
        # (一)推进决策公开（法规科牵头）。…: the heading's units, for tasks that name none.
        heading, texts = first[: numeral.end()] + title + stop, [body, *block[1:]]
    else:
        heading, texts = first[: numeral.end()] + title + stop, [rest, *block[1:]]
    pieces: list[str] = []
    for text in texts:
        for piece in _pieces(text) or [text]:
            previous = pieces[-1] if pieces else ""
            short = len(_without_brackets(piece).strip("。.；;，, ")) < _MIN_PIECE
            if previous and (short or not _unit_brackets(previous)):
                pieces[-1] = previous + piece  # a bracket on the next line, or more text
            else:
                pieces.append(piece)
    if len(pieces) >= 2 and not _unit_brackets(pieces[-1]):
        pieces[-2:] = [pieces[-2] + pieces[-1]]  # closing text with no units: more of the last
    return heading, [p.strip() for p in pieces if p.strip()]


def _paragraph_tasks(texts: list[str]) -> list[str]:
    """Paragraphs under a heading: a paragraph with units ends a task."""
    tasks: list[str] = []
    for text in texts:
        if tasks and not _unit_brackets(tasks[-1]):
            tasks[-1] += text
        else:
            tasks.append(text)
    if len(tasks) >= 2 and not _unit_brackets(tasks[-1]):
        tasks[-2:] = [tasks[-2] + tasks[-1]]
    return tasks


def _pieces(text: str) -> list[str]:
    """``text`` cut after each units bracket closing a sentence (and its full stop)."""
    cuts = []
    for bracket in _unit_brackets(text):
        end = bracket.end()
        if text[end : end + 1] in tuple("、，,"):
            continue  # (X牵头)、重塑…: the list of things to do goes on
        while end < len(text) and text[end] in "。.；;":
            end += 1
        cuts.append(end)
    pieces, start = [], 0
    for end in cuts:
        pieces.append(text[start:end])
        start = end
    tail = text[start:]
    if tail.strip("。.；;，, "):
        pieces.append(tail)
    elif pieces:
        pieces[-1] += tail
    merged: list[str] = []
    for piece in pieces:
        if merged and len(_without_brackets(piece).strip("。.；;，, ")) < _MIN_PIECE:
            merged[-1] += piece
        else:
            merged.append(piece)
    return [p for p in merged if p.strip()]


def _without_brackets(text: str) -> str:
    return _ANY_BRACKET.sub("", text)


# …。市政府办公室、各县(市)区政府负责落实 — units after the last sentence with no bracket.
_BARE_UNITS_TAIL = re.compile(
    r"(?<=[。；;])([^。；;，,:：]{2,80}?(?:负责|牵头|配合|落实|协办))[。]?$"
)


def _bare_units_bracketed(line: str) -> str:
    """A paragraph whose units follow its last sentence with no bracket: bracketed, so
    they are read as a bracket would be."""
    found = _BARE_UNITS_TAIL.search(line)
    if not found or _is_heading(found.group(1)):
        return line
    parsed = parse_units(found.group(1))
    if not (parsed.lead or parsed.support) or parsed.note or parsed.flags:
        return line
    return f"{line[: found.start(1)]}（{found.group(1)}）"


def _units_from_heading(record: Row | None, heading_units: str) -> None:
    """A finished task that named no units takes those of its heading (marked)."""
    if record is not None and not record[3] and heading_units:
        record[3] = heading_units


def _spread_comma_legend(rows: list[Row]) -> None:
    """逗号前为牵头单位……下同: the legend in the first units bracket holds for the later
    brackets too (X、Y，Z: X and Y lead)."""
    legend = ""
    for row in rows:
        if len(row) != len(_CANONICAL_HEADER) or row is _CANONICAL_HEADER or not row[3]:
            continue
        found = COMMA_LEGEND.search(simplify(row[3]))
        if found and "下同" in found.group(0):
            legend = found.group(0).strip("。.；;，, ")
        elif legend and not found and not _NAMES_ROLES.search(simplify(row[3])):
            row[3] = f"{row[3]}。{legend}"


# Units text that says the roles itself (牵头单位：X；配合单位：Y, X牵头), or is marked.
_NAMES_ROLES = re.compile(r"牵头|配合|协办|主办|协助|参与|多处括注|标题所注")
# Units standing on the heading over tasks that name none: their units, to check.
_FROM_HEADING = "标题所注单位："
# 一、各区、县(市)政府、市政府各部门负责落实的工作任务: a section named by who does its tasks.
_OWNERS_HEADING = re.compile(
    r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．](.{2,60}?)(?:负责|牵头|承担)(?:落实|完成)?的(?:工作|重点)?任务"
)


def _without_unit_brackets(heading: str) -> str:
    """一、推进重点领域信息公开（法制司牵头）: the heading without its units."""
    for bracket in reversed(_unit_brackets(heading)):
        heading = heading[: bracket.start()] + heading[bracket.end() :]
    return heading.strip()


def _bracket_units(heading: str) -> str:
    """The units a heading's bracket names ((一)…。(法制司牵头,有关单位负责)), marked."""
    brackets = _unit_brackets(heading)
    return f"{_FROM_HEADING}{brackets[-1].group(1)}" if len(brackets) == 1 else ""


def _heading_owners(section: str) -> str:
    """The units a section heading names as doing its tasks, marked; or ""."""
    owners = _OWNERS_HEADING.match(simplify(section))
    return f"{_FROM_HEADING}{section[slice(*owners.span(1))]}" if owners else ""


def _add_header_once(rows: list[Row]) -> None:
    """The canonical header goes just before the first heading or task, after the preamble."""
    if _CANONICAL_HEADER not in rows:
        rows.append(_CANONICAL_HEADER)


def _task_like(line: str, seen_section: bool, has_sections: bool) -> bool:
    """An unnumbered paragraph that reads as a task rather than preamble."""
    if _TRAILER.search(simplify(line)) or _ORDINAL.match(line) or _unit_brackets(line):
        return True
    if not (has_sections and seen_section):
        return False  # without numbers or headings, a bare paragraph is preamble
    return len(line) >= 8 and not _looks_like_deadline(line) and not _looks_like_units(line)


def _new_record(line: str, *, unnumbered: bool = False) -> _Record:
    record = _Record(["", "", "", "", ""], piece=isinstance(line, _Piece), unnumbered=unnumbered)
    record[0] = _take_trailer(record, line)
    return record


def _take_trailer(record: Row, line: str) -> str:
    """Fill the record from the brackets of a task paragraph; the paragraph without them.

    One bracket of labels at the end (（责任单位：X；完成时限：…）), or brackets naming units
    after the paragraph's sentences, with labels or without (（X、Y按职责分工负责）): several
    are joined, their 牵头 units leading and the others' units as they say."""
    brackets = _unit_brackets(line)
    # Labels are matched in simplified characters (a 1:1 mapping), the text kept as written.
    trailer = _TRAILER.search(simplify(line))
    if trailer and not (len(brackets) > 1 or (brackets and brackets[-1].end() < trailer.start())):
        for text in (line[slice(*trailer.span(g))] for g in (1, 2) if trailer.group(g)):
            for piece in _TRAILER_PIECES.split(text or ""):
                if piece.strip():
                    _fill_record(record, piece.strip())
        return line[: trailer.start()].strip()
    if not brackets:
        return _take_inline_labels(record, line)
    if len(brackets) == 1:
        units, deadline = _split_bracket(brackets[0].group(1))
        if _UNIT_LABEL.search(simplify(units)):
            units = brackets[0].group(1)  # labels: the deadline label is read below
        elif deadline and not record[2]:
            record[2] = deadline
        remark = brackets[0].group(1).partition("。")[2].strip()
        if remark and not _UNIT_LABEL.search(simplify(units)):
            record[4] = "；".join(filter(None, [record[4], remark]))
    else:
        lead: list[str] = []
        support: list[str] = []
        for bracket in brackets:
            parsed = parse_units(bracket.group(1))
            lead += [u for u in parsed.lead if u not in lead]
            support += [u for u in parsed.support if u not in support]
        support = [u for u in support if u not in lead]
        units = f"{_JOINED}牵头单位：{'、'.join(lead)}" + (
            f"；配合单位：{'、'.join(support)}" if support else ""
        )
    record[3] = "；".join(filter(None, [record[3], units]))
    for bracket in brackets:
        deadline = re.search(r"(?:时限|时间)[:：]([^；;，,]+)", simplify(bracket.group(1)))
        if deadline and not record[2]:
            record[2] = bracket.group(1)[deadline.start(1) : deadline.end(1)]
    text = line
    for bracket in reversed(brackets):
        text = text[: bracket.start()] + text[bracket.end() :]
    return text.strip()


# 1.做好…。责任单位：办公室。完成时限：6月底前。 — labels after the task's last sentence.
_INLINE_LABELS = re.compile(
    r"(?<=[。；;！!])\s*(?=(?:(?:责任|牵头|配合|主办|协办|承办|落实)(?:单位|处室|科室|部门)|"
    r"完成时限|完成时间|时限要求)[:：])"
)


def _take_inline_labels(record: Row, line: str) -> str:
    """Fill the record from labels written after the task's sentences, without brackets;
    the task's text before them."""
    found = _INLINE_LABELS.search(simplify(line))
    if not found:
        return line
    for piece in re.split(r"[。；;]", line[found.end() :]):
        if piece.strip():
            _fill_record(record, piece.strip())
    return line[: found.start()].strip()


def _unit_brackets(line: str) -> list[re.Match]:
    """Brackets that name a task's units, each closing a sentence: with a label (责任单位：)
    or, without one, holding nothing but units and their roles."""
    found = []
    for match in _ANY_BRACKET.finditer(line):
        inner = match.group(1)
        after = line[match.end() : match.end() + 1]
        before = line[match.start() - 1 : match.start()] if match.start() else ""
        if after and after not in "。.；;，,、" and before not in "。.；;":
            continue  # inside a sentence: an aside, not the task's units
        if _ASIDE.match(inner):
            continue  # （含县市区） （见附件） （以下简称…）
        units, _ = _split_bracket(inner)
        if _UNIT_LABEL.search(simplify(inner)) or (
            units
            and _looks_like_units(units)
            and (_ROLE_WORD.search(simplify(units)) or _bare_units(units))
        ):
            found.append(match)
    return found


_ROLE_WORD = re.compile(r"牵头|负责|配合|落实|主办|协办|协助|参与|承办|主责")
# What a body's name ends in (局 委 办 厅 处 科 室 中心 …): a place alone (浦东新区, 上海市)
# is no unit in a bracket without a role word.
_ORGAN_END = re.compile(
    r"(?:局|委|办|厅|处|科|室|中心|院|所|站|队|政府|街道|镇|乡|街镇|部|司|署|馆|组|会|"
    r"单位|部门|机构|机关|公司|集团|分局|支队|大队|中队|股|团|社|校|台|专班|小组|"
    # Zones run by a committee of their own: bodies, not mere places.
    r"新区|园区|开发区|片区|保税区|试验区)$"
)


def _bare_units(text: str) -> bool:
    """A bracket of names with no role word ((区发展改革委、各街镇)) names units only when
    every name is a body (ends in an organ word) or a collective (各县区, 各有关单位)."""
    parsed = parse_units(text)
    names = parsed.lead + parsed.support
    return bool(names) and all(
        _ORGAN_END.search(re.sub(r"[（(〔][^）)〕]*[）)〕]", "", name)) or name.startswith("各")
        for name in names
    )


_ASIDE = re.compile(r"\s*(?:含|包括|包含|即|如|例如|详见|见|注|以下|简称|不含)")
# Units text joined from several brackets of one task, to flag (see _finish_units).
_JOINED = "多处括注："


def _split_bracket(inner: str) -> tuple[str, str]:
    """（市政务服务局牵头，各区政府配合，2023年6月底前完成）: (units, deadline). A sentence
    after the units (…负责。以下工作均需…落实，不再列出) is a remark, not more units."""
    first, stop, remark = inner.partition("。")
    if stop and remark.strip() and _looks_like_units(first):
        inner = first
    pieces = [p for p in re.split(r"[，,；;]", inner) if p.strip()]
    deadline = [p for p in pieces if _looks_like_deadline(p)]
    units = "，".join(p for p in pieces if p not in deadline)
    return units, "，".join(deadline)


# Where the next label starts on a line of several: 牵头单位：X；责任单位：Y　完成时限：Z.
_NEXT_LABEL = re.compile(
    r"[；;，,\s]+(?=(?:责任|牵头|配合|主办|协办|承办|落实)(?:单位|处室|科室|部门)[:：]|"
    r"(?:完成时限|完成时间|时限要求|时限)[:：])"
)


def _label_pieces(line: str) -> list[str]:
    """A line of labels cut before each (found in simplified characters, kept as written)."""
    cuts = [m.span() for m in _NEXT_LABEL.finditer(simplify(line))]
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(line)]
    return [line[a:b] for a, b in zip(starts, ends, strict=True)]


def _fill_record(record: Row, line: str) -> None:
    """Put one unnumbered line (or trailer piece) into the record's right column; a line
    of several labels piece by piece."""
    pieces = _label_pieces(line) if _LABEL.match(simplify(line)) else [line]
    if len(pieces) > 1:
        for piece in filter(None, (p.strip() for p in pieces)):
            _fill_record(record, piece)
        return
    if not record[3] and len(line) > 20 and _unit_brackets(line):
        line = _take_trailer(record, line)  # the task's text on a line of its own
    label = _LABEL.match(simplify(line))
    value = line[label.end() :] if label else line
    if label:
        word = label.group(1)
        if re.search("单位|处室|科室|部门", word):
            record[3] = "；".join(filter(None, [record[3], line]))
        elif "时" in word:
            record[2] = value
        elif word == "备注":
            record[4] = value
        else:
            record[1] = "\n".join(filter(None, [record[1], value]))
    elif not record[2] and _looks_like_deadline(line):
        record[2] = line
    elif not record[3] and _looks_like_units(line):
        record[3] = line
    else:
        record[1] = "；".join(filter(None, [record[1], line]))
