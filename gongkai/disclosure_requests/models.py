"""依申请公开: applications, their event timeline, consultations, fees, replies and remedies.

Every state change is one method on DisclosureRequest (see TRANSITIONS), one transaction that
writes the timeline event and the audit entry and recomputes the stored due date.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.notifications import notify
from gongkai.core.query_codes import QueryCoded
from gongkai.core.roles import Role
from gongkai.core.selectors import unit_staff
from gongkai.core.workflow import TimelineEvent, Workflow, transition
from gongkai.disclosure_requests.clock import office_calendar, recompute_due, workdays_after
from gongkai.disclosure_requests.letters import email_reply
from gongkai.disclosure_requests.taxonomy import REFUSALS, Outcome
from gongkai.lib import fees
from gongkai.lib.cndate import cn_date
from gongkai.lib.codes import is_valid_uscc
from gongkai.lib.pii import is_valid_id_number
from gongkai.lib.request_clock import (
    MAX_EXTENSION_WORKDAYS,
    SILENCE,
    SUPPLEMENT_NOTICE_WORKDAYS,
)
from gongkai.lib.uploads import sniff_upload

audit.register_actions(
    **{
        "request.register": "登记申请",
        "request.accept": "受理审查",
        "request.request_supplement": "告知补正",
        "request.receive_supplement": "收到补正",
        "request.assign": "交办承办单位",
        "request.start_consultation": "征求意见",
        "request.end_consultation": "收到意见",
        "request.extend": "延长答复期限",
        "request.set_override_due": "另行确定答复期限",
        "request.propose": "提交办理意见",
        "request.send_fee_notice": "发出收费通知",
        "request.record_payment": "确认缴费",
        "request.waive_fee": "免收费用",
        "request.reply": "作出答复",
        "request.serve": "送达",
        "request.archive": "归档",
        "request.add_remedy": "登记复议诉讼",
        "request.note": "添加备注",
        "request.recompute_due": "节假日安排变更后重新计算期限",
    }
)


class ApplicantType(models.TextChoices):
    """The annual report's applicant columns, in the official order."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


def normalise_id_document(value: str, applicant_type: str) -> str:
    """身份证明 as stored (第二十九条第（一）项), so that one applicant is one key for 109号's
    monthly 件: full-width characters folded, spaces dropped, upper case. An 18-character
    number whose check digit fails (身份证号码 for a person, 统一社会信用代码 for an
    organisation) is refused."""
    value = unicodedata.normalize("NFKC", value or "").upper()
    value = "".join(value.split())
    if len(value) > 60:  # folding can lengthen (㍿ → 株式会社): the column holds 60
        raise DomainError("身份证明最多60个字，请核对后重新填写。")
    if len(value) == 18 and applicant_type == ApplicantType.NATURAL_PERSON:
        if not is_valid_id_number(value):
            raise DomainError("身份证号码校验不通过，请核对后重新填写。")
    elif len(value) == 18 and applicant_type and not is_valid_uscc(value):
        raise DomainError("统一社会信用代码校验不通过，请核对后重新填写。")
    return value


# What a routed message lacks, asked at once (第二十九条第（一）项, 第三十条).
IDENTITY_SUPPLEMENT = (
    "请补充申请人的身份证明（《政府信息公开条例》第二十九条第（一）项）：自然人请填写身份证件号码，"
    "可一并上传身份证件的照片或扫描件；法人或者其他组织请填写统一社会信用代码。"
)


