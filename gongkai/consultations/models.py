"""意见征集: a draft put out for public comment, the comments, a disposition for every one, and
the published feedback note (participation.md §10).

The draft and its explanation are a publications Document (the notice of the consultation),
so they go out through the same 一审/二审/三审 chain as every published item; publishing it
opens the consultation. The feedback note is a second Document through the same chain;
publishing it concludes the consultation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit, publicity
from gongkai.core.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.numbering import take_next
from gongkai.core.publicity import NotPublishedReason
from gongkai.core.roles import Role
from gongkai.core.workflow import lock_row
from gongkai.lib.cndate import cn_date

audit.register_read_actions(**{"consultation.read_comments": "查阅意见提交人信息"})
audit.register_actions(
    **{
        "consultation.create": "起草意见征集",
        "consultation.edit": "修改意见征集",
        "consultation.open": "开始征求意见",
        "consultation.reschedule": "发布晚于计划开始日期，征求意见时间顺延",
        "consultation.register_comment": "登记来信来函意见",
        "consultation.decide": "作出意见处理",
        "consultation.draft_feedback": "生成意见采纳情况反馈",
        "consultation.conclude": "意见采纳情况反馈已发布",
    }
)


class DecisionType(models.TextChoices):
    MAJOR_DECISION = "major_decision", "重大行政决策"
    NORMATIVE = "normative", "行政规范性文件"
    RULE = "rule", "规章草案"
    OTHER = "other", "其他"


class Disposition(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不予采纳"
    OTHER = "other", "其他"


class CommentChannel(models.TextChoices):
    ONLINE = "online", "网上提交"
    POST = "post", "信函"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"


class Phase(models.TextChoices):
    DRAFT = "draft", "审核中"
    SCHEDULED = "scheduled", "即将开始"
    OPEN = "open", "正在征求意见"
    CLOSED = "closed", "已截止，正在研究处理"
    CONCLUDED = "concluded", "已反馈"
    WITHDRAWN = "withdrawn", "已撤回"


@dataclass(frozen=True)
class FeedbackClock:
    """反馈期限: the day the 采纳情况 feedback is due (CONSULTATION_FEEDBACK_WORKDAYS working
    days after the closing day [UNVERIFIED], participation.md §10.4), and while it is awaited
    the working days left or overdue, or once published how many working days late it came
    (0: on time)."""

    due: dt.date
    left: int | None = None  # working days from today to the due day
    overdue_by: int | None = None  # working days from the due day to today (0: a weekend)
    late: int | None = None
    note: str = ""  # why `due` is 暂定 (core.calendar.provisional_note), or ""

    @property
    def overdue(self) -> bool:
        return self.overdue_by is not None


def period_sentence(opens_on: dt.date, closes_on: dt.date) -> str:
    """How the notice states its period (services.compose_notice)."""
    return f"征求意见时间为{cn_date(opens_on)}至{cn_date(closes_on)}"


def end_of(day: dt.date) -> dt.datetime:
    """The closing moment of a closing day: midnight after it, Beijing time."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


