"""Plans written as paragraphs, with no table at all: each task (numbered, （一）, 一是, or a
paragraph closed by its units bracket) becomes a record under the canonical header, its units
and deadline read from its brackets and labels; a paragraph holding several bracket-closed
tasks is cut into them. A plan whose line breaks were lost (one long line) has them restored
before its headings and numbers. A table whose cells lost their separators is turned into a
cell stream here too; one run into one line is read by runon.py into flagged rows. The
records then go through the row core (rows.py)."""

import functools
import re

from gongkai.lib.deadline_text import cn_number, simplify
from gongkai.lib.unit_text import COMMA_LEGEND, parse_units
from gongkai.plans.importers.base import PlanImportError
from gongkai.plans.importers.cells import (
    _ANY_BRACKET,
    _CANONICAL_HEADER,
    _INLINE_HEADING,
    _LABEL,
    _NUMBERED,
    _ORDINAL,
    _SECTION,
    _SUBSECTION,
    _TRAILER,
    _TRAILER_PIECES,
    _UNIT_LABEL,
    Row,
    _glued_header,
    _header_role,
    _is_heading,
    _looks_like_deadline,
    _looks_like_units,
    _settle_roles,
    cell_looks_like,
    header_roles,
)
from gongkai.plans.importers.headers import LEAD, NUMBER, REQUIREMENT, SUPPORT, UNITS
from gongkai.plans.importers.labels import label_sets, one_task_per_group
from gongkai.plans.importers.runon import _HEADER_RUN, _numbered_rows, _run_on_table
from gongkai.plans.importers.stream import MID_TEXT, UNCLOSED, stream_rows

# ---- paragraphs (no table at all) ---------------------------------------------


def _paragraph_rows(lines: list[str]) -> list[Row]:
    """Plans written as paragraphs: build table rows, under a canonical header if none."""
    lines = [
        part
        for text in _header_onto_run_on_rows(
            _join_viewer_chunks(
                [
                    _PAGE_END.sub("", _ATTACHMENT.sub("", line))
                    for text in lines
                    for line in text.split("\n")
                ]
            )
        )
        for inline in _inline_headings(text)
        for part in _ordinals(inline)
    ]
    run_on = _run_on_table(lines)
    if run_on:
        return run_on
    lines = _glued_table(lines)
    header = _line_header(lines)
    if header:
        # One cell per line: cut into rows by what each line is (merged cells leave none).
        rows = stream_rows(lines, _header_role, cell_looks_like, _settle_roles, header_roles)
        if rows:
            return rows
        return [[line] for line in lines[: header[0]]] + _chunk_cells(lines[header[0] :], header[1])
    rows = _records(lines)
    if _lost_run_on_table(lines, rows):
        raise PlanImportError(LOST_TABLE)
    return rows


def forget_memos() -> None:
    """What the readers remember of lines (_unit_brackets, _looks_like_units) is kept within
    one plan only: memory stays bounded, and a plan is timed as read afresh."""
    _unit_brackets_of.cache_clear()
    _looks_like_units.cache_clear()
    _looks_like_deadline.cache_clear()


LOST_TABLE = (
    "原文中的任务分解表在复制时连成了一行（表头有“序号”和“责任单位”，但读不出任何一项任务的"
    "责任单位），无法可靠地逐项读出。请上传原Word或Excel文件，或把表格按每行一项粘贴。"
)


def _lost_run_on_table(lines: list[str], rows: list[Row]) -> bool:
    """A table run into one line (its header words run together inside a longer line, with a
    序号 and a units column) that no reader could cut, and no task read with any units: the
    paragraphs read are the table's cells, wrongly cut (tasks lost or run together), so the
    plan is refused rather than read with tasks missing."""
    records = [row for row in rows if isinstance(row, _Record)]
    if not records or any(row[3].strip() for row in records):
        return False
    for line in lines:
        for match in _HEADER_RUN.finditer(line):
            if match.group().strip() == line.strip():
                continue
            roles = [_header_role(w) for w in _glued_header(match.group().replace("/", "")) or []]
            if NUMBER in roles and any(role in (UNITS, LEAD, SUPPORT) for role in roles):
                return True
    return False


