"""A document (政府信息) from draft to the portal: its three-step review, attachments, the
personal-data scan decisions, index numbers and the links between a policy and its
interpretation."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit, review
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry, Unit
from gongkai.core.notifications import notify
from gongkai.core.roles import Role
from gongkai.core.workflow import ShownState
from gongkai.lib.cndate import cn_date
from gongkai.publications.models.choices import (
    CATEGORY_NUMERALS,
    ENDED_VALIDITIES,
    REGULATORY_KINDS,
    REVIEW_STAGES,
    Attribute,
    Category,
    DocumentStatus,
    Kind,
    Validity,
    Withdrawal,
)
from gongkai.publications.text import attachment_text, body_text, clean_html, clean_line

audit.register_actions(
    **{
        "document.create": "新建政府信息",
        "document.edit": "修改政府信息",
        "document.attach": "上传附件",
        "document.detach": "删除附件",
        "document.submit": "提交审核",
        "document.approve": "审核通过",
        "document.return": "退回修改",
        "document.publish": "发布政府信息",
        "document.withdraw": "撤回已发布信息",
        "document.accept_hit": "确认个人信息扫描结果",
        "document.waive_interpretation": "规章或规范性文件不同步解读（说明理由）",
        "document.set_validity": "变更文件有效性",
    }
)


# Sent in the transaction that publishes or withdraws a document, with `document=`. The search
# index listens (`PublicationsConfig.ready`, beside its receiver for a deleted document), so
# these models need not import the search module that reads them.
document_published = Signal()
document_withdrawn = Signal()
# Sent before 送审 and before the approval that publishes, with `document=` and `publishing_at=`
# (the moment it will be published; None at 送审): an app whose record the document speaks for
# (a consultation's feedback note) refuses with a DomainError when the document no longer says
# what that record holds; a consultation's notice takes the period in force at that moment.
document_sending = Signal()
# Asked when the 签发领导's review page is shown (三审), with `document=` and `today=`: a receiver
# returns what publishing today will change beyond the text reviewed ("" if nothing), for the
# leader to read before signing (a consultation's notice published late moves its period).
document_signing_notes = Signal()
# Asked with `document=` whether its text is composed from another app's record (a
# consultation's notice from the consultation, its feedback note from the dispositions): a
# receiver returns why reviewers may not change it ("" if it is not): what the record holds and
# what the document says must not differ, so a change goes back to the unit (退回).
document_composed = Signal()


class StaleEdit(DomainError):
    """Someone saved the document after this edit form was opened."""


# Who may act at each review stage; 一审 only within the drafting unit, or a 签发领导 for the
# unit's head's own draft (core.review).
STAGE_ROLES = {
    DocumentStatus.REVIEW_1: Role.UNIT_HEAD,
    DocumentStatus.REVIEW_2: Role.CONFIDENTIALITY_REVIEWER,
    DocumentStatus.REVIEW_3: Role.LEADER,
}
# 三审三校, 先审后发: the only ways a document moves.
# Nothing reaches PUBLISHED but the third approval.
TRANSITIONS = {
    "submit": {DocumentStatus.DRAFT: DocumentStatus.REVIEW_1},
    "approve": {
        DocumentStatus.REVIEW_1: DocumentStatus.REVIEW_2,
        DocumentStatus.REVIEW_2: DocumentStatus.REVIEW_3,
        DocumentStatus.REVIEW_3: DocumentStatus.PUBLISHED,
    },
    # A waiting 解读 (APPROVED) goes back only with its 原文 (Document.return_), never by itself.
    "return": {stage: DocumentStatus.DRAFT for stage in (*REVIEW_STAGES, DocumentStatus.APPROVED)},
    "withdraw": {DocumentStatus.PUBLISHED: DocumentStatus.WITHDRAWN},
}
VERB_LABELS = {"submit": "提交审核", "approve": "审核通过", "return": "退回", "withdraw": "撤回"}
PUBLISH_WITHIN_WORKDAYS = 20  # 条例第二十六条


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=DocumentStatus.PUBLISHED)


class PublicManager(models.Manager):
    """The only way the portal reads documents: published, proactive, not withdrawn.

    Its base queryset carries the filter, so no later `.filter()` or `.get(pk=…)` can reach a
    draft, a returned or a withdrawn document."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(
                status=DocumentStatus.PUBLISHED,
                attribute=Attribute.PROACTIVE,
                published_at__isnull=False,
            )
        )


class ShownManager(models.Manager):
    """What a document's own page may show: the public ones, and a report withdrawn as 更正
    (its withdrawer chose it: `Withdrawal.CORRECTION`) once its correction is published. The
    public must still find the version it read, marked 已被更正 (probe 11 F2.1); anything
    withdrawn as hidden (the default) stays hidden, whatever is published after it. Lists and
    search read `public` only."""

    def get_queryset(self):
        corrected = self.model.objects.filter(
            corrects=models.OuterRef("pk"), status=DocumentStatus.PUBLISHED
        )
        return (
            super()
            .get_queryset()
            .filter(attribute=Attribute.PROACTIVE, published_at__isnull=False)
            .filter(
                models.Q(status=DocumentStatus.PUBLISHED)
                | models.Q(status=DocumentStatus.WITHDRAWN, withdrawal=Withdrawal.CORRECTION)
                & models.Exists(corrected)
            )
        )


def publisher_name(unit) -> str:
    """发布机构: the agency and the publishing unit, as the catalogue shows them today."""
    return f"{settings.AGENCY_NAME}（{unit.full_name or unit.name}）"


