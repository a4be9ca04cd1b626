"""Proactive disclosure (主动公开): documents, their three-step review, index numbers, validity
of normative documents and the yearly clean-up campaign."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry, Unit
from gongkai.core.roles import Role
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
        "document.waive_interpretation": "规范性文件不同步解读（说明理由）",
        "document.set_validity": "变更文件有效性",
        "cleanup.start": "启动年度文件清理",
        "cleanup.confirm": "清理：确认有效性",
        "cleanup.change": "清理：变更有效性",
    }
)


class StaleEdit(DomainError):
    """Someone saved the document after this edit form was opened."""


class Category(models.TextChoices):
    """条例第二十条 — the 15 categories every agency must disclose proactively (rules.md §1.1)."""

    REGULATIONS_NORMATIVE_DOCS = "regulations_normative_docs", "行政法规、规章和规范性文件"
    ORG_INFO = "org_info", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    PLANS = "plans", "国民经济和社会发展规划、专项规划、区域规划及相关政策"
    STATISTICS = "statistics", "国民经济和社会发展统计信息"
    LICENSING_SERVICES = (
        "licensing_services",
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    )
    PENALTY_COERCION = (
        "penalty_coercion",
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    )
    BUDGET_FINAL_ACCOUNTS = "budget_final_accounts", "财政预算、决算信息"
    ADMIN_FEES = "admin_fees", "行政事业性收费项目及其依据、标准"
    CENTRAL_PROCUREMENT = "central_procurement", "政府集中采购项目的目录、标准及实施情况"
    MAJOR_PROJECTS = "major_projects", "重大建设项目的批准和实施情况"
    LIVELIHOOD_POLICIES = (
        "livelihood_policies",
        "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    )
    EMERGENCIES = "emergencies", "突发公共事件的应急预案、预警信息及应对情况"
    SUPERVISION_INSPECTIONS = (
        "supervision_inspections",
        "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    )
    CIVIL_SERVANT_RECRUITMENT = (
        "civil_servant_recruitment",
        "公务员招考的职位、名额、报考条件等事项以及录用结果",
    )
    OTHER_MANDATED = (
        "other_mandated",
        "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
    )


CATEGORY_NUMERALS = dict(
    zip(
        Category.values,
        "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五".split(),
        strict=True,
    )
)


class Kind(models.TextChoices):
    GENERAL = "general", "普通文件"
    NORMATIVE = "normative", "行政规范性文件"
    RULE = "rule", "规章"
    INTERPRETATION = "interpretation", "政策解读"
    NOTICE = "notice", "通知公告"


REGULATORY_KINDS = (Kind.NORMATIVE, Kind.RULE)


class Attribute(models.TextChoices):
    """公开属性 (rules.md §4.3): exactly one per document; a reason unless 主动公开."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"


class Validity(models.TextChoices):
    CURRENT = "current", "现行有效"
    AMENDED = "amended", "已修订"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "失效"


# No longer in force: the document's 失效日期 (`expires_on`) then says since when (table 二's
# 本年废止件数 and 现行有效件数 are counted from that one date).
ENDED_VALIDITIES = (Validity.AMENDED, Validity.REPEALED, Validity.EXPIRED)


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEW_1 = "review_1", "一审（处室负责人）"
    REVIEW_2 = "review_2", "二审（保密审查）"
    REVIEW_3 = "review_3", "三审（签发领导）"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