def _header_onto_run_on_rows(lines: list[str]) -> list[str]:
    """序号工作任务牵头单位配合单位 on a line of its own, the rows run into the next line
    (1.…区财政局2.…区发展局3.…): the header put before them, a table run into one line."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        words = _glued_header(previous) if previous else None
        units = words and any(_header_role(w) in (UNITS, LEAD, SUPPORT) for w in words)
        if units and len(line) >= _RUN_ON_SHORTEST and len(_RUN_ON_NUMBERS.findall(line)) >= 3:
            out[-1] = previous.strip() + line
        else:
            out.append(line)
    return out


# Row numbers run on inside a line: …展示。区发展局2.做好…
_RUN_ON_NUMBERS = re.compile(r"(?<![\d.．])\d{1,2}[.．、](?!\d)")


# A web page's link to the document as an attachment, run on after its text:
# …制度规定。 政府信息公开工作部门关于印发…的通知.pdf 附件下载.
_ATTACHMENT = re.compile(
    r"关于[^。；;\n]{2,80}?\.(?:pdf|docx?|xlsx?|wps|ofd)\s*(?:附件下载)?\s*$", re.I
)


# A web page's end run on after the last task, after a space: the issuer's signature and its
# date (…处室 平潭某局 2023年3月16日 [印发]), the page's 来源：… and its 附件下载 link. Read
# into the last task, the signature became a unit and the date its deadline.
_PAGE_END = re.compile(
    r"\s+(?:(?:[^\s。；;，,：:]{2,40}\s*)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发)?"
    r"(?:\s*来源[:：]\S{0,40})?|来源[:：]\S{0,40})(?:\s*附件下载)?\s*$"
)


# A document-sharing site's text preview cuts the document into chunks, each line starting
# with its chunk's number (1、 2、 3、) wherever the cut fell, even inside a word.
_CHUNK = re.compile(r"^(\d{1,2})、")
_CHUNK_LENGTH = 200
# The first chunk opens with the document itself: its title (…工作要点分工方案, …的方案).
_CHUNK_OPENS_DOCUMENT = re.compile(r"^1、.{0,50}?(?:方案|要点|计划|通知|意见|安排|清单)")


def _join_viewer_chunks(lines: list[str]) -> list[str]:
    """Chunks numbered 1、 2、 … in turn, each long and cut off in mid-sentence (its last
    character a letter, no punctuation): one text again, the numbers dropped, its breaks
    restored (a preview runs the document's lines together). A chunk that ends a sentence
    is left as it is (its number may be the next task's)."""
    chunks = [at for at, line in enumerate(lines) if _CHUNK.match(line)]
    numbers = [int(_CHUNK.match(lines[at]).group(1)) for at in chunks]
    if len(chunks) < 2 or numbers != list(range(1, len(chunks) + 1)):
        return lines
    if not _CHUNK_OPENS_DOCUMENT.search(lines[chunks[0]][:60]):
        return lines  # 1、 opens a task, not the document: numbered paragraphs, no preview
    out = list(lines)
    groups: dict[int, list[int]] = {}  # the chunk a group starts at → the chunks run on
    for at, following in zip(chunks, chunks[1:], strict=False):
        cut = lines[at].rstrip()
        between = any(line.strip() for line in lines[at + 1 : following])
        if between or len(cut) < _CHUNK_LENGTH or not re.search(r"[\u4e00-\u9fff]$", cut):
            continue
        first = next((s for s, run in groups.items() if at in run), at)
        groups.setdefault(first, [first]).append(following)
    for first, run in groups.items():
        text = "".join(_CHUNK.sub("", lines[at], count=1).rstrip() for at in run)
        for at in range(first, run[-1] + 1):
            out[at] = None
        out[first] = _restore_breaks(text)
    return [
        part
        for line in out
        if line is not None
        for part in (line if isinstance(line, list) else [line])
    ]


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


def _inline_headings(line: str) -> list[str]:
    """A whole plan on one line (its breaks lost on the way): cut before each heading or
    number that follows a space, when there are several; or, a long line with no such
    spaces, before each marker that continues the plan's numbering (_restore_breaks); a
    line holding a table's header words run together is a table run into one line, however
    short."""
    run_on_table = len(line) >= _RUN_ON_SHORTEST and bool(_HEADER_RUN.search(line))
    if len(line) < _RUN_ON_SHORTEST:
        return [line]
    if run_on_table:
        line = _numbered_rows(line)
    restored = _restore_breaks(line)
    if run_on_table and len(restored) > 1 and _glued_header(restored[0]):
        # The header stays on the line of the rows: a table run into one line, not a
        # header over a cell per line.
        restored[:2] = [restored[0] + restored[1]]
    # Shorter than a whole plan, but holding two parts (一、 二、) that each go on with their
    # groups or numbers, or one part and three of them: a plan on one line as well.
    sections = sum(bool(_SECTION.match(p)) for p in restored)
    numbered = sum(bool(_NUMBERED.match(p) or _SUBSECTION.match(p)) for p in restored)
    parted = (sections >= 2 and len(restored) >= 4) or (sections >= 1 and numbered >= 3)
    if len(line) < 300 and not (run_on_table or parted):
        return [line]
    parts = [p.strip() for p in _INLINE_HEADING.split(line) if p.strip()]
    if len(line) >= _RUN_ON or run_on_table or parted:
        if len(restored) > len(parts):
            return restored  # a space inside it is no break
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
        # Not a space inside a long paragraph (…。(责任时限:2022 年底前,…)): a title is short.
        short = len(title) <= _HEADING_MAX and not re.search("[。；;]", title)
        if heading and space and short and len(title) > heading.end() and len(rest) > 20:
            cut += [title, rest.strip()]
        else:
            cut.append(part)
    return cut


# A line this long holding a plan's headings is a plan whose line breaks were lost.
_RUN_ON = 1000
# A table run into one line is at least its header and three rows long.
_RUN_ON_SHORTEST = 100
_MARKER = re.compile(
    r"(?P<section>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<group>[一二三四五六七八九十]{1,3})[)）]"
    r"|(?<![\d.．])(?P<number>\d{1,2})[.．、](?!\d)"
)
# What ends a sentence or a bracket, after which a 一、 heading may start.
_SENTENCE_END = "。；;！!）)：: \u3000"


def _restore_breaks(line: str) -> list[str]:
    """A plan whose breaks were lost (text taken from a page or a PDF): cut before each
    一、, （一） and 1. / 1、 that continues its own numbering (the next number, one skipped,
    or a restart at one), outside brackets; a 一、 only after a sentence's end (统一、规范
    is no heading); no 第（一）项-style reference, no 1.5亿."""
    depth, depths = 0, []
    for char in line:
        depths.append(depth)
        depth = depth + 1 if char in "（(" else max(depth - 1, 0) if char in "）)" else depth
    last = {"section": 0, "group": 0, "number": 0}
    cuts = []
    for marker in _MARKER.finditer(line):
        kind, at = marker.lastgroup, marker.start()
        before, after = line[at - 1 : at], line[marker.end() : marker.end() + 1]
        value = cn_number(marker.group(kind))
        if depths[at] or before == "第":
            continue
        follows = value in (1, last[kind] + 1, last[kind] + 2)
        if kind == "section":
            # After a sentence's end; or glued to the cell before it, heading a number, as
            # the next part or its group cell given again over the next row (a repeat).
            after_sentence = not before or before in _SENTENCE_END
            glued = value in (last[kind], last[kind] + 1)
            follows = (follows and after_sentence) or (glued and _heads_a_number(line, marker))
        if kind == "group" and (before in "按依据照" or after in "项款条"):
            continue
        if not follows:
            continue
        last[kind] = value
        cuts.append(at)
    bounds = [0, *cuts, len(line)]
    parts = (line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
    return [part for part in parts if part]


def _heads_a_number(line: str, marker: re.Match) -> bool:
    """二、 with a short title and the next 1. / （一） right after it: a heading, even
    glued to the cell before it (…各区属国有企业七、开展…公开16.结合…)."""
    title = line[marker.end() : marker.end() + 40]
    return bool(
        re.match(
            r"[^。；;，,]{2,38}?(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d))",
            title,
        )
    )


# A run-on copy may have lost the spaces too: …的作用。一、抓好…落实(一)做好…, or
# …分解如下:一、围绕…公开1.全面公开….
_SENTENCE_THEN_HEADING = re.compile(r"(?<=[。；;:：])\s*(?=[一二三四五六七八九十]{1,3}、)")
_HEADING_THEN_GROUP = re.compile(
    r"\s*(?=[（(][一二三四五六七八九十]{1,3}[)）]|(?<![\d.．])\d{1,2}[.．、](?!\d))"
)


def _heading_after_sentence(line: str) -> list[str]:
    """…制定本方案。 一、强化…透明 (一)加强…: the preamble, the heading, the group (or the
    first numbered task); a line starting with the heading is cut the same way."""
    parts = [p.strip() for p in _SENTENCE_THEN_HEADING.split(line) if p.strip()]
    cut = [] if _SECTION.match(parts[0]) else parts[:1]
    for part in parts[len(cut) :]:
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
    lines = _cut_numbered_groups(lines)
    lines = _label_closed(one_task_per_group(lines))
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
    numbers = [_number(line) for line in lines]
    for at, line in enumerate(lines):
        starts_task = (
            isinstance(line, _Piece)
            or (_NUMBERED.match(line) and not (_introduces(line) and not seen_section))
            or (cn_tasks and _SUBSECTION.match(line))
            or _ORDINAL.match(line)
            # 一、 itself a task, unless numbered tasks stand under it
            or (_SECTION.match(line) and _unit_brackets(line) and not (arabic or cn_tasks))
        )
        heading_task = None if starts_task else _heading_then_task(line)
        if not heading_task and not starts_task and arabic and _number_lost(numbers, at):
            heading_task = _heading_then_text(line)
        if not heading_task and cn_tasks and _section_task(lines, at):
            heading_task = (_SECTION_TITLE.match(line).group(), line[_SECTION.match(line).end() :])
        if not heading_task and not starts_task and arabic and _heading_closes_task(lines, at):
            heading_task = _heading_and_its_task(line)
        if heading_task:
            # （二）…工程 配合…。牵头处室：X。 — a heading, and one task under it with no number.
            _units_from_heading(record, heading_units)
            seen_section, heading_units = True, ""
            _add_header_once(rows)
            rows.append([heading_task[0]])
            record = _new_record(heading_task[1], unnumbered=True)
            rows.append(record)
        elif not starts_task and _is_heading(line):
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
        elif record is not None and record[3] and len(line) > 20 and _unit_brackets(line):
            # A paragraph closed by units of its own after a task that named its units: a
            # task with no number (建立…考核制度。(牵头单位:办公室,配合单位:信息中心)), flagged.
            record = _new_record(line, unnumbered=True)
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
    for row in rows:
        if isinstance(row, _Record) and row.unclosed:
            row.append(UNCLOSED)
        elif isinstance(row, _Record) and row.mid_text:
            row.append(MID_TEXT)
    return rows


def _label_closed(lines: list[str]) -> list[str]:
    """Paragraphs holding several tasks each closed by its set of role labels: cut into
    them (labels.py), each a piece flagged as cut."""
    out: list[str] = []
    for line in lines:
        pieces = label_sets(line)
        out += [line] if len(pieces) == 1 else [_Piece(p) for p in pieces]
    return out


# A 一、 heading's words up to the first comma or full stop (the most it can be).
_SECTION_TITLE = re.compile(r"^[^，,。；;（(]*")


def _section_task(lines: list[str], at: int) -> bool:
    """九、建立…制度建立实施…问责机制，…。（责任单位：X牵头）十、… — in a plan whose tasks are
    its （一）s, a long 一、 paragraph closed by its units with no （一） under it is itself a
    task (its heading run into its text; both kept, the task flagged as unnumbered)."""
    line = lines[at]
    following = lines[at + 1] if at + 1 < len(lines) else ""
    return bool(
        _SECTION.match(line)
        and len(line) > _HEADING_MAX
        and _unit_brackets(line)
        and not _SUBSECTION.match(following)
    )


def _heading_closes_task(lines: list[str], at: int) -> bool:
    """（八）加强组织领导落实…。…。责任处室:X、Y（九）… — in a plan of numbered tasks, a long
    heading closed by units of its own (a label after its last sentence, or a units bracket)
    with no numbered task under it is a task whose number was never written: kept, flagged,
    not a heading whose units are lost."""
    line = lines[at]
    following = lines[at + 1] if at + 1 < len(lines) else ""
    if not _is_heading(line) or len(line) <= _HEADING_MAX or _NUMBERED.match(following):
        return False
    numeral = (_SUBSECTION.match(line) or _SECTION.match(line)).end()
    body = line[numeral:]
    if _INLINE_LABELS.search(_close_label_gaps(simplify(body))):
        return True
    brackets = _unit_brackets(body)
    return bool(brackets) and not body[brackets[-1].end() :].strip("。.；; ")


def _heading_and_its_task(line: str) -> tuple[str, str]:
    """(heading, task) of such a line: the heading up to its first full stop (or its whole
    first sentence), the task the text after the numeral."""
    numeral = (_SUBSECTION.match(line) or _SECTION.match(line)).end()
    title = _SECTION_TITLE.match(line[numeral:]).group()
    return line[:numeral] + title, line[numeral:]


def _introduces(line: str) -> bool:
    """1、…现将重点工作任务分解如下： — a paragraph ending in a colon, before the plan's first
    heading, introduces what follows (a page viewer's chunk number before the preamble)."""
    return line.rstrip().endswith((":", "："))


# A （一） heading's short title, a space, then a task's sentences on the same line.
_HEADING_THEN_BODY = re.compile(
    r"^([（(][一二三四五六七八九十]{1,3}[)）][^\s。；;，,：:]{1,20})\s+(\S.{20,})$"
)


def _heading_then_task(line: str) -> tuple[str, str] | None:
    """(heading, task) of a （一） line whose title is followed by one task's sentences and
    that task's own units (labelled after it, or in a bracket)."""
    found = _HEADING_THEN_BODY.match(line)
    if not found:
        return None
    body = found.group(2)
    if _INLINE_LABELS.search(_close_label_gaps(simplify(body))) or _unit_brackets(body):
        return found.group(1), body
    return None


def _number(line: str) -> int | None:
    found = _NUMBERED.match(line)
    return int(found.group(1) or found.group(2)) if found else None


def _number_lost(numbers: list[int | None], at: int) -> bool:
    """The numbered task after line ``at`` skips one after the last before it (none, then
    2.): the task the skipped number stood for may be in that line."""
    before = next((n for n in reversed(numbers[:at]) if n is not None), 0)
    after = next((n for n in numbers[at + 1 :] if n is not None), None)
    return after == before + 2


def _heading_then_text(line: str) -> tuple[str, str] | None:
    """(heading, task) of a （一） line in a plan of numbered tasks whose title's sentence is
    followed by more sentences (…集中公开。L规范行政法规使用，…。各科室): a task whose number
    was lost (misread, or never written), kept unnumbered and flagged, not dropped."""
    numeral = _SUBSECTION.match(line)
    if not numeral:
        return None
    title, stop, body = line[numeral.end() :].partition("。")
    if not stop or len(title) > _HEADING_MAX or len(body.strip()) < 20 or "。" not in body:
        return None
    return line[: numeral.end()] + title + stop, body.strip()


class _Piece(str):
    """A task cut out of a paragraph that held several (see _split_at_unit_brackets)."""


class _Record(list):
    """A task read from a paragraph: the canonical header's five cells, and how it was found
    (``piece``: cut out of a paragraph holding several; ``unnumbered``: a paragraph with its
    units but no number). The walker carries both to the item's draft, to flag it."""

    def __init__(self, cells: Row, *, piece: bool = False, unnumbered: bool = False):
        super().__init__(cells)
        self.piece, self.unnumbered = piece, unnumbered
        self.unclosed = False  # its units bracket was never closed (see UNCLOSED)
        self.mid_text = False  # its units are a bracket of bare names inside its text


_UNNUMBERED_FLAG = "原文此段没有任务编号（或编号无法识别），但注有责任单位，已作为一项任务，请核对"
_SPLIT_FLAG = (
    "原文一段内写有多项任务（各自注明责任单位），已按责任单位括注逐项拆分，并按出现顺序编号，请核对"
)
# A piece this short (without its brackets) is no task of its own: 。（B配合） after
# （A牵头）, or a lone （完成时限：…）.
_MIN_PIECE = 4
_HEADING_MAX = 60


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
    if any(
        len(lines[a]) > _HEADING_MAX and not _bracketed_after_numeral(lines[a]) for a, _ in blocks
    ):
        # (一)按时报送…。各处室要…。 — a （一） paragraph naming no units is a task (its units
        # left to the user), not a heading: the （一）s are the tasks, none cut.
        return lines
    out = lines[: blocks[0][0]]
    starts = [start for start, _ in blocks[1:]] + [len(lines)]
    for (_, end), (heading, pieces), following in zip(blocks, cut, starts, strict=True):
        out += [heading, *(_Piece(piece) for piece in pieces), *lines[end:following]]
    return out


def _bracketed_after_numeral(line: str) -> bool:
    """A （一） line holding a bracket after its numeral (units, or an aside)."""
    return bool(_ANY_BRACKET.search(line, _SUBSECTION.match(line).end()))


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
    if stop and body.strip() and _unit_brackets(title + stop) and len(title) <= _HEADING_MAX:
        # (一)推进决策公开（法规科牵头）。…: the heading's units, for tasks that name none
        # (a long first sentence is tasks run on after a heading with no full stop).
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


def _cut_numbered_groups(lines: list[str]) -> list[str]:
    """1．强化城镇生活污染治理加快…。（A牵头）全面加强…。（B牵头）: when every numbered
    paragraph closes with a units bracket and most hold several sentences each closed by
    its own, the numbers head groups of unnumbered tasks (one per bracket), not tasks whose
    units are joined: cut each such paragraph at its brackets (and a （一） paragraph with
    units, under a heading of its own), the number dropped; the tasks are then numbered in
    order and each is flagged (see _SPLIT_FLAG)."""
    numbered = [line for line in lines if _NUMBERED.match(line)]
    grouped = [line for line in numbered if len(_pieces(line)) >= 2]
    if not numbered or 2 * len(grouped) < len(numbered):
        return lines
    if not all(_unit_brackets(line) for line in numbered) or not _third_level(lines):
        return lines
    out: list[str] = []
    for line in lines:
        numeral = _NUMBERED.match(line) or (_unit_brackets(line) and _SUBSECTION.match(line))
        if numeral:
            pieces = _pieces(line[numeral.end() :])
            if len(pieces) >= 2 and not _unit_brackets(pieces[-1]):
                pieces[-2:] = [pieces[-2] + pieces[-1]]  # closing text with no units
            out += [_Piece(p) for p in pieces]
        else:
            out.append(line)
    return out


def _third_level(lines: list[str]) -> bool:
    """Every numbered paragraph stands under a （一） heading line naming no units (一、 over
    （一） over 1．): the 1． numbers a group inside the （一）, not a task of the plan."""
    above = None
    for line in lines:
        if _NUMBERED.match(line):
            if above is None:
                return False
        elif _SUBSECTION.match(line):
            short = len(line) <= _HEADING_MAX and not _unit_brackets(line)
            above = line if short else None
        elif _SECTION.match(line):
            above = None
    return True


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
    closed = _close_cut_bracket(line)
    record.unclosed = closed != line
    record[0] = _take_trailer(record, closed)
    return record


_CLOSING = dict(zip("（([【〔﹝", "）)]】〕﹞", strict=True))


def _close_cut_bracket(line: str) -> str:
    """…。(牵头单位:经济发展局,责任单位:宣传部、各有关部门、单位 — a units bracket the text
    never closes (the page breaks off in it): closed, to be read as a bracket is."""
    opened: list[int] = []
    for at, char in enumerate(line):
        if char in _CLOSING:
            opened.append(at)
        elif char in _CLOSING.values() and opened:
            opened.pop()
    if not opened:
        return line
    inner = line[opened[0] + 1 :]
    if not _UNIT_LABEL.search(simplify(inner)) or not re.search("[。；;]", line[: opened[0]]):
        return line
    return line.rstrip("。；;，, ") + _CLOSING[line[opened[0]]] * len(opened)


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
    if not brackets or _labels_after(line, brackets[-1].end()):
        # …示范镇（街道）。责任处室:X、Y — labels after the last bracket name the units; the
        # bracket was an aside in the text.
        return _take_inline_labels(record, line)
    if len(brackets) == 1:
        units, deadline = _split_bracket(brackets[0].group(1))
        record.mid_text = _mid_text(line, brackets[0])
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


# 1.习近平法治思想责任单位：X、Y — labels run on after a title with no full stop: taken only
# where they run to the paragraph's end (no sentence after them; 明确责任单位：… inside a
# sentence is no label of the task's).
_LAST_LABELS = re.compile(
    r"(?<=[\u4e00-\u9fff》”）)])\s*(?=(?:责任|牵头|主办)(?:单位|处室|科室|部门)[:：][^。！!]*[。]?$)"
)


# 配合部门 ：X — a space between a role label and its colon.
_LABEL_GAP = re.compile(
    r"((?:责任|牵头|配合|主办|协办|承办|落实)(?:单位|处室|科室|部门))\s+(?=[:：])"
)


def _close_label_gaps(text: str) -> str:
    """The text without those spaces (found in simplified characters, kept as written)."""
    for gap in reversed(list(_LABEL_GAP.finditer(simplify(text)))):
        text = text[: gap.end(1)] + text[gap.end() :]
    return text


def _labels_after(line: str, at: int) -> bool:
    """Units labels written after the task's sentences, past position ``at``."""
    found = _INLINE_LABELS.search(_close_label_gaps(simplify(line)), at)
    return bool(found)


def _mid_text(line: str, bracket: re.Match) -> bool:
    """…示范镇（街道）。引导村民… — a bracket of bare names (no label, no role word) with
    more sentences after it: maybe the task's units, maybe an aside in its text."""
    inner = simplify(bracket.group(1))
    if _UNIT_LABEL.search(inner) or _ROLE_WORD.search(inner):
        return False
    return len(line[bracket.end() :].strip("。.；;，,、 \u3000")) >= _MIN_AFTER


# More text than this after a bracket of bare names: the bracket is inside the text.
_MIN_AFTER = 10


def _take_inline_labels(record: Row, line: str) -> str:
    """Fill the record from labels written after the task's sentences, without brackets;
    the task's text before them."""
    line = _close_label_gaps(line)
    found = _INLINE_LABELS.search(simplify(line)) or _LAST_LABELS.search(simplify(line))
    if not found:
        return line
    for piece in re.split(r"[。；;]", line[found.end() :]):
        if piece.strip():
            _fill_record(record, piece.strip())
    return line[: found.start()].strip()


def _unit_brackets(line: str) -> tuple[re.Match, ...]:
    """Brackets that name a task's units, each closing a sentence: with a label (责任单位：)
    or, without one, holding nothing but units and their roles. Asked many times of each
    line while a plan is cut (a 2,000-task plan: six times a line), so remembered."""
    return _unit_brackets_of(str(line))


@functools.lru_cache(maxsize=4096)
def _unit_brackets_of(line: str) -> tuple[re.Match, ...]:
    found = []
    for match in _ANY_BRACKET.finditer(line):
        inner = match.group(1)
        after = line[match.end() : match.end() + 1]
        before = line[match.start() - 1 : match.start()] if match.start() else ""
        if after and after not in "。.；;，,、" and before not in "。.；;":
            if not (_BOTH_ROLES.search(inner) and after.isdigit()):
                continue  # inside a sentence: an aside, not the task's units
            # …搬迁工程（A牵头，B等参与）2018年底前，…: a bracket giving both roles, then a
            # new sentence opening on its date, closes a task though no full stop stands by it.
        if _ASIDE.match(inner):
            continue  # （含县市区） （见附件） （以下简称…）
        units, _ = _split_bracket(inner)
        if _UNIT_LABEL.search(simplify(inner)) or (
            units
            and _looks_like_units(units)
            and (_ROLE_WORD.search(simplify(units)) or _bare_units(units))
        ):
            found.append(match)
    return tuple(found)


_BOTH_ROLES = re.compile(r"牵头.*[，,；;].*(?:参与|配合|协办|协助)")
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
