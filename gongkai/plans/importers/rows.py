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

What a cell is (a heading, a header word, units, a deadline) lives in cells.py; reading
paragraphs into records in paragraphs.py; numbering and finishing the items in items.py;
this module holds the core: columns, fitting rows to them, and walking them into drafts.
"""

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from gongkai.lib.deadline_text import cn_number, simplify
from gongkai.lib.unit_text import LEGEND, label_lines_joined
from gongkai.plans.importers.base import (
    NUMBERED_IN_ORDER,
    RENUMBERED,
    ParsedItem,
    ParsedPlan,
    PlanColumnsUnclear,
    PlanImportError,
    naming_left_out,
)
from gongkai.plans.importers.brackets import _Record, _unit_brackets
from gongkai.plans.importers.cells import (
    _CANONICAL_HEADER,
    _LEARNED,
    _NUMBERED,
    _SECTION,
    _SUBSECTION,
    _TRAILER,
    Row,
    _header_role,
    _is_heading,
    _looks_like_deadline,
    _looks_like_units,
    _number_of,
    _own_units_column,
    _settle_roles,
)
from gongkai.plans.importers.headers import (
    DEADLINE,
    LEAD,
    MEASURES,
    NOTE,
    NUMBER,
    REQUIREMENT,
    ROLE_LABELS,
    SUPPORT,
    TASK,
    UNITS,
)
from gongkai.plans.importers.items import (
    _GLUED,
    _STUCK,
    _UNCLOSED,
    _UNREAD,
    _Draft,
    _finish_item,
    _flag_joined_and_cut_items,
    _flag_numbers_run_into_deadlines,
    _flag_plan_without_units,
    _flag_tasks_before_any_heading,
    _flag_unstated_year,
    _groups_as_sections,
    _number_items,
    _spread_group_deadlines,
    _spread_group_units,
    say_printed_numbers,
)
from gongkai.plans.importers.paragraphs import _paragraph_rows, forget_memos
from gongkai.plans.importers.runon_core import PART
from gongkai.plans.importers.stream import (
    DOUBT,
    GLUED,
    JOINED_GROUP,
    NUMBER_GUESSED,
    STUCK,
    TWICE,
    UNCLOSED,
    UNREAD,
)
from gongkai.plans.importers.subjects import units_as_subjects

# Columns whose parts must line up one-to-one with the requirements.
_ALIGNED = (MEASURES, DEADLINE, UNITS, LEAD, SUPPORT)
_NOISE = re.compile(
    r"^(首页\s*[>›»]|当前位置|您的位置|您现在的位置|打印本页|【?打印|【?关闭|关闭窗口|"
    r"【?字体[:：]|字号[:：]|分享到|扫一扫|返回顶部|上一篇|下一篇|浏览次数|访问量|"
    r"来源[:：]|发布时间[:：]|发布日期[:：])"
    # A document-sharing site's notice before the document: 1、下载文档前请自行甄别…
    r"|^.{0,12}(?:下载文档前请|[\"“]?仅部分预览[\"”]?的文档|如文档侵犯您的权益)"
    # A web page's list of the document's particulars: 1. [主题分类] 综合政务, [发文字号] 〔〕.
    r"|^(?:\d{1,2}\s*[.．]\s*)?\[[\u4e00-\u9fff]{2,6}\]"
)
_TITLE_WORDS = re.compile(r"方案|要点|计划|安排|任务清单|分工|分解|台账|(?:任务|工作|一览|清单)表$")
_TITLE_TAIL = re.compile(r"\s*(?:[_｜|]|\s[-—–]\s|[-—–](?=[^-—–]*(?:网|欢迎|门户)))")
# Pinyin that a web page printed after characters: 政務(wù) 發(fā)展.
_RUBY = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑńňǹ]{1,7}[)）]")
# A web page's index block: 索引号: | 330523/2022-06006 | 成文日期: | 2022-07-21 |
_META_LABEL = re.compile(r"^[^，。,；;]{1,8}[:：]$")
_DOUBTFUL = "原表未标明行的起止，本行是按各单元格的内容切分出来的，请核对"
_GUESSED_COLUMNS = "表格部分列的含义是按内容判断的，请核对各列对应关系"
_SPILLED = "原表此处单元格错行（任务与措施、时限、单位的条数不一致），已跨行按顺序对齐，请核对"
_TWICE = (
    "本项读到两处相同的标注（如两处“责任单位”或“完成时限”），其后一处可能属于另一项未编号的任务，"
    "已合并（完成时限取第一处），请核对"
)
_JOINED_GROUP = "原文此组的各段只在最后一段注有责任单位，已将整组读作一项任务，请核对是否应拆分"
_NUMBER_GUESSED = "原文此项编号后没有点或顿号（如“6 加强…”），编号是按前后任务推定的，请核对"
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
    mid_text: bool = False  # its units a bracket of bare names inside its text (a _Record's)
    stage: bool = False  # a stage of the plan's timetable (paragraphs._stage)
    duty: bool = False  # a unit's duty, opening on its name and a colon (a _Record's)

    def parts(self, role: str, as_lines: bool) -> list[str]:
        text = self.columns.get(role, "").strip()
        if not text:
            return []
        if role in (UNITS, LEAD, SUPPORT):
            text = label_lines_joined(text)  # 牵头单位：\nX\n配合单位：\nY: a label a line
        return text.split("\n") if as_lines else [text.replace("\n", "；")]


_CLOSING_MEASURES = (
    "文末“{}”部分的{}段未注明责任单位（全文其余任务均已注明），视为保障措施，未作为任务导入"
)


_OPENING_POINTS = (
    "正文第一个部分标题之前的{}段未注明责任单位（可能是通知开头概述的总目标），"
    "未作为任务导入，请核对"
)


class _Reading(NamedTuple):
    """What the rules over a plan of paragraphs know of how it was read."""

    numbering: str  # how the tasks were numbered (items._number_items)
    stages: set[int]  # ids of the items read from the stages of its timetable
    duties: set[int]  # ids of the items read from units' duties (（一）X局：…)
    mid_text: set[int]  # ids of the items whose units are a bracket inside their text


def _without_opening_points(
    items: list[ParsedItem], warnings: list[str], reading: _Reading
) -> list[ParsedItem]:
    """…下达目标任务为：1.新开工2912套；2.基本建成1754套。一、… — numbered points before the
    plan's first part heading, naming no units, in a plan whose parts' tasks all stand under a
    heading and name theirs: the notice's summary, not tasks. Left out, said; the tasks are
    renumbered when they were numbered in page order."""
    head = 0
    while head < len(items) and not items[head].section and not items[head].names_units:
        head += 1
    rest = items[head:]
    if not head or not rest or not all(i.section for i in rest) or not rest[0].names_units:
        return items
    warnings.append(naming_left_out(_OPENING_POINTS.format(head), items[:head]))
    return _numbered_from_one(items, rest, reading.numbering)


def _numbered_from_one(
    items: list[ParsedItem], rest: list[ParsedItem], numbering: str
) -> list[ParsedItem]:
    """``rest``, the tasks left after the paragraphs before them were left out, numbered from
    1 when the importer numbered them all in order (as the page's own numbers stay)."""
    if [i.number for i in items] == list(range(1, len(items) + 1)) and numbering in (
        NUMBERED_IN_ORDER,
        RENUMBERED,
    ):
        for number, item in enumerate(rest, start=1):
            item.number = number
    return rest


_OPENING_AIMS = (
    "正文开头“{}”部分的{}段未注明责任单位（其后各项任务均已注明），视为总体要求，未作为任务导入"
)


# 指导思想。以…为指导 / 基本原则。 / 发展目标。到2025年… — a paragraph titled as an aim.
_AIMS_TITLE = re.compile(
    r"^\s*(?:指导思想|基本原则|工作原则|总体要求|总体思路|发展目标|工作目标|总体目标|主要目标|"
    r"目标要求)(?:[。:：]|(?=[\u4e00-\u9fff]))"
)


# 一、总体要求 / 一、指导思想和基本原则: an opening part that sets out aims, whatever its titles
# (not 一、总体目标: a target paragraph there may be a task, real_heldout6 07 #1).
_AIMS_PART = re.compile(
    r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?:总体要求|指导思想|基本原则|总体思路)"
)


