"""Plans written as paragraphs, with no table at all: each task (numbered, （一）, 一是, or a
paragraph closed by its units bracket) becomes a record under the canonical header, its units
and deadline read from its brackets and labels; a paragraph holding several bracket-closed
tasks is cut into them. A table whose cells lost their separators is turned into a cell
stream here too. The records then go through the row core (rows.py).

Beside it: breaks.py restores the line breaks of a plan run into one line; brackets.py reads a
task paragraph's brackets and labels into its record; labels.py cuts tasks closed by bare role
labels; runon.py reads a table run into one line into flagged rows."""

import re

from gongkai.lib.deadline_text import MONTH_DEADLINE, cn_number, simplify
from gongkai.lib.unit_text import LEGEND, _looks_like_unit, parse_units
from gongkai.plans.importers.base import PlanImportError
from gongkai.plans.importers.brackets import (
    _INLINE_LABELS,
    NumberGuessed,
    _close_label_gaps,
    _fill_record,
    _new_record,
    _Piece,
    _Record,
    _unit_brackets,
    _unit_brackets_of,
)
from gongkai.plans.importers.breaks import (
    _ATTACHMENT,
    _HEADING_MAX,
    _RUN_ON_SHORTEST,
    EntriesIntro,
    UnitEntry,
    _inline_headings,
    _join_viewer_chunks,
    _ordinals,
    angle_closed,
    unit_entries,
    without_page_end,
)
from gongkai.plans.importers.cells import (
    _ANY_BRACKET,
    _CANONICAL_HEADER,
    _LABEL,
    _NUMBERED,
    _ORDINAL,
    _SECTION,
    _SUBSECTION,
    _TRAILER,
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
from gongkai.plans.importers.headers import (
    AFTER_NUMBER,
    DEADLINE,
    LEAD,
    NUMBER,
    REQUIREMENT,
    SUPPORT,
    UNITS,
)
from gongkai.plans.importers.labels import label_sets, one_task_per_group
from gongkai.plans.importers.runon import _HEADER_RUN, _run_on_table
from gongkai.plans.importers.stream import (
    JOINED_GROUP,
    NUMBER_GUESSED,
    TWICE,
    UNCLOSED,
    stream_rows,
)

# ---- paragraphs (no table at all) ---------------------------------------------


def _paragraph_rows(lines: list[str]) -> list[Row]:
    """Plans written as paragraphs: build table rows, under a canonical header if none."""
    lines = [
        part
        for text in _header_onto_run_on_rows(
            _join_viewer_chunks(
                [
                    without_page_end(_ATTACHMENT.sub("", angle_closed(line)))
                    for text in lines
                    for line in text.split("\n")
                ]
            )
        )
        for inline in _inline_headings(text)
        for ordinal in _ordinals(inline)
        for part in unit_entries(ordinal)
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
    "原文中的任务分解表在复制时连成了一行（表头有“责任单位”等列，但读不出任何一项任务的"
    "责任单位），无法可靠地逐项读出。请上传原Word或Excel文件，或把表格按每行一项粘贴。"
)


def _lost_run_on_table(lines: list[str], rows: list[Row]) -> bool:
    """A table run into one line (its header words run together inside a longer line, with a
    序号 or a deadline column and a units column) that no reader could cut, and no task read
    with any units: the paragraphs read are the table's cells, wrongly cut (tasks lost or run
    together), or the notice's points before it, so the plan is refused rather than read with
    tasks missing."""
    records = [row for row in rows if isinstance(row, _Record)]
    if not records or any(row[3].strip() for row in records):
        return False
    for line in lines:
        for match in _HEADER_RUN.finditer(line):
            if match.group().strip() == line.strip():
                continue
            # …分解表 类别项目内容责任领导责任处室责任人完成时限…: its tasks' column named in
            # the plan's words, the units and deadline columns in header words.
            words = _glued_header(match.group().replace("/", ""), tasks_column=False) or []
            roles = [_header_role(w) for w in words]
            numbered = NUMBER in roles or DEADLINE in roles
            if numbered and any(role in (UNITS, LEAD, SUPPORT) for role in roles):
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
_RUN_ON_NUMBERS = re.compile(r"(?<![\d.．])\d{1,2}[.．、]" + AFTER_NUMBER)


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
    lines = _dots_lost([_bare_units_bracketed(line) for line in lines])
    lines = _sub_measures_joined(lines)
    lines = _cut_run_on_subtasks(lines)
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
    section_duties = ""  # units a 一、X及职责 heading gives the （一）s under it naming none
    duty_open = False  # right under a （一）X职责 heading: a paragraph there is one of X's duties
    open_task = False  # a heading that is itself a task, its units not yet read
    numbers = [_number(line) for line in lines]
    # Parts that are each one task, the plan numbering nothing under them.
    part_tasks = not (arabic or cn_tasks or split) and sum(map(_part_task, lines)) >= 2
    # A timetable whose stages say who does them (（一）全面摸排阶段。6月31日前，各片区管理局要…):
    # each stage is a task, unless tasks naming their units follow it (the stages there are the
    # plan's outline of them, and as tasks they would shift the numbers of all after).
    stages = [_stage(line) for line in lines]
    if any(stage and stage[0] for stage in stages):
        named = max((at for at, line in enumerate(lines) if _names_own_units(line)), default=-1)
        stages = [stage if at > named else None for at, stage in enumerate(stages)]
    staged = any(stage and stage[0] for stage in stages)
    for at, line in enumerate(lines):
        entry = isinstance(line, UnitEntry)  # 县环保局。负责…, cut out of a run-on list
        duty = _unit_duty(line)  # （六）Y公司：… names the unit whose duty it is
        starts_task = (
            entry
            or isinstance(line, _Piece)
            or (_NUMBERED.match(line) and not (_introduces(line) and not seen_section))
            or (cn_tasks and _SUBSECTION.match(line))
            or _ORDINAL.match(line)
            # 一、 itself a task, unless numbered tasks stand under it
            or (_SECTION.match(line) and _unit_brackets(line) and not (arabic or cn_tasks))
            or duty
        )
        if isinstance(line, EntriesIntro):
            _units_from_heading(record, heading_units)
            record = None
            rows.append([line])  # a lone line, as any preamble: no task
            continue
        heading_task = None if starts_task else _heading_then_task(line)
        if not heading_task and not starts_task and arabic:
            heading_task = _heading_glued_to_task(lines, at)
        if not heading_task and not starts_task and arabic and _number_lost(numbers, at):
            heading_task = _heading_then_text(line)
        if not heading_task and not starts_task and part_tasks and _part_task(line):
            heading_task = _part_title_and_task(line)
        if not heading_task and cn_tasks and _section_task(lines, at):
            heading_task = (_SECTION_TITLE.match(line).group(), line[_SECTION.match(line).end() :])
        if not heading_task and not starts_task and arabic and _heading_closes_task(lines, at):
            heading_task = _heading_and_its_task(line)
        if not heading_task and not starts_task and arabic and _unitless_task(lines, at, rows):
            heading_task = _heading_and_its_task(line)
        if staged and stages[at] and not starts_task:
            _units_from_heading(record, heading_units)
            seen_section, heading_units = True, ""
            _add_header_once(rows)
            record = _new_record(line, unnumbered=True)
            record[3], record[2] = stages[at]
            record.stage = True
            rows.append(record)
        elif heading_task:
            # （二）…工程 配合…。牵头处室：X。 — a heading, and one task under it with no number.
            _units_from_heading(record, heading_units)
            seen_section, heading_units = True, ""
            _add_header_once(rows)
            rows.append([heading_task[0]])
            record = _new_record(heading_task[1], unnumbered=True)
            rows.append(record)
        elif open_task and record is not None and not starts_task and not _is_heading(line):
            _fill_record(record, line)  # the text and units of a 九、 heading that is a task
            open_task = not record[3]
        elif not starts_task and (
            (not (arabic or split) and _heading_owns(lines, at))
            or (arabic and _heading_labelled_task(lines, at))
        ):
            _units_from_heading(record, heading_units)
            heading_units, open_task = "", True
            _add_header_once(rows)
            numeral = _SECTION.match(line) or _SUBSECTION.match(line)
            if cn_tasks and _SECTION.match(line):
                # the other parts' tasks are their （一）s: this part stands over its one task
                seen_section, record = True, None
                rows.append([line])
            record = _new_record(f"{cn_number(numeral.group(1))}.{line[numeral.end() :]}")
            rows.append(record)
        elif not starts_task and _is_heading(line):
            _units_from_heading(record, heading_units)
            seen_section, record = True, None
            bracket = _bracket_units(line)
            duties = "" if bracket else _duty_units(line)
            if _SECTION.match(line):
                section_duties = duties
            lead = "" if bracket or duties else _lead_label_units(line)
            heading_units, duty_open = bracket or duties or lead or section_duties, bool(duties)
            _add_header_once(rows)
            rows.append([_without_unit_brackets(line) if bracket else line])
        elif duty_open and not starts_task and record is None and not _introduces(line):
            # （二）信息中心职责 / 负责网站的维护…: the unit's one duty, written with no number.
            _add_header_once(rows)
            record = _new_record(line, unnumbered=True)
            rows.append(record)
        elif not starts_task and _only_units_bracket(line) and not (record and record[3]):
            # 九、标题 / its paragraph / (牵头单位:X,配合单位:Y): the bracket on a line of its own
            # closes the task above; one before any task closes a task the page does not hold.
            if record is None:
                rows.append([line])
            else:
                _fill_record(record, line)
        elif starts_task or (
            not (arabic or cn_tasks or split) and _task_like(line, seen_section, has_sections)
        ):
            _add_header_once(rows)
            _units_from_heading(record, heading_units)
            if heading_units and duty:
                # （五）X局：/1.…/2.… then （六）Y公司：…: Y's one duty, not X's
                heading_units = f"{_FROM_HEADING}{duty}"
            record = _new_record(line, unnumbered=entry)
            record.duty = bool(duty)
            rows.append(record)
        elif record is not None and record[3] and len(line) > 20 and _names_own_units(line):
            # A paragraph closed by units of its own after a task that named its units: a
            # task with no number (建立…考核制度。(牵头单位:办公室,配合单位:信息中心)), flagged.
            record = _new_record(line, unnumbered=True)
            rows.append(record)
        elif record is not None:
            _fill_record(record, line)
        elif seen_section and len(line) > 20 and _names_own_units(line):
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
        elif isinstance(row, _Record) and row.twice:
            row.append(TWICE)
        elif isinstance(row, _Record) and row.joined:
            row.append(JOINED_GROUP)
        if isinstance(row, _Record) and row.guessed:
            row.append(NUMBER_GUESSED)
    return rows


def _heading_owns(lines: list[str], at: int) -> bool:
    """九、指导检查…工作 / its paragraph / (牵头单位:X,配合单位:Y) — in a plan with no numbered
    tasks, a 一、 heading whose paragraphs, up to the next heading, are closed by one units
    bracket on a line of its own is itself a task, numbered as written. (One closing its
    paragraph's last sentence stays a heading over that task: real_heldout4 04.)"""
    if not _SECTION.match(lines[at]) or len(lines[at]) > _HEADING_MAX:
        return False
    block = _block_under(lines, at)
    closing = [line for line in block if _unit_brackets(line)]
    if len(block) >= 2 and closing == block[-1:] and _only_units_bracket(block[-1]):
        return True
    # 七、试点推进…建设 / 选择…服务。 牵头单位:X。 责任单位:Y。 — the same with the units
    # written as bare labels after the paragraph's last sentence.
    labelled = [line for line in block if _labels_after_text(line)]
    if block and labelled == block[-1:] and not closing:
        return True
    # 一、推动…增效 / its paragraph / 责任单位：X、Y — the units label on a line of its own.
    return len(block) >= 2 and _units_label(block[-1]) and not closing and not labelled


def _units_label(line: str) -> bool:
    """A line opening on a units label (责任单位：X, 牵头处室：Y)."""
    found = _LABEL.match(simplify(line))
    return bool(found) and bool(_UNITS_WORD.search(found.group(1)))


def _block_under(lines: list[str], at: int) -> list[str]:
    """The lines after heading ``at`` up to the next heading or numbered task."""
    block = []
    for line in lines[at + 1 :]:
        if _is_heading(line) or _NUMBERED.match(line) or _ORDINAL.match(line):
            break
        block.append(line)
    return block


def _heading_labelled_task(lines: list[str], at: int) -> bool:
    """(三)验收总结阶段 / its paragraph / 责任单位:X。 / 完成时间:Y。 — in a plan of numbered
    tasks, a short heading with no numbered task under it whose paragraph is followed by
    lines of units labels is itself a task, numbered as written (a stage of the plan that
    is one task; its units are not lost as a heading's)."""
    if not _is_heading(lines[at]) or len(lines[at]) > _HEADING_MAX:
        return False
    block = _block_under(lines, at)
    labelled = [bool(_LABEL.match(simplify(b))) for b in block]
    if not block or labelled[0] or not any(labelled):
        return False
    first = labelled.index(True)
    return all(labelled[first:]) and any(_units_label(b) for b in block[first:])


_UNITS_WORD = re.compile("单位|处室|科室|部门")


def _labels_after_text(line: str) -> bool:
    """A paragraph's sentences followed by bare units labels (…。 牵头单位:X。 责任单位:Y。)."""
    found = _INLINE_LABELS.search(_close_label_gaps(simplify(line)))
    return bool(found) and len(line[: found.start()].strip()) >= _MIN_PIECE


def _only_units_bracket(line: str) -> bool:
    """A line holding nothing but a units bracket."""
    brackets = _unit_brackets(line)
    return bool(brackets) and brackets[0].start() == 0 and brackets[0].end() == len(line)


def _label_closed(lines: list[str]) -> list[str]:
    """Paragraphs holding several tasks each closed by its set of role labels: cut into
    them (labels.py), each a piece flagged as cut."""
    out: list[str] = []
    for line in lines:
        pieces = label_sets(line)
        out += [line] if len(pieces) == 1 else [_Piece(p) for p in pieces]
    return out


def _names_own_units(line: str) -> bool:
    """A paragraph closed by units of its own: a units bracket, or labels after its last
    sentence (…。责任单位：X。完成时限：Y。)."""
    return bool(_unit_brackets(line) or _INLINE_LABELS.search(_close_label_gaps(simplify(line))))


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


# A part's title: its first sentence, short, closed by its full stop.
_PART_TITLE = re.compile(rf"^[^。；;！!]{{2,{_HEADING_MAX}}}。")


def _part_task(line: str) -> bool:
    """一、支持…建设。支持…。牵头单位：X配合单位：Y完成时限：Z — a part whose title sentence
    runs on into its one task's text, closed by that task's own units labels after its last
    sentence. Read as a task only in a plan numbering nothing under its parts, and when two
    or more parts are so (one such part among headings is a heading). (A part closed by a
    units bracket is a task already, its heading no title: real_heldout18 10.)"""
    numeral = _SECTION.match(line)
    if not numeral or len(line) <= _HEADING_MAX:
        return False
    body = line[numeral.end() :]
    title = _PART_TITLE.match(body)
    rest = body[title.end() :] if title else ""
    return bool(_INLINE_LABELS.search(_close_label_gaps(simplify(rest))))


def _part_title_and_task(line: str) -> tuple[str, str]:
    """(heading, task) of such a part: the numeral and title sentence as printed, then the
    whole text after the numeral (the title is the task's first sentence)."""
    numeral = _SECTION.match(line).end()
    return line[: numeral + _PART_TITLE.match(line[numeral:]).end()], line[numeral:]


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


# 由党群工作处牵头，…配合: who leads the work, said in its sentence.
_LED_IN_TEXT = re.compile(r"由[^，,。；;：:]{2,40}?(?:牵头|负责)")


def _unitless_task(lines: list[str], at: int, rows: list[Row]) -> bool:
    """（三）突出问题导向…。重点检查…。 then 三、 — in a plan of numbered tasks, a long （N）
    paragraph naming no units, with no numbered task under it, in a part whose tasks above it
    are closed by their units: one of that part's tasks, kept unnumbered with its units left
    to the user (flagged), not a heading over nothing that drops it. A part of such
    paragraphs only (三、工作要求 （一）…（三）…) holds no task closed by units: left alone."""
    line = lines[at]
    following = lines[at + 1] if at + 1 < len(lines) else ""
    if not _SUBSECTION.match(line) or _names_own_units(line) or len(line) <= _HEADING_MAX:
        return False
    body = line[_SUBSECTION.match(line).end() :]
    # （二）…大文章由X牵头，Y配合，坚持…。 then （三）: a group that is one task, led as its
    # words say, no numbered task under it.
    led = bool(_LED_IN_TEXT.search(simplify(body))) and _SUBSECTION.match(following)
    if following and not (_SECTION.match(following) or led):
        return False  # numbered tasks (or more text) under it: a heading
    title, stop, rest = body.partition("。")
    if not led and (not stop or len(title) > _HEADING_MAX or len(rest.strip()) < 20):
        return False
    for row in reversed(rows):
        if isinstance(row, _Record):
            if row[3]:
                return True
        elif row and isinstance(row[0], str) and _SECTION.match(row[0]):
            return False
    return False


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


def _heading_glued_to_task(lines: list[str], at: int) -> tuple[str, str] | None:
    """（二）实施社区场所提升工程配合海坛片区…工作。责任处室：X — in a plan of numbered tasks, a
    （一） line that runs its title into one task's sentences and closes on that task's labels,
    no numbered task under it: the task, its title left in its text (no space marks its end)."""
    numeral = _SUBSECTION.match(lines[at])
    if not numeral or not _labels_after_text(lines[at]):
        return None
    following = lines[at + 1] if at + 1 < len(lines) else ""
    if _NUMBERED.match(following):
        return None  # the labels are the heading's, over the tasks under it
    return numeral.group().strip(), lines[at][numeral.end() :].strip()


# 6 加强猪肉市场监测 — a task's number whose dot was lost, its words after a space.
_BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s+(?=[\u4e00-\u9fff])(?![年月日号个项次家所条万亿])")


def _dots_lost(lines: list[str]) -> list[str]:
    """A line opening on a bare number that fits the tasks' sequence (5., 6 …, 7.) is that
    task: its number written as the others are, marked (the number is a guess, flagged). A
    plan writing every number so is not touched here (no dotted numbers around it)."""
    numbers = [_number(line) for line in lines]
    out = list(lines)
    for at, line in enumerate(lines):
        bare = None if numbers[at] else _BARE_NUMBER.match(line)
        if bare and _number_lost(numbers, at):
            before = next((n for n in reversed(numbers[:at]) if n is not None), 0)
            if int(bare.group(1)) == before + 1:
                out[at] = NumberGuessed(f"{bare.group(1)}.{line[bare.end() :]}")
    return out


_POINT = re.compile(r"^\s*[（(](\d{1,2})[)）]")


def _sub_measures_joined(lines: list[str]) -> list[str]:
    """1.完善应急预案体系 / (1)… / (2)… / (责任单位:X、Y): a numbered task's title, its points
    (1)(2)… naming no units, then one units bracket on a line of its own closing them all —
    one task, its points its measures (joined into one line). So too a title and its points
    the page stops inside (no bracket yet: the cut rule then leaves it out, told). Only in a
    plan where some such run is closed by its bracket."""
    runs: list[tuple[int, int, bool]] = []  # (first, end, closed)
    at = 0
    while at < len(lines):
        title = _NUMBERED.match(lines[at])
        if not title or not title.group(1) or _names_own_units(lines[at]):
            at += 1
            continue
        end, expect = at + 1, 1
        while end < len(lines) and (point := _POINT.match(lines[end])):
            if int(point.group(1)) != expect or _names_own_units(lines[end]):
                break
            end, expect = end + 1, expect + 1
        points = end - at - 1
        closed = end < len(lines) and _alone_units_line(lines[end])
        if (closed and points >= 2) or (end == len(lines) and points >= 1):
            runs.append((at, end + closed, closed))
        at = max(end, at + 1)
    if not any(closed for _, _, closed in runs):
        return lines
    out = list(lines)
    for first, end, _ in reversed(runs):
        out[first:end] = ["".join(line.strip() for line in lines[first:end])]
    return out


def _alone_units_line(line: str) -> bool:
    found = _unit_brackets(line.strip())
    return len(found) == 1 and found[0].span() == (0, len(line.strip()))


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
    # The （一）s after the plan's last units bracket are its closing measures (四、工作要求
    # （一）加强组织领导…, taken out later by rows._without_closing_measures), not unitless tasks.
    last_units = max((at for at, line in enumerate(lines) if _unit_brackets(line)), default=0)
    if any(
        len(lines[a]) > _HEADING_MAX and not _bracketed_after_numeral(lines[a])
        for a, _ in blocks
        if a <= last_units
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
    if numbered and grouped and 2 * len(grouped) < len(numbered):
        return _cut_two_task_paragraphs(lines)
    if not numbered or 2 * len(grouped) < len(numbered):
        return lines
    roled = [_roled_tasks(line) for line in grouped]
    if sum(n >= 2 for n in roled) < 2 and max(roled) < 3:
        # 1.制定…。〔A牵头,B参与〕按省的要求…。(A、C牵头,B参与) alone (its next paragraph cut by
        # the page, or holding a bare name in brackets: 工业企业(场所)): one paragraph of two
        # is no sign that the plan's numbers head groups (two such, or one of three, are) —
        # it is one task of two measures, as the plan numbers it (units joined, flagged).
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


# (2)完善…: a sub-task's own number run on in its group's paragraph, after the full stop or
# the units bracket closing the sub-task before it, after a colon (…落实以下工作：（1）…), or
# after a space (a title closing on the page's line break: 1.加强产地环境保护 （1）…).
_RUN_ON_SUBTASK = re.compile(r"(?:^|(?<=[。；;：:）)\s]))\s*[（(](\d{1,2})[)）]")


def _roled_tasks(line: str) -> int:
    """How many pieces of ``line`` close on a units bracket saying roles or labels (X牵头,
    牵头单位:X), not on bare names, which may be an aside (工业企业(场所))."""
    said = 0
    for piece in _pieces(line):
        brackets = _unit_brackets(piece)
        said += bool(brackets) and bool(_SAYS_ROLES.search(simplify(brackets[-1].group(1))))
    return said


_SAYS_ROLES = re.compile(r"牵头|负责|配合|落实|主办|协办|协助|参与|承办|主责|单位|部门|处室|科室")


def _cut_run_on_subtasks(lines: list[str]) -> list[str]:
    """1.深化商事制度改革。(1)全面落实…。(A牵头负责)(2)完善…。(A牵头负责)(3)推进… — a
    numbered measure whose sub-tasks (1)(2)(3) run on in its paragraph, each closed by its
    own units bracket: the sub-tasks are the tasks (the measure's title goes with the first),
    numbered in order and flagged (see _SPLIT_FLAG), as _cut_numbered_groups does. A last
    sub-task with no bracket stays a task of its own (no units, flagged; left out, warned,
    when the page is cut inside it), never more text of the one before."""
    out: list[str] = []
    for line in lines:
        numeral = _NUMBERED.match(line)
        body = line[numeral.end() :] if numeral and numeral.group(1) else ""
        marks = list(_RUN_ON_SUBTASK.finditer(body))
        if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
            out.append(line)
            continue
        starts = [0] + [m.start() for m in marks[1:]] + [len(body)]
        pieces = [body[a:b] for a, b in zip(starts, starts[1:], strict=False)]
        if not all(_unit_brackets(p) and _pieces(p)[-1] == p for p in pieces[:-1]):
            out.append(line)  # (1)…(2)… points of one task, its units closing the last
            continue
        out += [_Piece(p.strip()) for p in pieces if p.strip()]
    return out


def _cut_two_task_paragraphs(lines: list[str]) -> list[str]:
    """7.强化…。（A牵头）各有关处室统筹…。（B负责） — a few numbered paragraphs, among many
    closed by one units bracket, go on after it with a sentence closed by a bracket of its
    own: a second task written under the same number. When most numbered paragraphs close
    with their units, each such paragraph is cut at its brackets and the plan's tasks are
    numbered in order (the numbers dropped), each flagged (see _SPLIT_FLAG)."""
    numbered = [line for line in lines if _NUMBERED.match(line)]
    closed = [line for line in numbered if _unit_brackets(line)]
    twice = [
        line
        for line in closed
        if sum(bool(_unit_brackets(p)) for p in _pieces(line)) >= 2 and not _one_lead(line)
    ]
    if not twice or len(numbered) < 3 or 4 * len(closed) < 3 * len(numbered):
        return lines
    out: list[str] = []
    for line in lines:
        numeral = _NUMBERED.match(line)
        if not numeral or _one_lead(line):
            out.append(line)
            continue
        pieces = _pieces(line[numeral.end() :]) or [line[numeral.end() :]]
        if len(pieces) >= 2 and not _unit_brackets(pieces[-1]):
            pieces[-2:] = [pieces[-2] + pieces[-1]]  # closing text with no units
        out += [_Piece(p) for p in pieces]
    return out


def _one_lead(line: str) -> bool:
    """Every units bracket of ``line`` names one same unit leading (…。(A牵头,B参与)…。(A、C牵头)):
    the measures of one task, not a second task under the same number."""
    leads = [set(parse_units(b.group(1)).lead) for b in _unit_brackets(line)]
    return len(leads) >= 2 and bool(set.intersection(*leads))


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


# …。市政府办公室、各县(市)区政府负责落实 — units after the last sentence with no bracket;
# …。由区财政局负责,各部门配合。 — roles in two clauses (read only when nothing else is there).
_BARE_UNITS_TAIL = re.compile(r"(?<=[。；;])([^。；;:：]{2,80}?(?:负责|牵头|配合|落实|协办))[。]?$")


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
    """A finished task that named no units takes those of its heading (marked); one that names
    only its helpers ((局各单位配合)) takes the unit a heading's label says leads (marked)."""
    if record is None or not heading_units:
        return
    if not record[3]:
        record[3] = heading_units
    elif heading_units.endswith("牵头") and _helpers_only(record[3]):
        lead = heading_units.removeprefix(_FROM_HEADING)
        record[3] = f"{LEAD_FROM_HEADING}{lead}，{record[3]}"


def _helpers_only(units: str) -> bool:
    parsed = parse_units(units)
    return not parsed.lead and bool(parsed.support)


# （一）资金保障攻坚战分管领导：林某牵头单位：办公室 — a group heading ending on the unit that leads
# its tasks, by its label.
_LEAD_LABEL_AT_END = re.compile(
    r"牵头(?:单位|部门|处室|科室)\s*[:：]\s*([^：:，,。；;（）()\s]{2,40})$"
)


def _lead_label_units(heading: str) -> str:
    """The units a heading's closing 牵头单位： label names, marked as leading; or ""."""
    found = _LEAD_LABEL_AT_END.search(simplify(heading).strip())
    names = found.group(1).split("、") if found else []
    if not names or not all(_looks_like_unit(name) for name in names):
        return ""
    return f"{_FROM_HEADING}{found.group(1)}牵头"


def _spread_comma_legend(rows: list[Row]) -> None:
    """逗号前为牵头单位……下同 (or 排在第一位的为牵头单位，下同): the legend in the first units
    bracket holds for the later brackets too (X、Y，Z: X and Y lead; X、Y: X leads)."""
    legend = ""
    for row in rows:
        if len(row) != len(_CANONICAL_HEADER) or row is _CANONICAL_HEADER or not row[3]:
            continue
        found = LEGEND.search(simplify(row[3]))
        if found and "下同" in found.group(0):
            legend = found.group(0).strip("。.；;，, ")
        elif legend and not found and not _NAMES_ROLES.search(simplify(row[3])):
            row[3] = f"{row[3]}。{legend}"


# Units text that says the roles itself (牵头单位：X；配合单位：Y, X牵头), or is marked.
_NAMES_ROLES = re.compile(r"牵头|配合|协办|主办|协助|参与|多处括注|标题所注")
# Units standing on the heading over tasks that name none: their units, to check.
_FROM_HEADING = "标题所注单位："
# The unit a heading's label says leads, given to a task naming only its helpers: to check.
LEAD_FROM_HEADING = "标题所注牵头单位："
# 一、各区、县(市)政府、市政府各部门负责落实的工作任务, 一、县示范区管委会牵头工作(8项): a
# section named by who does its tasks.
_OWNERS_HEADING = re.compile(
    r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．](.{2,60}?)(?:负责|牵头|承担)(?:落实|完成)?"
    r"(?:的(?:工作|重点)?任务|的?工作\s*(?:[(（]\d+项[)）])?\s*$)"
)


def _without_unit_brackets(heading: str) -> str:
    """一、推进重点领域信息公开（法制司牵头）: the heading without its units."""
    for bracket in reversed(_unit_brackets(heading)):
        heading = heading[: bracket.start()] + heading[bracket.end() :]
    return heading.strip()


# （一）办公室职责 / 一、领导小组及职责 / 二、X及其职责 / （一）政法综治处： (its numbered duties
# below): a heading naming whose duties follow.
_DUTY_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*"
    r"(.{2,20}?)(?:(?:及其|及)?职责\s*[:：。]?|\s*[:：])$"
)


