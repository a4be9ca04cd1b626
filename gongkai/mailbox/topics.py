"""主题词: what a message is about, as a few jieba keywords (TF-IDF), stored with the message so
that the signals page counts topics in the database."""

from __future__ import annotations

import logging
import re
import threading

TOPIC_COUNT = 5
MAX_CHARS = 5_000
_lock = threading.Lock()
_extract = None
_MASKED = re.compile(r"[某×*]")


def keywords(text: str) -> list[str]:
    global _extract
    with _lock:
        if _extract is None:
            import jieba
            import jieba.analyse

            jieba.setLogLevel(logging.WARNING)
            from gongkai.lib.search_text import segment

            segment("")  # loads the dictionary with the domain words
            _extract = jieba.analyse.extract_tags
    words = _extract(
        text[:MAX_CHARS],
        topK=TOPIC_COUNT * 2,
        allowPOS=("n", "nz", "vn", "nt", "ns", "nr", "nrt", "eng"),
    )
    # 李某, ×× and 1380****: what masking left of a person is no topic
    return [w for w in words if len(w) >= 2 and not _MASKED.search(w)][:TOPIC_COUNT]