REVIEW_STAGES = (Status.REVIEW_1, Status.REVIEW_2, Status.REVIEW_3)
# Who may act at each review stage; 一审 only within the drafting unit.
STAGE_ROLES = {
    Status.REVIEW_1: Role.UNIT_HEAD,
    Status.REVIEW_2: Role.CONFIDENTIALITY_REVIEWER,
    Status.REVIEW_3: Role.LEADER,
}
# 三审三校, 先审后发: the only ways a document moves.
# Nothing reaches PUBLISHED but the third approval.
TRANSITIONS = {
    "submit": {Status.DRAFT: Status.REVIEW_1},
    "approve": {
        Status.REVIEW_1: Status.REVIEW_2,
        Status.REVIEW_2: Status.REVIEW_3,
        Status.REVIEW_3: Status.PUBLISHED,
    },
    "return": {stage: Status.DRAFT for stage in REVIEW_STAGES},
    "withdraw": {Status.PUBLISHED: Status.WITHDRAWN},
}
VERB_LABELS = {"submit": "提交审核", "approve": "审核通过", "return": "退回", "withdraw": "撤回"}
PUBLISH_WITHIN_WORKDAYS = 20  # 条例第二十六条


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class PublicManager(models.Manager):
    """The only way the portal reads documents: published, proactive, not withdrawn.

    Its base queryset carries the filter, so no later `.filter()` or `.get(pk=…)` can reach a
    draft, a returned or a withdrawn document."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(
                status=Status.PUBLISHED, attribute=Attribute.PROACTIVE, published_at__isnull=False
            )
        )


class Document(models.Model):
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
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_waiver = models.TextField("不同步解读的理由", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    index_no = models.CharField("索引号", max_length=80, null=True, blank=True, unique=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("修改时间", default=timezone.now)

    objects = DocumentQuerySet.as_manager()
    public = PublicManager()

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
                condition=models.Q(status=Status.REVIEW_1)
                | models.Q(status=Status.REVIEW_2)
                | models.Q(status=Status.REVIEW_3),
                name="document_in_review",
            ),
            models.Index(
                fields=["category", "-published_at"],
                condition=models.Q(
                    status=Status.PUBLISHED,
                    attribute=Attribute.PROACTIVE,
                    published_at__isnull=False,
                ),
                name="document_public_category",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="document_status_valid"
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
                condition=~models.Q(status__in=[Status.PUBLISHED, Status.WITHDRAWN])
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
        if self.expires_on and self.effective_on and self.expires_on < self.effective_on:
            raise ValidationError({"expires_on": "失效日期不能早于施行日期"})
        if self.expires_on and self.written_on and self.expires_on < self.written_on:
            raise ValidationError(
                {"expires_on": "失效日期不能早于成文日期：文件不能在形成之前失效"}
            )

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
        return self.status == Status.PUBLISHED

    @property
    def needs_interpretation(self) -> bool:
        """三同步 (item 13): a 行政规范性文件 is published with its interpretation."""
        return (
            self.kind == Kind.NORMATIVE
            and not self.interpretations.exclude(status=Status.WITHDRAWN).exists()
        )

    def publish_overdue(self, today: dt.date) -> bool:
        """第二十六条: not out within 20 working days of being formed."""
        if self.publish_due is None:
            return False
        if self.published_at is not None:
            return timezone.localtime(self.published_at).date() > self.publish_due
        return self.status not in (Status.WITHDRAWN,) and today > self.publish_due

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
        role = STAGE_ROLES.get(self.status)
        if role is None or not user.has_role(role):
            return False
        if self.status != Status.REVIEW_1:
            return True
        # 一审 is a second pair of eyes: never the drafter's own.
        return user.unit_id == self.unit_id and user.pk not in self.author_ids()

    def may_edit(self, user) -> bool:
        """The drafting unit edits its draft; the 一审 and 二审 reviewers may edit at their own
        stage (to take personal data out without sending the whole document back). At 三审 the
        签发领导 signs it off or returns it with the change wanted: an edit there would reach
        the portal without 一审 or 二审 ever seeing it."""
        if self.status == Status.DRAFT:
            return self.drafters_include(user)
        return self.status in (Status.REVIEW_1, Status.REVIEW_2) and self.may_review(user)

    def author_ids(self) -> set[int]:
        """起草人: who wrote the text now under review — its creator, whoever submitted it, and
        whoever changed it (text or attachments) before its latest submission."""
        log = AuditEntry.objects.filter(
            target_type=self._meta.label_lower, target_id=str(self.pk), actor__isnull=False
        ).order_by()
        last_submit = log.filter(action="document.submit").aggregate(pk=models.Max("pk"))["pk"]
        authors = {self.created_by_id}
        if last_submit is not None:
            writes = log.filter(
                action__in=[
                    "document.submit",
                    "document.edit",
                    "document.attach",
                    "document.detach",
                ],
                pk__lte=last_submit,
            )
            authors.update(writes.values_list("actor_id", flat=True))
        return authors

    def may_withdraw(self, user) -> bool:
        return self.status == Status.PUBLISHED and user.has_role(Role.PRESS_OFFICE)

    def may_set_validity(self, user) -> bool:
        return (
            self.is_regulatory
            and self.status == Status.PUBLISHED
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
        before = self.audit_snapshot()
        for name, value in fields.items():
            setattr(self, name, value)
        self.full_clean(exclude=["created_by", "publish_due"])
        self._bump()
        changed_before, changed_after = audit.changed_fields(before, self.audit_snapshot())
        audit.record(by, "document.edit", self, before=changed_before, after=changed_after)

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
        """送审: the drafting unit sends its draft to its 处室负责人 (一审)."""
        self._lock()
        if not self.drafters_include(by):
            raise DomainError("只有本单位的经办人或负责人可以提交审核")
        if self.attribute != Attribute.PROACTIVE:
            raise DomainError("依申请公开或不予公开的信息不在网站发布，无需提交发布审核")
        if not self.body_text.strip() and not self.attachments.exists():
            raise DomainError("正文和附件不能都为空")
        self._move("submit", by, comment=comment, at=at)

    @transaction.atomic
    def approve(
        self, *, by, comment: str = "", waiver: str = "", at: dt.datetime | None = None
    ) -> None:
        """审核通过 at the current stage. The third approval publishes: index number, 发布日期,
        search index. Every personal-data hit must be resolved or accepted at this stage."""
        self._lock()
        stage = self.status
        self._check_reviewer(by, "approve")
        unresolved = self.unresolved_hits()
        if unresolved:
            listed = "、".join(f"{h.label}{h.masked}" for h in unresolved[:5])
            raise DomainError(
                f"个人信息扫描还有{len(unresolved)}处未处理（{listed}）：请在正文或附件中删除，"
                "或逐项说明理由后确认可以公开"
            )
        if stage == Status.REVIEW_3 and self.needs_interpretation:
            waiver = (waiver or "").strip()
            if not waiver:
                raise DomainError(
                    "该行政规范性文件尚未关联政策解读：请先起草解读（三同步），"
                    "或填写不同步解读的理由"
                )
            self.interpretation_waiver = waiver
            audit.record(by, "document.waive_interpretation", self, reason=waiver)
        if TRANSITIONS["approve"][stage] == Status.PUBLISHED:
            self.published_at = at or timezone.now()
            self.index_no = IndexCounter.next_index_number(
                timezone.localtime(self.published_at).date()
            )
        self._move("approve", by, comment=comment, at=at)
        if self.status == Status.PUBLISHED:
            self._published(by)

    @transaction.atomic
    def return_(self, *, by, comment: str, at: dt.datetime | None = None) -> None:
        """退回修改: back to the drafting unit as a draft, with the reason."""
        self._lock()
        if not (comment or "").strip():
            raise DomainError("退回时必须填写退回意见")
        self._check_reviewer(by, "return")
        self._move("return", by, comment=comment.strip(), at=at)
        self._notify_drafters(f"《{self.title}》被退回修改：{comment.strip()}。请修改后重新提交。")

    @transaction.atomic
    def withdraw(self, *, by, reason: str) -> None:
        """撤回: the press office takes a published item off the portal; its 索引号 is kept."""
        from gongkai.publications import search

        self._lock()
        if not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("只有政务公开管理员（新闻处）可以撤回已发布信息")
        if not (reason or "").strip():
            raise DomainError("撤回时必须填写理由")
        self.withdrawn_at, self.withdrawn_reason = timezone.now(), reason.strip()
        self._move("withdraw", by, comment=reason.strip())
        search.unindex(self.pk)

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

    def unresolved_hits(self, stage: str | None = None):
        stage = stage or self.status
        accepted = set(self.scan_decisions.filter(stage=stage).values_list("key", flat=True))
        return [hit for hit in self.scan() if hit.key not in accepted]

    # ---- internals ------------------------------------------------------------------------

    def _lock(self) -> None:
        """Re-read state and version under a row lock: two reviewers, one wins."""
        row = type(self).objects.select_for_update().values("status", "version").get(pk=self.pk)
        self.status, self.version = row["status"], row["version"]

    def _bump(self) -> None:
        self.version += 1
        self.updated_at = timezone.now()
        self.save()

    def _check_reviewer(self, by, verb: str) -> None:
        if self.status not in REVIEW_STAGES:
            raise DomainError(f"当前状态为“{self.get_status_display()}”，不能{VERB_LABELS[verb]}")
        if not self.may_review(by):
            if (
                self.status == Status.REVIEW_1
                and self.drafters_include(by)
                and by.has_role(Role.UNIT_HEAD)
            ):
                raise DomainError(
                    "起草、修改或提交该文件的人不能办理一审，请由本单位另一位负责人审核"
                )
            raise DomainError(
                f"{self.get_status_display()}应由{STAGE_ROLES[self.status].label}办理"
            )
        earlier = self.steps.filter(action="approve", actor=by, round=self.round).exclude(
            stage=self.status
        )
        if earlier.exists():
            raise DomainError("同一人不能审核同一文件的两个环节")

    @property
    def round(self) -> int:
        """Submissions so far: a returned document starts its review afresh."""
        return self.steps.filter(action="submit").count()

    def _move(self, verb: str, by, *, comment: str = "", at=None) -> None:
        stage = self.status
        target = TRANSITIONS[verb].get(stage)
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
            after={"status": target},
            comment=comment,
        )

    def _notify_drafters(self, text: str) -> None:
        """Tell who must act on a returned draft: its author and whoever submitted it this round."""
        from gongkai.core.models import User
        from gongkai.core.notifications import notify

        submitters = self.steps.filter(action="submit", round=self.round).values("actor_id")
        people = User.objects.filter(
            models.Q(pk=self.created_by_id) | models.Q(pk__in=submitters), is_active=True
        )
        for person in people:
            key = f"document.return:{self.pk}:{self.version}"
            notify(user=person, key=key, text=text, link=self.get_staff_url())

    def _published(self, by) -> None:
        from gongkai.publications import search

        audit.record(by, "document.publish", self, index_no=self.index_no)
        search.index(self)


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
    stage = models.CharField("环节", max_length=20, choices=Status.choices)
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
    stage = models.CharField("环节", max_length=20, choices=Status.choices)
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
        from gongkai.lib.uploads import sniff_upload

        checked = sniff_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        attachment = cls(
            document=document,
            original_name=clean_line(upload.name)[:200],
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


class CleanupCampaign(models.Model):
    """年度规章、规范性文件清理 (item 12): every published 规章/行政规范性文件 is confirmed or
    changed by its issuing unit."""

    year = models.PositiveIntegerField("年度", unique=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField("启动时间", default=timezone.now)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度文件清理"

    def __str__(self):
        return f"{self.year}年规章和行政规范性文件清理"

    @classmethod
    @transaction.atomic
    def start(cls, *, by, year: int) -> CleanupCampaign:
        if not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("只有政务公开管理员可以启动年度清理")
        if cls.objects.filter(year=year).exists():
            raise DomainError(f"{year}年的清理已经启动")
        campaign = cls.objects.create(year=year, started_by=by)
        documents = Document.objects.published().filter(
            kind__in=REGULATORY_KINDS, published_at__year__lte=year
        )
        CleanupItem.objects.bulk_create(
            CleanupItem(
                campaign=campaign, document=d, unit_id=d.unit_id, validity_before=d.validity
            )
            for d in documents
        )
        audit.record(by, "cleanup.start", campaign, year=year, items=len(documents))
        return campaign

    def completion(self) -> dict:
        counts = dict(self.items.values_list("decision").annotate(n=models.Count("id")))
        total = sum(counts.values())
        done = total - counts.get(CleanupItem.Decision.PENDING, 0)
        return {
            "total": total,
            "done": done,
            "percent": round(100 * done / total) if total else 100,
        }


class CleanupItem(models.Model):
    """One document in a clean-up campaign, assigned to its issuing unit."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待清理"
        CONFIRMED = "confirmed", "确认有效性不变"
        CHANGED = "changed", "已变更有效性"

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="cleanup_items")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        "清理结果", max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    validity_before = models.CharField("清理前有效性", max_length=20, choices=Validity.choices)
    validity_after = models.CharField(
        "清理后有效性", max_length=20, choices=Validity.choices, blank=True
    )
    note = models.TextField("说明", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("清理时间", null=True, blank=True)

    class Meta:
        ordering = ["unit__order", "document__written_on", "id"]
        verbose_name = verbose_name_plural = "清理事项"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="cleanup_item_once"),
            models.CheckConstraint(
                condition=models.Q(decision__in=["pending", "confirmed", "changed"]),
                name="cleanup_item_decision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.campaign.year}年清理：{self.document}"

    @transaction.atomic
    def confirm(self, *, by, note: str = "") -> None:
        """确认: the document stays as it is."""
        self._check(by)
        self.decision, self.validity_after = self.Decision.CONFIRMED, self.document.validity
        self._decided(by, note)
        audit.record(by, "cleanup.confirm", self.document, campaign=self.campaign.year, note=note)

    @transaction.atomic
    def change(
        self, *, by, validity: str, replaced_by: Document | None = None, note: str = ""
    ) -> None:
        """变更: 已修订 / 已废止 / 失效 (or back to 现行有效), through the document's own verb."""
        self._check(by)
        if not (note or "").strip():
            raise DomainError("变更有效性时请说明依据")
        self.document.set_validity(by=by, validity=validity, replaced_by=replaced_by, note=note)
        self.decision, self.validity_after = self.Decision.CHANGED, validity
        self._decided(by, note)
        audit.record(
            by,
            "cleanup.change",
            self.document,
            campaign=self.campaign.year,
            validity=validity,
            note=note,
        )

    def _check(self, by) -> None:
        """Lock the item and re-read its decision: of two people deciding at once, the second
        is told it is done, instead of writing a second decision over the first."""
        if not (
            by.unit_id == self.unit_id and by.has_role(Role.CLERK, Role.UNIT_HEAD)
        ) and not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("清理事项应由发文单位办理")
        locked = type(self).objects.select_for_update()
        self.decision = locked.values_list("decision", flat=True).get(pk=self.pk)
        if self.decision != self.Decision.PENDING:
            raise DomainError(f"该文件在本次清理中已办理（{self.get_decision_display()}）")

    def _decided(self, by, note: str) -> None:
        self.note, self.decided_by, self.decided_at = note.strip(), by, timezone.now()
        self.save()


class PortalGeneration(models.Model):
    """One row: the token under which the portal's cached pages are filed (see portal_cache)."""

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token


audit.register_actions(**{"portal_page.edit": "修改公开指南/公开制度"})


class PortalPage(models.Model):
    """政府信息公开指南 and 政府信息公开制度 — portal pages the press office keeps up to date
    (条例第十二条: the guide names the categories, how to apply, and the office's address,
    hours and phone). One row per page, by `slug`; a page not yet edited shows its defaults."""

    class Slug(models.TextChoices):
        GUIDE = "guide", "政府信息公开指南"
        RULES = "rules", "政府信息公开制度"

    slug = models.CharField("页面", max_length=20, unique=True, choices=Slug.choices)
    intro = models.TextField("正文", blank=True, help_text="每段一行")
    categories = models.TextField(
        "公开的分类与编排体系", blank=True, help_text="主动公开信息的分类、编排和获取方式"
    )
    how_to_apply = models.TextField(
        "依申请公开的办理", blank=True, help_text="如何提出申请、办理流程、期限和收费"
    )
    office_name = models.CharField("工作机构", max_length=100, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=100, blank=True)
    fax = models.CharField("传真", max_length=100, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("修改时间", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    FIELDS = {
        Slug.GUIDE: [
            "intro",
            "categories",
            "how_to_apply",
            "office_name",
            "address",
            "postcode",
            "hours",
            "phone",
            "fax",
            "email",
        ],
        Slug.RULES: ["intro"],
    }

    class Meta:
        verbose_name = verbose_name_plural = "公开指南与制度"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slug__in=["guide", "rules"]), name="portal_page_slug_valid"
            )
        ]

    def __str__(self):
        return self.get_slug_display()

    @classmethod
    def get(cls, slug: str) -> PortalPage:
        """The saved page, or an unsaved one holding the defaults."""
        page = cls.objects.filter(slug=slug).first()
        return page or cls(slug=slug, **PORTAL_PAGE_DEFAULTS[slug])

    @transaction.atomic
    def edit(self, *, by, **fields) -> None:
        """修改 by the press office; the audit entry holds what changed."""
        if not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("只有政务公开管理员（新闻处）可以修改公开指南和公开制度")
        before = {name: getattr(self, name) for name in self.FIELDS[self.slug]}
        for name, value in fields.items():
            if name not in self.FIELDS[self.slug]:
                raise DomainError(f"该页面没有“{name}”一项")
            setattr(self, name, value.strip())
        self.full_clean(exclude=["updated_by"])
        self.version += 1 if self.pk else 0
        self.updated_at, self.updated_by = timezone.now(), by
        self.save()
        changed_before, changed_after = audit.changed_fields(
            before, {name: getattr(self, name) for name in self.FIELDS[self.slug]}
        )
        audit.record(by, "portal_page.edit", self, before=changed_before, after=changed_after)


