"""意见采纳情况反馈: the note generated from the dispositions, in the shape 广州's 司法局 uses
(participation.md §10.2): 一、公众参与过程; 二、主要意见和采纳情况, by article, with the reason
for every comment not adopted. The unit edits it before it goes to review."""

from __future__ import annotations

from collections import Counter
from html import escape

from gongkai.lib.cndate import cn_date


def compose(consultation) -> tuple[str, str]:
    """(title, HTML body). Identical comments answered together are counted once each and
    their reason written once."""
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
        f"共收到意见{len(comments)}条{f'（{by_channel}）' if comments else ''}。</p>",
        "<h2>二、主要意见和采纳情况</h2>",
    ]
    if not comments:
        parts.append("<p>征求意见期间未收到意见。</p>")
    else:
        parts.append(f"<p>经逐条研究，{tally}。具体如下：</p>")
    group_size = Counter(c.answered_with_id for c in comments if c.answered_with_id)
    current = object()
    for comment in comments:
        if comment.answered_with_id:
            continue  # answered with the first of its group
        size = 1 + group_size[comment.pk]
        place = comment.article.label if comment.article else "总体意见"
        if place != current:
            parts.append(f"<h3>{escape(place)}</h3>")
            current = place
        many = f"（{size}条相同意见）" if size > 1 else ""
        verdict = Disposition(comment.disposition).label
        reason = f"{escape(comment.reason)}" if comment.reason else ""
        parts.append(
            f"<p>意见{many}：{escape(comment.public_text[:500])}</p>"
            f"<p>采纳情况：{verdict}。{reason}</p>"
        )
    return title, "\n".join(parts)
