"""Making a consultation (its notice is a publications Document), taking comments online, and
what happens when the chain publishes the notice or the feedback."""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.consultations.articles import DRAFT_HEADING
from gongkai.consultations.models import Comment, CommentChannel, Consultation, period_sentence
from gongkai.consultations.periods import shortfall
from gongkai.core import audit, throttle
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import create_from_form, create_once
from gongkai.lib.cndate import cn_date
from gongkai.publications.models import Document, DocumentStatus, Kind

CONSULTATION_FIELDS = (
    "draft_title",
    "draft_text",
    "explanation",
    "decision_type",
    "affects_business",
    "opens_on",
    "closes_on",
    "shortening_reason",
    "channels",
)


def notice_title(draft_title: str) -> str:
    return f"关于公开征求《{draft_title}》意见的公告"


def compose_notice(c: Consultation) -> str:
    """The notice's body: why and until when, how to comment, the reason for a short period
    (713号 第十五条: 应当予以说明), the explanation, then the draft line by line."""
    ways = ["登录本局门户网站“意见征集”栏目在线提交"]
    ways += [escape(line.strip()) for line in c.channels.splitlines() if line.strip()]
    parts = [
        f"<p>为广泛听取社会公众意见，现将《{escape(c.draft_title)}》（征求意见稿）全文公布，"
        f"{period_sentence(c.opens_on, c.closes_on)}。</p>",
        "<p>提出意见的方式：" + "；".join(ways) + "。</p>",
    ]
    if c.shortening_reason.strip():
        parts.append(
            f"<p>征求意见期限少于一般期限的理由：{escape(c.shortening_reason.strip())}</p>"
        )
    parts.append("<h2>起草说明</h2>")
    parts += [
        f"<p>{escape(line.strip())}</p>" for line in c.explanation.splitlines() if line.strip()
    ]
    parts.append(f"<h2>{DRAFT_HEADING}</h2>")
    parts += [
        f"<p>{escape(line.strip())}</p>" for line in c.draft_text.splitlines() if line.strip()
    ]
    return "\n".join(parts)


# The notice adds （征求意见稿） after the name itself (compose_notice).
DRAFT_SUFFIX = re.compile(r"[（(]?\s*征求意见稿\s*[)）]?\s*$")


def check_title(c: Consultation) -> None:
    """A name typed with （征求意见稿） would read "…规定（征求意见稿）》（征求意见稿）" in the
    notice."""
    if DRAFT_SUFFIX.search(c.draft_title.strip()):
        raise DomainError(
            "草案名称请不要加“（征求意见稿）”，公告会自动注明；请只填写文件名称，"
            "如“广州市危险化学品储存安全管理办法”",
            field="draft_title",
        )


def check_period(c: Consultation, today) -> None:
    """The notice cannot announce a period that has already begun (it is published at the
    earliest today); a period shorter than its kind's minimum needs a reason the public will
    read. Each refusal names the date field it concerns."""
    if c.opens_on < today:
        raise DomainError("开始日期不能早于今天", field="opens_on")
    if c.closes_on < c.opens_on:
        raise DomainError("截止日期不能早于开始日期", field="closes_on")
    short = shortfall(c.decision_type, c.affects_business, c.opens_on, c.closes_on)
    if short and not c.shortening_reason.strip():
        raise DomainError(
            f"{short}；因情况紧急等原因需要缩短的，请填写理由（将向社会公开）", field="closes_on"
        )


@transaction.atomic
def create(*, by, category: str, unit=None, on=None, **fields) -> Consultation:
    """起草 on day `on` (today unless loading history): the consultation and its notice (a
    draft document of the unit)."""
    on = on or timezone.localdate()
    consultation = Consultation(unit=unit or by.unit, **fields)
    check_title(consultation)
    check_period(consultation, on)
    consultation.document = Document.create_draft(
        by=by,
        unit=consultation.unit,
        title=notice_title(consultation.draft_title),
        body=compose_notice(consultation),
        kind=Kind.NOTICE,
        category=category,
        written_on=on,
    )
    consultation.save()
    audit.record(by, "consultation.create", consultation, unit=consultation.unit)
    return consultation


def create_from(form, *, by) -> tuple[Consultation, bool]:
    """起草 from the staff form: (consultation, created). The same form sent twice (a double
    click, back and 保存 again) finds the first consultation and its notice, never a second
    (core.idempotent.create_from_form)."""
    return create_from_form(
        Consultation,
        form,
        by,
        lambda key: create(by=by, idempotency_key=key, **form.cleaned_data),
    )


@transaction.atomic
def edit(consultation: Consultation, *, by, **fields) -> None:
    """Only while its notice is a draft: what was reviewed is what goes out."""
    document = Document.objects.select_for_update().get(pk=consultation.document_id)
    if document.status != DocumentStatus.DRAFT:
        raise DomainError("征求意见公告已送审或已发布，不能再修改；如需修改请待退回")
    for name, value in fields.items():
        setattr(consultation, name, value)
    check_title(consultation)
    check_period(consultation, timezone.localdate())
    consultation.save()
    document.edit(
        by=by,
        version=document.version,
        title=notice_title(consultation.draft_title),
        body=compose_notice(consultation),
    )
    audit.record(by, "consultation.edit", consultation, unit=consultation.unit)