class Consultation(models.Model):
    """意见征集 — one draft out for comment."""

    document = models.OneToOneField(
        "publications.Document",
        verbose_name="征求意见公告",
        on_delete=models.PROTECT,
        related_name="consultation",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="起草单位", on_delete=models.PROTECT, related_name="consultations"
    )
    draft_title = models.CharField("草案名称", max_length=200)
    # What the notice is composed from (services.compose_notice); the public reads the notice.
    draft_text = models.TextField("征求意见稿", help_text="按条（第一条……）或按部分（一、……）分行")
    explanation = models.TextField("起草说明", help_text="起草的必要性、依据、主要内容等")
    decision_type = models.CharField("草案类型", max_length=20, choices=DecisionType.choices)
    affects_business = models.BooleanField(
        "与市场主体生产经营活动密切相关", default=False, help_text="规范性文件：期限不少于30日"
    )
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期", help_text="当日24时截止")
    shortening_reason = models.TextField(
        "缩短期限的理由", blank=True, help_text="期限短于法定一般期限的，须说明理由并向社会公开"
    )
    channels = models.TextField(
        "其他提交方式", blank=True, help_text="信函地址、电子邮箱、传真号码等，每行一种"
    )
    # The 起草 form's key bound to what it sent (core.idempotent): sent twice, one consultation.
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    opened_at = models.DateTimeField("开始征求意见时间", null=True, blank=True)
    feedback = models.OneToOneField(
        "publications.Document",
        verbose_name="意见采纳情况反馈",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_for",
    )
    concluded_at = models.DateTimeField("反馈发布时间", null=True, blank=True)
    # What the feedback note was generated from (see `comments_fingerprint`): a comment
    # registered or decided afterwards makes the note stale, and it is not sent on until
    # generated again.
    feedback_basis = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = verbose_name_plural = "意见征集"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.draft_title

    # -- reading ------------------------------------------------------------------------------

    @property
    def closes_at(self) -> dt.datetime:
        return end_of(self.closes_on)

    def phase(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.document.withdrawn_at:
            return Phase.WITHDRAWN
        if self.concluded_at:
            return Phase.CONCLUDED
        if self.opened_at is None:
            return Phase.DRAFT
        if now >= self.closes_at:
            return Phase.CLOSED
        if timezone.localtime(now).date() < self.opens_on:
            return Phase.SCHEDULED
        return Phase.OPEN

    def phase_label(self) -> str:
        return Phase(self.phase()).label

    @property
    def is_open(self) -> bool:
        return self.phase() == Phase.OPEN

    def feedback_clock(self, today: dt.date | None = None, calendar=None) -> FeedbackClock | None:
        """After the closing time: when the feedback is due and how that stands today. None
        before, and for a withdrawn notice. `calendar`: one working-day calendar for a list."""
        from gongkai.core.calendar import add_workdays, provisional_note, workday_calendar

        phase = self.phase()
        if phase not in (Phase.CLOSED, Phase.CONCLUDED):
            return None
        calendar = calendar or workday_calendar(provisional=True)
        due = add_workdays(self.closes_on, settings.CONSULTATION_FEEDBACK_WORKDAYS, calendar).due
        note = provisional_note(calendar, self.closes_on, due)
        if phase == Phase.CONCLUDED:
            published_on = timezone.localtime(self.concluded_at).date()
            late = calendar.workdays_between(due, published_on) if published_on > due else 0
            return FeedbackClock(due, late=late, note=note)
        today = today or timezone.localdate()
        if today <= due:
            return FeedbackClock(due, left=calendar.workdays_between(today, due), note=note)
        return FeedbackClock(due, overdue_by=calendar.workdays_between(due, today), note=note)

    def may_handle(self, user) -> bool:
        """The drafting unit's clerks and head, and the press office."""
        return user.has_role(Role.PRESS_OFFICE) or (
            user.unit_id == self.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD)
        )

    def undecided(self):
        return self.comments.filter(disposition="")

    def comments_fingerprint(self) -> str:
        """Every comment and how it was decided, as one digest."""
        rows = self.comments.order_by("pk").values_list(
            "pk", "disposition", "reason", "answered_with_id", "not_published_reason"
        )
        return hashlib.sha256(repr(list(rows)).encode()).hexdigest()

    def feedback_is_stale(self) -> bool:
        return bool(self.feedback_id) and self.feedback_basis != self.comments_fingerprint()

    def check_feedback_current(self) -> None:
        """Before the feedback note goes to review or is published: it covers every comment
        as decided, says what it must and quotes no comment that may not be published."""
        left = self.undecided().count()
        if left:
            raise DomainError(f"还有{left}条意见未作处理，处理并重新生成反馈后才能送审或发布")
        if self.feedback_is_stale():
            raise DomainError(
                "反馈生成后又登记或处理了意见，反馈内容已不完整：请重新生成反馈（退回后重新生成），"
                "再送审或发布"
            )
        from gongkai.consultations.feedback import problems

        said = problems(self, self.feedback.body_text)
        if said:
            raise DomainError(said)

    # -- the steps ----------------------------------------------------------------------------

    def _lock(self) -> None:
        lock_row(self)

    def _check(self, by, what: str) -> None:
        if not self.may_handle(by):
            raise DomainError(f"只有起草单位或政务公开管理员可以{what}")

    def _record(self, by, action: str, **data) -> None:
        audit.record(by, f"consultation.{action}", self, unit=self.unit, **data)

    def period_if_published(self, published_on: dt.date) -> tuple[dt.date, dt.date] | None:
        """The period a notice published on `published_on` moves to (opening that day, as long
        as the one reviewed); None when it keeps its planned dates."""
        if self.opened_at is not None or self.opens_on >= published_on:
            return None
        return published_on, published_on + (self.closes_on - self.opens_on)

    def unmovable_text(self) -> str:
        return (
            f"计划开始日期（{cn_date(self.opens_on)}）已过，公告中的征求意见时间无法自动顺延"
            "（公告正文中的征求意见时间已被改动）：请退回起草单位改正开始、截止日期后重新送审"
        )

    @transaction.atomic
    def take_period_in_force(self, document, publishing_at: dt.datetime) -> None:
        """Its notice is about to be published (三审) at `publishing_at`. Published after the
        planned opening day, it opens that day and the closing day moves so that the period is
        never shorter than the one reviewed; the notice's period sentence says the same dates,
        so the official text never states a period that began before it was published (713号
        第十五条: 明确提出意见的方式和期限). Only that sentence changes: what the reviewers
        approved otherwise goes out as it was. When a reviewer rewrote the sentence, nothing
        can be matched: the approval is refused until the drafting unit corrects the dates."""
        moved = self.period_if_published(timezone.localtime(publishing_at).date())
        if moved is None:
            return
        planned = period_sentence(self.opens_on, self.closes_on)
        if planned not in document.body:
            raise DomainError(self.unmovable_text())
        before = {"opens_on": self.opens_on.isoformat(), "closes_on": self.closes_on.isoformat()}
        self.opens_on, self.closes_on = moved
        document.body = document.body.replace(
            planned, period_sentence(self.opens_on, self.closes_on)
        )
        self.save(update_fields=["opens_on", "closes_on"])
        audit.record(
            None,
            "consultation.reschedule",
            self,
            unit=self.unit,
            before=before,
            after={"opens_on": self.opens_on.isoformat(), "closes_on": self.closes_on.isoformat()},
            note=f"发布晚于计划开始日期，期限顺延至{cn_date(self.closes_on)}，公告随之更新",
        )

    @transaction.atomic
    def open(self) -> None:
        """Its notice was published (三审): comments may come from the opening day (a late
        publication already moved the period, `take_period_in_force`)."""
        self._lock()
        if self.opened_at is not None:
            return
        from gongkai.consultations.articles import store_articles

        self.opened_at = self.document.published_at
        self.save()
        store_articles(self)
        self._record(None, "open", closes_on=self.closes_on.isoformat())

    @transaction.atomic
    def register_comment(self, *, by, comment: Comment) -> Comment:
        """来信来函: staff enter a comment that came by post, e-mail or fax, dated the day it
        was sent (postmark), which must fall within the period."""
        self._lock()
        self._check(by, "登记意见")
        if self.opened_at is None:
            raise DomainError("征求意见尚未开始，不能登记意见")
        if self.phase() == Phase.WITHDRAWN:
            raise DomainError("征求意见公告已撤回，不能再登记意见")
        if self.phase() == Phase.CONCLUDED:
            # The published note says every comment was handled; a later one could never be
            # decided (713号 第二十九、三十二条; 穗府办函〔2022〕48号: 反馈 every comment).
            raise DomainError("意见采纳情况反馈已发布，不能再登记意见")
        if not self.opens_on <= comment.sent_on <= self.closes_on:
            raise DomainError(
                f"意见提交日期应在征求意见期限内（{cn_date(self.opens_on)}至{cn_date(self.closes_on)}）"
            )
        if comment.channel == CommentChannel.ONLINE:
            raise DomainError("网上意见由提交人直接提交，请选择信函、电子邮件或传真")
        if comment.sent_is_future():
            raise DomainError(comment.FUTURE_MESSAGE.format(today=cn_date(timezone.localdate())))
        comment.consultation, comment.recorded_by = self, by
        comment.save_numbered()
        self._record(by, "register_comment", number=comment.number, channel=comment.channel)
        return comment

    @transaction.atomic
    def decide(self, *, by, comments, disposition: str, reason: str, not_published_reason=""):
        """处理意见: one disposition for one comment, or for identical comments answered
        together; a reason for anything but 采纳. Only after the closing time."""
        self._lock()
        self._check(by, "处理意见")
        if self.phase() != Phase.CLOSED:
            raise DomainError("征求意见截止后才能处理意见；反馈已发布的不能再修改")
        if disposition not in Disposition.values:
            raise DomainError("请选择处理结果")
        if disposition != Disposition.ADOPTED and not reason.strip():
            raise DomainError("部分采纳、不予采纳或其他的，应当说明理由（穗府办函〔2022〕48号）")
        if not_published_reason and not_published_reason not in NotPublishedReason.values:
            raise DomainError("不予公开的理由不正确")
        ids = [c.pk for c in comments]
        chosen = list(self.comments.select_for_update().filter(pk__in=ids).order_by("pk"))
        if not chosen or len(chosen) != len(set(ids)):
            raise DomainError("请选择本次征集的意见")
        lead = chosen[0]
        for comment in chosen:
            comment.disposition, comment.reason = disposition, reason.strip()
            comment.not_published_reason = not_published_reason
            comment.answered_with = lead if comment is not lead else None
            comment.decided_by, comment.decided_at = by, timezone.now()
            comment.save()
        self._record(by, "decide", numbers=[c.number for c in chosen], disposition=disposition)

    @transaction.atomic
    def draft_feedback(self, *, by, on: dt.date | None = None):
        """意见采纳情况反馈: generated from the dispositions once every comment has one, then
        edited and sent through the review chain like any document."""
        self._lock()
        self._check(by, "生成反馈")
        if self.phase() != Phase.CLOSED:
            raise DomainError("征求意见截止后、反馈发布前才能生成反馈")
        left = self.undecided().count()
        if left:
            raise DomainError(f"还有{left}条意见未作处理，全部处理后才能生成反馈")
        from gongkai.consultations.feedback import compose
        from gongkai.publications.models import Document, DocumentStatus

        title, body = compose(self)
        self.feedback_basis = self.comments_fingerprint()
        if self.feedback_id is None:
            self.feedback = Document.create_draft(
                by=by,
                unit=self.unit,
                title=title,
                body=body,
                kind=self.document.kind,
                category=self.document.category,
                written_on=on or timezone.localdate(),
            )
            self.save(update_fields=["feedback", "feedback_basis"])
        elif self.feedback.status == DocumentStatus.DRAFT:
            self.feedback.edit(by=by, version=self.feedback.version, title=title, body=body)
            self.save(update_fields=["feedback_basis"])
        else:
            raise DomainError("反馈已送审，如需修改请待退回后重新生成")
        self._record(by, "draft_feedback", document=self.feedback_id)
        return self.feedback

    @transaction.atomic
    def conclude(self) -> None:
        """The feedback note was published: the consultation is concluded."""
        self._lock()
        if self.concluded_at is None:
            self.concluded_at = self.feedback.published_at
            self.save(update_fields=["concluded_at"])
            self._record(None, "conclude")


