"""The public copy of a message: the writer's details and every personal-data hit removed
(core.publicity)."""

from __future__ import annotations

from gongkai.core import publicity


def _details(message) -> dict[str, str]:
    return {
        "姓名": message.name,
        "联系电话": message.phone,
        "电子邮箱": message.email,
        "通信地址": message.address,
    }


def personal_data_in(message, text: str) -> list[str]:
    return publicity.personal_data_in(text, _details(message))


def suggested_copy(message) -> dict:
    """The publish form's starting point: masked subject, message and reply."""
    details = _details(message)
    return {
        "public_subject": publicity.masked(message.subject, details)[:100],
        "public_body": publicity.masked(message.body, details),
        "public_reply": publicity.masked(message.reply_text, details),
    }