def _too_many_unnamed(named: list[bool]) -> bool:
    """More than one task in ten names no units: the plan does not name every task's, so the
    paragraphs around its tasks that name none may be tasks too. (One in ten may have lost
    its units: 1.…（1）…（5） with no bracket of its own, a group that is one task.)"""
    return 10 * named.count(False) > len(named)


def _without_opening_aims(
    items: list[ParsedItem], warnings: list[str], reading: _Reading
) -> list[ParsedItem]:
    """一、总体要求 （一）指导思想…（二）基本原则…（三）发展目标… — in a plan of paragraphs where
    every task after them names its units, the paragraphs of an opening part setting out aims
    (its heading says so: _GENERAL_PART), each titled as an aim or standing in a part headed
    as the plan's aims (一、总体要求 （二）基本原则 1.…), that name none are no tasks: left out,
    said; the tasks keep their numbers as written, or are numbered from 1 when they were
    numbered in order through the aims. (A numbered target paragraph with no such title, in
    a part headed otherwise, stays an item, flagged for its missing units.)"""
    head = 0
    while (
        head < len(items)
        and not items[head].names_units
        and _GENERAL_PART.search(items[head].section)
        and (
            _AIMS_TITLE.match(items[head].requirement)
            # 一、总体要求 （二）基本原则 1.两岸融合… — a part headed as the plan's aims
            or _AIMS_PART.match(items[head].section)
        )
    ):
        head += 1
    rest = items[head:]
    named = [i.names_units and id(i) not in reading.mid_text for i in rest]
    if not head or sum(named) < 3 or not named[0] or rest[0].section == items[0].section:
        return items
    last = max(at for at, has in enumerate(named) if has)
    if _too_many_unnamed(named[: last + 1]):
        return items
    warnings.append(naming_left_out(_OPENING_AIMS.format(items[0].section, head), items[:head]))
    return _numbered_from_one(items, rest, reading.numbering)


