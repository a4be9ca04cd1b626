"""意见采纳情况反馈: the note generated from the dispositions, in the shape 广州's 司法局 uses
(participation.md §10.2): 一、公众参与过程; 二、主要意见和采纳情况, by article, with the reason
for every comment not adopted. The unit edits it before it goes to review.

What the note must say and must not say is checked before it goes to review and before it is
published (`problems`): every comment answered by its number with its disposition and reason
(穗府办函〔2022〕48号: 不予采纳的应说明理由，并…及时向社会公众反馈; 713号 第三十二条), and no
words of a comment that may not be published (令第170号 第六条, participation.md §9.3: its
writer did not consent, or the unit excluded it)."""

from __future__ import annotations

import re
from collections import Counter
from html import escape

from gongkai.lib.cndate import cn_date

# Consecutive characters of a withheld comment that, found in the note, count as quoting it
# (punctuation and spaces left out; a shorter comment is looked for whole).
QUOTE_WINDOW = 12
# A withheld comment shorter than this ("同意。") is too common to be told apart from the note.
QUOTE_MIN = 6

_NOT_TEXT = re.compile(r"[\W_]+")


def withheld_label(comment) -> str:
    """What the note says instead of the words of a comment that may not be published."""
    if comment.not_published_reason:
        return "（该意见内容依法不予公开）"
    return "（提交人未同意公开意见内容）"


def compose(consultation) -> tuple[str, str]:
    """(title, HTML body). Identical comments answered together are counted once each and
    their reason written once; every comment is named by its number, and only the words of a
    comment that may be published are quoted."""
    from gongkai.consultations.models import CommentChannel, Disposition

    comments = list(
        consultation.comments.select_related("article").order_by("article__position", "pk")
    )
    counts = Counter(c.disposition for c in comments)
    channels = Counter(c.channel for c in comments)
    title = f"关于《{consultation.draft_title}》公开征求意见采纳情况的说明"
    by_channel = "，".join(f"{CommentChannel(k).label}{n}条" for k, n in sorted(channels.items()))
    tally = "，".join(
        f"{label}{counts[value]}条" for value, label in Disposition.choices if counts[value]
    )
    parts = [
        "<h2>一、公众参与过程</h2>",
        f"<p>{cn_date(consultation.opens_on)}至{cn_date(consultation.closes_on)}，本局在门户网站"
        f"公开征求了社会公众对《{escape(consultation.draft_title)}》的意见，"
        f"{count_sentence(len(comments))}{f'（{by_channel}）' if comments else ''}。</p>",
        "<h2>二、主要意见和采纳情况</h2>",
    ]
    if not comments:
        parts.append("<p>征求意见期间未收到意见。</p>")
    else:
        parts.append(f"<p>经逐条研究，{tally}。具体如下：</p>")
    current = object()
    for lead, members in groups(comments):
        place = lead.article.label if lead.article else "总体意见"
        if place != current:
            parts.append(f"<h3>{escape(place)}</h3>")
            current = place
        others = [m.number for m in members[1:]]
        many = f"（{len(members)}条相同意见，另见{'、'.join(others)}）" if others else ""
        quoted = next((m for m in members if m.may_be_published), None)
        words = escape(quoted.public_text[:500]) if quoted else withheld_label(lead)
        parts.append(
            f"<p>意见{lead.number}{many}：{words}</p>"
            f"<p>{verdict_sentence(lead)}{escape(lead.reason)}</p>"
        )
    return title, "\n".join(parts)


def count_sentence(n: int) -> str:
    return f"共收到意见{n}条"


def verdict_sentence(comment) -> str:
    from gongkai.consultations.models import Disposition

    return f"采纳情况：{Disposition(comment.disposition).label}。"


def groups(comments) -> list[tuple[object, list]]:
    """(lead, [lead, *answered with it]) in the order of `comments`."""
    members: dict[int, list] = {}
    for comment in comments:
        if comment.answered_with_id:
            members.setdefault(comment.answered_with_id, []).append(comment)
    return [(c, [c, *members.get(c.pk, [])]) for c in comments if not c.answered_with_id]


def _plain(text: str) -> str:
    return _NOT_TEXT.sub("", text)


def _windows(text: str, size: int) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def quoted_withheld(comments, note_text: str) -> list[str]:
    """Numbers of the comments that may not be published whose words the note quotes (words
    another, publishable comment also used are not theirs alone). One set of the note's
    character runs, so a long note with many comments is read once."""
    note = _plain(note_text)
    in_note = {size: _windows(note, size) for size in range(QUOTE_MIN, QUOTE_WINDOW + 1)}
    shared = set()
    for c in comments:
        if c.may_be_published:
            for words in (_plain(c.text), _plain(c.public_text)):
                for size in range(QUOTE_MIN, QUOTE_WINDOW + 1):
                    shared |= _windows(words, size)
    found = []
    for comment in comments:
        if comment.may_be_published:
            continue
        for words in {_plain(comment.text), _plain(comment.public_text)}:
            if len(words) < QUOTE_MIN:
                continue
            size = min(QUOTE_WINDOW, len(words))
            if (_windows(words, size) & in_note[size]) - shared:
                found.append(comment.number)
                break
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def missing_content(comments, note_text: str) -> list[str]:
    """What the note leaves out of what it must say: the number of comments, each comment's
    number, each answer's disposition and, for anything not adopted, its reason."""
    note = _squash(note_text)
    missing = []
    if count_sentence(len(comments)) not in note:
        missing.append(f"收到意见的条数（“{count_sentence(len(comments))}”）")
    absent = [c.number for c in comments if c.number not in note]
    if absent:
        missing.append("意见编号" + "、".join(absent))
    leads = [lead for lead, _ in groups(comments) if lead.number in note]
    starts = sorted((note.index(lead.number), lead) for lead in leads)
    for n, (start, lead) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(note)
        answer = note[start:end]
        if verdict_sentence(lead) not in answer:
            missing.append(f"意见{lead.number}的“{verdict_sentence(lead)}”")
        elif lead.reason and _squash(lead.reason) not in answer:
            missing.append(f"意见{lead.number}的理由")
    return missing


def problems(consultation, note_text: str) -> str:
    """Why the note may not go on ("" when it may), in plain words for the unit."""
    comments = list(consultation.comments.order_by("pk"))
    said = []
    leaked = quoted_withheld(comments, note_text)
    if leaked:
        said.append(
            f"反馈引用了不能公开的意见内容（意见{'、'.join(leaked)}：提交人未同意公开或已决定不予公开），"
            "请删去这些意见的原文，只写编号、采纳情况和理由"
        )
    missing = missing_content(comments, note_text)
    if missing:
        said.append(
            "反馈缺少必须说明的内容："
            + "；".join(missing)
            + "（穗府办函〔2022〕48号：不予采纳的应说明理由并向社会公众反馈），"
            "请补全或重新生成反馈"
        )
    return "；".join(said)
