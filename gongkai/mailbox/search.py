"""Search over the published replies: the masked public copies only, newest first."""

from __future__ import annotations

from gongkai.core.fulltext import WordIndex
from gongkai.lib.search_text import segment

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
