"""A plan whose line breaks were lost (one long line from a web page or a PDF): the breaks
restored before its headings and numbers that continue its own numbering, a document-sharing
site's preview chunks joined, a web page's attachment link and page end taken off, and
一是…二是… paragraphs cut one task a line. Used by the paragraph reader (paragraphs.py)."""

import re

from gongkai.lib.deadline_text import cn_number, simplify
from gongkai.lib.unit_text import ROLE_WORDS, UNIT_KINDS, UNITS_LABEL, _looks_like_unit
from gongkai.plans.importers.cells import (
    _INLINE_HEADING,
    _NUMBERED,
    _ORDINAL,
    _SECTION,
    _SUBSECTION,
    _glued_header,
    _number_of,
)
from gongkai.plans.importers.headers import AFTER_NUMBER
from gongkai.plans.importers.runon import _HEADER_RUN, _numbered_rows

# The longest a heading's title runs (a longer line holds a task's sentences).
_HEADING_MAX = 60


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
    # The attachment link alone: …配合单位：Y） 附件下载.
    r"|\s+附件下载\s*$"
)


# （区市场监管局〉5.开展… — a units bracket a typist closed with 〉: read as closed, or the
# bracket runs on over the next task. Only a bracket holding no other bracket, short.
_ANGLE_CLOSED = re.compile(r"（([^（）()〈〉<>《》]{2,40})〉")


def angle_closed(line: str) -> str:
    """The line with its （…〉 brackets closed by ）."""
    return _ANGLE_CLOSED.sub(r"（\1）", line) if "〉" in line else line


def without_page_end(line: str) -> str:
    """The line without the page's end run on after it. A bare name and date after a space
    end a line as a table row's last cells may (…办公室 2023年12月31日): taken off only from
    a whole page run into one line, or with the page's own words (印发, 来源：, 附件下载)."""
    found = _PAGE_END.search(line)
    if not found:
        return line
    if len(line) < _RUN_ON and not re.search("印发|来源[:：]|附件下载", found.group()):
        return line
    return line[: found.start()]


# A document-sharing site's text preview cuts the document into chunks, each line starting
# with its chunk's number (1、 2、 3、) wherever the cut fell, even inside a word.
_CHUNK = re.compile(r"^(\d{1,2})、")
_CHUNK_LENGTH = 200
# The first chunk opens with the document itself: its title (…工作要点分工方案, …的方案).
_CHUNK_OPENS_DOCUMENT = re.compile(r"^1、.{0,50}?(?:方案|要点|计划|通知|意见|安排|清单)")


# A line wrapped inside a cell, run on by the preview with a space between two characters
# (一、优化政 务公开工作 基础; 各科室按要求 落实,综合科 汇总).
_WRAP_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，、]) (?=[\u4e00-\u9fff])")


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
        text = _WRAP_SPACE.sub("", text)
        for at in range(first, run[-1] + 1):
            out[at] = None
        out[first] = _restore_breaks(text)
    return [
        part
        for line in out
        if line is not None
        for part in (line if isinstance(line, list) else [line])
    ]


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
    parts = [p.strip() for p in _INLINE_HEADING.split(line) if p.strip()]
    # A crawler's page, its paragraphs joined by spaces: a number glued to a colon or a ；
    # (…共分三项子活动：1.…；2.…；3.…) is an item of a paragraph's own list, not a task.
    lists_inside = len(parts) >= _SPACED_PARAGRAPHS
    restored = _restore_breaks(line, lists_inside=lists_inside)
    if run_on_table and len(restored) > 1 and _glued_header(restored[0]):
        # The header stays on the line of the rows: a table run into one line, not a
        # header over a cell per line.
        restored[:2] = [restored[0] + restored[1]]
    # Shorter than a whole plan, but holding two parts (一、 二、) that each go on with their
    # groups or numbers, or one part and three of them: a plan on one line as well.
    sections = sum(bool(_SECTION.match(p)) for p in restored)
    numbered = sum(bool(_NUMBERED.match(p) or _SUBSECTION.match(p)) for p in restored)
    parted = (sections >= 2 and len(restored) >= 4) or (sections >= 1 and numbered >= 3)
    spaced = _spaced_run(parts)
    if len(line) < 300 and not (run_on_table or parted or spaced):
        return [line]
    if len(line) >= _RUN_ON or run_on_table or parted:
        if len(restored) > len(parts) and not lists_inside:
            return restored  # a space inside it is no break
        if len(restored) > len(parts):
            # Its parts' titles still end at a space: 二、优化…线路 工作任务：….
            return [p for part in restored for p in _part_title_cut(part)]
    if len(parts) < 3 or (sum(bool(_SECTION.match(p)) for p in parts) < 2 and not spaced):
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


