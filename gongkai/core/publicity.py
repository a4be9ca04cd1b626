"""What may be published of what citizens send — messages, comments, sign-ups: only with their
separate consent (个人信息保护法 第二十五条), never with one of the four exclusions of
广州市规章制定公众参与办法 第六条, and always with personal data removed (去标识化, 第七十三条).

Two nets remove it: the writer's own details (name, phone, e-mail, address) wherever they
appear, and the personal-data scan the review chain uses (ID numbers, mobiles, bank cards…).
"""

from __future__ import annotations

from django.db import models

from gongkai.lib.pii import KIND_LABELS, scan_text

MIN_DETAIL_CHARS = 2  # a one-character "name" would blank every occurrence of that character


class NotPublishedReason(models.TextChoices):
    """The four exclusions of 令第170号 第六条 (participation.md §9.3)."""

    SECRET_OR_PRIVATE = "secret_or_private", "涉及国家秘密、商业秘密或者个人隐私"
    IMMORAL = "immoral", "违反道德规范"
    WRITER_ASKED = "writer_asked", "本人要求不公开"
    UNSUITABLE = "unsuitable", "行政机关有合理理由认为不宜公开"


def _details(details: dict[str, str]) -> list[tuple[str, str]]:
    pairs = ((label, (value or "").strip()) for label, value in details.items())
    return [(label, value) for label, value in pairs if len(value) >= MIN_DETAIL_CHARS]


def masked(text: str, details: dict[str, str]) -> str:
    """`text` with the writer's `details` ({label: value}) replaced by ×× and every scan hit by
    its masked form."""
    for _, value in _details(details):
        text = text.replace(value, "××")
    for hit in reversed(scan_text(text)):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    return text


def personal_data_in(text: str, details: dict[str, str]) -> list[str]:
    """What personal data `text` still holds, by kind (never the data itself)."""
    found = [label for label, value in _details(details) if value in text]
    found += [KIND_LABELS.get(hit.kind, hit.kind) for hit in scan_text(text)]
    return list(dict.fromkeys(found))


def masked_name(name: str) -> str:
    """王小明 → 王*明, 李四 → 李*: enough for a list of attendees, not enough to identify."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
