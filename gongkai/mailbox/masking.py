"""The public copy of a message: the writer's details and every personal-data hit removed
(core.publicity)."""

from __future__ import annotations

import re

from gongkai.core import publicity
from gongkai.lib.person_names import names_in


def _details(message) -> dict[str, str]:
    return {
        "姓名": message.name,
        "联系电话": message.phone,
        "电子邮箱": message.email,
        "通信地址": message.address,
    }


def personal_data_in(message, *, subject: str, body: str, reply: str) -> list[str]:
    """What a public copy still holds, by kind: the writer's subject and text as a citizen's
    (every landline is theirs), the reply as staff's (the office's 咨询电话 may stay)."""
    details = _details(message)
    found = publicity.personal_data_in(f"{subject}\n{body}", details)
    found += publicity.personal_data_in(reply, details, by_staff=True)
    return list(dict.fromkeys(found))


def suggested_copy(message) -> dict:
    """The publish form's starting point: masked subject, message and reply; a person the
    writer names (邻居李大明) is masked in the reply too, where no cue may precede the name."""
    details = _details(message)
    names = tuple(names_in(f"{message.subject}\n{message.body}"))
    return {
        "public_subject": publicity.masked(message.subject, details, names=names)[:100],
        "public_body": publicity.masked(message.body, details, names=names),
        "public_reply": publicity.masked(message.reply_text, details, by_staff=True, names=names),
    }


def topic_text(message) -> str:
    """What the 主题词 are drawn from: subject and text with the writer's details and other
    people's names masked, so that no piece of a name (邻居李大明 → 大明) becomes a topic."""
    details = _details(message)
    return publicity.masked(f"{message.subject}\n{message.body}", details)


def duplicate_reply(duplicate, source) -> str:
    """What the writer of a merged duplicate reads: a reply addressed to them, saying it was
    answered together with `source`, then `source`'s answer without its salutation
    (“尊敬的李雷先生：您好！”), its writer's details and every personal-data hit masked."""
    text = source.reply_text.strip()
    name = (source.name or "").strip()
    if name:
        salutation = rf"^\s*(尊敬的)?{re.escape(name)}[^：:\n]{{0,6}}[：:]\s*(您好[！!，,。]?)?\s*"
        text = re.sub(salutation, "", text)
    answer = publicity.masked(text, _details(source), by_staff=True)
    return (
        f"{duplicate.name}：您好！您的留言（{duplicate.tracking_no}）与留言 {source.tracking_no} "
        f"反映的是同一问题，本局已合并办理，答复如下：\n{answer}"
    )