class Document(ShownState, models.Model):
    """政府信息 — one document or item of government information, from draft to the portal."""

    title = models.CharField("名称", max_length=300)
    doc_no = models.CharField(
        "文号", max_length=100, blank=True, help_text="如：穗应急规字〔2022〕3号"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="主办单位", on_delete=models.PROTECT, related_name="documents"
    )
    summary = models.TextField("内容概述", blank=True)
    written_on = models.DateField("成文日期")
    effective_on = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    # 发布机构 as it stood at publication: a later rename of the unit (or the agency) does not
    # rewrite what the catalogue said then
    publisher = models.CharField("发布机构（发布时）", max_length=200, blank=True)
    publish_due = models.DateField(
        "应公开日期", null=True, blank=True, help_text="条例第二十六条：形成之日起20个工作日内"
    )
    category = models.CharField("公开目录分类", max_length=40, choices=Category.choices)
    topic = models.CharField(
        "主题分类", max_length=60, blank=True, help_text="如：安全生产、应急救援"
    )
    kind = models.CharField("文件类型", max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    attribute = models.CharField(
        "公开属性", max_length=20, choices=Attribute.choices, default=Attribute.PROACTIVE
    )
    attribute_reason = models.TextField(
        "不公开理由", blank=True, help_text="依申请公开或不予公开时必填，写明条例依据"
    )
    body = models.TextField("正文", blank=True)
    body_text = models.TextField(editable=False, blank=True)
    business_related = models.BooleanField("涉企政策", default=False)
    validity = models.CharField(
        "有效性",
        max_length=20,
        choices=Validity.choices,
        blank=True,
        help_text="规章、行政规范性文件必填",
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    # 更正: the published version this one corrects (an annual report withdrawn and sent again)
    corrects = models.ForeignKey(
        "self",
        verbose_name="更正的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_waiver = models.TextField("不同步解读的理由", blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    index_no = models.CharField("索引号", max_length=80, null=True, blank=True, unique=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    withdrawal = models.CharField("撤回方式", max_length=20, choices=Withdrawal.choices, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    # The 起草 form's key bound to what it sent (core.idempotent): sent twice, one draft.
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField("修改时间", default=timezone.now)

    objects = DocumentQuerySet.as_manager()
    public = PublicManager()
    shown = ShownManager()

    class Meta:
        ordering = ["-published_at", "-written_on", "-id"]
        verbose_name = verbose_name_plural = "政府信息"
        # No index starts with `status` alone: without statistics (SQLite keeps none unless
        # ANALYZE runs) the planner takes `status = 'published'` for a selective condition and
        # walks that index over every published row instead of looking a few ids up by key.
        indexes = [
            models.Index(fields=["unit", "status"], name="document_unit_status"),
            models.Index(
                fields=["status", "publish_due"],
                condition=models.Q(status=DocumentStatus.REVIEW_1)
                | models.Q(status=DocumentStatus.REVIEW_2)
                | models.Q(status=DocumentStatus.REVIEW_3),
                name="document_in_review",
            ),
            models.Index(
                fields=["category", "-published_at"],
                condition=models.Q(
                    status=DocumentStatus.PUBLISHED,
                    attribute=Attribute.PROACTIVE,
                    published_at__isnull=False,
                ),
                name="document_public_category",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=DocumentStatus.values), name="document_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=Category.values), name="document_category_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(attribute=Attribute.PROACTIVE)
                | (
                    models.Q(attribute__in=[Attribute.ON_REQUEST, Attribute.NOT_DISCLOSED])
                    & ~models.Q(attribute_reason="")
                ),
                name="document_attribute_reason_required",
            ),
            # Validity belongs to 规章 and 行政规范性文件, and they always have one.
            models.CheckConstraint(
                condition=(
                    models.Q(kind__in=REGULATORY_KINDS) & models.Q(validity__in=Validity.values)
                )
                | (~models.Q(kind__in=REGULATORY_KINDS) & models.Q(validity="")),
                name="document_validity_for_regulatory_kinds",
            ),
            models.CheckConstraint(
                condition=~models.Q(validity__in=ENDED_VALIDITIES)
                | models.Q(expires_on__isnull=False),
                name="document_ended_validity_has_end_date",
            ),
            models.CheckConstraint(
                condition=models.Q(interprets__isnull=True) | models.Q(kind=Kind.INTERPRETATION),
                name="document_only_interpretations_interpret",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=[DocumentStatus.PUBLISHED, DocumentStatus.WITHDRAWN])
                | (models.Q(published_at__isnull=False) & models.Q(index_no__isnull=False)),
                name="document_published_has_index_number",
            ),
        ]

    def __str__(self):
        return self.title

    # ---- derived values -------------------------------------------------------------------

    def save(self, *args, **kwargs):
        """Every save keeps the text safe: allow-listed HTML body, one-line title and 文号."""
        self._normalise()
        self.publish_due = _publish_due(self.written_on)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("publications_public:document", args=[self.pk])

    def get_staff_url(self) -> str:
        return reverse("publications:document_detail", args=[self.pk])

    def clean(self):
        self._normalise()
        if self.kind in REGULATORY_KINDS and self.attribute != Attribute.PROACTIVE:
            raise ValidationError(
                {
                    "attribute": (
                        f"{self.get_kind_display()}应当主动公开"
                        "（《中华人民共和国政府信息公开条例》第二十条第（一）项），"
                        "公开属性只能选择“主动公开”"
                    )
                }
            )
        if self.attribute != Attribute.PROACTIVE and not self.attribute_reason.strip():
            raise ValidationError({"attribute_reason": "依申请公开或不予公开的，须写明理由"})
        if self.interprets_id and self.kind != Kind.INTERPRETATION:
            raise ValidationError({"interprets": "只有政策解读可以关联被解读的文件"})
        self._check_dates()
        if self.expires_on and self.effective_on and self.expires_on < self.effective_on:
            raise ValidationError({"expires_on": "失效日期不能早于施行日期"})
        if self.expires_on and self.written_on and self.expires_on < self.written_on:
            raise ValidationError(
                {"expires_on": "失效日期不能早于成文日期：文件不能在形成之前失效"}
            )

    def _check_dates(self):
        """成文日期 is the day the document was made, so not after today (a future one would
        also move the 第二十六条 publish-by date); it takes effect no earlier than it is made."""
        errors, today = {}, timezone.localdate()
        if self.written_on and self.written_on > today:
            errors["written_on"] = f"成文日期不能晚于今天（{cn_date(today)}），请核对"
        elif self.written_on and self.effective_on and self.effective_on < self.written_on:
            errors["effective_on"] = f"施行日期不能早于成文日期（{cn_date(self.written_on)}）"
        if errors:
            raise ValidationError(errors)

    def _normalise(self):
        self.title, self.doc_no = clean_line(self.title), clean_line(self.doc_no)
        self.body = clean_html(self.body)
        self.body_text = body_text(self.body)
        if self.kind in REGULATORY_KINDS and not self.validity:
            self.validity = Validity.CURRENT
        elif self.kind not in REGULATORY_KINDS:
            self.validity, self.replaced_by = "", None
        if self.attribute == Attribute.PROACTIVE:
            self.attribute_reason = ""

    @property
    def category_numeral(self) -> str:
        return CATEGORY_NUMERALS.get(self.category, "")

    @property
    def is_regulatory(self) -> bool:
        return self.kind in REGULATORY_KINDS

    @property
    def is_published(self) -> bool:
        return self.status == DocumentStatus.PUBLISHED

    @property
    def is_on_portal(self) -> bool:
        """What PublicManager lets the portal read, for one loaded document."""
        return (
            self.is_published
            and self.attribute == Attribute.PROACTIVE
            and self.published_at is not None
        )

    @property
    def replacement_on_portal(self) -> Document | None:
        """The document that replaced this one, if the portal shows it; a replacement withdrawn
        since is named as gone, never linked (its page is a 404)."""
        replacement = self.replaced_by if self.replaced_by_id else None
        return replacement if replacement is not None and replacement.is_on_portal else None

    @property
    def needs_interpretation(self) -> bool:
        """三同步 (item 13): a 规章 or 行政规范性文件 is published with its interpretation
        (穗府办函〔2017〕313号 第二条 同步审签; 第三条(一) names 政府规章 and 行政规范性文件;
        participation.md §12.1–12.2). Only an interpretation that went through its own 三审
        counts (a draft nobody reviewed is no interpretation at all): one waiting for this
        document (APPROVED) is published with it, one already out stays."""
        return (
            self.kind in (Kind.NORMATIVE, Kind.RULE)
            and not self.interpretations.filter(
                status__in=[DocumentStatus.APPROVED, DocumentStatus.PUBLISHED]
            ).exists()
        )

    @property
    def waits_for_original(self) -> bool:
        """A 解读 whose 原文 is not published: its 三审 signs it off, it goes out with the 原文."""
        return (
            self.kind == Kind.INTERPRETATION
            and self.interprets_id is not None
            and self.interprets.status != DocumentStatus.PUBLISHED
        )

    def signing_notes(self, today: dt.date) -> list[str]:
        """What other apps say publishing today will change (document_signing_notes), at 三审."""
        if self.status != DocumentStatus.REVIEW_3:
            return []
        replies = document_signing_notes.send(type(self), document=self, today=today)
        return [text for _, text in replies if text]

    def publish_overdue(self, today: dt.date) -> bool:
        """第二十六条: not out within 20 working days of being formed."""
        if self.publish_due is None:
            return False
        if self.published_at is not None:
            return timezone.localtime(self.published_at).date() > self.publish_due
        return self.status not in (DocumentStatus.WITHDRAWN,) and today > self.publish_due

    def audit_snapshot(self) -> dict:
        return {
            "title": self.title,
            "doc_no": self.doc_no,
            "unit": self.unit.name,
            "written_on": _iso(self.written_on),
            "effective_on": _iso(self.effective_on),
            "expires_on": _iso(self.expires_on),
            "category": self.category,
            "topic": self.topic,
            "kind": self.kind,
            "attribute": self.attribute,
            "attribute_reason": self.attribute_reason,
            "summary": self.summary,
            "body_chars": len(self.body_text),
            "business_related": self.business_related,
            "validity": self.validity,
            "interprets": self.interprets_id,
            "status": self.status,
            "version": self.version,
        }

    # ---- who may do what ------------------------------------------------------------------

    def drafters_include(self, user) -> bool:
        return user.unit_id == self.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD)

    def may_review(self, user) -> bool:
        """Acts at the current stage (approves, returns, edits). At 一审 the unit's head who did
        not write the draft; once a head changed it under review (writer_ids), also whoever
        core.review lets check a head's text (a 签发领导 standing in), since the head may no
        longer approve it (`edited_in_review`)."""
        if self.status == DocumentStatus.REVIEW_1:
            # 一审 is a second pair of eyes: never the drafter's own (core.review).
            return review.may_check(user, self.unit_id, self.author_ids()) or review.may_check(
                user, self.unit_id, self.writer_ids()
            )
        role = STAGE_ROLES.get(self.status)
        return role is not None and user.has_role(role)

    def edited_in_review(self, user) -> bool:
        """Changed the text (or attachments) after its latest 送审: a reviewer does not approve
        his own wording (先审后发, as the Q&A library's writers_of); another person at the
        stage does, or it goes back to the unit."""
        return user.pk in self.writer_ids() - self.author_ids()

    def may_edit(self, user) -> bool:
        """The drafting unit edits its draft; the 一审 and 二审 reviewers may edit at their own
        stage (to take personal data out without sending the whole document back), except a
        text another app composes from its record (`composed_from`). At 三审 the
        签发领导 signs it off or returns it with the change wanted: an edit there would reach
        the portal without 一审 or 二审 ever seeing it."""
        if self.status == DocumentStatus.DRAFT:
            return self.drafters_include(user)
        return (
            self.status in (DocumentStatus.REVIEW_1, DocumentStatus.REVIEW_2)
            and self.may_review(user)
            and not self.composed_from()
        )

    def composed_from(self) -> str:
        """Why reviewers may not edit it, when another app composes its text (document_composed);
        "" for an ordinary document."""
        replies = document_composed.send(type(self), document=self)
        return next((text for _, text in replies if text), "")

    def author_ids(self) -> set[int]:
        """起草人: who wrote the text now under review — its creator, whoever submitted it, and
        whoever changed it (text or attachments) before its latest submission."""
        return authors_of([self])[self.pk]

    def writer_ids(self) -> set[int]:
        """author_ids and the reviewers who changed it since its latest submission."""
        return authors_of([self], with_review_edits=True)[self.pk]

    def may_withdraw(self, user) -> bool:
        return self.status == DocumentStatus.PUBLISHED and user.has_role(Role.PRESS_OFFICE)

    def may_set_validity(self, user) -> bool:
        return (
            self.is_regulatory
            and self.status == DocumentStatus.PUBLISHED
            and (self.drafters_include(user) or user.has_role(Role.PRESS_OFFICE))
        )

    # ---- verbs ----------------------------------------------------------------------------

    @classmethod
    @transaction.atomic
    def create_draft(cls, *, by, unit=None, **fields) -> Document:
        """起草: a draft of the author's unit (or the given one, for bureau-wide roles)."""
        unit = unit or by.unit
        document = cls(created_by=by, unit=unit, **fields)
        if not (document.drafters_include(by) or by.has_role(Role.PRESS_OFFICE)):
            raise DomainError("只有本单位的经办人或负责人可以起草")
        document.full_clean(exclude=["created_by", "publish_due"])
        document.save()
        audit.record(by, "document.create", document, after=document.audit_snapshot())
        return document

    @transaction.atomic
    def edit(self, *, by, version: int, **fields) -> None:
        """修改, with optimistic locking: `version` is the one the editor's form was opened on.
        A stale save changes nothing and says so; the editor's text stays in the form."""
        self._lock()
        if not self.may_edit(by):
            raise DomainError(f"当前状态为“{self.get_status_display()}”，您不能修改此文件")
        if int(version) != self.version:
            raise StaleEdit(
                "保存失败：在您编辑期间，该文件已被他人修改或已进入下一环节"
                f"（当前为第{self.version}版）。您填写的内容仍保留在表单中，"
                "请对照最新版本后重新提交。"
            )
        if self.status == DocumentStatus.REVIEW_2:
            self._check_confidentiality_edit(fields)
        before = self.audit_snapshot()
        for name, value in fields.items():
            setattr(self, name, value)
        self.full_clean(exclude=["created_by", "publish_due"])
        self._bump()
        changed_before, changed_after = audit.changed_fields(before, self.audit_snapshot())
        audit.record(by, "document.edit", self, before=changed_before, after=changed_after)
        self._tell_other_reviewers(by)

    # What the 保密审查员 may change at 二审: the published text where personal data or a secret
    # can sit (probe 7 N4). 文号, 类别, dates and the rest are the unit's: returned, not rewritten.
    CONFIDENTIALITY_EDITS = ("title", "summary", "body")

    def _check_confidentiality_edit(self, fields: dict) -> None:
        others = [
            self._meta.get_field(name).verbose_name
            for name, value in fields.items()
            if name not in self.CONFIDENTIALITY_EDITS and getattr(self, name) != value
        ]
        if others:
            raise DomainError(
                f"二审（保密审查）只能修改名称、内容概述和正文（删去个人信息或涉密内容）；"
                f"{'、'.join(others)}请退回起草单位修改"
            )

    def _tell_other_reviewers(self, by) -> None:
        """A reviewer changed the text at his stage: who else may approve it is told it waits."""
        from gongkai.core.models import User

        if self.status == DocumentStatus.REVIEW_1:
            people = [p for p in review.checkers(self.unit_id, self.writer_ids()) if p != by]
        elif self.status == DocumentStatus.REVIEW_2:
            people = User.objects.filter(
                is_active=True, groups__name=Role.CONFIDENTIALITY_REVIEWER
            ).exclude(pk=by.pk)
        else:
            return
        for person in people:
            notify(
                user=person,
                key=f"document.review_edit:{self.pk}:{self.version}",
                text=f"《{self.title}》在{self.get_status_display()}中被{by}修改，待您审核",
                link=self.get_staff_url(),
            )

    @transaction.atomic
    def add_attachment(self, *, by, upload) -> Attachment:
        self._lock()
        if not self.may_edit(by):
            raise DomainError("当前状态下不能上传附件")
        attachment = Attachment.from_upload(self, upload)
        self._bump()
        audit.record(
            by, "document.attach", self, file=attachment.original_name, sha256=attachment.sha256
        )
        return attachment

    @transaction.atomic
    def remove_attachment(self, *, by, attachment: Attachment) -> None:
        self._lock()
        if not self.may_edit(by) or attachment.document_id != self.pk:
            raise DomainError("当前状态下不能删除附件")
        name = attachment.original_name
        attachment.file.delete(save=False)
        attachment.delete()
        self._bump()
        audit.record(by, "document.detach", self, file=name)

    @transaction.atomic
    def submit(self, *, by, comment: str = "", at: dt.datetime | None = None) -> None:
        """送审: the drafting unit sends its draft to its 处室负责人 (一审); a draft its head
        wrote to the unit's other heads and the 签发领导 too, who are told of it."""
        self._lock()
        if not self.drafters_include(by):
            raise DomainError("只有本单位的经办人或负责人可以提交审核")
        if self.attribute != Attribute.PROACTIVE:
            raise DomainError("依申请公开或不予公开的信息不在网站发布，无需提交发布审核")
        if not self.body_text.strip() and not self.attachments.exists():
            raise DomainError("正文和附件不能都为空")
        document_sending.send(type(self), document=self, publishing_at=None)
        self._move("submit", by, comment=comment, at=at)
        writers = self.author_ids()
        if review.written_by_head(self.unit_id, writers):
            for person in review.checkers(self.unit_id, writers):
                notify(
                    user=person,
                    key=f"document.submit:{self.pk}:{self.version}",
                    text=f"《{self.title}》由处室负责人起草，待一审",
                    link=self.get_staff_url(),
                )

    @transaction.atomic
    def approve(
        self,
        *,
        by,
        comment: str = "",
        waiver: str = "",
        at: dt.datetime | None = None,
        seen: str | None = None,
    ) -> None:
        """审核通过 at the current stage. The third approval publishes: index number, 发布日期,
        search index. Every personal-data hit must be resolved or accepted at this stage.
        `seen`: the 第N版 the reviewer's page showed (the staff form sends it).

        A 解读 whose 原文 is not yet published is signed off but not published: it waits
        (APPROVED) and goes out in the transaction that publishes the 原文 (三同步,
        participation.md §12.1, `max_lag_wd = 0`); one whose 原文 was withdrawn is refused."""
        original = self._lock_original()  # the 原文 first, as its own approval locks it
        self._lock()
        self.check_seen(seen)
        stage = self.status
        self._check_reviewer(by, "approve")
        waits = False
        if stage == DocumentStatus.REVIEW_3 and original is not None:
            if original.status == DocumentStatus.WITHDRAWN:
                raise DomainError(
                    f"所解读的《{original.title}》已撤回，解读不能发布：请退回起草单位"
                )
            waits = original.status != DocumentStatus.PUBLISHED
        unresolved = self.unresolved_hits()
        if unresolved:
            listed = "、".join(f"{h.label}{h.masked}" for h in unresolved[:5])
            raise DomainError(
                f"个人信息扫描还有{len(unresolved)}处未处理（{listed}）：请在正文或附件中删除，"
                "或逐项说明理由后确认可以公开"
            )
        if stage == DocumentStatus.REVIEW_3 and self.needs_interpretation:
            waiver = (waiver or "").strip()
            if not waiver:
                raise DomainError(
                    f"该{self.get_kind_display()}还没有审定的政策解读：请先将解读送审并通过三审"
                    "（三同步：同步审签，解读随文件同时发布），或填写不同步解读的理由",
                    field="waiver",
                )
            weak = waiver_weakness(waiver)
            if weak:
                raise DomainError(weak, field="waiver")
            self.interpretation_waiver = waiver
            audit.record(by, "document.waive_interpretation", self, reason=waiver)
        if TRANSITIONS["approve"][stage] == DocumentStatus.PUBLISHED and not waits:
            self._set_published(at or timezone.now())
        self._move(
            "approve", by, comment=comment, at=at, target=DocumentStatus.APPROVED if waits else None
        )
        if self.status == DocumentStatus.PUBLISHED:
            self._published(by)
            self._publish_waiting_interpretations(by)

    def _set_published(self, publishing_at) -> None:
        document_sending.send(type(self), document=self, publishing_at=publishing_at)
        self.published_at = publishing_at
        self.publisher = publisher_name(self.unit)
        self.index_no = IndexCounter.next_index_number(timezone.localtime(publishing_at).date())

    def _lock_original(self) -> Document | None:
        """The 原文 of a 解读, locked (its status decides whether the 解读 may go out)."""
        if self.kind != Kind.INTERPRETATION:
            return None
        original_id = type(self).objects.values_list("interprets_id", flat=True).get(pk=self.pk)
        if original_id is None:
            return None
        return type(self).objects.select_for_update().only("title", "status").get(pk=original_id)

    def _waiting_interpretations(self):
        """The 解读 signed off and waiting for this document (审定待发布), locked in a fixed
        order: they go out with it (approve) or back with it (return_)."""
        waiting = self.interpretations.select_for_update().filter(status=DocumentStatus.APPROVED)
        return waiting.order_by("pk")

    def _publish_waiting_interpretations(self, by) -> None:
        """The 解读 signed off while this document was in review go out with it, at the same
        moment, each with its own 索引号 and audit entry (三同步, 双向关联)."""
        for interpretation in self._waiting_interpretations():
            interpretation._set_published(self.published_at)
            interpretation.status = DocumentStatus.PUBLISHED
            interpretation._bump()
            interpretation._published(
                by,
                before={"status": DocumentStatus.APPROVED},
                after={"status": DocumentStatus.PUBLISHED},
                with_original=self.pk,
                comment=f"随所解读的《{self.title}》同时发布",
            )

    @transaction.atomic
    def return_(
        self, *, by, comment: str, at: dt.datetime | None = None, seen: str | None = None
    ) -> None:
        """退回修改: back to the drafting unit as a draft, with the reason. A 解读 signed off and
        waiting for this document goes back with it: it was signed with the text now being
        changed, so it is signed again with the new one (三同步：同步审签)."""
        self._lock()
        self.check_seen(seen)
        if not (comment or "").strip():
            raise DomainError("退回时必须填写退回意见")
        self._check_reviewer(by, "return")
        self._move("return", by, comment=comment.strip(), at=at)
        self._notify_drafters(f"《{self.title}》被退回修改：{comment.strip()}。请修改后重新提交。")
        for interpretation in self._waiting_interpretations():
            why = f"所解读的《{self.title}》已退回修改（{comment.strip()}），解读须随原文重新审签"
            interpretation._move("return", by, comment=why, at=at)
            interpretation._notify_drafters(f"《{interpretation.title}》被退回：{why}。")

    @transaction.atomic
    def withdraw(self, *, by, reason: str, withdrawal: str = Withdrawal.HIDDEN) -> None:
        """撤回: the press office takes a published item off the portal; its 索引号 is kept.
        `withdrawal` is their choice: hidden for good (the default), or 更正 — the version comes
        back marked 已被更正 once a correction of it is published.

        Its published 解读 go with it: a 解读 exists for its 原文 (谁起草、谁解读; the two link
        both ways, participation.md §12.1), and one left up would explain a policy no longer
        published, linked to nothing. Whatever other apps stop because of it (Q&A entries
        citing it, returned by the document_withdrawn receivers) is told to its writers."""
        self._lock()
        if not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("只有政务公开管理员（新闻处）可以撤回已发布信息")
        if not (reason or "").strip():
            raise DomainError("撤回时必须填写理由")
        if withdrawal not in Withdrawal.values:
            raise DomainError("请选择撤回方式：更正或撤回不再公开")
        self.withdrawn_at, self.withdrawn_reason = timezone.now(), reason.strip()
        self.withdrawal = withdrawal
        self._move("withdraw", by, comment=reason.strip(), withdrawal=withdrawal)
        replies = document_withdrawn.send(type(self), document=self)
        self._tell_writers_of_stopped(replies, reason.strip())
        for interpretation in self.interpretations.filter(status=DocumentStatus.PUBLISHED):
            interpretation.withdraw(
                by=by, reason=f"所解读的《{self.title}》已撤回：{reason.strip()}"
            )

    def _tell_writers_of_stopped(self, replies, reason: str) -> None:
        """Notify who wrote each record a receiver stopped (a Q&A entry citing this document):
        its creator and submitter, so they can redraft it on another source."""
        for _, stopped in replies:
            for record in stopped or []:
                people = {
                    getattr(record, name, None) for name in ("created_by", "submitted_by")
                } - {None}
                link = record.get_staff_url() if hasattr(record, "get_staff_url") else ""
                for person in people:
                    if not person.is_active:
                        continue
                    notify(
                        user=person,
                        key=f"document.withdraw:{self.pk}:{record._meta.label_lower}:{record.pk}",
                        text=f"《{self.title}》已撤回（{reason}），依据它的“{record}”已自动撤下，"
                        "请更换依据后重新起草",
                        link=link,
                    )

    @transaction.atomic
    def accept_hit(self, *, by, key: str, reason: str) -> ScanDecision:
        """确认可以公开 one personal-data hit at the current stage (e.g. a public service phone)."""
        self._lock()
        self._check_reviewer(by, "approve")
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("确认可以公开时必须说明理由")
        hit = next((h for h in self.scan() if h.key == key), None)
        if hit is None:
            raise DomainError("该项已不在扫描结果中（可能已被修改删除）")
        decision, _ = ScanDecision.objects.update_or_create(
            document=self,
            stage=self.status,
            key=key,
            defaults={
                "kind": hit.kind,
                "masked": hit.masked,
                "reason": reason,
                "decided_by": by,
                "decided_at": timezone.now(),
            },
        )
        audit.record(
            by,
            "document.accept_hit",
            self,
            stage=self.status,
            kind=hit.kind,
            masked=hit.masked,
            reason=reason,
        )
        return decision

    @transaction.atomic
    def set_validity(
        self,
        *,
        by,
        validity: str,
        replaced_by: Document | None = None,
        note: str = "",
        on: dt.date | None = None,
    ) -> None:
        """有效性: 现行有效 / 已修订 / 已废止 / 失效, with the version that replaces it.

        A document that stops being in force gets its 失效日期: `on` (the day it was repealed or
        replaced; today by default), unless its own 有效期 already ended it earlier. Back to
        现行有效, an end date in the past is cleared; a future 有效期 stays."""
        self._lock()
        if not self.may_set_validity(by):
            raise DomainError("只有发文单位或政务公开管理员可以变更已发布规章、规范性文件的有效性")
        if validity not in Validity.values:
            raise DomainError("有效性取值不正确")
        if replaced_by is not None and (replaced_by.pk == self.pk or not replaced_by.is_regulatory):
            raise DomainError("替代文件应为另一件规章或行政规范性文件")
        today = timezone.localdate()
        expires_on = self.expires_on
        if validity == Validity.CURRENT:
            replaced_by = None
            if expires_on is not None and expires_on <= today:
                expires_on = None
        elif replaced_by is not None and not (
            Document.public.select_for_update().filter(pk=replaced_by.pk).exists()
        ):  # locked: not withdrawn between the form and this save
            raise DomainError(
                f"替代文件《{replaced_by.title}》未在门户网站公开（已撤回或尚未发布），"
                "不能作为替代文件"
            )
        else:
            on = on or today
            earliest = max(self.written_on, self.effective_on or self.written_on)
            if on < earliest:
                raise DomainError(f"失效日期不能早于成文日期或施行日期（{earliest:%Y-%m-%d}）")
            if expires_on is None or expires_on > on:
                expires_on = on
        before = {
            "validity": self.validity,
            "replaced_by": self.replaced_by_id,
            "expires_on": _iso(self.expires_on),
        }
        self.validity, self.replaced_by, self.expires_on = validity, replaced_by, expires_on
        self._bump()
        audit.record(
            by,
            "document.set_validity",
            self,
            before=before,
            after={
                "validity": validity,
                "replaced_by": self.replaced_by_id,
                "expires_on": _iso(expires_on),
            },
            note=note,
        )

    # ---- the personal-data scan -----------------------------------------------------------

    def scan(self):
        from gongkai.publications.scanning import scan_document

        return scan_document(self)

    @property
    def scan_stage(self) -> str:
        """Whose scan decisions the page shows: a waiting 解读's are those of its 三审."""
        return DocumentStatus.REVIEW_3 if self.status == DocumentStatus.APPROVED else self.status

    def unresolved_hits(self, stage: str | None = None):
        stage = stage or self.status
        accepted = set(self.scan_decisions.filter(stage=stage).values_list("key", flat=True))
        return [hit for hit in self.scan() if hit.key not in accepted]

    # ---- internals ------------------------------------------------------------------------

    def _lock(self) -> None:
        """Re-read state and version under a row lock: two reviewers, one wins."""
        row = type(self).objects.select_for_update().values("status", "version").get(pk=self.pk)
        self.status, self.version = row["status"], row["version"]

    def seen_token(self) -> int:
        """What a review page showed: the 第N版 (a tab left open while the document was
        returned, edited and sent again would approve text its reviewer never read, 先审后发)."""
        return self.version

    def seen_changed(self, seen: str) -> str:
        return f"此页面显示的是第{seen}版，文件已更新为第{self.version}版，请刷新后重新审核。"

    def _bump(self) -> None:
        self.version += 1
        self.updated_at = timezone.now()
        self.save()

    def _check_reviewer(self, by, verb: str) -> None:
        if self.status not in REVIEW_STAGES:
            raise DomainError(f"当前状态为“{self.get_status_display()}”，不能{VERB_LABELS[verb]}")
        if not self.may_review(by):
            if (
                self.status == DocumentStatus.REVIEW_1
                and self.drafters_include(by)
                and by.has_role(Role.UNIT_HEAD)
            ):
                raise DomainError("起草、修改或提交该文件的人不能办理一审。" + review.STAND_IN)
            raise DomainError(
                f"{self.get_status_display()}应由{STAGE_ROLES[self.status].label}办理"
            )
        earlier = self.steps.filter(action="approve", actor=by, round=self.round).exclude(
            stage=self.status
        )
        if earlier.exists():
            raise DomainError("同一人不能审核同一文件的两个环节")
        if verb == "approve" and self.edited_in_review(by):
            others = (
                review.STAND_IN
                if self.status == DocumentStatus.REVIEW_1
                else "请由其他保密审查员审核，或退回起草单位"
            )
            raise DomainError(
                "您在审核中修改了该文件，不能审核通过自己修改的内容（先审后发：改动须经另一人审核）。"
                + others
            )

    @property
    def round(self) -> int:
        """Submissions so far: a returned document starts its review afresh."""
        return self.steps.filter(action="submit").count()

    def _move(self, verb: str, by, *, comment: str = "", at=None, target=None, **changed) -> None:
        """`target`: where an approval leads instead of the table's (a 解读 that waits);
        `changed`: other fields the verb set, recorded in the audit entry's `after`."""
        stage = self.status
        target = target or TRANSITIONS[verb].get(stage)
        if target is None:
            raise DomainError(f"当前状态为“{self.get_status_display()}”，不能{VERB_LABELS[verb]}")
        round_ = self.round + (verb == "submit")
        ReviewStep.objects.create(
            document=self,
            stage=stage,
            action=verb,
            actor=by,
            comment=comment,
            at=at or timezone.now(),
            round=round_,
        )
        self.status = target
        self._bump()
        audit.record(
            by,
            f"document.{verb}",
            self,
            before={"status": stage},
            after={"status": target, **changed},
            comment=comment,
        )

    def _notify_drafters(self, text: str) -> None:
        """Tell who must act on a returned draft: its author and whoever submitted it this round."""
        from gongkai.core.models import User

        submitters = self.steps.filter(action="submit", round=self.round).values("actor_id")
        people = User.objects.filter(
            models.Q(pk=self.created_by_id) | models.Q(pk__in=submitters), is_active=True
        )
        for person in people:
            key = f"document.return:{self.pk}:{self.version}"
            notify(user=person, key=key, text=text, link=self.get_staff_url())

    def _published(self, by, **details) -> None:
        audit.record(by, "document.publish", self, index_no=self.index_no, **details)
        document_published.send(type(self), document=self)


