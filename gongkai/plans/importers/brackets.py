"""A task paragraph's own brackets and labels: which brackets name its units (a label, or
nothing but units and their roles, closing a sentence), which are asides; the labels written
after its last sentence (责任单位：X。完成时限：Y); and the record they fill, the canonical
header's five cells (requirement, measures, deadline, units, note). Used by the paragraph
walker (paragraphs.py) and the row core (rows.py)."""

import functools
import re

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import (
    LEGEND,
    OPENING_LABEL,
    ROLE_WORDS,
    UNIT_KINDS,
    UNITS_LABEL,
    parse_units,
)
from gongkai.plans.importers.cells import (
    _ANY_BRACKET,
    _LABEL,
    _TRAILER,
    _TRAILER_PIECES,
    _UNIT_LABEL,
    Row,
    _looks_like_deadline,
    _looks_like_units,
)
from gongkai.plans.importers.labels import Joined


class _Piece(str):
    """A task cut out of a paragraph that held several (see _split_at_unit_brackets)."""


class NumberGuessed(str):
    """A task line whose bare number (6 加强…, its dot lost) was read as the task's number
    because it fits the numbers around it (see paragraphs._dots_lost): flagged."""


class _Record(list):
    """A task read from a paragraph: the canonical header's five cells, and how it was found
    (``piece``: cut out of a paragraph holding several; ``unnumbered``: a paragraph with its
    units but no number). The walker carries both to the item's draft, to flag it."""

    def __init__(self, cells: Row, *, piece: bool = False, unnumbered: bool = False):
        super().__init__(cells)
        self.piece, self.unnumbered = piece, unnumbered
        self.unclosed = False  # its units bracket was never closed (see UNCLOSED)
        self.mid_text = False  # its units are a bracket of bare names inside its text
        # The labels it was given (责任单位, 完成时限 …); one given twice (TWICE) may be a
        # second task's, run into this one with no number of its own.
        self.labels: set[str] = set()
        self.twice = False
        self.joined = False  # a group's numbered paragraphs joined into one task (labels.py)
        self.guessed = False  # its number read from a bare number (NumberGuessed)
        self.stage = False  # a stage of the plan's timetable (paragraphs._stage)
        self.duty = False  # a unit's duty, opening on its name and a colon (paragraphs._unit_duty)


def _new_record(line: str, *, unnumbered: bool = False) -> _Record:
    record = _Record(["", "", "", "", ""], piece=isinstance(line, _Piece), unnumbered=unnumbered)
    record.joined = isinstance(line, Joined)
    record.guessed = isinstance(line, NumberGuessed)
    closed = _close_cut_bracket(line)
    record.unclosed = closed != line
    record[0] = _take_trailer(record, closed)
    return record


_CLOSING = dict(zip("（([【〔﹝", "）)]】〕﹞", strict=True))


def _close_cut_bracket(line: str) -> str:
    """…。(牵头单位:经济发展局,责任单位:宣传部、各有关部门、单位 or …。(X牵头,A、B、 — a
    units bracket the text never closes (the page breaks off in it): closed, to be read as a
    bracket is."""
    opened: list[int] = []
    for at, char in enumerate(line):
        if char in _CLOSING:
            opened.append(at)
        elif char in _CLOSING.values() and opened:
            opened.pop()
    if not opened:
        return line
    inner = simplify(line[opened[0] + 1 :])
    # (X、Y牵头督导,A、B、 — units with their roles, cut in the list, as a label would be.
    units = _UNIT_LABEL.search(inner) or _ROLE_WORD.search(inner.split("。")[0])
    if not units or not re.search("[。；;]", line[: opened[0]]):
        return line
    return line.rstrip("。；;，, ") + _CLOSING[line[opened[0]]] * len(opened)


