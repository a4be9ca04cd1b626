"""Plans pasted or saved as text: tab- or |-separated rows, cells one per line (with a |
after each, or with none: plans/importers/stream.py cuts them into rows), HTML, or
paragraphs."""

import html
import re
from html.parser import HTMLParser

from gongkai.lib.unit_text import UNITS_LABEL
from gongkai.plans.importers.base import NUMBERED_IN_ORDER, ParsedPlan, PlanImportError
from gongkai.plans.importers.cells import (
    Row,
    _is_heading,
    cell_looks_like,
    header_role,
    header_roles,
    settle_roles,
)
from gongkai.plans.importers.first_listed import with_first_listed_lead
from gongkai.plans.importers.headers import LEAD, REQUIREMENT, SUPPORT, TASK, UNITS
from gongkai.plans.importers.rows import index_block_row, parse_rows
from gongkai.plans.importers.runon_led import led_rows
from gongkai.plans.importers.stream import ROW_END, stream_rows
from gongkai.plans.importers.tail import without_cut_tail, without_elided, without_footer
from gongkai.plans.importers.unread import (
    with_unread_rows,
    with_unread_tail,
    with_unread_units,
)

_TASK_ROLES = {REQUIREMENT, TASK}
_PART_BREAK = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.IGNORECASE)
# A tag is named in Latin letters (<p>, </td>, <!-- -->); <市、区> in 各县<市、区>人民政府 is a
# bracket a web page wrote with angle brackets, part of the name.
_TAG = re.compile(r"<(?:[/!?]?[A-Za-z]|!--)[^>]*>")
_TABLE_TAG = re.compile(r"<t[dr][\s>]", re.IGNORECASE)
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def parse_plan_text(text: str, year: int, **options) -> ParsedPlan:
    """Parse a plan given as text (tab/| separated table, HTML table or numbered paragraphs)."""
    if not text or not text.strip():
        raise PlanImportError("文件内容为空，请选择填写好的工作实施方案。")
    if _TABLE_TAG.search(text):
        rows = html_rows(text)
        if any(len(row) > 1 for row in rows):
            annex = annex_task_table(rows)
            plan = parse_rows(annex or rows, year, **options)
            if annex:
                plan.warnings.append(ANNEX_TABLE_READ.format(" ".join(annex[0][0].split())[:30]))
            return plan
        # A page laid out in one table cell (a document's prose in a <td>) is no table: its
        # text is read as a text page's, footer and the issuer's signature at its end included.
        text = "\n".join(row[0] for row in rows if row)
    text = _LENTICULAR_LABEL.sub(r"\1：", without_footer(text))
    text, dash_for_one = _first_numeral_restored(text)
    rows, bars = _line_rows(text)
    try:
        plan = parse_rows(rows, year, short_rows_merged=True, bar_separated=bars, **options)
    except PlanImportError:
        # Nothing read: maybe a table run into one line whose rows each close on their
        # units (…。区X局牵头，A、B…), no number to cut them by; else the reader's message.
        if not (led := led_rows(text)):
            raise
        plan = parse_rows(led, year, **options)
    if len(plan.items) <= 1 and plan.numbering == NUMBERED_IN_ORDER and (led := led_rows(text)):
        plan = parse_rows(led, year, **options)  # the same, read as one task
    read = len(plan.items)
    kept = without_cut_tail(without_elided(plan), text)
    told = with_unread_units(with_unread_tail(kept, text, cut=read - len(kept.items)), text)
    told = with_unread_rows(with_mirror_told(told, text), text)
    if dash_for_one:
        told.warnings.append(DASH_FOR_ONE)
    return with_first_listed_lead(told, text)


DASH_FOR_ONE = "原文第一部分的序号印作横线（―、），已按“一、”读取，请核对"
# ―、压实属地管理责任 … 二、…: a page whose 一 came out as a dash (―, —, －), so its first
# part heading is no heading and its paragraph would run into the preamble.
_DASH_FOR_ONE = re.compile(r"(?:^|(?<=[\s：:。]))[―—－](?=、[\u4e00-\u9fff])", re.MULTILINE)
_ONE_HEADING = re.compile(r"(?:^|(?<=[\s：:。]))一、", re.MULTILINE)  # not 统一、…


def _first_numeral_restored(text: str) -> tuple[str, bool]:
    """The first part's 一 where the page printed a dash: only a dash heading a part before
    the first 二、, with no 一、 before that 二、 (so a dash in a list or a title stays)."""
    found = _DASH_FOR_ONE.search(text)
    if not found:
        return text, False
    second = text.find("二、", found.end())
    if second < 0 or _ONE_HEADING.search(text[:second]):
        return text, False
    return text[: found.start()] + "一" + text[found.end() :], True