# Words that say there is no reason (F7: "无" signed a 规范性文件 out without its 解读).
NO_REASON_WORDS = {"无", "没有", "暂无", "不需要", "无需", "不用", "略", "否", "na", "none"}


def waiver_weakness(waiver: str) -> str:
    """Why a 不同步解读 reason is no reason ("" when it is one): empty words, or fewer than
    INTERPRETATION_WAIVER_MIN_CHARS characters once punctuation and spaces are left out
    (穗府办函〔2017〕313号 第三条(一): 规章 and 规范性文件 are interpreted when published)."""
    import re

    words = re.sub(r"[\W_]+", "", waiver).lower()
    least = settings.INTERPRETATION_WAIVER_MIN_CHARS
    if words in NO_REASON_WORDS or len(words) < least:
        return (
            f"请写明不同步发布解读的具体理由（不少于{least}个字，如“解读材料正在审核，"
            "将于3个工作日内发布”）；“无”“没有”“/”等不能作为理由"
        )
    return ""


def _iso(value):
    return value.isoformat() if value else None


def _publish_due(written_on):
    from gongkai.core.calendar import add_workdays
    from gongkai.lib.workdays import UnknownHolidayYear

    if written_on is None:
        return None
    try:
        return add_workdays(written_on, PUBLISH_WITHIN_WORKDAYS).due
    except UnknownHolidayYear:
        return None