def _take_trailer(record: Row, line: str) -> str:
    """Fill the record from the brackets of a task paragraph; the paragraph without them.

    One bracket of labels at the end (（责任单位：X；完成时限：…）), or brackets naming units
    after the paragraph's sentences, with labels or without (（X、Y按职责分工负责）): several
    are joined, their 牵头 units leading and the others' units as they say."""
    brackets = _without_asides(line, _unit_brackets(line))
    # Labels are matched in simplified characters (a 1:1 mapping), the text kept as written.
    trailer = _TRAILER.search(simplify(line))
    if trailer and not (len(brackets) > 1 or (brackets and brackets[-1].end() < trailer.start())):
        for text in (line[slice(*trailer.span(g))] for g in (1, 2) if trailer.group(g)):
            for piece in _TRAILER_PIECES.split(text or ""):
                if piece.strip():
                    _fill_record(record, _without_last_deadline(record, piece.strip()))
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
        legend = LEGEND.match(simplify(remark))  # …负责。列第一位者为牵头单位: no remark
        if remark and not _UNIT_LABEL.search(simplify(units)) and not legend:
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


def _without_asides(line: str, brackets: tuple[re.Match, ...]) -> tuple[re.Match, ...]:
    """2.排查整治工业企业(场所)。全面落实…。(A牵头,B参与) — a bracket of bare names inside the
    text, where the last bracket says the roles, is an aside of the text, not more units."""
    if len(brackets) < 2 or not _ROLE_WORD.search(simplify(brackets[-1].group(1))):
        return brackets
    kept = [b for b in brackets[:-1] if not _mid_text(line, b)]
    return (*kept, brackets[-1])


def _without_last_deadline(record: Row, piece: str) -> str:
    """责任单位:A、B,6月底完成 — a deadline written after the last units label with no label of
    its own: the record's deadline (when it has none); the label without it."""
    last = re.search(r"[，,]\s*([^，,]+)$", piece)
    if last and not record[2] and _UNIT_LABEL.search(simplify(piece)):
        if _looks_like_deadline(last.group(1)):
            record[2] = last.group(1).strip()
            return piece[: last.start()]
    return piece


# 1.做好…。责任单位：办公室。完成时限：6月底前。 — labels after the task's last sentence (the
# leader's first: …。责任领导：分管领导 责任处室：X).
_INLINE_LABELS = re.compile(
    r"(?<=[。；;！!])\s*(?:(?:责任|分管|牵头)领导[:：][^。；;：:\s]{1,12}?\s*)?(?=(?:"
    + UNITS_LABEL
    + r"|完成时限|完成时间|时限要求)[:：])"
)


# 以上项目2016年9月底前开工。— a sentence closing a group of tasks, after its last one's labels.
GROUP_CLOSE = "(?:以上|上述)"


# 1.习近平法治思想责任单位：X、Y (or 1.建设200套，责任单位：X) — labels run on after a title
# with no full stop: taken only
# where they run to the paragraph's end (no sentence after them; 明确责任单位：… inside a
# sentence is no label of the task's).
_LAST_LABELS = re.compile(
    r"(?<=[\u4e00-\u9fff》”）)，,])\s*(?=" + OPENING_LABEL + r"[:：][^。！!]*"
    r"(?:。|。" + GROUP_CLOSE + r"[^。！!]*。?)?$)"
)


# 配合部门 ：X — a space between a role label and its colon.
_LABEL_GAP = re.compile("(" + UNITS_LABEL + r")\s+(?=[:：])")


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
    # The first labels: 责任单位：X run on after a comma, before 配合单位：Y after a ；.
    found = min(
        filter(None, (_INLINE_LABELS.search(simplify(line)), _LAST_LABELS.search(simplify(line)))),
        key=lambda m: m.start(),
        default=None,
    )
    if not found:
        return line
    for piece in re.split(r"[。；;]", line[found.end() :]):
        if re.match(GROUP_CLOSE, piece.strip()) and not record[2]:
            record[2] = piece.strip()  # the group's deadline (rows.py gives it to the group)
        elif piece.strip():
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
        # A space beside the bracket is a page's line break: the character past it decides.
        after = line[match.end() : match.end() + 8].lstrip()[:1]
        before = line[max(0, match.start() - 8) : match.start()].rstrip()[-1:]
        if after and after not in "。.；;，,、" and before not in "。.；;":
            if not (_BOTH_ROLES.search(inner) and after.isdigit()):
                continue  # inside a sentence: an aside, not the task's units
            # …搬迁工程（A牵头，B等参与）2018年底前，…: a bracket giving both roles, then a
            # new sentence opening on its date, closes a task though no full stop stands by it.
        if _ASIDE.match(inner):
            continue  # （含县市区） （见附件） （以下简称…）
        if after in "、，," and before and _NAME_GOES_ON.match(before) and _bare_name_suffix(inner):
            continue  # 各处室（中心）、东庠办事处: part of a name in a list, X（Y）
        if before and _NAME_GOES_ON.match(before) and _in_labelled_list(line, match.start()):
            if _bare_name_suffix(inner):
                continue  # 牵头单位:市政府效能办(市政务公开办)。: a name's alias in a labelled list
        window = line[max(0, match.start() - 40) : match.start()]
        if "报" in window and "、" not in inner and _ADDRESSEE.search(simplify(window)):
            if _bare_name_suffix(inner):
                continue  # 报送局纠评办（局办公室）。: the office written to, by its other name
        units, _ = _split_bracket(inner)
        if _UNIT_LABEL.search(simplify(inner)) or (
            units
            and _looks_like_units(units)
            and (_ROLE_WORD.search(simplify(units)) or _bare_units(units))
        ):
            found.append(match)
    return tuple(found)