class Channel(models.TextChoices):
    """How the application arrived; decides the receipt date (第三十一条)."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    REGISTERED_MAIL = "registered_mail", "邮寄（挂号、EMS等需签收）"
    ORDINARY_MAIL = "ordinary_mail", "平常信函"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"


class DeliveryForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子文档"
    INSPECT = "inspect", "当场查阅、抄录"


class DeliveryMethod(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"


class CaseStatus(models.TextChoices):
    """办理状态 — where an application stands in the procedure."""

    REGISTERED = "registered", "已登记"
    REVIEWING = "reviewing", "审查中"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "待补正"
    HANDLING = "handling", "办理中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    REPLIED = "replied", "已答复"
    SERVED = "served", "已送达"
    ARCHIVED = "archived", "已归档"


OPEN = (
    CaseStatus.REGISTERED,
    CaseStatus.REVIEWING,
    CaseStatus.AWAITING_SUPPLEMENT,
    CaseStatus.HANDLING,
    CaseStatus.AWAITING_FEE,
)


class ClockState(models.TextChoices):
    """Where the statutory clock stands (lib.request_clock.Deadline.state)."""

    RUNNING = "running", "计时中"
    PAUSED = "paused", "暂停计算"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "等待补正"
    OVERRIDDEN = "overridden", "另行确定期限"


# Who may take a step.
OFFICE = "office"  # 政府信息公开工作机构 (the press office, 政务公开管理员)
OFFICE_HEAD = "office_head"  # its 负责人 (第三十三条第二款: approves an extension)
CASE_STAFF = "case_staff"  # the office, or the clerks and head of the handling unit
HANDLING_UNIT = "handling_unit"  # the clerks and head of the handling unit only
APPLICANT = "applicant"  # no staff user: the citizen, proven by number and query code


def _t(label, sources, target=None, who=(OFFICE,), refusal=None):
    return transition(label, sources, target, who, refusal)


def _charged_once(case) -> str:
    """109号第三条: an application is charged once, by one standard; a notice that expired
    unpaid (the case then closed) does not count."""
    charged = case.fee_charged()
    if charged is None:
        return ""
    return (
        f"本申请已于{cn_date(charged.sent_on)}发出收费通知（{charged.get_method_display()}"
        f"{charged.amount}元，{charged.get_state_display()}）：同一申请只计收一次信息处理费，"
        "不得按两种标准重复计算（109号第三条）"
    )


S = CaseStatus
# verb → the states it starts from, the state it leads to, and who may take it. The verb of the
# same name on DisclosureRequest is the only code that changes `status`.
TRANSITIONS = {
    "accept": _t("受理审查", {S.REGISTERED}, S.REVIEWING),
    "request_supplement": _t("告知补正", {S.REGISTERED, S.REVIEWING}, S.AWAITING_SUPPLEMENT),
    "receive_supplement": _t(
        "收到补正", {S.AWAITING_SUPPLEMENT}, S.REVIEWING, who=(OFFICE, APPLICANT)
    ),
    "assign": _t("交办承办单位", {S.REGISTERED, S.REVIEWING, S.HANDLING}, S.HANDLING),
    "propose": _t("提交办理意见", {S.HANDLING}, who=(HANDLING_UNIT,)),
    "start_consultation": _t("征求意见", {S.HANDLING}),
    "end_consultation": _t("收到意见", {S.HANDLING}),
    "extend": _t("延期答复", {S.REVIEWING, S.HANDLING}, who=(OFFICE_HEAD,)),
    "set_override_due": _t("另行确定答复期限", {S.REVIEWING, S.HANDLING}),
    "send_fee_notice": _t("发出收费通知", {S.HANDLING}, S.AWAITING_FEE, refusal=_charged_once),
    "record_payment": _t("确认缴费", {S.AWAITING_FEE}, S.HANDLING),
    "waive_fee": _t("免收费用", {S.AWAITING_FEE}, S.HANDLING),
    "reply": _t("作出答复", OPEN, S.REPLIED),
    "serve": _t("送达", {S.REPLIED}, S.SERVED),
    "archive": _t("归档", {S.SERVED}, S.ARCHIVED),
    "note": _t("添加备注", S.values, who=(CASE_STAFF,)),
}


class DisclosureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def by_days_left(self):
        """Most urgent first: the stored due date, then paused cases (no date yet), then closed."""
        closed_last = models.Case(models.When(status__in=OPEN, then=0), default=1)
        return self.order_by(
            closed_last, models.F("due_date").asc(nulls_last=True), "received_on", "pk"
        )


class DisclosureRequest(Workflow, QueryCoded, models.Model):
    """依申请公开申请 — an information-disclosure application."""

    CODE_SALT = b"code:"
    TRANSITIONS = TRANSITIONS
    NOUN = "申请"

    tracking_no = models.CharField("申请编号", max_length=20, unique=True)
    query_digest = models.CharField(max_length=64, editable=False)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名/名称", max_length=100)
    id_document = models.CharField(
        "身份证明",
        max_length=60,
        help_text="自然人填身份证件号码；法人或其他组织填统一社会信用代码",
    )
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postal_code = models.CharField("邮政编码", max_length=10, blank=True)

    description = models.TextField("所需信息的内容描述")
    doc_reference = models.CharField("文件名称、文号", max_length=300, blank=True)
    purpose = models.TextField("用途（选填）", blank=True)
    delivery_form = models.CharField("提供形式", max_length=20, choices=DeliveryForm.choices)
    delivery_method = models.CharField("获取方式", max_length=20, choices=DeliveryMethod.choices)
    needs_assistance = models.BooleanField("需要阅读或视听障碍帮助（第四十三条）", default=False)

    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    received_on = models.DateField("收到申请之日")  # indexed by request_report_received_idx
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    submitter_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)

    status = models.CharField(
        "办理状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    outcome = models.CharField("答复类型", max_length=40, choices=Outcome.choices, blank=True)
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name="承办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    pieces = models.PositiveIntegerField(
        "件数", default=1, help_text="按“一事一申请”拆分后的件数（109号第四条）"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The clock's inputs (set only by the verbs) and its stored result.
    supplement_requested_on = models.DateField("补正告知日期", null=True, blank=True)
    supplement_received_on = models.DateField("收到补正日期", null=True, blank=True)
    supplement_due = models.DateField(
        "补正期限", null=True, blank=True, help_text="告知申请人的合理补正期限（第三十条）"
    )
    extension_workdays = models.PositiveSmallIntegerField("延长工作日", default=0)
    override_due = models.DateField("另行确定的期限", null=True, blank=True)
    override_reason = models.CharField("另行确定期限的理由", max_length=300, blank=True)
    due_date = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField(
        "答复期限为暂定",
        default=False,
        help_text="所跨年份的节假日安排尚未录入，录入后自动重新计算",
    )
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    internal_due = models.DateField(
        "承办单位内部期限",
        null=True,
        blank=True,
        help_text="交办时按 GONGKAI_INTERNAL_HANDLING_WORKDAYS 计算，不晚于答复期限",
    )
    clock_state = models.CharField(max_length=20, choices=ClockState.choices, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)

    objects = DisclosureRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = verbose_name_plural = "依申请公开申请"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CaseStatus.values), name="request_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(applicant_type__in=ApplicantType.values),
                name="request_applicant_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome__in=Outcome.values),
                name="request_outcome_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(extension_workdays__lte=20), name="request_extension_at_most_20"
            ),
            # A closed case has an outcome; an open one has none.
            models.CheckConstraint(
                condition=models.Q(status__in=OPEN, outcome="")
                | (~models.Q(status__in=OPEN) & ~models.Q(outcome="")),
                name="request_outcome_iff_closed",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_date"],
                name="request_open_due_idx",
                condition=models.Q(status__in=OPEN),
            ),
            models.Index(fields=["applicant_name", "received_on"]),
            # Covering indexes for the annual report's counts (one index scan per table row).
            models.Index(
                fields=["received_on", "replied_on", "applicant_type"],
                name="request_report_received_idx",
            ),
            models.Index(
                fields=["replied_on", "outcome", "applicant_type"],
                name="request_report_replied_idx",
            ),
        ]

    def __str__(self):
        return self.tracking_no

    # -- creation -------------------------------------------------------------------------

    # -- reading --------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    # -- who may act ------------------------------------------------------------------------

    def _is(self, user, who: str) -> bool:
        if user is None:
            return who == APPLICANT
        in_unit = (
            self.handling_unit_id is not None
            and user.unit_id == self.handling_unit_id
            and user.has_role(Role.CLERK, Role.UNIT_HEAD)
        )
        return {
            OFFICE: user.has_role(Role.PRESS_OFFICE),
            OFFICE_HEAD: user.has_role(Role.PRESS_OFFICE) and user.has_role(Role.UNIT_HEAD),
            CASE_STAFF: user.has_role(Role.PRESS_OFFICE) or in_unit,
            HANDLING_UNIT: in_unit,
        }.get(who, False)

    def actions_for(self, user) -> list[str]:
        """The steps this user may take now, in procedure order: the page shows these. A
        consultation is answered only while one is open, and started only while none is."""
        open_consultation = self.open_consultation() is not None
        hidden = {"start_consultation"} if open_consultation else {"end_consultation"}
        return [verb for verb in super().actions_for(user) if verb not in hidden]

    # -- the verbs: each locks the row, checks state, actor and the rule, then `_move`s ------

    def _begin(self, verb: str, by, *, on: dt.date | None = None) -> None:
        """Lock, state and actor (core.workflow), then an impossible date is refused."""
        super()._begin(verb, by)
        if on is not None:
            self._check_date(on)

    def _check_date(self, on: dt.date, what: str = "日期") -> None:
        if on > timezone.localdate():
            raise DomainError(f"{what}不能晚于今天")
        if on < self.received_on:
            raise DomainError(f"{what}不能早于收到申请之日（{cn_date(self.received_on)}）")

    def _move(self, verb: str, by, note: str = "", *, on: dt.date | None = None, **data):
        """The tail of every verb: target state, recomputed dates, timeline event, audit entry."""
        before = getattr(self, "_status_before", self.status)
        target = TRANSITIONS[verb].target
        if target is not None:
            self.status = target
        recompute_due(self)
        self.save()
        event = RequestEvent.objects.create(
            case=self,
            kind=verb,
            actor=by,
            on=on or timezone.localdate(),
            note=note,
            data=data,
            status_after=self.status,
        )
        audit.record(
            by,
            f"request.{verb}",
            self,
            unit=self.handling_unit,
            before={"status": before} if before != self.status else None,
            after={
                "status": self.status,
                "due_date": self.due_date.isoformat() if self.due_date else None,
            },
            note=note[:300],
            **data,
        )
        return event

    @transaction.atomic
    def accept(self, *, by, note: str = "", on: dt.date | None = None):
        """受理审查: the office starts examining the application."""
        self._begin("accept", by, on=on)
        return self._move("accept", by, note, on=on)

    @transaction.atomic
    def request_supplement(self, *, by, items: str, on: dt.date, period_end: dt.date | None = None):
        """告知补正 (第三十条): once, within 7 working days of receipt, with a reasonable period
        for the applicant; the clock waits for the supplement."""
        self._begin("request_supplement", by, on=on)
        if self.supplement_requested_on:
            raise DomainError("补正只能一次性告知（第三十条）")
        if not items.strip():
            raise DomainError("请写明需要补正的事项")
        calendar = office_calendar()
        limit = workdays_after(self.received_on, SUPPLEMENT_NOTICE_WORKDAYS, calendar)
        if on > limit:
            raise DomainError(
                f"补正告知应当自收到申请之日起{SUPPLEMENT_NOTICE_WORKDAYS}个工作日内一次性发出"
                f"（第三十条）。本申请{cn_date(self.received_on)}收到，告知期限为{cn_date(limit)}，"
                f"已经届满，不能再告知补正，请依现有申请内容作出答复"
            )
        period_end = period_end or workdays_after(on, settings.SUPPLEMENT_PERIOD_WORKDAYS, calendar)
        if period_end <= on:
            raise DomainError("补正期限应当晚于告知日期")
        self.supplement_requested_on, self.supplement_due = on, period_end
        return self._move("request_supplement", by, items, on=on, period_end=period_end.isoformat())

    @transaction.atomic
    def receive_supplement(self, *, by, text: str, on: dt.date, files=(), id_document: str = ""):
        """收到补正: the 20 working days start again from this day (第三十条). An application
        without 身份证明 (one routed from a message) is complete only with it."""
        self._begin("receive_supplement", by, on=on)
        if on < self.supplement_requested_on:
            raise DomainError("收到补正的日期不能早于补正告知日期")
        id_document = normalise_id_document(id_document, self.applicant_type)
        if not self.id_document and not id_document:
            raise DomainError(
                "请填写申请人的身份证明：身份证件号码或统一社会信用代码（第二十九条第（一）项）"
            )
        if not text.strip() and not files and not id_document:
            raise DomainError("请填写补正内容或上传补正材料")
        if id_document:
            self.id_document = id_document
        for upload in files:
            CaseFile.store(self, upload, purpose=CaseFile.Purpose.SUPPLEMENT)
        self.supplement_received_on = on
        return self._move(
            "receive_supplement", by, text, on=on, files=[f.name[:200] for f in files]
        )

    @transaction.atomic
    def assign(self, *, by, unit: Unit, note: str = "", on: dt.date | None = None):
        """交办: a unit handles the case (it then sees it in its list)."""
        self._begin("assign", by, on=on)
        self.handling_unit, self.assigned_on = unit, on or timezone.localdate()
        event = self._move("assign", by, note, on=on, unit_name=unit.name)
        transaction.on_commit(self._tell_handling_unit)
        return event

    def _tell_handling_unit(self) -> None:
        """The people who must now act hear of it (in the app, and by e-mail when set up)."""
        internal = cn_date(self.internal_due) if self.internal_due else "待定"
        self.notify(
            unit_staff(self.handling_unit),
            key=f"assigned:{self.handling_unit_id}:{self.assigned_on}",
            text=f"新交办：依申请公开 {self.tracking_no}，内部办理期限{internal}",
        )

    def notify(self, people, *, key: str, text: str) -> None:
        """One notification per person, linking to the case; `key` makes a sweep idempotent."""
        link = reverse("disclosure_requests:detail", args=[self.pk])
        for user in people:
            notify(user=user, key=f"requests:{self.pk}:{key}", text=text, link=link)

    @transaction.atomic
    def propose(self, *, by, text: str, files=()):
        """办理意见: the handling unit reports what it found and proposes the answer, with the
        records it found; the office decides and replies."""
        self._begin("propose", by)
        if not text.strip():
            raise DomainError("请填写办理意见")
        for upload in files:
            CaseFile.store(self, upload, purpose=CaseFile.Purpose.FOUND)
        return self._move("propose", by, text, files=[f.name[:200] for f in files])

    @transaction.atomic
    def start_consultation(self, *, by, kind: str, party: str, sent_on: dt.date, note: str = ""):
        """征求第三方/其他机关意见 (第三十二条、第三十四条): up to 15 WD not counted."""
        self._begin("start_consultation", by, on=sent_on)
        if self.open_consultation() is not None:
            raise DomainError("已有尚未结束的征求意见")
        if not party.strip():
            raise DomainError("请填写征求意见的对象")
        Consultation.objects.create(case=self, kind=kind, party=party, sent_on=sent_on)
        return self._move("start_consultation", by, note, on=sent_on, kind=kind, party=party)

    @transaction.atomic
    def end_consultation(self, *, by, answered_on: dt.date, result: str):
        """收到意见. An answer after the 15 WD is recorded, but excludes no day past them."""
        self._begin("end_consultation", by, on=answered_on)
        consultation = self.open_consultation()
        if consultation is None:
            raise DomainError("没有进行中的征求意见")
        if answered_on < consultation.sent_on:
            raise DomainError("收到意见的日期不能早于发出日期")
        consultation.answered_on, consultation.result = answered_on, result
        consultation.save(update_fields=["answered_on", "result"])
        return self._move("end_consultation", by, result, on=answered_on, party=consultation.party)

    @transaction.atomic
    def extend(self, *, by, workdays: int, reason: str, notified_on: dt.date):
        """延期 (第三十三条第二款): approved by the head of the disclosure office before the
        period ends, notified to the applicant, at most 20 WD, once."""
        self._begin("extend", by, on=notified_on)
        if self.extension_workdays:
            raise DomainError("答复期限已延长过一次")
        if not 1 <= workdays <= MAX_EXTENSION_WORKDAYS:
            raise DomainError("延长的期限最长不得超过20个工作日（第三十三条第二款）")
        if not reason.strip():
            raise DomainError("请说明延期理由")
        if self.due_date and notified_on > self.due_date:
            raise DomainError(
                f"答复期限已于{cn_date(self.due_date)}届满，不能再延长：延长答复期限应当在"
                "期限届满前经政府信息公开工作机构负责人同意并告知申请人（第三十三条第二款）"
            )
        self.extension_workdays = workdays
        return self._move("extend", by, reason, on=notified_on, workdays=workdays)

    @transaction.atomic
    def set_override_due(self, *, by, due: dt.date, reason: str):
        """第三十五条: a reasonable delayed deadline for mass or repeated applications."""
        self._begin("set_override_due", by)
        if not reason.strip():
            raise DomainError("请说明另行确定期限的理由（第三十五条）")
        if self.due_date and due <= self.due_date:
            raise DomainError(
                f"另行确定的期限应当晚于按第三十三条计算的答复期限（{cn_date(self.due_date)}）"
            )
        self.override_due, self.override_reason = due, reason
        return self._move("set_override_due", by, reason, due=due.isoformat())

    def fee_quote(self, *, pages: int) -> fees.FeeQuote:
        """What 109号 allows: 件 counted with this applicant's earlier ones in the month."""
        return fees.quote(
            prior_pieces_this_month=self.pieces_earlier_this_month(),
            pieces=self.pieces,
            pages=pages,
        )

    def pieces_earlier_this_month(self) -> int:
        """件 from this applicant earlier in the natural month (109号 第三条: 按自然月累计). The
        applicant is their 身份证明: an application without one (not yet supplemented) is
        nobody's earlier 件 and has none, never pooled with other people's."""
        if not self.id_document.strip():
            return 0
        month_start = self.received_on.replace(day=1)
        earlier = DisclosureRequest.objects.filter(
            id_document=self.id_document,
            received_on__gte=month_start,
            received_on__lte=self.received_on,
        ).exclude(pk=self.pk)
        earlier = earlier.exclude(received_on=self.received_on, pk__gt=self.pk)
        return earlier.aggregate(n=models.Sum("pieces"))["n"] or 0

    @transaction.atomic
    def send_fee_notice(
        self, *, by, method: str, pages: int, sent_on: dt.date, already_public: bool = False
    ):
        """收费通知 (109号): within the reply period; the applicant has 20 WD to pay. 按量 only
        for paper, e-mail or copied data, and never for information already made public."""
        self._begin("send_fee_notice", by, on=sent_on)
        if method not in FeeNotice.Method.values:
            raise DomainError("请选择计收方式")
        if self.due_date and sent_on > self.due_date:
            raise DomainError(
                f"收费通知应当在答复期限内发出（109号）；本申请的答复期限为{cn_date(self.due_date)}，"
                "已经届满"
            )
        if method == FeeNotice.Method.PER_VOLUME:
            if self.delivery_form == DeliveryForm.INSPECT:
                raise DomainError(
                    "按量计收只适用于以纸质件、电子邮件、复制电子数据等形式提供信息（109号第五条），"
                    "申请人选择当场查阅、抄录的不能按量计收"
                )
            if already_public:
                raise DomainError("所需信息已经主动公开的，不按量计收信息处理费（109号第五条）")
        quote = self.fee_quote(pages=pages)
        amount = quote.per_piece if method == FeeNotice.Method.PER_PIECE else quote.per_volume
        if amount <= 0:
            raise DomainError("按所选标准计算的金额为零，无需发出收费通知")
        FeeNotice.objects.create(
            case=self,
            method=method,
            amount=amount,
            pieces=self.pieces,
            pages=pages,
            sent_on=sent_on,
        )
        return self._move(
            "send_fee_notice", by, f"{amount}元", on=sent_on, method=method, amount=amount
        )

    @transaction.atomic
    def record_payment(self, *, by, paid_on: dt.date):
        self._begin("record_payment", by, on=paid_on)
        notice = self.pending_fee_notice()
        if paid_on < notice.sent_on:
            raise DomainError("缴费日期不能早于收费通知日期")
        notice.settled_on, notice.state = paid_on, FeeNotice.State.PAID
        notice.save(update_fields=["settled_on", "state"])
        return self._move("record_payment", by, on=paid_on, amount=notice.amount)

    @transaction.atomic
    def waive_fee(self, *, by, reason: str, on: dt.date):
        self._begin("waive_fee", by, on=on)
        if not reason.strip():
            raise DomainError("请说明免收理由")
        notice = self.pending_fee_notice()
        notice.settled_on, notice.state = on, FeeNotice.State.WAIVED
        notice.save(update_fields=["settled_on", "state"])
        return self._move("waive_fee", by, reason, on=on)

    @transaction.atomic
    def reply(
        self,
        *,
        by,
        outcome: str,
        text: str,
        on: dt.date,
        withheld_reason: str = "",
        referral: str = "",
        files=(),
        documents=(),
    ):
        """作出答复 (第三十六条): the reply type, its reasons, the information provided (files or
        published documents), and the letter generated from them."""
        self._begin("reply", by, on=on)
        if outcome not in Outcome.values:
            raise DomainError("请选择答复类型")
        if outcome in REASON_REQUIRED and not withheld_reason.strip():
            raise DomainError(
                "不予公开或部分公开的，应当告知理由（第三十六条第（三）项、第三十七条）"
            )
        if outcome == Outcome.NOT_THIS_AGENCY and not referral.strip():
            raise DomainError(
                "能够确定负责公开该信息的行政机关的，应当告知其名称、联系方式（第三十六条第（五）项）"
            )
        self._check_outcome_preconditions(outcome, on)
        self._close_lapsed_consultation(on)
        self.fee_notices.filter(settled_on__isnull=True).update(
            settled_on=on, state=FeeNotice.State.EXPIRED
        )
        reply = Reply.objects.create(
            case=self,
            outcome=outcome,
            text=text,
            withheld_reason=withheld_reason,
            referral=referral,
            decided_on=on,
            decided_by=by,
        )
        for upload in files:
            CaseFile.store(self, upload, purpose=CaseFile.Purpose.PROVIDED, reply=reply)
        reply.documents.set(documents)
        self.outcome, self.replied_on = outcome, on
        return self._move(
            "reply",
            by,
            text[:300],
            on=on,
            outcome=outcome,
            files=[f.name[:200] for f in files],
            documents=[d.pk for d in documents],
        )

    def _check_outcome_preconditions(self, outcome: str, on: dt.date) -> None:
        """视为放弃 only after the period given has run out unused (第三十条; 109号)."""
        if outcome == Outcome.ABANDONED_NO_SUPPLEMENT:
            if not self.supplement_requested_on or self.supplement_received_on:
                raise DomainError("只有告知补正后申请人未补正的，才能按逾期不补正处理（第三十条）")
            if self.supplement_due and on <= self.supplement_due:
                raise DomainError(
                    f"补正期限至{cn_date(self.supplement_due)}，期满申请人仍未补正的，"
                    "方可视为放弃申请（第三十条）"
                )
        if outcome == Outcome.ABANDONED_FEE_UNPAID:
            notice = self.pending_fee_notice()
            if notice is None:
                raise DomainError("没有待缴费的收费通知，不能按逾期未缴费处理（109号）")
            if notice.payment_due and on <= notice.payment_due:
                raise DomainError(
                    f"缴费期限至{cn_date(notice.payment_due)}，期满仍未缴纳的，方可视为放弃申请（109号）"
                )
        if outcome == Outcome.UNCLEAR_AFTER_SUPPLEMENT and not self.supplement_received_on:
            raise DomainError("没有收到补正的申请，不能答复“补正后申请内容仍不明确”（第三十条）")

    def _close_lapsed_consultation(self, on: dt.date) -> None:
        consultation = self.open_consultation()
        if consultation is None:
            return
        if consultation.reply_due is None or on <= consultation.reply_due:
            due = (
                f"，对方提出意见的期限至{cn_date(consultation.reply_due)}"
                if consultation.reply_due
                else ""
            )
            raise DomainError(f"征求意见尚未结束{due}：请先登记收到的意见，或待期满后再答复")
        consultation.lapsed, consultation.result = True, SILENCE[consultation.kind]
        consultation.save(update_fields=["lapsed", "result"])

    @transaction.atomic
    def serve(self, *, by, method: str, on: dt.date):
        """送达 (国办公开办函〔2016〕235号): mail counts from posting, handing over from signing."""
        self._begin("serve", by, on=on)
        if on < self.replied_on:
            raise DomainError("送达日期不能早于答复日期")
        reply = self.replies.latest("pk")
        reply.served_method, reply.served_on = method, on
        reply.save(update_fields=["served_method", "served_on"])
        self.served_on = on
        event = self._move("serve", by, on=on, method=method)
        if method == "email":
            transaction.on_commit(lambda: email_reply(self, reply))
        return event

    @transaction.atomic
    def archive(self, *, by, on: dt.date | None = None):
        self._begin("archive", by, on=on)
        return self._move("archive", by, on=on)

    @transaction.atomic
    def note(self, *, by, text: str):
        """备注: the office or the handling unit writes on the timeline; nothing else changes."""
        self._begin("note", by)
        if not text.strip():
            raise DomainError("备注不能为空")
        return self._move("note", by, text)

    # -- reading the case's parts ------------------------------------------------------------

    def open_consultation(self) -> Consultation | None:
        return self.consultations.filter(answered_on__isnull=True, lapsed=False).first()

    def fee_charged(self) -> FeeNotice | None:
        """The fee notice this application already had (pending, paid or waived): 109号第三条
        charges an application once, by one standard; only a notice that expired unpaid (the
        case then closed) leaves none."""
        return self.fee_notices.exclude(state=FeeNotice.State.EXPIRED).first()

    def pending_fee_notice(self) -> FeeNotice | None:
        """That charge while it is still unsettled (not paid, waived or expired): an expired
        notice is always settled, so no other notice can be awaiting payment."""
        charged = self.fee_charged()
        return charged if charged is not None and charged.settled_on is None else None

    def served_in_time(self) -> bool | None:
        if not self.served_on or not self.due_date:
            return None
        return self.served_on <= self.due_date


