"""A table run into one line whose rows give a deadline and then the units (…工作措施3月区经发局
区环土局…), where other numbered lists stand between the rows (a 任务来源 column citing
1、…2、… documents) so that the rows' numbers cannot be cut in plain sequence. What it reads:
the rows' numbers chosen in sequence (1、 2、 3、 …), each where the row it opens holds a
deadline followed by a unit's name before the next; each row's text up to that deadline, its
units run together after it (cut where one name ends and the next begins), up to the next
cited list, space or part; a part number run into its title between rows (…区环土局2分解推动
…7、) as the part over the rows after it. A 注 saying the first unit leads (第一个为牵头单位)
makes the first lead and the others support; otherwise every unit leads. Every row is flagged
(its cells are cut by content)."""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import FIRST_LEADS
from gongkai.plans.importers.headers import AFTER_NUMBER
from gongkai.plans.importers.runon_core import RunOnTable, units_cell

# A deadline cell run into the units after it: 3月区…, 12月相关…, 全年区…, 年底前各….
_DATED_UNITS = re.compile(
    r"(?:\d{1,2}月(?:底|末|中旬|上旬|下旬)?(?:前)?|全年|年底前?|长期)(?=[区市县省各相])"
)
# Where the units cell ends: a cited list (1、), a part's number run into its title, a space.
_UNITS_END = re.compile(r"\s|\d|注[:：]|关于|《")
# Where one unit's name ends and the next begins, run together: …局区…局, …府区….
_NAME_JOIN = re.compile(r"(?<=[局办委厅室处院所站队心部科府])(?=[区市县省各相])")


def dated_rows(text: str) -> list[list[str]] | None:
    """Rows of the run-on table in ``text`` (the line after its header), or None."""
    starts = _row_starts(text)
    if len(starts) < 3:
        return None
    first_leads = bool(FIRST_LEADS.search(simplify(text)))
    table = RunOnTable()
    part_number = 1
    part = _part_title(text[: starts[0][0]], part_number)
    if part:
        table.part(part)
        part_number += 1
    ends = [start for start, _, _ in starts[1:]] + [len(text)]
    for (_, body, number), end in zip(starts, ends, strict=True):
        segment = text[body:end]
        dated = _DATED_UNITS.search(segment)
        task, deadline = segment[: dated.start()].strip(), dated.group()
        rest = segment[dated.end() :]
        stop = _UNITS_END.search(rest)
        units_text = rest[: stop.start()] if stop else rest
        names = [n for part_ in re.split("[、，,]", units_text) for n in _NAME_JOIN.split(part_)]
        names = [n for name in names if name.strip() for n in _run_together(name.strip())]
        if names and stop and _YEAR.match(rest, stop.start()) and not _ends_name(names[-1]):
            # …全年区交建局平潭综合实验区2016年度…责任书: a document's title (place, year …)
            # in the next cell, run on after the units.
            names[-1] = _without_place(names[-1])
            names = [n for n in names if n]
        if first_leads and len(names) > 1:
            units = units_cell(names[0], "、".join(names[1:]))
        else:
            units = "、".join(names)
        table.row(number, task, units, deadline)
        following = _part_title(rest, part_number)
        if following:
            table.part(following)
            part_number += 1
    return table.rows


# A name's last character: 局, 处, 政府 … (not a bare place: 平潭综合实验区).
_ENDS_NAME = re.compile(r"[局办委厅室处院所站队心部科府会]$")
_YEAR = re.compile(r"\d{4}年")
_PLACE_AT_END = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:综合实验区|新区|开发区|[省市区县])$")


def _ends_name(name: str) -> bool:
    return bool(_ENDS_NAME.search(name))


def _run_together(name: str) -> list[str]:
    """Two names run together with no place before the second (区农发局三十六脚湖水库管理处):
    cut after a bureau's name (…局, …委) of four characters or more where what follows is
    itself a name of four or more ending as one (…处, …局, …中心); not inside a word
    (委员会, 办公室: 办 is never a cut), and a name so ending with nothing after it stays
    whole."""
    for at in range(4, len(name) - 3):
        if (
            name[at - 1] in "局委"
            and not name.startswith("员", at)
            and _ends_name(name)
            and len(name) - at >= 4
        ):
            return [name[:at], *_run_together(name[at:])]
    return [name]


def _without_place(name: str) -> str:
    """``name`` less a bare place run on at its end (区交建局平潭综合实验区 -> 区交建局)."""
    for at in range(3, len(name)):
        if _ends_name(name[:at]) and _PLACE_AT_END.fullmatch(name[at:]):
            return name[:at]
    return name


def _row_starts(text: str) -> list[tuple[int, int, int]]:
    """(start, body start, number) of each row: n、 in sequence, each the first one after
    the row before whose row holds a deadline run into units before the next number."""
    found: list[tuple[int, int, int]] = []
    at, number = 0, 1
    while True:
        chosen = None
        for candidate in _number_at(number).finditer(text, at):
            following = _number_at(number + 1).search(text, candidate.end())
            end = following.start() if following else len(text)
            if _DATED_UNITS.search(text, candidate.end(), end):
                chosen = candidate
                break
        if chosen is None:
            return found
        found.append((chosen.start(), chosen.end(), number))
        at, number = chosen.end(), number + 1


def _number_at(number: int) -> re.Pattern:
    return re.compile(rf"(?<![\d.．、]){number}、" + AFTER_NUMBER)


def _part_title(text: str, number: int) -> str:
    """Part ``number`` run into its title at the end of ``text`` (…区环土局2分解推动…落实):
    the title, or ""."""
    pattern = rf"(?<![\d、.．〔第]){number}\s*(?=[\u4e00-\u9fff])(?![年月日号个项])"
    found = [*re.finditer(pattern, text)]
    if not found:
        return ""
    title = text[found[-1].end() :].strip()
    if not 4 <= len(title) <= 40 or re.search(r"[。；;（）()〔〕]", title):
        return ""
    return title
