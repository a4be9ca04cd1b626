"""Reply letters (政府信息公开申请答复告知书) as .docx and PDF, from one content builder."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import asdict, dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.core.calendar import provisional_note, workday_calendar
from gongkai.disclosure_requests.taxonomy import BASIS, Outcome, needs_reconsideration_first
from gongkai.lib.cndate import cn_date
from gongkai.lib.word import set_font

# 行政复议法 (2023 revision) in force from this day: refusals must go to reconsideration first.
REMEDY_REFORM_DATE = dt.date(2024, 1, 1)
TITLE_CHARS_PER_LINE = 20  # 156 mm of text width at 2号 (22 pt), GB/T 9704-2012


@dataclass
class Letter:
    """A 公文-style letter: what both the Word and the PDF versions show."""

    title_lines: list[str]  # broken where a reader expects it, never one character alone
    number: str
    salutation: str
    paragraphs: list[str]
    signature: str
    date: str
    contact: str  # 联系人、联系电话
    # above the letter when it is not the one sent (rendered again from today's settings)
    notice: str = ""

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


def _title(document_name: str) -> list[str]:
    """The agency's name and the document's name on two lines when one line (20 characters at
    2号 on a GB/T 9704 page) cannot hold both: no character is left alone on a line."""
    whole = f"{settings.AGENCY_NAME}{document_name}"
    return [whole] if len(whole) <= TITLE_CHARS_PER_LINE else [settings.AGENCY_NAME, document_name]


def _contact(person) -> str:
    name = getattr(person, "full_name", "") or str(person or "")
    parts = [
        f"联系人：{name}" if name else "",
        f"联系电话：{settings.OFFICE_PHONE}" if settings.OFFICE_PHONE else "",
    ]
    return "　　".join(p for p in parts if p)


def remedy_notice(outcome: str, decided_on: dt.date) -> str:
    """救济途径告知 (rules.md §7): 60 days for 行政复议; 6 months for 行政诉讼. From 2024-01-01 a
    不予公开 (every ground the annual report counts so, 行政查询事项 included) goes to 复议 first;
    a 部分公开 letter says so for its withheld part and keeps the choice for the rest."""
    body, court = settings.RECONSIDERATION_BODY, settings.COURT
    either = (
        f"可以自收到本告知书之日起60日内向{body}申请行政复议，"
        f"或者自收到本告知书之日起6个月内向{court}提起行政诉讼。"
    )
    first = (
        f"根据《中华人民共和国行政复议法》第二十三条第一款第（四）项，应当先自收到本告知书之日起"
        f"60日内向{body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内"
        f"依法向人民法院提起行政诉讼。"
    )
    if decided_on < REMEDY_REFORM_DATE or not needs_reconsideration_first(outcome):
        return "如对本答复不服，" + either
    if outcome == Outcome.PARTIAL:
        return f"如对本答复中不予公开部分的决定不服，{first}如对本答复的其他内容不服，{either}"
    return f"如对本答复不予公开的决定不服，{first}"


def letter_content(reply) -> Letter:
    """政府信息公开申请答复告知书 (第三十六条)."""
    case = reply.case
    you = "贵单位" if case.is_organisation else "您"
    opening = (
        f"本机关于{cn_date(case.received_on)}收到{you}提出的政府信息公开申请，申请获取："
        f"“{_short(case.description)}”。"
    )
    if case.supplement_received_on:
        opening += f"经告知补正，本机关于{cn_date(case.supplement_received_on)}收到补正后的申请。"
    if case.extension_workdays:
        opening += (
            f"经政府信息公开工作机构负责人同意，答复期限延长{case.extension_workdays}个工作日，"
            f"并已告知{you}。"
        )
    paragraphs = [opening + "现答复如下：", *[p for p in reply.text.splitlines() if p.strip()]]
    if reply.withheld_reason:
        paragraphs.append(f"不予公开的理由：{reply.withheld_reason}")
    if reply.referral:
        paragraphs.append(f"该信息由以下机关负责公开：{reply.referral}")
    if reply.earlier_application_no:  # 第三十六条第（六）项: the application already answered
        earlier = case.duplicate_of
        answered = f"，本机关已于{cn_date(earlier.replied_on)}作出答复" if earlier else ""
        paragraphs.append(
            f"{you}此前已于{cn_date(reply.earlier_application_on)}就相同信息提出政府信息公开申请"
            f"（编号：{reply.earlier_application_no}）{answered}。"
        )
    if reply.provision:
        paragraphs.append(f"提供方式：{reply.provision}")
    refunded = case.fee_notices.filter(refund_amount__isnull=False).first()
    if refunded:
        paragraphs.append(
            f"{you}已缴纳的信息处理费中，{refunded.refund_amount}元已于"
            f"{cn_date(refunded.refunded_on)}退还。"
        )
    provided = [a.original_name for a in reply.attachments.all()]
    provided += [f"《{d.title}》（已主动公开，索引号{d.index_no}）" for d in reply.documents.all()]
    if provided:
        paragraphs.append(f"随本告知书提供：{'；'.join(provided)}。")
    paragraphs.append(f"根据{BASIS[reply.outcome]}的规定，特此告知。")
    paragraphs.append(remedy_notice(reply.outcome, reply.decided_on))
    return Letter(
        title_lines=_title("政府信息公开申请答复告知书"),
        number=f"编号：{case.tracking_no}",
        salutation=f"{case.applicant_name}：",
        paragraphs=paragraphs,
        signature=settings.AGENCY_NAME,
        date=cn_date(reply.decided_on),
        contact=_contact(reply.decided_by),
    )


def supplement_notice_content(case) -> Letter:
    """政府信息公开申请补正告知书 (第三十条): what to supplement, by when, and what follows."""
    you = "贵单位" if case.is_organisation else "您"
    event = case.events.filter(kind="request_supplement").select_related("actor").last()
    items = [line for line in (event.note if event else "").splitlines() if line.strip()]
    # kept as told when the year is entered (services._dates): counted so, not 暂定
    counted = case.supplement_period_note(to_public=True)
    provisional = f"（{counted}）" if counted else ""
    paragraphs = [
        f"本机关于{cn_date(case.received_on)}收到{you}提出的政府信息公开申请，申请获取："
        f"“{_short(case.description)}”。经审查，该申请内容不明确。根据《中华人民共和国政府信息公开条例》"
        f"第三十条的规定，请{you}对以下事项作出补正：",
        *items,
        f"请于{cn_date(case.supplement_due)}前补正{provisional}。答复期限自本机关收到补正的申请之日起计算。"
        f"无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "特此告知。",
    ]
    return _notice(
        case, "政府信息公开申请补正告知书", paragraphs, case.supplement_requested_on, event
    )


# 109号 standards in the words of 第四条、第五条 (what the 收费通知书 states as 标准).
FEE_STANDARDS = {
    "per_piece": (
        "按件计收（109号第四条），超额累进：同一申请人一个自然月内累计申请10件以下（含10件）的，"
        "不收费；11—30件（含30件）的部分，100元/件；31件以上的部分，以10件为一档，每增加一档，"
        "收费标准提高100元/件"
    ),
    "per_volume": (
        "按量计收（109号第五条），超额累进：30页以下（含30页）的，不收费；31—100页（含100页）的"
        "部分，10元/页；101—200页（含200页）的部分，20元/页；201页以上的部分，40元/页"
    ),
}


@dataclass
class FeeFacts:
    """What 109号第六条 says a 收费通知 states: 依据、标准、数额、缴纳方式 (and the period)."""

    basis: str
    standard: str
    workings: list[str]  # the amount worked out under that standard, band by band
    amount: str
    payee: str
    how_to_pay: str
    period: str


def fee_facts(notice) -> FeeFacts:
    """The notice's facts, for the letter and the applicant's page alike."""
    case = notice.case
    quote = case.fee_quote(pages=notice.pages)
    is_piece = notice.method == "per_piece"
    workings = list(quote.piece_workings if is_piece else quote.volume_workings)
    if (quote.per_piece if is_piece else quote.per_volume) != notice.amount:
        workings = []  # the month's 件 changed since: the notice's amount stands, unexplained
    due = _payment_due(notice)
    return FeeFacts(
        basis=(
            "《中华人民共和国政府信息公开条例》第四十二条，《政府信息公开信息处理费管理办法》"
            f"（国办函〔2020〕109号）第三条、{'第四条' if is_piece else '第五条'}"
        ),
        standard=FEE_STANDARDS[notice.method],
        workings=[w.strip() for w in workings],
        amount=f"{notice.amount}元",
        payee=settings.FEE_PAYEE or settings.AGENCY_NAME,
        how_to_pay=settings.FEE_PAYMENT_METHOD,
        period=(
            f"请自收到本通知之日次日起20个工作日内缴纳{due}。逾期未缴纳的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请（109号第六条）"
        ),
    )


def _payment_due(notice) -> str:
    """The date to pay by, as the letter states it. A posted notice's 送达 date is unknown when
    it is sent, so its letter states the date counted from the earliest one (the day it is
    sent) and how it moves: one working day later for each working day it arrives later
    (add_workdays: a receipt on a rest day counts as on the working day before)."""
    if notice.payment_due is None:
        return ""
    due = cn_date(notice.payment_due)
    note = _provisional(notice.received_on or notice.sent_on, notice.payment_due)
    if not notice.payment_due_provisional:
        return f"（即至{due}{'；暂定：' + note if note else ''}）"
    return (
        f"。本通知邮寄送达，缴纳期限自签收之日次日起计算："
        f"于{cn_date(notice.sent_on)}签收的，至{due}{_marked(note)}；签收之日每晚一个工作日，"
        "缴纳期限相应顺延一个工作日"
    )


def fee_notice_content(notice) -> Letter:
    """政府信息公开信息处理费收费通知书 (109号第六条): 依据、标准、数额、缴纳方式, the period
    and its consequence, the 财政票据 (第八条) and what may be challenged (第七条)."""
    case = notice.case
    you = "贵单位" if case.is_organisation else "您"
    facts = fee_facts(notice)
    event = case.events.filter(kind="send_fee_notice").select_related("actor").last()
    amount = f"三、收费数额：{facts.amount}。"
    if facts.workings:
        amount = f"三、收费数额：{'；'.join(facts.workings)}。应缴纳{facts.amount}。"
    paragraphs = [
        f"本机关于{cn_date(case.received_on)}收到{you}提出的政府信息公开申请，申请获取："
        f"“{_short(case.description)}”。本机关决定对该申请收取信息处理费，现将有关事项通知如下：",
        f"一、收费依据：{facts.basis}。",
        f"二、收费标准：{facts.standard}。",
        amount,
        f"四、缴纳方式：收款单位为{facts.payee}；{facts.how_to_pay}。本机关收取信息处理费后，"
        f"向{you}开具财政票据（109号第八条）。",
        f"五、缴纳期限：{facts.period}。",
        f"六、{you}对收取信息处理费的决定有异议的，不得单独就该决定申请行政复议或者提起行政诉讼；"
        "缴费期限届满后，可以就本机关不再处理该政府信息公开申请的行为依法申请行政复议或者提起行政"
        "诉讼（109号第七条）。",
        "特此通知。",
    ]
    return _notice(case, "政府信息公开信息处理费收费通知书", paragraphs, notice.sent_on, event)


def extension_notice_content(case, event) -> Letter:
    """政府信息公开申请延期答复告知书 (第三十三条第二款): the period as it stood, why it is
    extended, by whom approved and when, and the new deadline, as the 延期答复 step set them."""
    you = "贵单位" if case.is_organisation else "您"
    before, after = _extension_deadlines(case, event)
    opening = (
        f"本机关于{cn_date(case.received_on)}收到{you}提出的政府信息公开申请（编号：{case.tracking_no}），"
        f"申请获取：“{_short(case.description)}”。"
    )
    if case.supplement_received_on and case.supplement_received_on <= event.on:
        opening += f"经告知补正，本机关于{cn_date(case.supplement_received_on)}收到补正后的申请。"
    approver = getattr(event.actor, "full_name", "") or str(event.actor or "")
    extended = (
        f"经政府信息公开工作机构负责人{approver}于{cn_date(event.on)}同意，"
        f"答复期限延长{event.data.get('workdays')}个工作日，延长至{cn_date(after)}。"
    )
    if event.data.get("provisional"):  # in the applicant's words, as the other letters
        extended += _marked(_provisional(case.received_on, after) or "所跨年份的节假日安排尚未公布")
    paragraphs = [
        opening + f"本机关原应于{cn_date(before)}前作出答复。",
        f"因{_short(event.note, 300)}，本机关不能在上述期限内作出答复。{extended}",
        "根据《中华人民共和国政府信息公开条例》第三十三条第二款“行政机关不能当场答复的，应当自"
        "收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人"
        "同意并告知申请人，延长的期限最长不得超过20个工作日”的规定，特此告知。",
    ]
    return _notice(case, "政府信息公开申请延期答复告知书", paragraphs, event.on, event)


def _extension_deadlines(case, event) -> tuple[dt.date | None, dt.date | None]:
    """Both deadlines as the step stored them; for an extension entered before they were
    stored, worked out again from the case."""
    from gongkai.disclosure_requests.clock import deadline_without_extension

    before, after = event.data.get("due_before"), event.data.get("due_after")
    if before and after:
        return dt.date.fromisoformat(before), dt.date.fromisoformat(after)
    return deadline_without_extension(case).due, case.due_date


def _notice(case, document_name: str, paragraphs: list[str], on: dt.date, event) -> Letter:
    """A notice to the applicant in the middle of the procedure, signed by whoever entered the
    step (`event`): the 补正告知书, the 收费通知书 and the 延期答复告知书."""
    return Letter(
        title_lines=_title(document_name),
        number=f"编号：{case.tracking_no}",
        salutation=f"{case.applicant_name}：",
        paragraphs=paragraphs,
        signature=settings.AGENCY_NAME,
        date=cn_date(on),
        contact=_contact(event.actor if event else None),
    )


def _provisional(start: dt.date, end: dt.date) -> str:
    """Why a date the letter states is 暂定 (counted from `start` over a year whose holidays are
    not entered yet), in the applicant's words (core.calendar.provisional_note, to_public); ""
    if it is firm. The letter is kept as sent (SentLetter), so a copy says what was sent."""
    return provisional_note(workday_calendar(provisional=True), start, end, to_public=True)


def _marked(note: str) -> str:
    return f"（暂定：{note}）" if note else ""


def _short(text: str, limit: int = 120) -> str:
    """The applicant's words inside “…”, without their closing punctuation (no “…。”。)."""
    text = " ".join(text.split()).rstrip("。．.，,；;！!？? ")
    return text if len(text) <= limit else text[:limit] + "……"


