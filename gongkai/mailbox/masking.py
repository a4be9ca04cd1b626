"""The public copy of a message: the writer's personal data removed (去标识化, 个人信息保护法
第二十五条、第七十三条). Two nets: the writer's own name, phone, e-mail and address wherever they
appear, and the personal-data scan the review chain uses (ID numbers, mobiles, bank cards…)."""

from __future__ import annotations

from gongkai.lib.pii import KIND_LABELS, scan_text

MIN_NAME_CHARS = 2  # a one-character "name" would blank every occurrence of that character


def _own_details(message) -> list[tuple[str, str]]:
    details = [
        ("姓名", message.name),
        ("联系电话", message.phone),
        ("电子邮箱", message.email),
        ("通信地址", message.address),
    ]
    return [
        (label, value.strip()) for label, value in details if len(value.strip()) >= MIN_NAME_CHARS
    ]


def masked(message, text: str) -> str:
    """`text` with the writer's details replaced by ×× and every scan hit by its masked form."""
    for _, value in _own_details(message):
        text = text.replace(value, "××")
    for hit in reversed(scan_text(text)):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    return text


def personal_data_in(message, text: str) -> list[str]:
    """What personal data `text` still holds, by kind (never the data itself)."""
    found = [label for label, value in _own_details(message) if value in text]
    found += [KIND_LABELS.get(hit.kind, hit.kind) for hit in scan_text(text)]
    return list(dict.fromkeys(found))


def suggested_copy(message) -> dict:
    """The publish form's starting point: masked subject, message and reply."""
    return {
        "public_subject": masked(message, message.subject)[:100],
        "public_body": masked(message, message.body),
        "public_reply": masked(message, message.reply_text),
    }
