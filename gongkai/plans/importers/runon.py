"""Tables run into one line with no cell separators at all (a crawler's text of a web page:
…分解表序号工作任务牵头单位配合单位1.加强…省财政厅省发改委2.推进…). What it reads: the
header words run together inside a line, then rows numbered 1. … N. in sequence (a number
left out here and there), each row cut before the next one's number wherever it stands.
Each row becomes a task, flagged (its cells are guessed from content):

- units after the requirement: the text after its last full stop (or the names ending a
  last sentence with none; in a row with no full stop at all, from the first name after
  which the rest is names only), names run together (…局区…局) cut where one name ends and
  the next begins, the second cell starting at the first collective (区直有关单位, 各…; the
  second collective when only collectives run together);
- units before the requirement: found where the rows repeat one list of names (after a
  space for an empty lead cell, or with nothing marking it, as the stretch nearby rows
  share; a comma and one more name after it belong to it), the names run together before
  the list leading (a quoted name inside one: 省“互联网+政务服务”联席办), or a row's own list
  of names parted by ， and 、 back to a first name starting with its place;
- a printed page's number left between rows (—2—) is dropped;
- a deadline column (完成时限): the deadline cut off the row's end, or from right after the
  requirement's last full stop when the units follow it;
- rows whose units cannot be told are kept, their units empty, and flagged as unread.

Section headings between rows stay rows of their own. The rows then go through the row
core (rows.py) like any table's. Rows that kept their lines but lost their borders (cells
parted by spaces): runon_columns.py."""

import re
from difflib import SequenceMatcher

from gongkai.plans.importers.cells import (
    _HEADER_WORDS,
    _NUMBERED,
    Row,
    _glued_header,
    _header_role,
    _is_heading,
    _looks_like_deadline,
    _looks_like_units,
)
from gongkai.plans.importers.headers import AFTER_NUMBER, DEADLINE, LEAD, NUMBER, SUPPORT, UNITS
from gongkai.plans.importers.runon_columns import column_rows
from gongkai.plans.importers.runon_core import RunOnTable, units_cell
from gongkai.plans.importers.runon_dated import dated_rows
from gongkai.plans.importers.runon_noted import noted_layout, noted_rows
from gongkai.plans.importers.runon_spaced import spaced_rows

# Header words run together inside a line (…分解表工作任务工作要求牵头单位配合/责任单位一、…),
# maybe spaced out (工 作 任 务牵头单位责 任 单 位).
_HEADER_RUN = re.compile(
    "(?:(?:"
    + "|".join(r"\s*".join(map(re.escape, word)) for word in _HEADER_WORDS)
    + r")\s*/?\s*){3,}"
)
_UNIT_ROLES = (UNITS, LEAD, SUPPORT)
# Where one unit's name ends and the next one's begins, run together: …发展局区行政审批局.
_NAME_JOIN = re.compile(r"(?<=[局办委厅室处院所站队心部科])(?=[区市县省各])")