ANNEX_TABLE_READ = (
    "网页正文是通知，任务取自其附件的任务分工表（“{}”），正文的段落未作为任务导入，请核对"
)
# 附件2 / 附件：任务分工表 — an annex's heading line.
_ANNEX_HEADING = re.compile(r"^\s*附件\s*\d{0,2}\s*(?:[:：\n]|$)")


def annex_task_table(rows: list[Row]) -> list[Row]:
    """A saved page whose annex holds the plan's task table (附件2 … 任务分工表: a header with
    a units column): that table's rows, its heading line first — the items are its rows, not
    the notice's prose before it. [] when the page has no such annex."""
    for at, row in enumerate(rows):
        roles = [header_role(cell) for cell in row] if len(row) >= 3 else []
        if not ({LEAD, UNITS} & set(roles)) or not ({REQUIREMENT, TASK} & set(roles)):
            continue
        heading = next(
            (h for h in range(at - 1, max(at - 4, -1), -1) if _ANNEX_HEADING.match(rows[h][0])),
            None,
        )
        if heading is None:
            return []  # the page's first task table is no annex's: the page is read whole
        end = at + 1
        while end < len(rows) and (len(rows[end]) > 1 or _is_heading(rows[end][0])):
            end += 1
        return [rows[heading], *rows[at:end]]
    return []


# A mirror site's copy, not the plan as its office wrote it: pinyin after characters
# (構(gòu)建: taken out as it is read), or text garbled in the copying (?。ǘ┩ for （二）).
_PINYIN = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
# (A table drawn with box characters, │序号│, is no garbling: only one glued to a Latin or
# bopomofo letter is.)
_GARBLED = re.compile(
    r"\ufffd|[\u0100-\u024f\u3100-\u312f][\u2500-\u257f]|^\s*[?？]\s*。", re.MULTILINE
)
MIRROR_FLAG = "原文是转载网站的副本（夹注拼音或有乱码），本项可能读错，请对照原件核对"
MIRROR_WARNING = (
    "原文是转载网站的副本（汉字后夹注拼音，或有乱码），拼音已去除，但编号、标题或单位可能读错，"
    "请对照原件核对每一项"
)


def with_mirror_told(plan: ParsedPlan, text: str) -> ParsedPlan:
    """Every item flagged, and a warning, when the text is a mirror's garbled copy."""
    if len(_PINYIN.findall(text)) < 3 and not _GARBLED.search(text):
        return plan
    for item in plan.items:
        item.flags.append(MIRROR_FLAG)
    plan.warnings.append(MIRROR_WARNING)
    return plan


# 【牵头单位】X【配合单位】Y: a role or deadline label written in a bracket rather than before a
# colon; read as 牵头单位：X (the bracket would otherwise be read as a unit named 牵头单位).
_LENTICULAR_LABEL = re.compile(
    r"[【〔\[]\s*(" + UNITS_LABEL + r"|完成时限|完成时间|时限要求)\s*[】〕\]]\s*[:：]?"
)


def line_rows(text: str) -> list[Row]:
    """One row per line; cells split on tabs, or on | when no line has a tab; or one cell
    per line with each row ended by a line holding only |."""
    return _line_rows(text)[0]