class ReviewStep(models.Model):
    """审核记录 — one act in a document's review: submitted, approved, returned, withdrawn."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审核"
        APPROVE = "approve", "通过"
        RETURN = "return", "退回修改"
        WITHDRAW = "withdraw", "撤回"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField("环节", max_length=20, choices=DocumentStatus.choices)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    round = models.PositiveIntegerField("送审轮次", default=1)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "审核记录"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=["submit", "approve", "return", "withdraw"]),
                name="reviewstep_action_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(action="return") | ~models.Q(comment=""),
                name="reviewstep_return_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.document} {self.get_stage_display()} {self.get_action_display()}"


class ScanDecision(models.Model):
    """A reviewer's "may be published" for one personal-data hit, with the reason. Stores the
    masked text and a keyed hash only, never the number itself."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="scan_decisions")
    stage = models.CharField("环节", max_length=20, choices=DocumentStatus.choices)
    key = models.CharField(max_length=60)
    kind = models.CharField("类型", max_length=20)
    masked = models.CharField("内容（脱敏）", max_length=100)
    reason = models.TextField("理由")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "个人信息扫描确认"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "stage", "key"], name="scan_decision_once_per_stage"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="scan_decision_has_reason"),
        ]

    def __str__(self):
        return f"{self.masked}：{self.reason}"