def _run_on_table(lines: list[str]) -> list[Row] | None:
    """A table whose cells were run together into one line with no separator at all (a
    crawler's text of a web page): its header words run together inside a line, and rows
    numbered 1. … N. in sequence after it (the breaks restored before each number). Each
    row becomes a task, flagged: where the units were the last columns, the text after the
    requirement's last full stop is read as the units (a space before it: an empty lead
    cell, the other units lead; no space: the lead units are the names run together before
    the last one of the first comma-separated name); where the units stood before the
    requirement, they cannot be told from the text and are left empty. None for other text."""
    for at, line in enumerate(lines):
        for match in _HEADER_RUN.finditer(line):
            if match.group().strip() == line.strip():
                continue  # a header line of its own: _glued_table's
            words = _glued_header(match.group().replace("/", ""))
            roles = [_header_role(word) for word in words or []]
            if not any(role in _UNIT_ROLES for role in roles):
                continue
            after = [_without_page_marks(a) for a in (line[match.end() :], *lines[at + 1 :])]
            after = [a.strip() for a in after]
            rows = noted_rows([a for a in after if a]) if noted_layout(roles) else None
            if rows:
                before = [*lines[:at], line[: match.start()]]
                return [[text] for text in before if text.strip()] + rows
            dated = DEADLINE in roles
            columns = [role for role in roles if role != DEADLINE]
            two = LEAD in roles and bool({UNITS, SUPPORT} & set(roles))
            rows = _run_on_rows(
                [a for a in after if a], columns[-1] in _UNIT_ROLES, dated, lead_first=two
            )
            if not rows and dated and NUMBER in roles:
                rows = dated_rows("".join(a for a in after if a))
            if not rows and roles[-1] == DEADLINE and roles[-2:-1] in ([UNITS], [SUPPORT]):
                rows = spaced_rows(" " + " ".join(a for a in after if a))
            if rows:
                before = [*lines[:at], line[: match.start()]]
                return [[text] for text in before if text.strip()] + rows
    return column_rows(lines)


# A printed page's number left inside the text of a PDF (…嘉兴港区—2—二、产业…): not a year
# span (2016—2020) nor a figure's range.
_PAGE_MARK = re.compile(r"(?<![\d—－])[—－]\s?\d{1,3}\s?[—－](?![\d—－])")


def _without_page_marks(line: str) -> str:
    return _PAGE_MARK.sub("", line)


# A row's number in a 序号 cell, run into its task with nothing after it (…公开1扩大…); not
# an amount or a date (3项, 2个, 2021年, 第1批).
_BARE_NUMBER = (
    r"(?<![\d.．第近]){}(?![\d.．、年月日号个项次家所条批期天周%万亿元名人户件])"
    r"(?=[\u4e00-\u9fff“（(])"
)


def _numbered_rows(line: str) -> str:
    """A line holding a run-on table whose header has a 序号 column and whose rows are not
    numbered 1. / 1、: a full stop put after each row's bare number, found in sequence (1,
    then 2 after it …), so the rows can be cut as numbered ones."""
    header = _HEADER_RUN.search(line)
    if not header:
        return line
    words = _glued_header(header.group().replace("/", "")) or []
    body = line[header.end() :]
    if NUMBER not in [_header_role(w) for w in words] or re.search(
        r"(?<!\d)1[.．、]" + AFTER_NUMBER, body[:300]
    ):
        return line
    out, at, number = [line[: header.end()]], 0, 1
    while found := re.compile(_BARE_NUMBER.format(number)).search(body, at):
        out.append(body[at : found.end()] + ".")
        at, number = found.end(), number + 1
    return "".join(out) + body[at:] if number > 3 else line


def _run_on_rows(
    lines: list[str], units_last: bool, dated: bool = False, lead_first: bool = False
) -> list[Row] | None:
    lines = _cut_at_next_numbers(lines)
    numbers = [int(m.group(1)) for line in lines if (m := _NUMBERED.match(line)) and m.group(1)]
    if len(numbers) < 3 or not _in_sequence(numbers):
        return None
    table = RunOnTable(dated)
    texts = [line[m.end() :] for line in lines if (m := _NUMBERED.match(line)) and m.group(1)]
    shared = [] if units_last else _shared_lists(texts)
    for line in lines:
        number = _NUMBERED.match(line)
        if not number or not number.group(1):
            if _is_heading(line):
                table.heading(line)
            continue
        text, deadline = (
            _deadline_cut(line[number.end() :]) if dated else (line[number.end() :], "")
        )
        read = (
            _run_on_units(text)
            if units_last
            else _units_before_text(text, shared) or _spaced_units(text, lead_first)
        )
        task, lead, support = read or (text, "", "")
        table.row(
            number.group(1), task.strip(), units_cell(lead, support), deadline, unread=not read
        )
    return table.rows