def _duty_units(heading: str) -> str:
    """The unit a duties heading names, marked (its duties below name none); or ""."""
    found = _DUTY_HEADING.match(simplify(heading))
    name = found.group(1) if found else ""
    return f"{_FROM_HEADING}{name}" if name and _looks_like_unit(name) else ""


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


# （一）区环境与国土资源局：牵头负责… / （七）车主所在乡镇政府及公安派出所：对… — a （一） paragraph
# opening on a unit's name and a colon: that unit's duties (四、职责分工), a task of its own
# whatever numbers the plan's other parts use.
_DUTY_OPENING = re.compile(r"([^，,。；;：:、（()）\s]{2,24}(?:[（(][^（()）]{1,12}[)）])?)[：:]")


# （一）核查核实阶段（2019年11月底前）。各村要… / （一）全面摸排阶段。6月31日前，各片区管理局、
# 各区属国企要… / （三）建立长效机制（2021年12月）。… — a stage of a plan's timetable (工作步骤),
# its time in its title's bracket or opening its text, then the units that do it as the
# sentence's subject.
_STAGE = re.compile(
    r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]\s*[^。，,；;：:（()）\s]{2,12}?"
    r"(?:阶段\s*(?:[（(]([^（()）]{2,30})[)）])?|[（(](\d{4}年[^（()）]{2,24})[)）])\s*[。：:，,]?\s*"
)
_STAGE_OPENING_DATE = re.compile(rf"^{MONTH_DEADLINE}前[，,]\s*")
_STAGE_DATE_IN_TEXT = re.compile(rf"(?:今年)?{MONTH_DEADLINE}前")
_STAGE_SUBJECT = re.compile(
    r"^((?:[^，,。；;、：:\s]{2,16}?[、，,])*?[^，,。；;、：:\s]{2,16}?)"
    r"(?=要|负责|牵头|对照|按照|根据|做好|组织|开展)"
)