def _line_rows(text: str) -> tuple[list[Row], bool]:
    """The rows, and whether they are lines of cells separated by | (a row short of cells
    there lost its leading ones to a rowspan)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line for line in lines if not index_block_row(line)]
    records = label_value_rows(lines)
    if records:
        return records, False
    cells = _stream_cells(lines)
    if cells:
        rows = stream_rows(cells, header_role, cell_looks_like, settle_roles, header_roles)
        if rows:
            return rows, False
    if _bar_ended(lines):
        return bar_rows(lines), False
    separator = _separator(lines)
    if separator == "|":
        lines = _rejoin_broken_rows(lines)
    rows = []
    for line in lines:
        if separator == "|" and _MARKDOWN_RULE.match(line):
            continue
        cells = line.split(separator) if separator and separator in line else [line]
        if separator == "|" and len(cells) > 1:
            cells = cells[1:] if not cells[0].strip() else cells
            cells = cells[:-1] if not cells[-1].strip() else cells
        rows.append([_cell_text(c) for c in cells])
    return rows, separator == "|"


# 牵头单位: | 市城管局 |: a two-column table of labels and values (one record per page).
_LABEL_VALUE = re.compile(r"^\s*([^|:：，。]{2,24})[:：]\s*\|\s*(.*?)\s*\|?\s*$")
_VALUE_LINE = re.compile(r"^\s*([^|]+?)\s*\|\s*$")


def label_value_rows(lines: list[str]) -> list[Row] | None:
    """Lines of ``label: | value |`` (a value may wrap onto a line of its own, "X |") naming
    a task and its units: the labels as the header, each record as a row (a label coming
    again starts the next record). None for any other text."""
    labels: list[str] = []
    records: list[dict[str, str]] = []
    before: list[Row] = []
    last = None
    for line in lines:
        found = _LABEL_VALUE.match(line)
        if found and header_role(found.group(1)):
            label, value = found.group(1).strip(), found.group(2).strip()
            if not records or label in records[-1]:
                records.append({})
            labels += [label] if label not in labels else []
            records[-1][label] = value
            last = label
        elif last and (value := _VALUE_LINE.match(line)):
            kept = records[-1][last]
            records[-1][last] = f"{kept}\n{value.group(1)}" if kept else value.group(1)
        elif line.strip() and not records:
            before.append([line.strip()])
    roles = {header_role(label) for label in labels}
    if len(labels) < 3 or not roles & {UNITS, LEAD, SUPPORT} or not roles & _TASK_ROLES:
        return None
    return before + [labels] + [[r.get(label, "") for label in labels] for r in records]


def _rejoin_broken_rows(lines: list[str]) -> list[str]:
    """ "工作任务 | 具体要求" then "| 责任单位 |": a row broken over two lines, the second
    starting with the bar the first lacks at its end. Or "(一)… | 1.… |" then "产业政策科 | |":
    a row short of its last cell, which wrapped onto a line of its own (that cell, units, then
    only empty cells)."""
    widest = max((_filled(line) for line in lines if "|" in line), default=0)
    joined: list[str] = []
    for line in lines:
        text = line.strip()
        before = joined[-1].strip() if joined else ""
        if text.startswith("|") and text != "|" and "|" in before and not before.endswith("|"):
            joined[-1] = f"{before} {text}"
        elif _wrapped_last_cell(text, before, widest):
            joined[-1] = f"{before} {text}"
        else:
            joined.append(line)
    return joined


_LONE_CELL = re.compile(r"^([^|]+?)\s*\|[\s|]*$")


def _filled(line: str) -> int:
    return sum(bool(cell.strip()) for cell in line.split("|"))


def _wrapped_last_cell(text: str, before: str, widest: int) -> bool:
    """``text`` is one units cell and empty ones, after a row of two or more cells closed by a
    bar that lacks a cell the widest row has."""
    cell = _LONE_CELL.match(text)
    return bool(
        cell
        and before.endswith("|")
        and 2 <= _filled(before) < widest
        and cell_looks_like(cell.group(1)) == "units"
    )


_LABEL_LINE = re.compile(r"^[^\d，。：:；;、,（）()|]{1,12}$")


def _bar_ended(lines: list[str]) -> bool:
    bars = sum(line.strip() == "|" for line in lines)
    other = sum("|" in line for line in lines if line.strip() != "|")
    return bars >= 2 and other < bars


_CELL_LINE = re.compile(r"^([^|]+?)\s*\|([\s|]*)$")


_END = "\x02"  # a row's end the capture shows for certain: "||||" or "X | ||"


def _stream_cells(lines: list[str]) -> list[str] | None:
    """Cells of a table captured with a | after every cell ("X" then "|", or "X |"); None
    for other text. Rows end where the capture shows it — "X | ||", a line of bars, or an
    empty cell (two bars running) when such cells close rows regularly rather than stand
    for an empty cell now and then — or nowhere, for stream_rows to find. A cell of several
    paragraphs keeps them as lines; the lines before the first | are the preamble."""
    split: list[str] = []
    for line in lines:
        text = line.strip()
        cell = _CELL_LINE.match(text)
        if text.count("|") >= 2 and not text.strip("| "):
            split += ["|", _END]  # "||||": the rest of the row merged or empty, so it ends
        elif cell:
            split += [cell.group(1), "|"] + ([_END] if "|" in cell.group(2) else [])
        else:
            split.append(text)
    bars = sum(line == "|" for line in split)
    # Rows of several cells (a page's index block above the table may have a few) mean
    # a table of | rows instead.
    if bars < 8 or sum("|" in line for line in split if line != "|") * 2 >= bars:
        return None
    chunks: list[list[str]] = [[]]
    for line in split:
        if line == "|":
            chunks.append([])
        elif line == _END:
            chunks += [[_END], []]
        else:
            chunks[-1].append(line)
    body = [[line for line in chunk if line] for chunk in chunks[1:]]
    filled = [chunk for chunk in body if chunk and chunk != [_END]]
    if sum(len(chunk) == 1 for chunk in filled) < 0.7 * len(filled):
        return None  # several lines between bars: one row per chunk (bar_rows)
    runs, run = [], 0  # cells between empty cells: a row's length if they end rows
    starts = []  # the cell after each empty cell: a row's first cell if they end rows
    for at, chunk in enumerate(body):
        if chunk and chunk != [_END]:
            run += 1
        elif not chunk and run:
            runs, run = [*runs, run], 0
            following = next((c for c in body[at + 1 :] if c and c != [_END]), None)
            if following:
                starts.append(cell_looks_like("\n".join(following)) == "")
    runs.sort()
    closing = len(runs) >= 3 and runs[len(runs) // 2] <= 8 and sum(starts) >= 0.7 * len(starts)
    cells = [line for line in chunks[0] if line]
    for chunk in body:
        if chunk == [_END] or (not chunk and closing):
            if cells and cells[-1] != ROW_END:
                cells.append(ROW_END)
        elif not chunk:
            cells.append("")
        else:
            cells.append("\n".join(chunk))
    return cells


def bar_rows(lines: list[str]) -> list[Row]:
    """Rows of one cell per line, each ended by a "|" line. An empty line inside a row is an
    empty cell (kept, so the cells after it stay in their columns). Before the first bar:
    the preamble, then the header (its trailing run of short labels)."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == "|":
            chunks.append([])
        else:
            chunks[-1].append(line.strip())
    rows: list[Row] = []
    for at, chunk in enumerate(chunks):
        while chunk and not chunk[0]:
            chunk.pop(0)
        while chunk and not chunk[-1]:
            chunk.pop()
        if at == 0:
            start = len(chunk)
            while start > 0 and _LABEL_LINE.match(chunk[start - 1]):
                start -= 1
            rows += [[line] for line in chunk[:start] if line]
            chunk = chunk[start:] if len(chunk) - start >= 2 else []
        if chunk:
            rows.append([_cell_text(c) for c in chunk])
    return rows