# What a deadline cell starts with (2021年…, 6月底前, 年底前, 持续推进, 长期坚持, 每季度 …).
_DEADLINE_START = "0123456789年上下全长持常动每及按定即本今明一二三四五六七八九十"
_DEADLINE_LONGEST = 25
# What else a units cell ends in: 各乡镇, 各街道, 各县区, 各区属国企.
_PLACE_END = "镇乡道区县市企"


def _deadline_cut(text: str) -> tuple[str, str]:
    """(text, deadline) of a run-on row of a table with a deadline column: the deadline at
    the row's end, after the units (…区财政局2021年12月底前), or right after the requirement's
    last full stop, before the units (…公开。6月底前区财政局); ("", "") parts when none."""
    end = max(text.rfind("。"), text.rfind("；"))
    tail = text[end + 1 :]
    for start in range(len(tail)):
        found = tail[start:].strip()
        before = tail[start - 1 : start]
        if (
            len(found) <= _DEADLINE_LONGEST
            and found[:1] in _DEADLINE_START
            and (not before or before.isspace() or before in _NAME_END + _PLACE_END + "、，,")
            and found[-1] not in _NAME_END  # …月底前区财政局: the units after the deadline
            and _looks_like_deadline(found)
        ):
            return text[: end + 1 + start].rstrip(" ，,"), found
    for stop in range(2, min(len(tail), _DEADLINE_LONGEST) + 1):
        found = tail[:stop].strip()
        if (
            found[:1] in _DEADLINE_START
            and found[-1] not in _NAME_END
            and _looks_like_deadline(found)
            and _whole_name_start(tail[stop:])
        ):
            return text[: end + 1] + tail[stop:], found
    return text, ""


def _whole_name_start(text: str) -> bool:
    """Text starting with a unit's name (a place, or 各), as a units cell does."""
    return bool(re.match(r"\s*[省市区县各]", text))


def _cut_at_next_numbers(lines: list[str]) -> list[str]:
    """A row with no requirement runs into the next row's number (…实验区48.建立…): each line
    is cut before the number that follows its own, wherever it stands."""
    cut: list[str] = []
    for line in lines:
        number = _NUMBERED.match(line)
        while number and number.group(1):
            following = re.search(
                rf"(?<![\d.．]){int(number.group(1)) + 1}[.．]" + AFTER_NUMBER, line[1:]
            )
            if not following:
                break
            cut.append(line[: following.start() + 1])
            line = line[following.start() + 1 :]
            number = _NUMBERED.match(line)
        cut.append(line)
    return cut


