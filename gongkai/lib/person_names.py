"""Other people's names in a citizen's text (他人姓名: 邻居李大明, 安全员王建军, 李大明师傅), for
masking a public copy. A name is taken only next to a cue that it is a person — a relation or a
post before it (邻居, 科长, 员工…) or a title after it (师傅, 先生…) — and a common surname
(data/surnames.txt). A name without such a cue is not found: the publish form says so.

jieba's dictionary keeps ordinary words out (负责人高度重视: 高度 is a word, not 高某), and a
third character that is a common particle or verb is not part of the name (员工李明说 → 李明)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "surnames.txt"

# Relations and posts a writer puts before a person's name.
CUES_BEFORE = (
    "邻居|同事|员工|职工|工人|雇员|保安|保姆|司机|师傅|科长|处长|局长|所长|站长|队长|主任|经理|"
    "老板|老板娘|店主|店长|房东|租客|租户|住户|业主|安全员|网格员|管理员|负责人|联系人|法人|"
    "法定代表人|股东|医生|护士|老师|书记|村长|厂长|镇长|组长|班长|董事长|总经理|工程师|会计|"
    "出纳|监理|包工头|丈夫|老公|妻子|老婆|儿子|女儿|父亲|母亲|朋友|亲戚|楼上|楼下|隔壁|对门|"
    "执法人员|工作人员|队员|民警|协警|城管"
)
# Titles a writer puts after a name.
TITLES_AFTER = (
    "师傅|先生|女士|同志|小姐|科长|处长|局长|所长|站长|队长|主任|经理|老板|书记|医生|老师|律师|"
    "工程师|阿姨|大爷|大妈|大姐|大哥"
)
# A third character that ends a two-character name rather than belonging to it.
_NOT_IN_NAME = set(
    "说讲称在是的了和把被将家已也都还就又向对给从等与及到去来要会不没让叫找用他她们曾再才却"
)
_GIVEN = r"[\u4e00-\u9fff]{1,2}"
_COMMON_WORD = 300  # a jieba word at least this frequent is a word, whatever its tag
_WORD = 50  # … and from this frequency one, unless jieba tags it a person's name (nr)


@cache
def surnames() -> list[str]:
    lines = _DATA.read_text(encoding="utf-8").splitlines()
    found = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return sorted(found, key=len, reverse=True)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    surname = "|".join(map(re.escape, surnames()))
    after_cue = re.compile(rf"(?:{CUES_BEFORE})(?:叫|名叫|是)?((?:{surname}){_GIVEN})")
    before_title = re.compile(rf"((?:{surname}){_GIVEN}?)(?={TITLES_AFTER})")
    return after_cue, before_title


@cache
def _dictionary():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def _is_word(text: str) -> bool:
    freq, tags = _dictionary()
    count = freq.get(text) or 0
    return count >= _COMMON_WORD or (count >= _WORD and tags.get(text) != "nr")


def _trimmed(text: str) -> str:
    """The name `text` starts with (a surname and one or two characters), or '' when it starts
    with none: a surname and a title only (王科长, 陈小姐), 张某某, or an ordinary word."""
    surname = next(s for s in surnames() if text.startswith(s))
    rest = text[len(surname) :]
    if re.match(rf"(?:{TITLES_AFTER}|副|总|某)", rest):
        return ""
    given = rest[:2]
    if len(given) == 2 and (given[1] in _NOT_IN_NAME or re.match(rf"(?:{TITLES_AFTER})", rest[1:])):
        given = given[:1]
    if not given or given[0] in _NOT_IN_NAME or _is_word(surname + given[0]):
        return ""
    return surname + given


def names_in(text: str) -> list[str]:
    """Other people's full names in `text` (two to four characters), in order, each once."""
    found: list[str] = []
    after_cue, before_title = _patterns()
    for pattern in (after_cue, before_title):
        for match in pattern.finditer(text):
            start = match.start(1)
            name = _trimmed(text[start : start + 8])
            if name and name not in found:
                found.append(name)
    return found