def letter_docx(letter: Letter) -> bytes:
    """A4, GB/T 9704 margins (天头37 mm, 订口28 mm, text 156×225 mm), title 2号 小标宋, body
    3号 仿宋 with fixed 28.95 pt lines (22 a page), page numbers 4号 “— 1 —” in the footer."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)

    def add(text, *, size=16, align=None, font="仿宋_GB2312", indent=False, before=0, target=None):
        paragraph = (target or document).add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28.95)
        fmt.space_before, fmt.space_after = Pt(before), Pt(0)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        run = paragraph.add_run(text)
        set_font(run, font, size)
        return paragraph, run

    if letter.notice:
        add(f"【{letter.notice}】", size=12, font="黑体")
    for line in letter.title_lines:
        add(line, size=22, font="方正小标宋简体", align=WD_ALIGN_PARAGRAPH.CENTER)
    add(letter.number, size=14, align=WD_ALIGN_PARAGRAPH.RIGHT, before=14)
    add(letter.salutation)
    for text in letter.paragraphs:
        add(text, indent=True)
    add(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, before=28)
    add(letter.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if letter.contact:
        add(f"（{letter.contact}）", indent=True, before=14)

    footer = section.footer
    footer.paragraphs[0].text = ""
    paragraph, _ = add("— ", size=14, font="宋体", align=WD_ALIGN_PARAGRAPH.CENTER, target=footer)
    footer._element.remove(footer.paragraphs[0]._element)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    number_text = OxmlElement("w:t")
    number_text.text = "1"
    number.append(number_text)
    field.append(number)
    paragraph._p.append(field)
    paragraph.add_run(" —").font.size = Pt(14)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_html(letter: Letter) -> str:
    return render_to_string("disclosure_requests/letter.html", {"letter": letter})


def letter_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(letter)).write_pdf()


NOT_KEPT = "发送时未保存原件"
# the step that issues each letter (its RequestEvent kind)
ISSUED_BY = {
    "reply": "reply",
    "supplement": "request_supplement",
    "fee": "send_fee_notice",
    "extension": "extend",
}


def _digest(content: dict) -> str:
    return hashlib.sha256(
        json.dumps(content, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


def keep_sent_letter(event, kind: str, letter: Letter):
    """Keep the letter as the step sends it (SentLetter): its words and their SHA-256. The
    words, not the .docx/PDF bytes: the text is what was told (rendering it is code, and a
    .docx saved twice differs in its timestamps), and a PDF at every step would cost a second."""
    from gongkai.disclosure_requests.models import SentLetter

    content = asdict(letter)
    return SentLetter.objects.create(
        event=event, kind=kind, content=content, digest=_digest(content)
    )


def sent_letter(case, kind: str) -> Letter | None:
    """The latest letter of this kind as it was sent, or None when there is none yet (404).
    One sent before letters were kept: rendered from today's settings, marked 发送时未保存原件."""
    event = case.events.filter(kind=ISSUED_BY[kind]).order_by("-pk").first()
    if event is None:
        return None
    from gongkai.disclosure_requests.models import SentLetter

    kept = SentLetter.objects.filter(event=event).first()
    if kept is not None:
        return Letter(**kept.content)
    letter = _live_letter(case, kind, event)
    if letter is not None:
        letter.notice = (
            f"{NOT_KEPT}：本件于{cn_date(timezone.localdate())}按现行设置重新生成，"
            "机关名称、联系电话、复议机关等可能与发出时不同。"
        )
    return letter