def _in_sequence(numbers: list[int]) -> bool:
    """1, 2, 3 … each one more than the last, a number left out here and there (one, or one
    in ten: the table's own gap, 27 then 29)."""
    steps = [b - a for a, b in zip([0, *numbers], numbers, strict=False)]
    skipped = sum(step - 1 for step in steps)
    return all(step in (1, 2) for step in steps) and skipped <= max(1, len(numbers) // 10)


_NAME_END = "局办委厅室处院所站队心部门科府会构位"
# A unit's name at the end of a text: 省审改办, 区经济发展局 (the shortest from the right).
_NAME_AT_END = re.compile(
    rf"[省市区县](?:[^\s，。、；;,“”（）()]|“[^\s，。、；;,“”]{{2,10}}”){{1,10}}[{_NAME_END}]"
    r"(?:[（(][^\s，。；;（）()]{2,10}[)）])?$"
)  # a quoted name inside one: 省“互联网+政务服务”联席办
# A unit's name after 、 in a list: 省卫计委、住建厅 (the place said once, at the first).
_LISTED_NAME_AT_END = re.compile(rf"[、]([^\s、，,。；;“”（）()]{{1,12}}[{_NAME_END}])$")


def _shared_lists(texts: list[str]) -> list[str]:
    """Unit lists written over and over, the units before each row's text: what the rows
    with an empty lead cell (a space before the list) share after the space, up to the end
    of a unit's name (where one row's requirement starts, another's differs). Longest first."""
    after = [text.split(" ", 1)[1] for text in texts if " " in text.strip()]
    shared = set()
    for at, one in enumerate(after):
        for other in after[at + 1 :]:
            common = 0
            while common < min(len(one), len(other)) and one[common] == other[common]:
                common += 1
            while common and one[common - 1] not in _NAME_END:
                common -= 1
            # Names only: two rows may share the start of their requirements after the list
            # (…管委会贯彻落实《福建省人民政府办公厅…).
            while common and not _only_names(one[:common]):
                common -= 1
                while common and one[common - 1] not in _NAME_END:
                    common -= 1
            if re.search("[、，,]", one[:common]):
                shared.add(one[:common])
    if not shared:
        shared = _recurring_lists(texts)
    return sorted(shared, key=len, reverse=True)


_LIST_WITHIN, _ROWS_COMPARED = 200, 40


def _only_names(text: str) -> bool:
    """A list of unit names: each piece between 、 and ， 2 to 15 characters, no sentence."""
    names = re.split("[、，,]", text)
    return all(2 <= len(name) <= 15 and not re.search("[《》“”。；;]", name) for name in names)


def _recurring_lists(texts: list[str]) -> set[str]:
    """Unit lists written over and over with nothing marking where they start (no space for
    an empty cell): what two nearby rows have in common that reads as a list of names, where
    a quarter of the rows or more hold it."""
    found = set()
    # Matching is quadratic in a row's length: the lists stand near a row's start (after its
    # title and lead units), and the first rows show them.
    heads = [text[:_LIST_WITHIN] for text in texts[:_ROWS_COMPARED]]
    for at, one in enumerate(heads):
        for other in heads[at + 1 : at + 3]:
            matcher = SequenceMatcher(None, one, other, autojunk=False)
            for block in matcher.get_matching_blocks():
                if block.size >= 6:
                    found |= _names_list(one[block.a : block.a + block.size])
    return {c for c in found if sum(c in t for t in texts) * 4 >= max(len(texts), 12)}


def _names_list(common: str) -> set[str]:
    """A stretch two rows share, as a list of unit names (cut back to a name's end and to
    the start of a whole name), or nothing."""
    common = common.lstrip("，,、 ")
    while common and common[-1] not in _NAME_END + "区市县":
        common = common[:-1]
    first, comma, rest = (re.split(r"([，,、])", common, maxsplit=1) + ["", ""])[:3]
    # …清单省财政厅各设区市，…: the list starts at the longest name ending its first piece; in
    # (省直有关)部门，… the piece is the end of a name, not one.
    starts = [at for at in range(len(first) - 1) if _whole_name(first[at:])]
    common = first[starts[0] :] + comma + rest if starts else rest
    names = re.split("[、，,]", common)
    # Names only: a long last piece runs on into text the rows share (where the list ends
    # cannot be told).
    if len(names) > 1 and all(2 <= len(name) <= 15 for name in names):
        return {common}
    return set()


def _whole_name(text: str) -> bool:
    return bool(_NAME_AT_END.fullmatch(text)) or (text.startswith("各") and len(text) <= 15)


# A list written over and over that goes on with one more name on some rows (<the list>，
# 省经济信息中心推动…): a comma right after the list, then a name (the longest ending as one).
_LIST_GOES_ON = re.compile(
    rf"[，,、](?:中央|[省市区县各])[^\s，,、。；;：:“”《》（）()\d]{{1,10}}[{_NAME_END}]"
)


def _units_before_text(text: str, shared: list[str]) -> tuple[str, str, str] | None:
    """(task, lead, support) of a row whose units cells stand before its requirement, where
    its units list is one written over and over; None where it is not."""
    found = next(((text.find(s), s) for s in shared if s in text), None)
    if not found:
        return None
    at, units = found
    title, requirement = text[:at], text[at + len(units) :]
    more = _LIST_GOES_ON.match(requirement)
    if more:  # <the list>，中央驻闽有关机构建立…: this row's list names one more
        units, requirement = units + more.group(0), requirement[more.end() :]
    if title.endswith(" "):
        return title.strip() + "。" + requirement, units, ""
    if title.endswith(("，", ",")):
        # …情况省统计局省政府新闻办，<the list>: the units cell began before the list.
        start = _units_cell_start(title[:-1])
        if not start:
            return None
        title, units = start[0], start[1] + title[-1] + units
    leads = []
    while name := _short_name_at_end(title):
        leads.insert(0, name)
        title = title[: -len(name)]
    if not leads:  # the lead cell empty: the units cell's units lead
        return title.strip() + "。" + requirement, units, ""
    return title.strip() + "。" + requirement, "、".join(leads), units


# The longest a units cell parted by spaces runs (one name, or a short list).
_SPACED_UNITS_LONGEST = 30


def _spaced_units(text: str, lead_first: bool) -> tuple[str, str, str] | None:
    """(task, lead, support) of a row whose cells kept the spaces between them, the units
    before the requirement (1.推进…公开 政策法规处 局办公室 各有关处室 要制定…): the cells
    after the title that name units, up to the requirement. Under a header of a lead column
    and another units column, the first cell leads and the others support; otherwise they
    all lead. None unless a title, units and a requirement are all there."""
    cells = text.split()
    units = []
    for cell in cells[1:-1]:
        if len(cell) > _SPACED_UNITS_LONGEST or re.search("[。；;]", cell):
            break
        if not _looks_like_units(cell):
            break
        units.append(cell)
    if not units:
        return None
    requirement = " ".join(cells[1 + len(units) :])
    if len(requirement) < len(units[-1]) or not re.search("[。；;]", requirement):
        return None  # no sentence after the names: they may be the requirement's own words
    task = cells[0] + "。" + requirement
    if lead_first and len(units) > 1:
        return task, units[0], "、".join(units[1:])
    return task, "、".join(units), ""


def _units_cell_start(head: str) -> tuple[str, str] | None:
    """(text before, names) where a units cell starts, at the end of ``head``: after a space
    (…办事公开 各行业主管部门; 省公安厅会同省人社厅、卫计委等相关部门), or the names of a 、
    list (省卫计委、住建厅、水利厅), the first one starting with its place."""
    before, space, after = head.rpartition(" ")
    if space and after and len(after) <= 40 and not re.search("[。；;]", after):
        return before + " ", after
    names = ""
    while listed := _LISTED_NAME_AT_END.search(head):
        names, head = listed.group(0) + names, head[: listed.start()]
    first = _short_name_at_end(head)
    if first:
        return head[: -len(first)], first + names
    return _list_of_names_at_end(head + names)


# A name in a list that may not start with its place (人行福州中心支行, 福建证监局, 各设区市).
_LISTED_NAME = re.compile(rf"[^\s。；;：:“”《》（）()]{{2,12}}[{_NAME_END}行区市县]")


def _list_of_names_at_end(head: str) -> tuple[str, str] | None:
    """(text before, names) of a list at the end of ``head`` whose names are parted by ，
    as well as 、, some written without their place (…舆论引导省金融办，省财政厅，人行福州中心
    支行，福建证监局、…): back from the end, name by name, to the first one, which must
    start with its place (省金融办) after the text; None when the list starts otherwise."""
    pieces = re.split(r"([，,、])", head)
    for at in range(len(pieces) - 1, -1, -2):
        piece = pieces[at]
        first = _short_name_at_end(piece)
        if first and len(first) < len(piece) and at < len(pieces) - 1:
            before = "".join(pieces[:at]) + piece[: -len(first)]
            return before, first + "".join(pieces[at + 1 :])
        if first != piece and not _LISTED_NAME.fullmatch(piece):
            return None
    return None


def _short_name_at_end(text: str) -> str | None:
    for length in range(3, 25):
        if _NAME_AT_END.match(text[-length:]):
            return text[-length:]
    return None


# A collective of units, where a units cell of named bodies ends and the next cell begins.
_COLLECTIVE = re.compile(r"^(?:各|[省市区县]直|有关|相关)")
# Where one collective ends and the next begins, run together: …有关单位各区属….
_COLLECTIVES_JOIN = re.compile(r"(?<=[位门构])(?=各|[省市区县]直)")


def _units_start_unstopped(text: str) -> int:
    """Where the units cells start in a row whose requirement has no full stop at all (…先进
    生产技术市科技局市发展改革委、市经贸委，各县(市、区)政府): the first name after which the
    rest is names only, the first one a whole name (a place's body, or 各…); 0 when none."""
    for at in range(4, len(text) - 2):
        if text[at] not in "省市区县各" or text[at - 1] in "省市区县各":
            continue
        rest = text[at:]
        first = re.split(r"[、，,]", rest, maxsplit=1)[0]
        if not _short_name_at_start(first):
            continue
        if _looks_like_units(rest) and not re.search(r"[。；;：:“”《》]|\d", rest):
            return at
    return 0


def _short_name_at_start(text: str) -> bool:
    return any(_whole_name(text[:length]) for length in range(3, min(len(text), 24) + 1))


def _run_on_units(text: str) -> tuple[str, str, str] | None:
    """(task, lead, support) of a row whose units cells follow its requirement, or None."""
    end = max(text.rfind("。"), text.rfind("；"))
    if end < 0:
        end = _units_start_unstopped(text) - 1
    tail = text[end + 1 :]
    if end < 0 or not tail.strip():
        return None
    first, comma, others = (re.split(r"([，,])", tail.strip(), maxsplit=1) + ["", ""])[:3]
    names = [name for part in first.split() for name in _NAME_JOIN.split(part)]
    collective = next((at for at, name in enumerate(names) if _COLLECTIVE.search(name)), 0)
    if collective:
        # 区经济发展局 区市场监督管理局区直有关单位，各片区…: the named bodies lead, the
        # units cell starts at the first collective (区直有关单位, 各…).
        return (
            text[: end + 1],
            "、".join(names[:collective]),
            "、".join(names[collective:]) + comma + others,
        )
    if not _looks_like_units(tail.strip()):
        # …定期公开债务限额 、余额等相关信息区财政金融局: the requirement's last sentence has
        # no full stop; the names at its end are the units.
        head, leads = tail.strip(), []
        while name := _short_name_at_end(head):
            leads.insert(0, name)
            head = head[: -len(name)]
        return (text[: end + 1] + head, "、".join(leads), "") if leads else None
    if tail[0].isspace():
        return text[: end + 1], tail.strip(), ""
    first, comma, others = (re.split(r"([，,])", tail, maxsplit=1) + ["", ""])[:3]
    lead, space, rest = first.strip().partition(" ")
    if space:  # …局区…局 区直有关单位，…: the space is where the lead cell ends
        names = _NAME_JOIN.split(lead)
        return text[: end + 1], "、".join(names), rest.strip() + comma + others
    names = _NAME_JOIN.split(first)
    if len(names) < 2:
        # 区直有关单位各区属事业单位各区属国企: collectives run together, the lead cell holding
        # the first (the units cell starts at the next collective, as above).
        names = _COLLECTIVES_JOIN.split(first)
        if len(names) < 2 or not all(_COLLECTIVE.search(name) for name in names):
            return text[: end + 1], tail.strip(), ""
        return text[: end + 1], names[0], "、".join(names[1:]) + comma + others
    return text[: end + 1], "、".join(names[:-1]), names[-1] + comma + others