def attachment_path(instance, filename):
    dot = filename.rfind(".")
    suffix = filename[dot:].lower() if dot > 0 else ""
    return f"publications/{timezone.localdate():%Y/%m}/{instance.sha256[:16]}{suffix}"


class Attachment(models.Model):
    """附件 — a file published with a document; its text is kept for the scan and search."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField(max_length=64)
    text = models.TextField("文本", blank=True, editable=False)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = verbose_name_plural = "附件"

    def __str__(self):
        return self.original_name

    @classmethod
    def from_upload(cls, document: Document, upload) -> Attachment:
        from gongkai.lib.uploads import short_name, sniff_upload

        checked = sniff_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        attachment = cls(
            document=document,
            original_name=short_name(clean_line(upload.name)),
            kind=checked.kind,
            size=checked.size,
            sha256=checked.sha256,
            text=attachment_text(data, upload.name, checked.kind),
        )
        attachment.file.save(upload.name, upload, save=True)
        return attachment


class IndexCounter(models.Model):
    """索引号流水 — the last serial handed out in one period (a year, or a month). Serials only
    go up: a withdrawn document keeps its number and nobody else ever gets it."""

    period = models.CharField("周期", max_length=20, unique=True)
    last = models.PositiveIntegerField("已用流水号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "索引号流水"

    def __str__(self):
        return f"{self.period or '不分期'}：{self.last}"

    @classmethod
    def take(cls, period: str) -> int:
        """The next serial of `period`; the row lock makes concurrent publishers queue."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("IndexCounter.take must run inside a transaction")
        counter, _ = cls.objects.select_for_update().get_or_create(period=period)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last

    @classmethod
    def next_index_number(cls, on: dt.date) -> str:
        from gongkai.lib.codes import format_index_number, period_key

        pattern = settings.INDEX_NUMBER_PATTERN
        period = period_key(pattern, on)
        for _ in range(10000):  # skip numbers taken by hand-entered or imported records
            number = format_index_number(
                pattern, org_id=settings.AGENCY_ORG_ID, on=on, seq=cls.take(period)
            )
            if not Document.objects.filter(index_no=number).exists():
                return number
        raise DomainError("索引号流水号已用尽，请检查索引号格式设置")