class Article(models.Model):
    """条 (or 部分) of the published draft, so that a comment can be on one of them."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="articles"
    )
    position = models.PositiveIntegerField()
    label = models.CharField("条目", max_length=40)  # 第三条 / 一、
    text = models.TextField("内容")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "position"], name="article_position")
        ]

    def __str__(self):
        return self.label


class Comment(models.Model):
    """意见 — one comment on the draft, or on one article of it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    article = models.ForeignKey(
        Article,
        verbose_name="针对条目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    number = models.CharField("意见编号", max_length=20, unique=True)
    text = models.TextField("意见内容")
    name = models.CharField("姓名或单位（选填）", max_length=100, blank=True)
    contact = models.CharField("联系方式（选填）", max_length=100, blank=True)
    publish_consent = models.BooleanField("同意公开本意见（去除个人信息）", default=False)
    channel = models.CharField(
        "提交方式", max_length=10, choices=CommentChannel.choices, default=CommentChannel.ONLINE
    )
    sent_on = models.DateField("提交日期")
    created_at = models.DateTimeField("记录时间", default=timezone.now)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    submitter_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    disposition = models.CharField(
        "处理结果", max_length=12, choices=Disposition.choices, blank=True
    )
    reason = models.TextField("理由", blank=True)
    answered_with = models.ForeignKey(
        "self",
        verbose_name="与此意见合并答复",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    not_published_reason = models.CharField(
        "不予公开的理由", max_length=20, choices=NotPublishedReason.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = verbose_name_plural = "意见"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disposition="")
                | models.Q(disposition="adopted")
                | ~models.Q(reason=""),
                name="comment_reason_unless_adopted",
            )
        ]

    def __str__(self):
        return self.number

    FUTURE_MESSAGE = "提交日期不能晚于今天（{today}），信函以邮戳日期为准"

    def sent_is_future(self) -> bool:
        return self.sent_on is not None and self.sent_on > timezone.localdate()

    def clean(self):
        if self.sent_is_future():
            raise ValidationError(
                {"sent_on": self.FUTURE_MESSAGE.format(today=cn_date(timezone.localdate()))}
            )

    @property
    def may_be_published(self) -> bool:
        return self.publish_consent and not self.not_published_reason

    @property
    def public_text(self) -> str:
        """The text as the public may read it: the writer's details and personal data out."""
        return publicity.masked(self.text, {"姓名": self.name, "联系方式": self.contact})

    @transaction.atomic
    def save_numbered(self) -> None:
        """YJ2022-00042: the number and the row in one transaction."""
        year = self.sent_on.year
        self.number = (
            f"{settings.COMMENT_NUMBER_PREFIX}{year}-{take_next(CommentCounter, year=year):05d}"
        )
        self.save()


class CommentCounter(models.Model):
    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"