def _part_title_cut(part: str) -> list[str]:
    """A part's heading, then its paragraph after a space (二、优化精选夏季旅游线路 工作任务：以…):
    cut in two (a part's title is short and holds no sentence)."""
    title, space, rest = part.partition(" ")
    heading = _SECTION.match(part)
    short = len(title) <= _HEADING_MAX and not re.search("[。；;，,：:]", title)
    if heading and space and short and len(title) > heading.end() and len(rest) > 20:
        return [title, rest.strip()]
    return [part]


def _spaced_run(parts: list[str]) -> bool:
    """A page run into one line with its paragraphs joined by spaces (a crawler's copy):
    three or more numbered paragraphs after a space, numbered 1, 2, 3 … in turn — a task's
    own list (1、…2、…) runs on with no space."""
    numbers = [_number_of(p, False) for p in parts[1:]]
    numbers = [n[0] for n in numbers if n]
    return len(numbers) >= 3 and numbers == list(range(1, len(numbers) + 1))


# A line this long holding a plan's headings is a plan whose line breaks were lost.
_RUN_ON = 1000
# A table run into one line is at least its header and three rows long.
_RUN_ON_SHORTEST = 100
_MARKER = re.compile(
    r"(?P<section>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<group>[一二三四五六七八九十]{1,3})[)）]"
    r"|(?<![\d.．])(?P<number>\d{1,2})[.．、]" + AFTER_NUMBER
)
# （二）项, （三）款: a reference to a clause, no heading (not （二）项目落地…, 条件, 条例).
_CLAUSE_REFERENCE = re.compile(r"[项款条](?![目件例])")
# What ends a sentence or a bracket, after which a 一、 heading may start.
_SENTENCE_END = "。；;！!）)：: \u3000"


# So many headings and numbers after a space: a page whose paragraphs were joined by spaces.
_SPACED_PARAGRAPHS = 8


def _in_paragraph_list(line: str, marker: re.Match, value: int) -> bool:
    """共分三项子活动：1.…；2.…；3.…。 — a number glued to a colon that the next goes on from
    after a ；, no full stop between (or glued to that ；): a paragraph's own list. (…五项
    工作：1.着力加强公民道德建设。一是… is a task: its title ends in a full stop.)"""
    before = line[marker.start() - 1 : marker.start()]
    if before in "；;":
        return True
    if before not in "：:":
        return False
    item = re.match(r"[^。；;]*[；;]\s*(\d{1,2})[.．、]", line[marker.end() :])
    return bool(item and int(item.group(1)) == value + 1)


