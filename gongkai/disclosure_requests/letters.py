"""Reply letters (政府信息公开申请答复告知书) as .docx and PDF, from one content builder."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from gongkai.disclosure_requests.taxonomy import BASIS, Outcome, needs_reconsideration_first
from gongkai.lib.cndate import cn_date

# 行政复议法 (2023 revision) in force from this day: refusals must go to reconsideration first.
REMEDY_REFORM_DATE = dt.date(2024, 1, 1)


@dataclass
class Letter:
    title: str
    number: str
    salutation: str
    paragraphs: list[str]
    signature: str
    date: str


def remedy_notice(outcome: str, decided_on: dt.date) -> str:
    """救济途径告知 (rules.md §7): 60 days for 行政复议; 6 months for 行政诉讼. From 2024-01-01 a
    不予公开 (every ground the annual report counts so, 行政查询事项 included) goes to 复议 first;
    a 部分公开 letter says so for its withheld part and keeps the choice for the rest."""
    body, court = settings.RECONSIDERATION_BODY, settings.COURT
    either = (f"可以自收到本告知书之日起60日内向{body}申请行政复议，"
              f"或者自收到本告知书之日起6个月内向{court}提起行政诉讼。")  # fmt: skip
    first = (f"根据《中华人民共和国行政复议法》第二十三条第一款第（四）项，应当先自收到本告知书之日起"
             f"60日内向{body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内"
             f"依法向人民法院提起行政诉讼。")  # fmt: skip
    if decided_on < REMEDY_REFORM_DATE or not needs_reconsideration_first(outcome):
        return "如对本答复不服，" + either
    if outcome == Outcome.PARTIAL:
        return f"如对本答复中不予公开部分的决定不服，{first}如对本答复的其他内容不服，{either}"
    return f"如对本答复不予公开的决定不服，{first}"


def letter_content(reply) -> Letter:
    request = reply.request
    you = "贵单位" if request.is_organisation else "您"
    opening = f"本机关于{cn_date(request.received_on)}收到{you}提出的政府信息公开申请，申请获取：“{_short(request.description)}”。"
    if request.supplement_received_on:
        opening += (
            f"经告知补正，本机关于{cn_date(request.supplement_received_on)}收到补正后的申请。"
        )
    if request.extension_workdays:
        opening += f"经政府信息公开工作机构负责人同意，答复期限延长{request.extension_workdays}个工作日，并已告知{you}。"
    paragraphs = [opening + "现答复如下：", *[p for p in reply.text.splitlines() if p.strip()]]
    if reply.withheld_reason:
        paragraphs.append(f"不予公开的理由：{reply.withheld_reason}")
    if reply.referral:
        paragraphs.append(f"该信息由以下机关负责公开：{reply.referral}")
    paragraphs.append(f"根据{BASIS[reply.outcome]}的规定，特此告知。")
    paragraphs.append(remedy_notice(reply.outcome, reply.decided_on))
    return Letter(
        title=f"{settings.AGENCY_NAME}政府信息公开申请答复告知书",
        number=f"编号：{request.tracking_no}",
        salutation=f"{request.applicant_name}：",
        paragraphs=paragraphs,
        signature=settings.AGENCY_NAME,
        date=cn_date(reply.decided_on),
    )


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "……"


def letter_docx(reply) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    letter = letter_content(reply)
    document = docx.Document()

    def add(text, *, size=14, bold=False, align=None, font="仿宋", indent=False):
        paragraph = document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        run = paragraph.add_run(text)
        run.bold, run.font.size, run.font.name = bold, Pt(size), font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)  # CJK font
        return paragraph

    add(letter.title, size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, font="黑体")
    add(letter.number, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add(letter.salutation)
    for text in letter.paragraphs:
        add(text, indent=True)
    add(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add(letter.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_html(reply) -> str:
    return render_to_string("disclosure_requests/letter.html", {"letter": letter_content(reply)})


def letter_pdf(reply) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(reply)).write_pdf()


def letter_response(case, fmt: str):
    """The latest reply's letter as a download (.docx or PDF); 404 before there is a reply."""
    from django.http import Http404

    from gongkai.core.downloads import download

    reply = case.replies.order_by("-pk").first()
    if reply is None or fmt not in ("docx", "pdf"):
        raise Http404
    body = letter_docx(reply) if fmt == "docx" else letter_pdf(reply)
    return download(body, f"答复告知书-{case.tracking_no}.{fmt}")