def on_document_published(sender, document, **_):
    """The chain published a notice (the consultation opens) or a feedback note (it ends)."""
    opened = Consultation.objects.filter(document=document).first()
    if opened is not None:
        opened.open()
    concluded = Consultation.objects.filter(feedback=document).first()
    if concluded is not None:
        concluded.conclude()


def on_document_sending(sender, document, publishing_at=None, **_):
    """A feedback note goes to review or is published only while it covers every comment; a
    notice is published with the period in force on its publication day."""
    consultation = Consultation.objects.filter(feedback=document).first()
    if consultation is not None:
        consultation.check_feedback_current()
    noticed = Consultation.objects.filter(document=document).first()
    if noticed is not None:
        mismatch = notice_mismatch(noticed, document)
        if mismatch:
            raise DomainError(mismatch)
        if publishing_at is not None:
            noticed.take_period_in_force(document, publishing_at)


def notice_mismatch(c: Consultation, document) -> str:
    """What the notice no longer says of what the system enforces — its period and the reason
    for a short one (713号 第十五条: 明确…期限; a short period 应当予以说明) — "" when it says both.
    The unit may reword its draft notice, but not these: the server takes comments until
    `closes_on` whatever the notice says."""
    text = re.sub(r"\s+", "", document.body_text)
    missing = []
    if period_sentence(c.opens_on, c.closes_on) not in text:
        missing.append(f"征求意见时间（“{period_sentence(c.opens_on, c.closes_on)}”）")
    reason = c.shortening_reason.strip()
    if reason and re.sub(r"\s+", "", reason) not in text:
        missing.append(f"缩短期限的理由（“{reason}”）")
    if not missing:
        return ""
    return (
        "公告中的" + "和".join(missing) + "与登记的不一致或已被删去：公告须写明系统执行的期限"
        "和缩短理由。请在“修改意见征集”中修改期限或理由（公告随之重新生成），不要直接改公告正文"
    )


def composed_from(sender, document, **_) -> str:
    """A consultation's notice and feedback note say what its record holds; reviewers do not
    edit them (a changed period or an edited 采纳情况 would go out unchecked), they return them."""
    if Consultation.objects.filter(document=document).exists():
        return (
            "征求意见公告由意见征集的登记内容（期限、缩短理由、草案）生成，审核中不能修改："
            "如需修改请退回起草单位，在意见征集中修改后重新送审"
        )
    if Consultation.objects.filter(feedback=document).exists():
        return (
            "意见采纳情况反馈须与意见处理结果一致，审核中不能修改：如需修改请退回起草单位"
            "修改或重新生成后重新送审"
        )
    return ""


def before_signing(sender, document, today: dt.date, **_) -> str:
    """What the leader at 三审 is told before signing a consultation's notice whose planned
    start has passed: publishing today moves the period and rewrites the notice's period
    sentence (Consultation.take_period_in_force), or is refused when that sentence was
    rewritten. "" for any other document."""
    noticed = Consultation.objects.filter(document=document).first()
    if noticed is not None and notice_mismatch(noticed, document):
        return notice_mismatch(noticed, document)
    moved = noticed.period_if_published(today) if noticed is not None else None
    if moved is None:
        return ""
    planned = period_sentence(noticed.opens_on, noticed.closes_on)
    if planned not in document.body:
        return noticed.unmovable_text()
    return (
        f"计划开始日期（{cn_date(noticed.opens_on)}）已过：现在签发发布，征求意见期将顺延为"
        f"今天（{cn_date(moved[0])}）至{cn_date(moved[1])}，公告中的“{planned}”将改为"
        f"“{period_sentence(*moved)}”。"
    )


def may_comment(ip: str | None) -> bool:
    return throttle.take_for_client("comment", ip, limit=settings.COMMENT_RATE_PER_HOUR)


def is_retry(idempotency_key: str) -> bool:
    return Comment.objects.filter(idempotency_key=idempotency_key).exists()


# The same words on the same draft from the same network within a day are the comment sent
# again (Back and 提交 again, a reload), not a second one to answer and count: as an
# application or a mailbox message (core.idempotent.repeated_by).
RESUBMIT_WINDOW = dt.timedelta(hours=24)


def earlier_comment(consultation: Consultation, form, ip: str | None) -> Comment | None:
    """The online comment this form repeats: on this consultation, every field the same
    (article, text, name, contact, consent), from the same address, within RESUBMIT_WINDOW."""
    data = form.cleaned_data
    candidates = consultation.comments.filter(
        channel=CommentChannel.ONLINE,
        idempotency_key__isnull=False,
        submitter_ip=ip,
        created_at__gte=timezone.now() - RESUBMIT_WINDOW,
    ).order_by("pk")
    fields = form._meta.fields
    return next((c for c in candidates if all(getattr(c, n) == data[n] for n in fields)), None)


def submit_comment(consultation: Consultation, *, form, idempotency_key: str, ip):
    """An online comment: refused by the server after the closing time (whatever the page
    showed); a retry with the same key returns the first comment. (comment, created)"""

    def create_comment() -> Comment:
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not locked.is_open:
            raise DomainError(
                f"本次征求意见已于{cn_date(locked.closes_on)}24时截止，不再接受网上意见"
                if locked.opened_at
                else "本次征求意见尚未开始"
            )
        comment = form.save(commit=False)
        comment.consultation = locked
        comment.sent_on = timezone.localdate()
        comment.idempotency_key, comment.submitter_ip = idempotency_key, ip
        comment.save_numbered()
        return comment

    return create_once(Comment, idempotency_key, create_comment)