_PARTS_BEFORE_TASKS = (
    "正文“{}”部分的{}段未注明责任单位（其后“{}”部分的各项任务均已注明），"
    "不是任务（如整治情形、具体要求），未作为任务导入，请核对"
)
# 三、工作任务及分工 / 四、责任分工: a part headed as the plan's tasks or their division, or
# the ways it takes (主要措施, 整治方式).
_TASKS_HEADING = re.compile(r"任务|分工|职责|措施|举措|方式")


def _without_parts_before_tasks(
    items: list[ParsedItem], warnings: list[str], reading: _Reading
) -> list[ParsedItem]:
    """二、治理范围和整改措施 （一）…1.具体情形 2.整改措施 … 三、工作任务及分工 （一）…责任单位：X
    完成时限：Y — in a plan numbering each part apart, the parts before the one headed as its
    tasks (任务, 分工), whose paragraphs name no units while every paragraph from that part on
    names its own, set out what the tasks deal with: left out, said; the tasks numbered in
    order from 1 (the plan restarts its numbers, so they were renumbered already)."""
    if reading.numbering != RENUMBERED:
        return items
    head = 0
    while head < len(items) and not items[head].names_units:
        head += 1
    rest = items[head:]
    if (
        not head
        or len(rest) < 2
        or not all(i.names_units and id(i) not in reading.mid_text for i in rest)
    ):
        return items
    heading = _PART_NUMERAL.match(rest[0].section)
    if not heading or not _TASKS_HEADING.search(rest[0].section[heading.end() :][:12]):
        return items
    if any(item.section == rest[0].section for item in items[:head]):
        return items  # the tasks part's own paragraphs: tasks whose units were lost
    if [i.number for i in items] != list(range(1, len(items) + 1)):
        return items
    warnings.append(_PARTS_BEFORE_TASKS.format(items[0].section[:20], head, rest[0].section))
    for number, item in enumerate(rest, start=1):
        item.number = number
    return rest


def _without_closing_measures(
    items: list[ParsedItem], warnings: list[str], reading: _Reading
) -> list[ParsedItem]:
    """四、保障措施 1.加强领导…2.统一调度… — in a plan of paragraphs where every task names its
    units, the paragraphs of the closing part(s) that name none are the plan's measures for
    itself, not tasks: left out, and the plan says so. Units taken from a bracket inside a
    paragraph's text (各处室（中心）、…, flagged as such) do not make it a task here."""
    named = [i.names_units and id(i) not in reading.mid_text for i in items]
    last = max((at for at, has in enumerate(named) if has), default=-1)
    tail = items[last + 1 :]
    if not tail or last < 2 or _too_many_unnamed(named[: last + 1]):
        return items
    if any(item.section == items[last].section for item in tail):
        return items  # the last part's own paragraphs: tasks whose units were lost
    warnings.append(naming_left_out(_CLOSING_MEASURES.format(tail[0].section, len(tail)), tail))
    return items[: last + 1]


# 二、主要任务 / 二、重点工作任务: the part a plan heads as its tasks.
_TASKS_PART = re.compile(
    r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?:主要|重点|具体)(?:工作)?任务"
)
_OTHER_PARTS = (
    "原文各部分分别编号，且全文未写明责任单位：任务取自“{}”部分，"
    "其后“{}”等部分的{}段（考核、要求等）未作为任务导入，请核对"
)


def _only_the_tasks_part(
    items: list[ParsedItem], warnings: list[str], reading: _Reading
) -> list[ParsedItem]:
    """二、主要任务 1.–7. / 四、考核要求 1.–2. / 六、考核结果应用 1.–4. — in a plan naming no unit
    whose parts number their paragraphs apart (1. again under each), the part headed as its
    tasks holds the tasks; the other parts' numbered paragraphs are its rules for itself (how
    it is checked, what follows): left out, said. A plan naming units, numbering through, or
    with no part so headed is read as before."""
    if any(i.names_units for i in items) or reading.numbering != RENUMBERED:
        return items
    tasks = [i for i in items if _TASKS_PART.match(i.section)]
    sections = {i.section for i in tasks}
    if len(sections) != 1 or len(tasks) < 2 or len(tasks) == len(items):
        return items
    others = [i for i in items if i not in tasks]
    left_out = _OTHER_PARTS.format(tasks[0].section, others[0].section, len(others))
    warnings.append(naming_left_out(left_out, others))
    for number, item in enumerate(tasks, start=1):
        item.number = number
    return tasks


_PART_NUMERAL = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*")
HEADINGS_AS_TASKS = (
    "原文各部分的标题即任务（一、…，其后是说明和牵头单位），已按部分编号读作任务，请核对"
)
POINTS_JOINED = "本部分的编号小点未注明责任单位，只在末尾注明一次，已合并为一项任务，请核对"