_NAME_GOES_ON = re.compile(r"[\u4e00-\u9fff]")
# …将落实情况书面报送局纠评办 / 报市政府办公室: a report sent to an office, named last.
_ADDRESSEE = re.compile(
    r"(?:报送|报给|送交|报至|抄送|报)[\u4e00-\u9fff]{2,12}(?:办|局|委|室|处|科|中心)$"
)
# A units label written bare (not in a bracket), with no sentence's end after it.
_OPEN_LABEL = re.compile(UNITS_LABEL + r"\s*[:：][^。；;（(）)]*$")


def _in_labelled_list(line: str, at: int) -> bool:
    """Position ``at`` stands in the list of names a bare units label opens, in the same
    sentence (…。 牵头单位:市委编办(市规服办)、…): a bracket there is part of a name."""
    before = _INNER_BRACKET.sub("", simplify(line[max(0, at - 60) : at]))
    return bool(_OPEN_LABEL.search(before))


# A bracket inside or after an earlier name of the list (各区(市)县政府), closed.
_INNER_BRACKET = re.compile(r"[（(][^（()）。；;]{1,10}[)）]")


def _bare_name_suffix(inner: str) -> bool:
    """（中心） after 各处室 in a list: a short name with no role word nor label."""
    plain = simplify(inner)
    return len(plain) <= 8 and not _ROLE_WORD.search(plain) and not _UNIT_LABEL.search(plain)


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


# When the work starts or how long it runs (2016年开始, 3年内完成): no deadline, but the
# bracket's time, not its units — read as its deadline text (and flagged as no date there).
_TIMING = re.compile(
    r"^\s*(?:\d{4}年(?:\d{1,2}月)?(?:开始|起)|(?:\d{1,2}|[一二两三四五六七八九十])年内(?:完成)?)\s*$"
)


# A remark run on after the units with a comma, on words that open one (以下…, 不再列出).
_REMARK_AFTER_COMMA = re.compile(r"[，,](?=\s*(?:以下|不再))")


def _split_bracket(inner: str) -> tuple[str, str]:
    """（市政务服务局牵头，各区政府配合，2023年6月底前完成）: (units, deadline). A sentence
    after the units (…负责。以下工作均需…落实，不再列出) is a remark, not more units."""
    first, stop, remark = inner.partition("。")
    if not stop and (comma := _REMARK_AFTER_COMMA.search(inner)):
        # (各片区管理局，以下各项工作均需各片区管理局负责推进，不再一一列出): after a comma.
        first, stop, remark = inner[: comma.start()], comma.group(), inner[comma.end() :]
    # …负责。列第一位者为牵头单位，下同 — the plan's legend of the units' roles, no remark.
    legend = LEGEND.match(simplify(remark.strip()))
    if stop and remark.strip() and _looks_like_units(first) and not legend:
        inner = first
    # (X、Y，2016年4月底前完成。列第一位的为牵头单位，下同): the legend after the deadline goes
    # with the units it orders, not into the deadline.
    dated = legend and stop and any(_looks_like_deadline(p) for p in re.split(r"[，,；;]", first))
    pieces = [p for p in re.split(r"[，,；;]", first if dated else inner) if p.strip()]
    deadline = [p for p in pieces if _looks_like_deadline(p) or _TIMING.match(simplify(p))]
    units = "，".join(p for p in pieces if p not in deadline)
    return units + (f"{stop}{remark}" if dated else ""), "，".join(deadline)


