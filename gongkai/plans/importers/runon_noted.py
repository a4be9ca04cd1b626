"""A table run into one line whose units column is followed by a 备注 column (序号|项目类别|
工作内容|节点安排|责任单位|备注), its rows cut at their numbers (breaks.py). Its cells run together:
the group cell (merged over several rows, printed again on some) glued after the number, the
requirement, a schedule cell (merged too: printed on some rows only), then the units, spaced
or run together with no separator (…处资源生态处, 各包村工作队各行政村), then the 备注 text.

What it reads, by general rules:
- the units start after the row's last full stop that a unit's name follows; the names are
  cut against the names the plan writes alone elsewhere (between spaces), else where a
  collective (各…) starts or an organ word ends a name; they stop where text that is no
  name begins (the 备注);
- the group cell: the start that rows share, cut where the groups' titles end alike
  (…专项行动 | …专项行动), given to the rows after it until the next;
- the schedule: a dated sentence printed on two rows or more, given to the rows after it
  until the next (a merged cell), as their deadline.
Every row is flagged (its cells are cut by content)."""

import re
from collections import Counter

from gongkai.lib.unit_text import _GE_COLLECTIVE, _looks_like_unit
from gongkai.plans.importers.cells import _NUMBERED
from gongkai.plans.importers.headers import LEAD, NOTE, NUMBER, REQUIREMENT, SUPPORT, UNITS
from gongkai.plans.importers.labels import _ORGAN
from gongkai.plans.importers.runon_core import RunOnTable

_LONGEST = 15  # a unit's name
_ALIAS = re.compile(r"^[（(][^（()）]{1,8}[)）]")  # 党群工作处（妇联）: the name is the first
_DATED = re.compile(r"\d{1,2}月\d{1,2}日")
_ORGAN_END = re.compile(f"(?:{_ORGAN.pattern})$")
_ANOTHER = re.compile(f"(?:{_ORGAN.pattern})各")  # 各包村工作队各行政村: two names
_NAME_STOP = re.compile(r"[，,。；;：:“”《》、\s]")


def noted_layout(roles: list[str | None]) -> bool:
    """A numbered table whose units column follows its requirement, with notes after it."""
    units = [at for at, role in enumerate(roles) if role in (UNITS, LEAD, SUPPORT)]
    if NUMBER not in roles or REQUIREMENT not in roles or not units:
        return False
    after = roles[units[-1] + 1 :]
    return units[-1] > roles.index(REQUIREMENT) and bool(after) and set(after) == {NOTE}


def noted_rows(lines: list[str]) -> list[list[str]] | None:
    """Rows of the table whose numbered lines are ``lines`` (header, task, units, deadline,
    flag; a group's title as a part row), or None when fewer than three rows give units."""
    texts = []
    for line in lines:
        number = _NUMBERED.match(line)
        if number and number.group(1):
            texts.append((number.group(1), line[number.end() :]))
        elif texts:
            texts[-1] = (texts[-1][0], texts[-1][1] + line)
    if len(texts) < 3:
        return None
    vocabulary = _names_written_alone(" ".join(text for _, text in texts))
    schedules = _repeated_dated_sentences([text for _, text in texts])
    titles = _group_titles([text for _, text in texts])
    table = RunOnTable()
    schedule, title = "", ""
    for number, text in texts:
        found = next((t for t in titles if text.startswith(t)), "")
        if found:
            text = text[len(found) :]
            if found != title:
                table.part(found)
            title = found
        held = next((s for s in schedules if s in text), "")
        if held:
            schedule, text = held, text.replace(held, "。", 1)
        task, names = _units_at_end(text, vocabulary)
        table.row(number, task.strip("。 ") + "。", "、".join(names), schedule)
    return table.if_read()


def _names_written_alone(text: str) -> list[str]:
    """The unit names the plan writes between spaces (or at a row's end), each one name: not
    two of the others run together. Longest first."""
    tokens = {t.strip("。") for t in re.split(r"\s+", text)}
    found = {t for t in tokens if len(t) <= 12 and _strong_name(t)}
    alone = {t for t in found if not _two_of(t, found - {t})}
    return sorted(alone, key=len, reverse=True)


