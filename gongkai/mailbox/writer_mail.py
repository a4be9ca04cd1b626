"""Telling the writer by e-mail when the office decides (reply, route, decline), where the
writer gave an address: SMTP when a host is set, the console otherwise (core.mailing). The
status page says the same either way."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from gongkai.core.mailing import deliver

SUBJECTS = {
    "release": "您的留言已答复",
    "route": "您的留言已转其他渠道办理",
    "decline": "您的留言未予受理",
}


def tell_writer(message, verb: str) -> str:
    """'' when sent (or nothing to send: no address, not a decision); else why it failed."""
    if not message.email or verb not in SUBJECTS:
        return ""
    body = (
        f"{message.name}：\n您于{message.submitted_at:%Y年%m月%d日}提交的留言“{message.subject}”"
        f"（编号{message.tracking_no}）{SUBJECTS[verb][4:]}。请凭留言编号和查询码登录本局网站"
        f"“领导信箱”查看详情。\n{settings.AGENCY_NAME}"
    )
    return deliver(
        EmailMessage(f"[{settings.AGENCY_NAME}] {SUBJECTS[verb]}", body, to=[message.email])
    )