# What a page says before the press office first edits it (条例第十二条's headings).
PORTAL_PAGE_DEFAULTS = {
    PortalPage.Slug.GUIDE: {
        "intro": (
            "为便于公民、法人和其他组织获取本机关的政府信息，"
            "根据《中华人民共和国政府信息公开条例》，编制本指南。"
        ),
        "categories": (
            "本机关主动公开的政府信息按《条例》第二十条分类编排，可在“法定主动公开目录”"
            "中按分类、年份和发布机构查阅，或通过“检索”按关键词查找。"
            "\n规章和行政规范性文件在“规章和规范性文件”栏目集中公开，并标注有效性。"
        ),
        "how_to_apply": (
            "公民、法人或者其他组织可以通过本网站在线提交政府信息公开申请，也可以当面、"
            "邮寄或传真提交申请。\n本机关收到申请后，能够当场答复的当场答复；不能当场答复的，"
            "自收到申请之日起20个工作日内答复；需要延长答复期限的，经负责人同意并告知申请人，"
            "延长不超过20个工作日。"
        ),
        "office_name": "",
        "hours": "工作日上午9:00—12:00，下午14:00—18:00（法定节假日除外）",
    },
    PortalPage.Slug.RULES: {
        "intro": (
            "本机关依据《中华人民共和国政府信息公开条例》建立健全政府信息公开工作制度，包括："
            "政府信息公开审查制度（发布前一审、二审、三审，涉密和个人信息审查）、"
            "依申请公开办理制度、政府信息公开工作年度报告制度、政府信息管理动态调整制度、"
            "规范性文件清理制度和政府信息公开监督保障制度。"
        ),
    },
}