# 不予公开 (any ground) and 部分公开 must say why (第三十六条第（三）项、第三十七条).
REASON_REQUIRED = REFUSALS


class RequestEvent(TimelineEvent):
    """办理记录 — the application's append-only timeline."""

    AUDIT_PREFIX = "request"

    case = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=40)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    status_after = models.CharField(max_length=20, choices=CaseStatus.choices)

    class Meta(TimelineEvent.Meta):
        ordering = ["on", "at", "pk"]
        verbose_name = verbose_name_plural = "办理记录"

    def __str__(self):
        return f"{self.case} {self.kind} {self.on}"


class CaseFile(models.Model):
    """申请材料 and 答复材料 — what the applicant sent (ID copy, authorisation, a supplement's
    files), what the handling unit found, and what the reply provides."""

    class Purpose(models.TextChoices):
        APPLICATION = "application", "申请材料"
        SUPPLEMENT = "supplement", "补正材料"
        FOUND = "found", "承办单位检索到的信息"
        PROVIDED = "provided", "答复提供的信息"

    case = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="requests/%Y/%m/")
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    purpose = models.CharField(
        "用途", max_length=20, choices=Purpose.choices, default=Purpose.APPLICATION
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = verbose_name_plural = "申请和答复材料"

    def __str__(self):
        return self.original_name

    @classmethod
    def store(cls, case, upload, *, purpose: str, reply=None) -> CaseFile:
        """Checked by content (a renamed .exe is refused), filed under its hash."""
        checked = sniff_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
        attachment = cls(
            case=case,
            reply=reply,
            original_name=upload.name[:200],
            kind=checked.kind,
            purpose=purpose,
        )
        attachment.file.save(f"{checked.sha256[:16]}.{checked.kind}", upload, save=True)
        return attachment


class Consultation(models.Model):
    """征求意见 — third party (第三十二条) or other agency (第三十四条); its time is not counted."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "征求第三方意见"
        OTHER_AGENCY = "other_agency", "征求其他机关意见"

    case = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    party = models.CharField("征求对象", max_length=200)
    sent_on = models.DateField("发出日期")
    reply_due = models.DateField(
        "提出意见的期限",
        null=True,
        blank=True,
        help_text="发出之日起15个工作日（第三十二条、第三十四条），由期限计算得出",
    )
    answered_on = models.DateField("收到意见日期", null=True, blank=True)
    lapsed = models.BooleanField("期满未提出意见", default=False)
    result = models.TextField("意见", blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = verbose_name_plural = "征求意见"
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(answered_on__isnull=True, lapsed=False),
                name="consultation_one_open_per_request",
                violation_error_message="已有尚未结束的征求意见",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party}"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None and not self.lapsed


class FeeNotice(models.Model):
    """信息处理费收费通知 (国办函〔2020〕109号)."""

    class Method(models.TextChoices):
        PER_PIECE = "per_piece", "按件计收"
        PER_VOLUME = "per_volume", "按量计收"

    class State(models.TextChoices):
        PENDING = "pending", "待缴费"
        PAID = "paid", "已缴费"
        WAIVED = "waived", "已免收"
        EXPIRED = "expired", "逾期未缴"

    case = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="fee_notices"
    )
    method = models.CharField("计收方式", max_length=20, choices=Method.choices)
    pieces = models.PositiveIntegerField("件数", default=0)
    pages = models.PositiveIntegerField("页数", default=0)
    amount = models.PositiveIntegerField("金额（元）")
    sent_on = models.DateField("通知日期")
    payment_due = models.DateField(
        "缴费期限", null=True, blank=True, help_text="通知次日起20个工作日（109号），由期限计算得出"
    )
    settled_on = models.DateField("缴费/免收/逾期日期", null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = verbose_name_plural = "收费通知"
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(settled_on__isnull=True),
                name="fee_notice_one_unsettled_per_request",
                violation_error_message="已有尚未缴费的收费通知",
            ),
            # 109号第三条: one charge per application, whatever the standard.
            models.UniqueConstraint(
                fields=["case"],
                condition=~models.Q(state="expired"),
                name="fee_notice_once_per_request",
                violation_error_message="同一申请只计收一次信息处理费",
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.amount}元"


class Reply(models.Model):
    """答复 — the decision, its reasons, the generated letter, and its delivery."""

    case = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="replies")
    outcome = models.CharField(max_length=40, choices=Outcome.choices)
    text = models.TextField("答复正文")
    withheld_reason = models.TextField("不予公开的理由", blank=True)
    referral = models.CharField("负责公开的机关及联系方式", max_length=300, blank=True)
    decided_on = models.DateField("答复日期")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    served_method = models.CharField("送达方式", max_length=20, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    documents = models.ManyToManyField(
        "publications.Document", blank=True, related_name="+", verbose_name="提供的已公开文件"
    )

    class Meta:
        verbose_name = verbose_name_plural = "答复"

    def __str__(self):
        return f"{self.case} {self.get_outcome_display()}"


class Remedy(models.Model):
    """行政复议 / 行政诉讼 against a reply, counted in annual report table 四."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
        LITIGATION_AFTER = "litigation_after", "行政诉讼（复议后起诉）"

    class Result(models.TextChoices):
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    case = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    filed_on = models.DateField("申请/起诉日期")
    body = models.CharField("复议机关/法院", max_length=100)
    result = models.CharField("结果", max_length=20, choices=Result.choices, default=Result.PENDING)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = verbose_name_plural = "行政复议和行政诉讼"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="pending", decided_on__isnull=True)
                | (~models.Q(result="pending") & models.Q(decided_on__isnull=False)),
                name="remedy_decided_iff_result",
            )
        ]

    def __str__(self):
        return f"{self.case} {self.get_kind_display()}"


class RequestCounter(models.Model):
    """The last serial handed out per year, so application numbers are never reused."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"
