"""Telling each person who signed up, by e-mail, what was decided: selected or not once the
seats are filled, or that the meeting was cancelled. Only where they gave an address and SMTP
is set up; the status page (number + query code) says the same either way."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.utils import timezone


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y年%-m月%-d日 %H:%M")


def _body(meeting, signup, verb: str) -> tuple[str, str]:
    about = f"您报名列席的“{meeting.title}”（{_when(meeting.starts_at)}，{meeting.place}）"
    if verb == "cancel":
        return "会议已取消", f"{about}已取消：{meeting.cancel_reason}"
    if signup.selected:
        return "您已入选列席代表", (
            f"{about}已确定列席人员，您已入选。请于会议当天携带身份证件提前到场签到，"
            "如不能出席请及早告知承办单位。"
        )
    return "列席人员已确定", (
        f"{about}已确定列席人员，您未入选。感谢您的关注，会议列席情况将在本局网站公开。"
    )


def tell_signups(meeting, verb: str) -> int:
    """Called after the commit of 确定列席人员 (`select`) or 取消 (`cancel`); the number sent."""
    if not settings.EMAIL_HOST:
        return 0
    messages = []
    for signup in meeting.signups.exclude(email="").order_by("receipt_no"):
        subject, text = _body(meeting, signup, verb)
        messages.append(
            mail.EmailMessage(
                f"[{settings.AGENCY_NAME}] {subject}",
                f"{signup.name}：\n{text}\n报名编号：{signup.receipt_no}。请凭报名编号和查询码"
                f"在本局网站“会议列席”查询。\n{settings.AGENCY_NAME}",
                to=[signup.email],
            )
        )
    if not messages:
        return 0
    return mail.get_connection(fail_silently=True).send_messages(messages) or 0