def _live_letter(case, kind: str, event) -> Letter | None:
    if kind == "supplement":
        return supplement_notice_content(case) if case.supplement_requested_on else None
    if kind == "reply":
        reply = case.replies.order_by("-pk").first()
        return letter_content(reply) if reply else None
    if kind == "fee":
        notice = case.fee_notices.order_by("-pk").first()
        return fee_notice_content(notice) if notice else None
    return extension_notice_content(case, event)


LETTER_NAMES = {
    "reply": "答复告知书",
    "supplement": "补正告知书",
    "fee": "收费通知书",
    "extension": "延期答复告知书",
}


def letter_response(case, fmt: str, kind: str = "reply"):
    """A letter as a download (.docx or PDF): the latest reply's, the 补正告知书, the latest
    收费通知书 or the 延期答复告知书, as sent (sent_letter); 404 before there is one."""
    from django.http import FileResponse, Http404

    if kind not in LETTER_NAMES or fmt not in ("docx", "pdf"):
        raise Http404
    letter, name = sent_letter(case, kind), LETTER_NAMES[kind]
    if letter is None:
        raise Http404
    body = letter_docx(letter) if fmt == "docx" else letter_pdf(letter)
    filename = f"{name}-{case.tracking_no}.{fmt}"
    return FileResponse(io.BytesIO(body), as_attachment=True, filename=filename)


