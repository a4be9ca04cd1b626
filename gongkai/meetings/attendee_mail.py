"""Telling each person who signed up, by e-mail, what was decided: selected or not once the
seats are filled, or that the meeting was cancelled. Where they gave an address; with no SMTP
host set the mail goes to the console (settings.EMAIL_BACKEND, as the README says). The status
page (number + query code) says the same either way. A failed sending is never silent: the
timeline says how many were told and how many were not, and who must be phoned."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.utils import timezone

from gongkai.core.mailing import deliver


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


def _message(meeting, signup, verb: str) -> mail.EmailMessage:
    subject, text = _body(meeting, signup, verb)
    return mail.EmailMessage(
        f"[{settings.AGENCY_NAME}] {subject}",
        f"{signup.name}：\n{text}\n报名编号：{signup.receipt_no}。请凭报名编号和查询码"
        f"在本局网站“会议列席”查询。\n{settings.AGENCY_NAME}",
        to=[signup.email],
    )


def send(meeting, verb: str) -> tuple[list, dict]:
    """Called after the commit of 确定列席人员 (`select`) or 取消 (`cancel`): one message to each
    sign-up with an address. (sent sign-ups, {receipt_no: why it failed}); nothing raised, so a
    mail server that is down never undoes the step, and the caller records what happened."""
    sent, failed = [], {}
    connection = mail.get_connection(fail_silently=False)
    for signup in meeting.signups.exclude(email="").order_by("receipt_no"):
        if why := deliver(_message(meeting, signup, verb), connection):
            failed[signup.receipt_no] = why
        else:
            sent.append(signup)
    connection.close()
    return sent, failed