def _headings_as_tasks(
    items: list[ParsedItem], warnings: list[str], reading: _Reading
) -> list[ParsedItem]:
    """一、实施档案电子化，构建… / its paragraph / 牵头单位：X 配合单位：Y 完成时间：… — a plan
    whose every part is one task (its text opens on the part's title) or a part of numbered
    points naming no units closed by the part's one set of units: the parts are the tasks,
    numbered as the plan numbers them, under no section (the heading is the task); the
    points of such a part are its measures, joined (flagged). Any other plan is read as
    before: a part of several tasks naming their own units, or a task under no part."""
    groups: list[list[ParsedItem]] = []
    for item in items:
        if groups and item.section == groups[-1][0].section:
            groups[-1].append(item)
        else:
            groups.append([item])
    titled = 0
    for group in groups:
        numeral = _PART_NUMERAL.match(group[0].section)
        if not numeral or not group[-1].names_units:
            return items
        title = re.split(r"[，,。\s]", group[0].section[numeral.end() :])[0]
        if len(group) == 1 and title and group[0].requirement.startswith(title):
            titled += 1
        elif len(group) == 1 or any(i.names_units for i in group[:-1]):
            return items
    if titled < 2 or len(groups) < 3 or len(groups) == len(items):
        return items
    tasks = []
    for group in groups:
        numeral = _PART_NUMERAL.match(group[0].section)
        task = group[-1]
        if len(group) > 1:
            task.requirement = group[0].section[numeral.end() :]
            task.measures = "\n".join(i.requirement for i in group)
            task.flags.append(POINTS_JOINED)
        task.number, task.section, task.subsection = cn_number(numeral.group(1)), "", ""
        tasks.append(task)
    warnings.append(HEADINGS_AS_TASKS)
    return tasks


def _units_as_subjects(
    items: list[ParsedItem], warnings: list[str], reading: _Reading
) -> list[ParsedItem]:
    """subjects.units_as_subjects in the rules' shape."""
    return units_as_subjects(items, warnings, reading.stages, reading.duties)


# A plan of paragraphs holds more than its tasks. Each rule, in this order, takes out what is
# not a task (or reads the part headings as the tasks) and says so in a warning; each takes
# how the plan was read (_Reading): some renumber the tasks after, by how they were numbered.
_PARAGRAPH_RULES = (
    _without_opening_points,
    _without_opening_aims,
    _without_parts_before_tasks,
    _without_closing_measures,
    _units_as_subjects,
    _only_the_tasks_part,
    _headings_as_tasks,
)


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
    forget_memos()
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
    rows = _side_by_side(rows, warnings)
    rows = _widen_header(_join_two_row_header(rows))
    header_at, roles, unclear = _columns(rows, positional=not merged)
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
    if header_at >= 0 and (heading := _responsible_heading(rows[header_at], roles)):
        for draft in drafts:
            draft.responsible_heading = heading
    numbering = _number_items(drafts, warnings)
    _groups_as_sections(drafts)
    _flag_tasks_before_any_heading(drafts)
    legend = _plan_legend(rows)
    items = [_finish_item(draft, year, legend) for draft in drafts]
    printed = {id(d.item): d.explicit_number for d in drafts} if numbering == RENUMBERED else {}
    _flag_numbers_run_into_deadlines(items)
    _flag_joined_and_cut_items(items, warnings)
    _spread_group_deadlines(items)
    _spread_group_units(items)
    if records:
        reading = _Reading(
            numbering,
            stages={id(d.item) for d in drafts if d.stage},
            duties={id(d.item) for d in drafts if d.duty},
            mid_text={id(d.item) for d in drafts if d.mid_text},
        )
        for rule in _PARAGRAPH_RULES:
            items = rule(items, warnings, reading)
    say_printed_numbers(items, printed)
    _flag_plan_without_units(items, warnings)
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
        numbering=numbering,
    )


def _record_units(row: Row) -> bool:
    """A record read from a paragraph that names its units (or its heading's)."""
    return len(row) == len(_CANONICAL_HEADER) and row is not _CANONICAL_HEADER and bool(row[3])


def _plan_legend(rows: list[Row]) -> str:
    """注：主要责任单位第一个为牵头单位，其余为主要配合单位 — a line of its own (above or under the
    table) saying how every units cell reads: that legend, as parse_units reads one after the
    names; or "" when the plan has none."""
    for row in rows:
        filled = [cell for cell in row if cell]
        if len(filled) == 1 and len(filled[0]) <= _LEGEND_LINE:
            if found := LEGEND.search(simplify(filled[0])):
                return found.group().strip("。.；;，, （()）")
    return ""


# A legend is a note: a longer line holding one is a paragraph of the plan, not about its table.
_LEGEND_LINE = 60