def _two_of(token: str, names: set[str]) -> bool:
    return any(
        token.startswith(a) and (token[len(a) :] in names or _two_of(token[len(a) :], names))
        for a in names
        if len(a) < len(token)
    )


def _strong_name(name: str) -> bool:
    """A unit's name ending in an organ word (…处, …公司, …组) or a collective (各行政村), one
    name only (a 各 after an organ word starts another; 辖区各派出所 is one)."""
    return (
        2 <= len(name) <= _LONGEST
        and not _NAME_STOP.search(name)
        and not _ANOTHER.search(name)
        and _looks_like_unit(name)
        and bool(_ORGAN_END.search(name) or _GE_COLLECTIVE.match(name))
    )


def _repeated_dated_sentences(texts: list[str]) -> list[str]:
    """Sentences holding dates that two rows or more print word for word (a merged cell)."""
    counts = Counter(
        sentence
        for text in texts
        for sentence in {s for s in re.split("(?<=。)", text) if len(s) >= 15 and _DATED.search(s)}
    )
    return sorted((s for s, n in counts.items() if n >= 2), key=len, reverse=True)


def _group_titles(texts: list[str]) -> list[str]:
    """The group cells printed at rows' starts: what rows starting alike start with, cut
    after the ending most such starts share (…专项行动 | …专项行动), where two or more do."""
    by_start: dict[str, list[str]] = {}
    for text in texts:
        by_start.setdefault(text[:4], []).append(text)
    shared = []
    for group in by_start.values():
        if len(group) >= 2:
            common = group[0]
            for other in group[1:]:
                while not other.startswith(common):
                    common = common[:-1]
            if len(common) >= 4:
                shared.append(common)
    endings = Counter(
        suffix
        for at, one in enumerate(shared)
        for other in shared[at + 1 :]
        if len(suffix := _common_suffix(one, other)) >= 2
    )
    if not endings:
        return []
    ending = max(endings, key=lambda e: (sum(s.endswith(e) for s in shared), len(e)))
    if sum(s.endswith(ending) for s in shared) * 3 < len(shared):
        return []
    titles = [s[: s.index(ending) + len(ending)] for s in shared if ending in s]
    return sorted(titles, key=len, reverse=True)


def _common_suffix(one: str, other: str) -> str:
    size = 0
    while size < min(len(one), len(other)) and one[-1 - size] == other[-1 - size]:
        size += 1
    return one[len(one) - size :]


def _units_at_end(text: str, vocabulary: list[str]) -> tuple[str, list[str]]:
    """(the row's text before its units, the units' names): the units start after the last
    full stop a name follows; what follows the names (a 备注) is dropped."""
    stops = [m.end() for m in re.finditer("。", text)]
    for start in reversed(stops):
        names = _names(text[start:], vocabulary)
        if names:
            return text[:start], names
    return text, []


def _names(text: str, vocabulary: list[str]) -> list[str]:
    """The names ``text`` opens with, run together or spaced, up to the first text that is
    no name."""
    names: list[str] = []
    rest = text.lstrip()
    while rest:
        name = next((v for v in vocabulary if rest.startswith(v)), "") or _unknown_name(
            rest, vocabulary, first=not names
        )
        if not name:
            break
        if name not in names:
            names.append(name)
        rest = _ALIAS.sub("", rest[len(name) :]).lstrip()
    return names


def _unknown_name(text: str, vocabulary: list[str], first: bool) -> str:
    """A name not written alone elsewhere, at the start of ``text``: up to where a known name
    or a collective (各…) starts or a space stands, if that is a name; else, first in its
    list, up to its first organ word (after a name, text that is none is the 备注: 重要点位
    内部… is no 部)."""
    space = re.search(r"\s", text)
    starts = [text.find(v, 1) for v in vocabulary]
    starts += [text.find("各", 1), space.start() if space else 0]
    cut = min((at for at in starts if at > 0), default=len(text))
    head = text[:cut]
    if _strong_name(head):
        return head
    for end in range(2, min(len(text), _LONGEST) + 1 if first else 0):
        if _NAME_STOP.search(text[end - 1]):
            return ""
        if _strong_name(text[:end]):
            return text[:end]
    return ""