def _stage(line: str) -> tuple[str, str] | None:
    """(units, deadline) of a stage paragraph, each "" when it names none; None for any other
    line, or for a stage heading with its tasks under it (no text of its own)."""
    if not _SUBSECTION.match(line):
        return None  # most lines: no （一） to open a stage
    text = simplify(line)
    found = _STAGE.match(text)
    rest = text[found.end() :] if found else ""
    if len(rest) < 20:
        return None
    time = found.group(1) or found.group(2) or ""
    if time and not _looks_like_deadline(time):
        if found.group(2):
            return None  # （三）X（2021年版）: a title, no stage
        time = ""
    if opening := _STAGE_OPENING_DATE.match(rest):
        time, rest = time or opening.group().rstrip("，, "), rest[opening.end() :]
    if not time and (dated := _STAGE_DATE_IN_TEXT.search(rest)):
        time = dated.group()
    subject = _STAGE_SUBJECT.match(rest)
    names = re.split(r"[、，,]", subject.group(1)) if subject else []
    units = "、".join(names) if names and all(_looks_like_unit(n) for n in names) else ""
    return units, time


def _unit_duty(line: str) -> str:
    """The units a duty paragraph opens on (（六）X公司：供电企业应…), or ""."""
    numeral = isinstance(line, str) and _SUBSECTION.match(line)
    found = numeral and _DUTY_OPENING.match(simplify(line), numeral.end())
    if not found or not simplify(line)[found.end() :].strip():
        return ""  # （一）政法综治处： alone heads the unit's numbered duties
    names = re.split(r"及|和|、", re.sub(r"[（(][^（()）]*[)）]$", "", found.group(1)))
    return found.group(1) if all(_looks_like_unit(name) for name in names) else ""
