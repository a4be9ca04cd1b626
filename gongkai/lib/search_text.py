"""Chinese text for full-text search: words split by spaces, so a plain index can find them.

SQLite FTS5 (unicode61) and PostgreSQL `to_tsvector('simple', …)` split on spaces and
punctuation but cannot tell where Chinese words end. Like jieba's `cut_for_search`, each long
word comes with its dictionary sub-words (应急管理局 → 应急 管理 应急管理 管理局 应急管理局),
so a query for 应急 finds a document about the 应急管理局. Documents and queries are segmented
the same way, so every word of a query is in the index of a text that contains the query.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import threading

from gongkai.lib import traditional

# Terms of the bureau's work that jieba's general dictionary splits or misses.
DOMAIN_WORDS = (
    "应急管理局",
    "应急管理",
    "政务公开",
    "依申请公开",
    "主动公开",
    "不予公开",
    "政府信息公开",
    "政府信息",
    "信息公开",
    "行政规范性文件",
    "规范性文件",
    "政策解读",
    "涉企政策",
    "安全生产",
    "危险化学品",
    "应急预案",
    "应急救援",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政复议",
    "行政诉讼",
    "保密审查",
    "索引号",
    "文号",
    "成文日期",
    "公开属性",
    "公开指南",
    "公开目录",
    "年度报告",
    "隐患排查",
    "防灾减灾",
    "森林防火",
    "三防",
)

_WORD_RE = re.compile(r"[^\W_]+")  # letters and digits of any script; punctuation splits
_lock = threading.Lock()
_jieba = None


def load_dictionary() -> None:
    """Read jieba's dictionary now (the server does, in each worker, before its first request)."""
    _tokenizer()


def _tokenizer():
    """jieba, loaded once: reading its dictionary takes about a second."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                for word in DOMAIN_WORDS:
                    jieba.add_word(word)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def simplified(text: str) -> str:
    """`text` with its traditional characters (繁体) in simplified form, one character for one:
    the table the plan importer reads with too (lib/traditional.py)."""
    return traditional.simplified(text)


# Bounds that keep segmentation linear in the length of the text (issue 15, item 5): a run of
# 16,000 letters without a space was one 16,000-character token whose sub-words were looked
# up in O(n²) — a 三审 approval ran out of time. jieba's dictionary has no word longer than 16
# characters, so sub-words are only sought in tokens up to that length; jieba itself sees the
# text in chunks of at most CHUNK characters (cut at a line break, space or punctuation when
# there is one); a word is kept to its first MAX_WORD characters, in documents and queries
# alike, so that a long run is still found by itself.
SUBWORD_TOKEN = 16
CHUNK = 2000
MAX_WORD = 60
MAX_QUERY = 200  # characters of a query that count: nobody types more into a search box
_BREAK = re.compile(r"[\s，。；：！？、,.;:!?）)\]」』》]")


def chunks(text: str, size: int = CHUNK):
    """`text` in pieces of at most `size` characters, each ending at the last break (space,
    punctuation) inside its window where there is one."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        breaks = [m.end() for m in _BREAK.finditer(window, size // 2)]
        end = start + (breaks[-1] if breaks else size)
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


def _words(text: str):
    jieba = _tokenizer()
    for piece in chunks(text):
        for token in jieba.cut(piece):
            # Like cut_for_search, but with every dictionary sub-word, not only those of 2 and
            # 3 characters: a query for 信息公开 must find 政府信息公开.
            for sub in _subwords(token):
                yield from _plain(sub)
            yield from _plain(token)


def _subwords(token: str):
    if len(token) <= SUBWORD_TOKEN:
        frequencies = _tokenizer().dt.FREQ
        for size in range(2, len(token)):
            for start in range(len(token) - size + 1):
                if frequencies.get(token[start : start + size]):
                    yield token[start : start + size]


_CJK = re.compile(r"[\u4e00-\u9fff]+")


def required_terms(terms: list[str]) -> list[str]:
    """`terms` less the sub-words of another Chinese term among them: every text indexed with
    危险化学品 also holds 危险, 化学 and 化学品 (segment() adds each dictionary sub-word of a
    token, for documents and queries alike), so requiring them finds the same documents — at
    the price of the commonest words' posting lists, and of row estimates PostgreSQL multiplies
    as if the words were independent. Only Chinese terms imply their sub-words: each is in the
    index as a token or as a dictionary sub-word of a token (of at most SUBWORD_TOKEN
    characters), and either way its own sub-words are there too; Latin words may differ in
    case or come from a token with punctuation, which is split afterwards."""
    implied = {sub for term in terms if _CJK.fullmatch(term) for sub in _subwords(term)}
    return [term for term in terms if term not in implied] or terms


def _plain(token: str):
    # "3.5%" or "e-mail" split as the index's own tokenizer would split them.
    for word in _WORD_RE.findall(token):
        yield word[:MAX_WORD].lower()


def segment(text: str) -> str:
    """`text` as search words joined by single spaces, for the search index column."""
    if not text:
        return ""
    return " ".join(_words(text))


def query_terms(q: str) -> list[str]:
    """A user's query as distinct search words, in order, segmented like the index."""
    if not q:
        return []
    return list(dict.fromkeys(_words(q[:MAX_QUERY])))


@functools.lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """Any of `terms`, the longest first (a search page highlights 40 texts with the same)."""
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)), re.IGNORECASE) if terms else None


def highlight(text: str, terms: list[str], *, width: int = 120) -> str:
    """An HTML-safe snippet of about `width` characters around the first hit of `terms`,
    each hit wrapped in <mark>; everything else is escaped."""
    text = text or ""
    pattern = _pattern(tuple(terms))
    first = pattern.search(text) if pattern else None
    if first is None:
        start = 0
    else:
        start = max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    marked = _mark(text[start:end], pattern)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")


def mark(text: str, terms: list[str]) -> str:
    """`text`, HTML-safe, with each hit of `terms` wrapped in <mark> (highlight() of it all)."""
    return _mark(text or "", _pattern(tuple(terms)))


def _marked(match: re.Match) -> str:
    return f"<mark>{match.group()}</mark>"


def _mark(text: str, pattern: re.Pattern | None) -> str:
    escaped = html.escape(text)
    if pattern is None:
        return escaped
    if len(escaped) == len(text):  # most texts: nothing to escape, one pass marks every hit
        return pattern.sub(_marked, text)
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts)