# Where the next label starts on a line of several: 牵头单位：X；责任单位：Y　完成时限：Z.
# Or glued to the value before it, the labels run together with nothing between them
# (牵头单位：X配合单位：Y实施单位：Z完成时限：…): a label of a kind of unit (one of no role we
# know, 实施单位：, too: read as support, flagged) or a deadline's, right after a character
# that is no role word (牵头责任单位： is one label).
_NEXT_LABEL = re.compile(
    r"[；;，,\s]+(?=" + UNITS_LABEL + "[:：]|"
    r"(?:完成时限|完成时间|时限要求|时限)[:：])"
    r"|(?<=[\u4e00-\u9fff）)])"
    + "".join(f"(?<!{word})" for word in ROLE_WORDS.split("|"))
    + r"(?=(?:"
    + UNITS_LABEL
    + r"|[\u4e00-\u9fff]{2}(?:"
    + UNIT_KINDS
    + r")|完成时限|完成时间|时限要求)[:：])"
)


def _label_pieces(line: str) -> list[str]:
    """A line of labels cut before each (found in simplified characters, kept as written)."""
    cuts = [m.span() for m in _NEXT_LABEL.finditer(simplify(line))]
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(line)]
    return [line[a:b] for a, b in zip(starts, ends, strict=True)]


def _inline_labelled(line: str) -> bool:
    """Units labels after the line's last sentence (…。 牵头单位:X。 责任单位:Y。)."""
    return bool(_INLINE_LABELS.search(_close_label_gaps(simplify(line))))


# A label naming a kind of unit with a role word we do not know (督办单位：, 联系部门：).
_OTHER_UNITS_LABEL = re.compile(rf"^[\u4e00-\u9fff]{{1,4}}(?:{UNIT_KINDS})\s*[:：]")


def _fill_record(record: Row, line: str) -> None:
    """Put one unnumbered line (or trailer piece) into the record's right column; a line
    of several labels piece by piece."""
    pieces = _label_pieces(line) if _LABEL.match(simplify(line)) else [line]
    if len(pieces) > 1:
        for piece in filter(None, (p.strip() for p in pieces)):
            _fill_record(record, piece)
        return
    if not record[3] and len(line) > 20 and (_unit_brackets(line) or _inline_labelled(line)):
        line = _take_trailer(record, line)  # the task's text on a line of its own
    label = _LABEL.match(simplify(line))
    value = line[label.end() :] if label else line
    if label:
        word = label.group(1)
        again = isinstance(record, _Record) and word in record.labels
        if isinstance(record, _Record):
            record.labels.add(word)
            record.twice = record.twice or again
        if re.search(UNIT_KINDS, word):
            record[3] = "；".join(filter(None, [record[3], line]))
        elif "时" in word and not again:
            record[2] = value  # a second 完成时限 (another task's, maybe): the first kept
        elif word == "备注":
            record[4] = value
        else:
            record[1] = "\n".join(filter(None, [record[1], value]))
    elif record[3] and _OTHER_UNITS_LABEL.match(simplify(line)):
        # 督办单位:Y after the task's units: a label of no role we know, read with them (its
        # names support, flagged: unit_text._other_labels_as_support), never left as text.
        record[3] = "；".join([record[3], line])
    elif not record[2] and _looks_like_deadline(line):
        record[2] = line
    elif not record[3] and (_looks_like_units(line) or _alone_in_brackets(line)):
        record[3] = line
    else:
        record[1] = "；".join(filter(None, [record[1], line]))


def _alone_in_brackets(line: str) -> bool:
    """(市农业农村局) on a line of its own after the task's paragraphs: its units."""
    found = _unit_brackets(line.strip())
    return len(found) == 1 and found[0].span() == (0, len(line.strip()))