def _doubtful_rows(rows: list[Row]) -> dict[int, list[str]]:
    """The flags of the rows a cell stream cut out with doubt (DOUBT) or with a deadline cut
    off a glued cell (GLUED), by row id, their marks taken off."""
    doubtful: dict[int, list[str]] = {}
    for row in rows:
        for mark, flag in (
            (NUMBER_GUESSED, _NUMBER_GUESSED),  # appended after any other mark
            (DOUBT, _DOUBTFUL),
            (GLUED, _GLUED),
            (STUCK, _STUCK),
            (UNREAD, _UNREAD),
            (UNCLOSED, _UNCLOSED),
            (TWICE, _TWICE),
            (JOINED_GROUP, _JOINED_GROUP),
        ):
            if row and row[-1] == mark:
                row.pop()
                doubtful.setdefault(id(row), []).insert(0, flag)
    return doubtful


# Parts of a plan that set out aims and safeguards, not tasks: their prose is no loss.
_GENERAL_PART = re.compile(
    r"总体要求|指导思想|总体目标|工作目标|主要目标|基本原则|保障措施|组织保障|工作要求|组织领导|"
    r"组织实施|工作保障|有关要求|其他事项|总体思路|目标任务|发展目标"
)
# …确保如期完成目标任务。（各片区管理局，以下各项工作均需…）: a paragraph closed by a bracket.
_CLOSED_BY_BRACKET = re.compile(r"[）)]\s*[。.；;]?\s*$")
_LOOKS_LIKE_TASK = "有一段内容注有责任单位，像是工作任务，但未能识别为任务，已忽略，请核对原文："
NO_TASKS = (
    "未能识别出任何工作任务。请确认文件是工作实施方案：表格需有“工作任务/责任单位/完成时限”等表头，"
    "或每项任务以“1.”“1、”“（一）”等编号开头。"
)


def _columns(rows: list[Row], positional: bool = False) -> tuple[int, list[str], bool]:
    """(header row, role of each column, unclear): by header words, then by content.
    ``positional``: every cell stands in its column (no short rows shifted left)."""
    header_at, raw = _find_header(rows)
    if raw is None:
        header_at = _header_like_row(rows)
        raw = _some_labels_known(rows[header_at]) if header_at >= 0 else None
        if raw is None:
            return header_at, _guess_roles(rows[header_at + 1 :]), True
    raw = _own_units_column(rows[header_at], raw)
    if None not in raw:
        roles = _numbered_column(rows[header_at + 1 :], _settle_roles(raw), raw, positional)
        return header_at, _heading_columns(rows[header_at + 1 :], roles), False
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
    roles = _numbered_column(rows[header_at + 1 :], _settle_roles(filled), raw, positional)
    roles = _heading_columns(rows[header_at + 1 :], roles)
    return header_at, roles, bool(unknown)


def _heading_columns(rows: list[Row], roles: list[str]) -> list[str]:
    """工作要求 | 一级要点 | 二级要点 | 责任科室, whose full rows read 一、… | （一）… | 1.… |
    units: a column holding only part headings (一、) or group headings (（一）) in the
    table's full rows groups the rows (its cell given on the first row of the group only);
    the tasks are the numbered column after it, whatever the headers say."""
    width = len(roles)
    # Rows reaching the last column (a short row, or one padded with empty cells at its end,
    # lost its leading cells to the merge: where its cells stand says nothing).
    full = [row for row in rows if len(_trimmed(row)) >= width]
    if not full or REQUIREMENT not in roles:
        return roles
    heads = [j for j in range(width) if all(_is_heading(row[j]) for row in full)]
    req = roles.index(REQUIREMENT)
    if req not in heads:
        return roles
    after = [
        j
        for j in range(max(heads) + 1, width)
        if roles[j] in (MEASURES, NOTE, TASK) and all(_NUMBERED.match(row[j]) for row in full)
    ]
    if not after:
        return roles
    roles = list(roles)
    for j in heads:
        roles[j] = TASK
    roles[after[0]] = REQUIREMENT
    return roles


def _numbered_column(
    rows: list[Row], roles: list[str], raw: list[str | None], positional: bool = False
) -> list[str]:
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
    above = "" if positional else None
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
        cell = _grouped_cell(row, filled, len(roles), req, measures, above)
        if positional and len(row) > req and row[req]:
            above = row[req]
        if cell is None:
            if _NUMBERED.match(row[req]):
                return roles  # numbered items in the first column of a whole row
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


def _grouped_cell(
    row: Row, filled: Row, width: int, req: int, measures: int, above: str | None
) -> str | None:
    """The item cell of a row under its group's cell (merged from above), or None for a
    whole row. Where every cell stands in its column (Word, Excel, HTML: ``above`` is the
    工作任务 cell of the row above), an empty 备注 or 完成时限 shifts nothing: the row is one
    of its group's when its 工作任务 is empty or repeats the one above (a merged cell, which
    these formats repeat). In a table captured as text, a short row lost its leading cells."""
    if above is not None and len(row) > measures:
        return row[measures] if not row[req] or row[req] == above else None
    if len(filled) < width or len(row) <= measures:
        return filled[0]
    return None


_SIDE_BY_SIDE = "原表是左右并排的两张表（表头重复），已先读左半、再读右半的任务，请核对"


