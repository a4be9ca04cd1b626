"""What a plan's cell or line is: a part heading (一、), a numbered task (1.), a header
word (责任单位), units, a deadline; the brackets closing a task paragraph. Shared by the row
core (rows.py) and the paragraph reader (paragraphs.py)."""

import functools
import re
from contextvars import ContextVar

from gongkai.lib.deadline_text import cn_number, parse_deadline, simplify
from gongkai.lib.unit_text import UNITS_LABEL, parse_units
from gongkai.plans.importers.headers import (
    AFTER_NUMBER,
    HEADER_SYNONYMS,
    LEAD,
    MEASURES,
    NOTE,
    NUMBER,
    OWN_UNITS,
    PEOPLE_HEADERS,
    REQUIREMENT,
    SUPPORT,
    TASK,
    UNITS,
)

Row = list[str]
_CANONICAL_HEADER = ["工作内容", "落实措施", "完成时限", "责任单位", "备注"]

# 一'加快… — a page's quote where 、 was (a garbled copy), before the heading's words.
_SECTION = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*(?:[、.．﹒]|['’](?=[\u4e00-\u9fff]))")
_SUBSECTION = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*")
# 1.2009年底前,完成… — a task's number, then its deadline opening its words (AFTER_NUMBER).
_NUMBERED = re.compile(r"^\s*(?:(\d{1,4})\s*[.．、﹒]" + AFTER_NUMBER + r"|[（(](\d{1,4})[)）])\s*")
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
    r"\s+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、．]"
    + AFTER_NUMBER
    + "))"
)
_LABEL = re.compile(
    "^(" + UNITS_LABEL + "|"
    r"完成时限|完成时间|时限要求|时限|落实措施|具体措施|备注)[:：]\s*"
)
_TRAILER_PIECES = re.compile(r"[；;]|[，,。](?=[^，,；;:：（）()]{2,6}[:：])")
# 一是…；二是…: tasks run together in one paragraph, each starting with an ordinal.
_ORDINAL = re.compile(r"(?:^|(?<=[。；;！!]))\s*[一二三四五六七八九十]{1,3}是")

_BRACKETS = re.compile(r"[（(〔][^（）()〔〕]*[)）〕]")


def header_roles(header: Row) -> list[str | None]:
    """The role each header cell names, of two units columns the body's own (see below)."""
    return _own_units_column(header, [_header_role(c) for c in header])


# 市级牵头单位 beside 责任单位: the upper level's lead for the task, not this body's unit.
_UPPER_LEVEL = re.compile(r"^(?:上级|国家|中央|省级|省里|市级|市里)")


_INSIDE_NAMED = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?<![局本])内(?:牵头|配合|协办|责任|负责)")


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
    # 牵头单位 | 配合单位 | 市卫健委内牵头处室 | 市卫健委内配合处室: the plan's units, then one
    # of them split inside (a body named before 内): that split is a note.
    inside = [j for j in named if _INSIDE_NAMED.match(simplify(header[j]))]
    if inside and len(inside) < len(named):
        raw = [NOTE if j in inside else role for j, role in enumerate(raw)]
    units = [j for j, role in enumerate(raw) if role == UNITS]
    if len(units) != 2:
        return raw
    own = [j for j in units if any(w in simplify(header[j]) for w in OWN_UNITS)]
    if len(own) != 1:
        return raw
    raw = list(raw)
    raw[next(j for j in units if j not in own)] = NOTE
    return raw


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
    if names and _SHOULD.search(names[0]):
        return ""  # 县、乡两级政府要健全…机构: a requirement (…要…), not a body's name
    return "units" if names and simplify(cell).startswith(names[0][:2]) else ""


# "Shall" inside a would-be name: the text says what is to be done (not 重要, 主要, 纪要).
_SHOULD = re.compile(r"(?<![重主纪需必首摘])要")


# A task's first word (召开…新闻发布会 is a task, not the name of a 会).
_TASK_VERB = re.compile(
    r"^(?:召开|举办|加强|做好|推进|开展|及时|建立|健全|完善|组织|编制|制定|深化|规范|推动|"
    r"强化|提升|抓好|围绕|实行|实施|加大|加快|积极|全面|进一步|开工建设|建成投用|新增|打通|在|对)"
)


def header_role(cell: str) -> str | None:
    """The role a header cell names (工作任务, 责任单位 …), or None for data."""
    return _header_role(cell)


def settle_roles(roles: list[str | None]) -> list[str]:
    """Header roles with exactly one requirement column (see _settle_roles)."""
    return _settle_roles(roles)


def _header_role(cell: str) -> str | None:
    text = simplify(cell).replace(" ", "")
    if re.fullmatch(r"(?:牵头|主办)、(?:责任|配合|协办)?(?:单位|部门|处室|科室)", text):
        return UNITS  # 牵头、责任部门: one cell naming the lead and the others, by label
    # A header cell is a bare label: "责任单位：新闻处" or a sentence is data.
    if not text or len(text) > 12 or re.search(r"[，。：:；;、,]", text):
        return None
    learned = (_LEARNED.get() or {}).get(text)
    if learned:
        return learned
    if text.endswith(PEOPLE_HEADERS):
        return NOTE  # 牵头领导, 责任单位负责人: people, not units
    for role, words in HEADER_SYNONYMS:
        if any(word in text for word in words):
            return role
    return None


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
    if REQUIREMENT in settled:
        # 主要任务 | 全年目标任务: a group stands left of its tasks; right of them it is what
        # the task aims at (a note), never the task's group.
        at = settled.index(REQUIREMENT)
        settled = [NOTE if j > at and r == TASK else r for j, r in enumerate(settled)]
    return settled


@functools.lru_cache(maxsize=8192)
def _looks_like_deadline(text: str) -> bool:
    """Text that is a deadline (remembered within a plan: see paragraphs.forget_memos)."""
    text = str(text)
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


@functools.lru_cache(maxsize=8192)
def _looks_like_units(text: str, longest: int = 200) -> bool:
    """Text that names units and nothing else (remembered: the paragraph reader asks it of
    every bracket several times; see paragraphs.forget_memos)."""
    text = str(text)
    if len(text) > longest and not re.match(UNITS_LABEL + "[:：]", text):
        return False
    # 市有关单位（见附件1） is still units; so are names before the plan's legend of who leads.
    parsed = parse_units(_BRACKETS.sub("", text))
    return bool(parsed.lead or parsed.support) and not parsed.note


_HEADER_WORDS = sorted(
    {w for _, words in HEADER_SYNONYMS for w in words} | set(PEOPLE_HEADERS), key=len, reverse=True
)


def _glued_header(line: str, tasks_column: bool = True) -> list[str] | None:
    """The header words a line is made of, three or more, or None; ``tasks_column``: one of
    them must name the tasks' column."""
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
    if len(words) < 3 or None in roles:
        return None
    return words if REQUIREMENT in _settle_roles(roles) or not tasks_column else None