# What counts as writing a document's text (author_ids).
_WRITES = ("document.submit", "document.edit", "document.attach", "document.detach")


def authors_of(documents, *, with_review_edits: bool = False) -> dict[int, set[int]]:
    """Document.author_ids for several documents, in one read of the audit log (with
    `with_review_edits`, Document.writer_ids)."""
    return authors_and_writers(documents)[1 if with_review_edits else 0]


def authors_and_writers(documents) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """(author_ids, writer_ids) of several documents from one read of the audit log."""
    log = (
        AuditEntry.objects.filter(
            target_type=Document._meta.label_lower,
            target_id__in=[str(d.pk) for d in documents],
            actor__isnull=False,
            action__in=_WRITES,
        )
        .order_by("pk")
        .values_list("target_id", "action", "actor_id")
    )
    writes = {d.pk: [] for d in documents}
    for target_id, action, actor_id in log:
        writes[int(target_id)].append((action, actor_id))
    authors, writers = {}, {}
    for document in documents:
        entries = writes[document.pk]
        submits = [i for i, (action, _) in enumerate(entries) if action == "document.submit"]
        # Writes up to the latest submission (a later edit is a reviewer's, after it was sent).
        upto = entries[: submits[-1] + 1] if submits else []
        authors[document.pk] = {document.created_by_id, *(actor for _, actor in upto)}
        writers[document.pk] = {document.created_by_id, *(actor for _, actor in entries)}
    return authors, writers