def email_reply(case, reply, by=None, *, failed_as: str = "serve_mail_failed") -> bool:
    """送达 by e-mail, where the applicant chose it: the letter (PDF) and the files provided.
    SMTP when a host is set, the console otherwise (core.mailing); a failed sending is put on
    the case's timeline (serve_mail_failed; resend_mail_failed when 重新发送 sent it again) for
    the office to serve another way. The office's 送达 record stands either way. True when the
    mail went out."""
    if not case.email:
        return False
    letter = sent_letter(case, "reply") or letter_content(reply)
    return _email_letter_pdf(
        case,
        letter,
        subject="政府信息公开申请答复",
        said=f"对您的政府信息公开申请（编号{case.tracking_no}）的答复告知书及提供的信息",
        filename="答复告知书",
        files=reply.attachments.all(),
        failed_as=failed_as,
        by=by,
    )


def email_letter(case, kind: str, by=None) -> bool:
    """重新发送 a notice (补正、收费、延期) by e-mail, as it was sent (sent_letter), as a PDF;
    the reply goes with its files (email_reply). A failed sending is put on the timeline
    (resend_mail_failed) for the office to tell the applicant another way. True when sent."""
    letter = sent_letter(case, kind)
    if not case.email or letter is None:
        return False
    name = LETTER_NAMES[kind]
    return _email_letter_pdf(
        case,
        letter,
        subject=name,
        said=f"就您的政府信息公开申请（编号{case.tracking_no}）发出的{name}",
        filename=name,
        files=(),
        failed_as="resend_mail_failed",
        by=by,
    )


def _email_letter_pdf(case, letter, *, subject, said, filename, files, failed_as, by) -> bool:
    """One e-mail to the applicant, 本机关{said}见附件: the letter as a PDF, then `files`
    (Attachment rows); a failed sending goes on the timeline as `failed_as`. True when sent."""
    from django.core.mail import EmailMessage

    from gongkai.core.mailing import deliver

    no = case.tracking_no
    message = EmailMessage(
        f"[{settings.AGENCY_NAME}] {subject}（{no}）",
        f"{case.applicant_name}：\n本机关{said}见附件。\n{settings.AGENCY_NAME}",
        to=[case.email],
    )
    message.attach(f"{filename}-{no}.pdf", letter_pdf(letter), "application/pdf")
    for attachment in files:
        with attachment.file.open("rb") as handle:
            message.attach(attachment.original_name, handle.read())
    if why := deliver(message):
        case.record_mail_failed(failed_as, why, by)
        return False
    return True