def _restore_breaks(line: str, lists_inside: bool = False) -> list[str]:
    """A plan whose breaks were lost (text taken from a page or a PDF): cut before each
    一、, （一） and 1. / 1、 that continues its own numbering (the next number, one skipped,
    or a restart at one), outside brackets; a 一、 only after a sentence's end (统一、规范
    is no heading); no 第（一）项-style reference, no 1.5亿."""
    depth, depths, titles = 0, [], []
    for char in line:
        depths.append(depth)
        depth = depth + 1 if char in "（(" else max(depth - 1, 0) if char in "）)" else depth
        if char == "《":
            titles.append(depth)
        elif char == "》" and titles:
            # 《…方案（2019-2021》: a bracket a title leaves open closes with the title, or
            # every marker after it would be taken for one inside brackets.
            depth = min(depth, titles.pop())
    quoted = _quoted(line)
    last = {"section": 0, "group": 0, "number": 0}
    cuts = []
    for marker in _MARKER.finditer(line):
        kind, at = marker.lastgroup, marker.start()
        before = line[at - 1 : at]
        value = cn_number(marker.group(kind))
        if depths[at] or at in quoted or before == "第":
            continue
        follows = value in (1, last[kind] + 1, last[kind] + 2)
        if kind == "section":
            # After a sentence's end; or glued to the cell before it, heading a number, as
            # the next part or its group cell given again over the next row (a repeat).
            after_sentence = not before or before in _SENTENCE_END
            glued = value in (last[kind], last[kind] + 1)
            follows = (
                (follows and after_sentence)
                or (glued and _heads_a_number(line, marker))
                # (the same numeral again too: a page numbering two parts 四、 by a slip)
                or (glued and _ends_units_list(line, at))
                or (value == last[kind] + 1 and _ends_deadline_value(line, at))
                or (value == last[kind] + 1 and _ends_dated_part(line, at))
                # A crawler's page: a part's numeral opening a paragraph (after a space),
                # though the plan numbers its parts anew (一、…三、 then 二、…五、).
                or (lists_inside and before.isspace())
            )
        if kind == "group" and (
            before in "按依据照" or _CLAUSE_REFERENCE.match(line, marker.end())
        ):
            continue
        if kind == "number" and lists_inside and _in_paragraph_list(line, marker, value):
            continue
        # …监督管理。7.负责…: the same number again after a full stop, a page's slip.
        follows = follows or (kind == "number" and value == last[kind] and before == "。")
        if not follows:
            continue
        last[kind] = value
        cuts.append(at)
    bounds = [0, *cuts, len(line)]
    parts = (line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
    return [piece for part in parts if part for piece in _title_then_intro(part)]


# 分点罗列“1.…；2.…3.…”: a quote this short is an example inside a paragraph, its numbers no tasks.
_QUOTE = re.compile(r"“[^“”]{1,60}”")


def _quoted(line: str) -> set[int]:
    """The positions inside a short quote (closed, on the same line)."""
    return {at for found in _QUOTE.finditer(line) for at in range(found.start() + 1, found.end())}


# A part's whole title when it is a label only (二、主要任务, 五、工作要求).
_LABEL_TITLES = (
    "主要任务",
    "重点任务",
    "工作任务",
    "具体任务",
    "工作重点",
    "任务分工",
    "职责分工",
    "工作措施",
    "主要措施",
    "保障措施",
    "工作要求",
    "总体要求",
    "工作目标",
    "主要目标",
    "组织保障",
    "主要内容",
    "活动内容",
    "工作内容",
)


# 三、工作重点根据《…》，既要…。 — a part's short title run into the sentence opening its
# paragraph, on words that open one: the title, then the paragraph. 坚持 opens a paragraph as
# often as it stands in a title (一、始终坚持…), so it cuts only after a label's noun
# (四、职能分工坚持“…”的原则，…).
_PART_TITLE_THEN_INTRO = re.compile(
    r"^([一二三四五六七八九十]{1,3}、[^、，,。；;：:（）()《》“”要应将\s\d]{2,10}?)"
    r"(?=(?:根据|按照|依据|对照|围绕)[^。；;]{6,}[，,])"
    r"|^([一二三四五六七八九十]{1,3}、[^、，,。；;：:（）()《》“”要应将\s\d]{0,8}"
    r"(?:分工|职责|任务|重点|要求|目标|原则|措施|安排))(?=坚持[^。；;]{6,}[，,])"
    # 二、主要任务推动各有关处室…，: a part titled by a label alone, whatever opens after it
    # (not 主要任务分工, 工作目标任务, 重点任务和…: a longer title goes on)
    rf"|^([一二三四五六七八九十]{{1,3}}、(?:{'|'.join(_LABEL_TITLES)}))"
    # (a purpose clause after it, 为切实…, is cut with a list of duties: unit_entries)
    r"(?!任务|分工|清单|目标|措施|要求|安排|重点|职责|及|和|与|为|[^\u4e00-\u9fff])"
    r"(?=[^。；;：:]{6,}[，,；;。])"
    # 五、整治时间和步骤2021年7月开始至2021年底，分三个阶段进行。: a title, then a sentence
    # opening on the span of time it covers
    r"|^([一二三四五六七八九十]{1,3}、[^、，,。；;：:（）()《》“”\s\d]{4,12}?)"
    r"(?=(?:自|从)?\d{4}年[^。；;，,]{0,12}?(?:开始|起|至|到)[^。；;]{0,20}[，,。])"
)


def _title_then_intro(part: str) -> list[str]:
    found = _PART_TITLE_THEN_INTRO.match(part)
    return [found.group(found.lastindex), part[found.end() :]] if found else [part]


# A units label whose list runs up to a point, no sentence ending between: …责任处室：X、Y五、….
# (a name in the list may close on a bracket, 各村（社区）, or be a company, 两岸发展公司)
_UNITS_LIST_BEFORE = re.compile(
    r"(?:单位|处室|科室|部门)\s*[:：](?:[^。；;：:（）()]|[（(][^。（）()]{1,6}[)）]){1,50}$"
)
_NAME_END_CHARS = "局办委厅室处院所站队心部门科府会村组司团）)"


def _ends_units_list(line: str, at: int) -> bool:
    """…责任处室：资源生态处、党政办公室五、目标任务… — the next part's numeral right after a
    units label's list, glued to a unit's name: a heading, though no sentence ends there."""
    before = line[max(0, at - 60) : at]
    return before[-1:] in _NAME_END_CHARS and bool(_UNITS_LIST_BEFORE.search(before))


# A deadline label's value running up to a point, no sentence ending between: the last of a
# task's labels (…完成时限：2019年11月底三、…; 完成时限：A于2019年底前完成，B常态化实施十、…).
_DEADLINE_VALUE_BEFORE = re.compile(
    r"(?:完成时限|完成时间|完成期限|时限要求)\s*[:：][^。；;：:（）()]{2,60}$"
)


def _ends_deadline_value(line: str, at: int) -> bool:
    """…完成时限：2019年底四、支持… — the next part's numeral right after a deadline label's
    value, glued to it: a heading, though no sentence ends there (the labels close each part's
    one task, the next part's title run on after them)."""
    return bool(_DEADLINE_VALUE_BEFORE.search(line[max(0, at - 70) : at]))


# A part whose title is a label and a date or span only: 二、工作时限2023年5月25日-12月31日.
_DATED_PART_BEFORE = re.compile(
    r"[一二三四五六七八九十]{1,3}、[^。；;，,：:（）()\d]{2,10}"
    r"[^。；;，,：:（）()]{0,30}?\d{1,2}\s*[月日](?:底|初|中旬|上旬|下旬)?(?:前|止)?$"
)


def _ends_dated_part(line: str, at: int) -> bool:
    """…二、工作时限2023年5月25日-12月31日三、工作重点… — the next part's numeral right after a
    part whose whole title is a label and its dates: a heading, though no sentence ends there."""
    return bool(_DATED_PART_BEFORE.search(line[max(0, at - 50) : at]))


def _heads_a_number(line: str, marker: re.Match) -> bool:
    """二、 with a short title and the next 1. / （一） right after it: a heading, even
    glued to the cell before it (…各区属国有企业七、开展…公开16.结合…)."""
    title = line[marker.end() : marker.end() + 40]
    return bool(
        re.match(
            r"[^。；;，,]{2,38}?(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、]"
            + AFTER_NUMBER
            + ")",
            title,
        )
    )


# A run-on copy may have lost the spaces too: …的作用。一、抓好…落实(一)做好…, or
# …分解如下:一、围绕…公开1.全面公开….
_SENTENCE_THEN_HEADING = re.compile(r"(?<=[。；;:：])\s*(?=[一二三四五六七八九十]{1,3}、)")
_HEADING_THEN_GROUP = re.compile(
    r"\s*(?=[（(][一二三四五六七八九十]{1,3}[)）]|(?<![\d.．])\d{1,2}[.．、]" + AFTER_NUMBER + ")"
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


# 县环保局。负责… / 县交通局、公路局。负责…: a unit's entry in a list of members' duties run
# into one paragraph, after a sentence's end or the colon that introduces the list; or
# 经济发展处：联合… 政法综治处：负责… (四、职责分工), each unit and its colon after a space.
_UNIT_ENTRY = re.compile(
    r"(?:^|(?<=[。；;：:]))\s*((?:[^\s，,。；;、：:（）()]{2,12}、)*[^\s，,。；;、：:（）()]{2,12})。(?=负责)"
    r"|(?:^|(?<=\s))((?:[^\s，,。；;、：:（）()]{2,16}、)*[^\s，,。；;、：:（）()]{2,16})[：:](?=[^\s：:])"
)
# 牵头单位：X, 责任处室：Y — a label, not a unit whose duties follow.
_LABEL_NAME = re.compile(rf"^(?:{UNITS_LABEL}|{ROLE_WORDS}|.{{0,4}}(?:{UNIT_KINDS}))$")


class UnitEntry(str):
    """One unit's entry cut out of such a paragraph: a task with no number."""


class EntriesIntro(str):
    """What introduces such a list after its heading (为切实加强…各成员单位职责如下:): no task."""


# 三、组织领导及职责分工为切实加强…: a heading run into the purpose clause opening its paragraph.
_TITLE_THEN_PURPOSE = re.compile(
    r"^\s*([一二三四五六七八九十]{1,3}、[^，,。；;：:\s]{2,30}?)"
    r"(?=为了|为切实|为进一步|为确保|为做好|为全面|为有效|为深入|为加强)"
)


# 市场规范管理处负责牵头查处…，信用信息监督管理处负责…，各分局、稽查支队负责… (二、明确职责分工):
# a paragraph of duty clauses, each opening on its units and 负责.
_DUTY_CLAUSE = re.compile(
    r"(?:^|(?<=[，,；;。]))\s*((?:[^\s，,。；;、：:（）()]{2,12}、)*[^\s，,。；;、：:（）()]{2,12}?)负责(?!人|同志)"
)


def unit_entries(line: str) -> list[str]:
    """A paragraph listing several units' duties as 'X。负责…' one after another: one line
    for what comes before the first, and one per entry (read as a task led by X)."""
    text = simplify(line)
    found = ((m, 1 if m.group(1) else 2) for m in _UNIT_ENTRY.finditer(text))
    starts = [
        m.start(names)
        for m, names in found
        if all(_looks_like_unit(name) for name in m.group(names).split("、"))
        and not (names == 2 and _LABEL_NAME.match(m.group(names)))
    ]
    if len(starts) < 2:
        starts = _duty_clauses(text)
    if len(starts) < 2:
        return [line]
    head = line[: starts[0]].strip()
    bounds = [*starts, len(line)]
    entries = [UnitEntry(line[a:b].strip()) for a, b in zip(bounds, bounds[1:], strict=False)]
    title = _TITLE_THEN_PURPOSE.match(simplify(head))
    if title:
        intro = EntriesIntro(head[title.end() :].strip())
        return [head[: title.end()].strip(), intro, *entries]
    return [head, *entries] if head else entries


def _duty_clauses(text: str) -> list[int]:
    """Where the duty clauses of an unnumbered paragraph that opens on one start (X负责…，Y负责…):
    only a paragraph opening so, as a task's paragraph (1.…，区财政局负责资金保障) does not; or
    a duties part's heading the first clause is run into (see _glued_first_unit)."""
    starts = [
        m.start(1)
        for m in _DUTY_CLAUSE.finditer(text)
        if all(_looks_like_unit(name) for name in m.group(1).split("、"))
    ]
    if starts and not text[: starts[0]].strip():
        return starts
    first = _glued_first_unit(text[: starts[0]]) if starts else None
    return [first, *starts] if first is not None else []


# 二、明确职责分工，强化督导检查市场规范管理处负责… (a page run into one line): a duties part's
# title of two parallel phrases, the first clause's unit run into the second.
_DUTIES_TITLE = re.compile(
    r"^\s*[一二三四五六七八九十]{1,3}、([^，,。；;：:\s]*(?:职责|分工)[^，,。；;：:\s]*)[，,]([^，,。；;：:\s]+)负责"
)


def _glued_first_unit(head: str) -> int | None:
    """Where the unit starts in such a heading: its second phrase as long as its first (the
    title's phrases pair, 明确职责分工，强化督导检查), the rest a unit; None when it does not."""
    found = _DUTIES_TITLE.match(head)
    if not found or len(found.group(2)) <= len(found.group(1)):
        return None
    unit = found.group(2)[len(found.group(1)) :]
    if not all(_looks_like_unit(name) for name in unit.split("、")):
        return None
    return found.start(2) + len(found.group(1))


def _ordinals(line: str) -> list[str]:
    """一是…。二是…。 → one line per task, when the paragraph starts with 一是."""
    starts = [m.start() for m in _ORDINAL.finditer(line)]
    if not starts or starts[0] != 0 or not line.lstrip().startswith("一是"):
        return [line]
    return [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
