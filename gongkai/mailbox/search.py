"""Search over the published replies: the masked public copies only, newest first."""

from __future__ import annotations

from gongkai.core.fulltext import WordIndex
from gongkai.lib.search_text import query_terms, segment

TABLE = "mailbox_search"
words_index = WordIndex(TABLE)


def index(message) -> None:
    """The public copy while the message is published; nothing otherwise."""
    from gongkai.mailbox.models import Message

    if Message.objects.published().filter(pk=message.pk).exists():
        text = f"{message.public_subject}\n{message.public_body}\n{message.public_reply}"
        words_index.put(message.pk, segment(text))
    else:
        words_index.remove(message.pk)


def matching_ids(q: str, *, limit: int, offset: int = 0) -> tuple[int, list[int]]:
    """(how many match, up to 10,000; the ids of one page). Rows are read through
    Message.objects.published(), so a stale index row can never show anything."""
    terms = query_terms(q)
    if not terms:
        return 0, []
    return words_index.count(terms), words_index.ids(terms, limit=limit, offset=offset)