def _side_by_side(rows: list[Row], warnings: list[str]) -> list[Row]:
    """序号|类别|责任单位|序号|类别|责任单位: one table printed twice side by side to fit the
    page, two tasks to a row. Each half is a table: the left half's rows, then the right's."""
    for at, row in enumerate(rows[:60]):
        row = _trimmed(row)
        half = len(row) // 2
        if half < 2 or len(row) % 2:
            continue
        same = [simplify(c).replace(" ", "") for c in row]
        if same[:half] != same[half:] or _find_header([row[:half]])[0] != 0:
            continue
        body = [r + [""] * (len(row) - len(r)) if len(r) > half else r for r in rows[at + 1 :]]
        left = [r[:half] if len(r) == len(row) else r for r in body]
        right = [r[half:] for r in body if len(r) == len(row) and any(r[half:])]
        if not right:
            return rows
        warnings.append(_SIDE_BY_SIDE)
        return [*rows[:at], row[:half], *left, *right]
    return rows


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
_SPANNED_TASK = "工作内容"  # a requirement's header word (headers.py)


def _widen_header(rows: list[Row]) -> list[Row]:
    """A header with fewer labels than its rows have cells (a 序号 column with no label, or
    一、 and （一） headings each in a column of their own under one 工作任务): each label goes
    over the column whose cells fit it, in order; the other columns are named by content."""
    at, raw = _find_header(rows)
    if raw is None:
        return rows
    header = _trimmed(rows[at])
    written = [row for row in rows[at + 1 :] if sum(1 for c in row if c) >= 2]
    body = [_trimmed(row) for row in written]
    # 工作任务|目标和要求|责任单位|备注 over "group | task | … | units | |" and "task | … |
    # units | |": the header's last column empty on every row, a row one cell wider than it
    # counting that empty cell — its cell the others lack is its first (a group's, printed
    # on its first row only). Not a row spilled one cell right (its last cell empty too)
    # where the rows as wide as the header fill their last cell.
    level = [row for row in written if len(row) == len(header)]
    spanned = (
        bool(header)
        and len(rows[at]) == len(header)
        and any(len(row) == len(header) + 1 and not row[-1] for row in written)
        and len(level) >= 2
        and not any(row[-1] for row in level)
    )
    if spanned:
        body = written
    width = max((len(row) for row in body), default=0)
    # 责任单位 | 政策处理单位 over "… | 县教育局 | |": the last label's column empty on every
    # row, its cells trimmed off; the rows' own width (as wide as the header row) holds it.
    full = [row for row in written if len(row) == len(rows[at]) > width]
    if len(full) >= 2 and len(header) < width and raw[len(header) - 1] in (None, NOTE):
        width, body = len(rows[at]), written
    if not len(header) < width <= 14:
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
        key=lambda slots: (
            sum(_LABEL_FIT[role].get(kinds[j], -2) for role, j in zip(labels, slots, strict=True)),
            slots if spanned else (),  # in a tie, the labels over the last columns
        ),
    )
    widened = [""] * width
    for j, cell in zip(slots, header, strict=True):
        widened[j] = cell
    for j in range(width):
        role = _KIND_ROLE.get(kinds[j])
        if not widened[j] and role and (role == TASK or role not in labels):
            widened[j] = _ROLE_HEADER[role]
    if spanned and slots[0] == 1 and labels[0] == TASK and REQUIREMENT not in labels:
        # 工作任务 over two columns: the group's cell and the task's own.
        widened[0], widened[1] = _ROLE_HEADER[TASK], _SPANNED_TASK
    return [*rows[:at], widened, *rows[at + 1 :]]


def _trimmed(row: Row) -> Row:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


# An annex's title run into the line before a table (… 附件：2016年…分工表, 附件1 …).
_ANNEX_TITLE = re.compile(r"(?:^|[。；;\s])附件\s*\d*\s*[：:]?\s*\S")


def _section_before(rows: list[Row]) -> str:
    """A section heading (一、…) just above the table's header: its tasks belong to it; not
    one run on into an annex's title (十一、… 附件：…分工表): the table is the annex's."""
    for row in reversed(rows):
        filled = [c for c in row if c]
        if len(filled) == 1 and _SECTION.match(filled[0]):
            return "" if _ANNEX_TITLE.search(filled[0]) else filled[0]
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


def _responsible_heading(header: Row, roles: list[str]) -> str:
    """牵头单位 | 配合/责任单位: the support column's heading when it names 责任 units, who answer
    for a row whose 牵头 cell is empty; "" for a column headed 配合单位 alone (it only helps)."""
    if LEAD not in roles or SUPPORT not in roles or roles.index(SUPPORT) >= len(header):
        return ""
    title = header[roles.index(SUPPORT)].strip()
    return title if "责任" in simplify(title) else ""


def _some_labels_known(header: Row) -> list[str | None] | None:
    """序号 | 摸排区域 | 摸排整治重点 | 责任处室 | 配合单位: a header whose task columns are named
    in the plan's own words still names its units columns; those are kept, the rest guessed."""
    raw = [_header_role(c) for c in header]
    known = [role for role in raw if role is not None]
    return raw if len(known) >= 2 and None in raw else None


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
    walker.numbers_tasks = _numbers_within_groups(rows, roles)
    for row in rows:
        walker.add(row)
    return walker.finish()