def _separator(lines: list[str]) -> str | None:
    for separator in ("\t", "|"):
        if sum(separator in line for line in lines) >= 2:
            return separator
    return None


def _cell_text(cell: str) -> str:
    """A cell of flattened HTML: <p> paragraphs become parts separated by newlines."""
    return html.unescape(_TAG.sub("", _PART_BREAK.sub("\n", cell))).strip()


class _TableHTML(HTMLParser):
    """Rows of cells from an HTML page; text outside tables becomes one-cell rows.

    colspan cells appear once (like a merged Word cell); rowspan cells repeat
    in the rows they span.
    """

    _BREAKS = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.loose: list[str] = []
        self.skip = 0
        self.column = 0
        self.spans: dict[int, tuple[int, str, int]] = {}  # column -> (rows left, text, width)
        self.cell_shape = (1, 1)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "tr":
            self._flush_loose()
            self.row, self.column = [], 0
        elif tag in ("td", "th") and self.row is not None:
            self._carry_spans()
            self.cell = []
            self.cell_shape = (_span(attributes.get("rowspan")), _span(attributes.get("colspan")))
        elif tag in self._BREAKS:
            self._text("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            text = "".join(self.cell).strip()
            rowspan, colspan = self.cell_shape
            if rowspan > 1:
                self.spans[self.column] = (rowspan - 1, text, colspan)
            self.row.append(text)
            self.column += colspan
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._carry_spans(to_end=True)
            self.rows.append(self.row)
            self.row = None
        elif tag in self._BREAKS:
            self._text("\n")

    def handle_data(self, data):
        if not self.skip:
            self._text(data)

    def close(self):
        super().close()
        # A fragment cut off before its cell and row close (a page body taken out of its
        # table, cut after a task): what the open cell holds is the text, not nothing.
        if self.cell is not None and self.row is not None:
            self.handle_endtag("td")
        if self.row is not None:
            self.handle_endtag("tr")
        self._flush_loose()

    def _text(self, text: str) -> None:
        target = self.cell if self.cell is not None else self.loose
        target.append(text)

    def _carry_spans(self, to_end: bool = False) -> None:
        """Repeat cells from rowspans above that occupy the current column."""
        while self.column in self.spans or (to_end and any(c > self.column for c in self.spans)):
            if self.column not in self.spans:
                self.column = min(c for c in self.spans if c > self.column)
            left, text, width = self.spans.pop(self.column)
            if left > 1:
                self.spans[self.column] = (left - 1, text, width)
            self.row.append(text)
            self.column += width

    def _flush_loose(self) -> None:
        for line in "".join(self.loose).split("\n"):
            if line.strip():
                self.rows.append([line.strip()])
        self.loose = []


def _span(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def html_rows(text: str) -> list[Row]:
    parser = _TableHTML()
    parser.feed(text)
    parser.close()
    return parser.rows