def _numbers_within_groups(rows: list[Row], roles: list[str]) -> bool:
    """序号 1, 2, 3 down one merged 考核项目 cell (Word repeats it in each row): the 序号
    numbers the tasks, not the groups — a table numbering its groups changes both together.
    Then a 序号 merged over several rows is one task, and the 1. 2. points of its cells are
    that task's points, never tasks of their own."""
    if NUMBER not in roles or TASK not in roles:
        return False
    number, group = roles.index(NUMBER), roles.index(TASK)
    last = None
    for row in rows:
        if len(row) != len(roles):
            continue
        cells = (row[number].strip(), row[group].strip())
        if last and cells[0].isdigit() and last[0].isdigit() and cells[0] != last[0]:
            if cells[1] and cells[1] == last[1]:
                return True
        if cells[0].isdigit():
            last = cells
    return False


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


# 文号 | 平政办〔2013〕11号 | 索引号 | … | 关键词 | |: a page's index block, its labels and
# values in cells of one row — no row of the plan's table (its | would make the page a table).
_INDEX_LABEL = re.compile(
    r"^(?:文号|发文字号|索引号|关键词|主题分类|体裁分类|服务对象|发布机构|成文日期|发布日期|"
    r"公开方式|公开范围|有效性|生成日期|信息来源|组配分类)[:：]?$"
)


def index_block_row(line: str) -> bool:
    cells = [c.strip() for c in line.split("|")]
    return len(cells) >= 3 and sum(bool(_INDEX_LABEL.match(c)) for c in cells) >= 2


def _clean_row(row: Row) -> Row:
    """Cleaned cells, or [] for an empty row or a line of web-page noise."""
    cells = [_clean_cell(c) for c in row]
    filled = [c for c in cells if c]
    # A breadcrumb (or a site's notice) is short and one sentence at most; a line starting
    # with one that is long or goes on after a sentence (当前位置：… 为了…，制订本方案。 1、…)
    # holds the page's body as well.
    if not filled or all(
        _NOISE.search(c) and len(c) < 300 and not re.search("。.", c) for c in filled
    ):
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


# ---- header and column roles ----------------------------------------------


def _find_header(rows: list[Row]) -> tuple[int, list[str | None] | None]:
    for at, row in enumerate(rows[:60]):
        roles = [_header_role(c) for c in row]
        if sum(r is not None for r in roles) >= 2 and REQUIREMENT in _settle_roles(roles):
            return at, roles
    return -1, None


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


_YEAR_FIRST = re.compile(r"^\s*\d{4}年")
_BODY_LINE = re.compile(
    r"^[^\d，。：:,；;、（）()\s]{2,28}(?:局|委|办|厅|院|署|政府|中心|委员会|办公室)$"
)


def _find_title(rows: list[Row]) -> str:
    """The plan's title: a short line naming a 方案/要点 before the tasks start."""
    candidates = []
    above = ""
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
            # 某区数据局 over 2024年政务公开工作任务分工表: a title set on two lines.
            if _YEAR_FIRST.match(line) and _BODY_LINE.match(above):
                line = above + line
            candidates.append(re.sub(r"\s+", " ", line))
        above = filled[0].strip()
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


_CARRIED = (UNITS, LEAD, SUPPORT, DEADLINE)
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
        self.last_task = ("", "")  # the (序号, 工作任务) cells of the row above
        self.last_text = ""  # the task cell of the row above
        self.numbered = False  # the table numbers its tasks (a 序号 column, or 1. 2.)
        self.numbers_tasks = False  # its 序号 numbers tasks within one group cell
        # Flags of the rows a cell stream was cut into with doubt, by row id.
        self.doubtful: dict[int, list[str]] = {}
        self.label_sections = False  # bare label rows head the table's parts (no 一、)
        self.from_below: set[int] = set()  # ids of rows given the units cell below them
        # section → the first paragraph no task took, and how many tasks were read before it
        self.ignored: dict[str, tuple[str, int]] = {}
        self.after_label = False  # the row before was such a label
        self.last_sub_no: int | None = None
        self.block: list[_RowParts] = []
        self.drafts: list[_Draft] = []
        self.origin: _Record | None = None  # the paragraph record being added, if it is one

    def add(self, row: Row) -> None:
        if len(row) == 2 and row[1] == PART:
            # A run-on table's group cell, its 序号 dropped (runon_*.py): the tasks' 工作任务
            # (subsection), as a group cell beside its tasks in any table; the section is the
            # part heading standing above it, if any (corpus_score's convention).
            self.subsection, self.group = row[0], ""
            return
        self.origin = row if isinstance(row, _Record) else None
        row = self._heading_row(row)
        filled = [c for c in row if c]
        # A record read as a task with no number (its text only) is a task, not a lone line.
        kept = self.origin is not None and self.origin.unnumbered
        lone = len(filled) == 1 and row[0] == filled[0] and not (self._unitless_task(row) or kept)
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
        if (self.records or not self.merged) and len(row) == len(self.roles):
            # Every cell in its column (a record, or a Word/Excel/HTML row with all its
            # cells): an empty one at the end is empty, not lost, and nothing is moved.
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
        text = columns.pop(REQUIREMENT, "")
        # 序号 and 工作事项 merged over several rows of 主要内容 (an HTML or Word rowspan, repeated
        # in each row), the rows numbered by nothing else: the 序号 numbers one item, the rows
        # below its first are more of it, not items of their own.
        group = next((c for r, c in zip(self.roles, cells, strict=True) if r == TASK), "")
        task = (columns.get(NUMBER, ""), group)
        spanned = (
            bool(task[0].strip().isdigit() and group)
            and task == self.last_task
            and not _NUMBERED.match(text)
        )
        # 序号 and 主要任务 merged over rows of different units and dates (Word and Excel
        # repeat a merged cell in each row): the same number over the same task is one task,
        # its later rows' units more of it (flagged), never a task of its own.
        spanned = spanned or (
            task[0].strip().isdigit()
            and not group
            and (task[0], text) == (self.last_task[0], self.last_text)
            and bool(text)
        )
        # 序号 numbering tasks inside one group cell, repeated over the rows it is merged
        # over: those rows are more of its task, whatever their own 细则 cells say.
        spanned = spanned or (
            self.numbers_tasks and task[0].strip().isdigit() and task[0] == self.last_task[0]
        )
        self.last_task, self.last_text = task, text
        requirements = [] if spanned else self._requirements(text, task[0])
        parts = self._row(requirements, columns, flags)
        parts.continues = spanned or (
            self.right_aligned and REQUIREMENT in lacking and NUMBER not in columns
        )
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
            mid_text=bool(origin and origin.mid_text),
            stage=bool(origin and origin.stage),
            duty=bool(origin and origin.duty),
        )

    def finish(self) -> list[_Draft]:
        while self.block:
            self._give_up_first()
        with_tasks = {d.item.section for d in self.drafts}
        for section, (text, read_before) in self.ignored.items():
            if section not in with_tasks and not _GENERAL_PART.search(simplify(section)):
                self.warnings.append(
                    f"“{section[:30]}”下有成段文字，但未能识别出任务（如其中有任务，请核对原文或改为"
                    f"逐项编号后再导入）：{text[:40]}…"
                )
                if _CLOSED_BY_BRACKET.search(text):  # closed as a task is, by its bracket
                    for draft in self.drafts[read_before:]:
                        draft.after_unread = draft.after_unread or section[:30]
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
            self.ignored.setdefault(self.section, (text, len(self.drafts)))  # see finish()
        # Any other lone line (公开方式：主动公开, a signature) is not part of a task.

    def _heading(self, text: str) -> None:
        first = text.split("\n")[0] if text else ""
        if not first:
            return
        if _SECTION.match(first):
            self.section, self.subsection, self.group = _without_intro(first), "", ""
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
        if self.numbers_tasks and number_cell.strip().isdigit() and text:
            return [(int(number_cell), text)]  # its 1. 2. lines are the task's points
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
            if role == NOTE and _dated(have):
                # A 节点任务 note dating the first row dates the task, as a deadline cell
                # does (_CONTINUED: the first row's); a later row's dates are not taken.
                text = "\n".join(p for p in re.split(r"[\n；]", text) if not _dated(p))
                if not text.strip():
                    continue
            joiner = "；" if role in (UNITS, LEAD, SUPPORT) else "\n"
            draft.set(role, f"{have}{joiner}{text}" if have else text)
            if role == UNITS and have:
                draft.unit_rows = (draft.unit_rows or [have]) + [text]
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
        draft = _Draft(
            item,
            number,
            group=row.group,
            piece=row.piece,
            unnumbered=row.unnumbered,
            mid_text=row.mid_text,
            stage=row.stage,
            duty=row.duty,
        )
        self.drafts.append(draft)
        return draft


def _dated(note: str) -> bool:
    """A note holding a deadline (as items._finish_deadline reads one there)."""
    return any(_looks_like_deadline(p.strip()) for p in re.split(r"[\n；]", note))


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


# 三、主要任务及分工 本次专项整治的主要任务是： — a part's heading, a space, and the sentence that
# introduces what follows (ending on a colon): the heading is the section.
# Glued to it, the sentence opens on words that start one (各级各部门要…, 根据…, 为了…).
_HEADING_INTRO = re.compile(
    r"^(\s*[一二三四五六七八九十]{1,3}\s*[、.．]\S{2,30}?)"
    r"(?:\s+\S.{3,}|(?=各级|各部门|各单位|根据|按照|围绕|为了|本次|结合)[^。；;]{3,})[：:]\s*$"
)


def _without_intro(heading: str) -> str:
    found = _HEADING_INTRO.match(heading)
    return found.group(1) if found else heading
