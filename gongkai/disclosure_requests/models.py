"""依申请公开: applications, their event timeline, consultations, fees, replies and remedies.

Every state change is one method on DisclosureRequest (see TRANSITIONS), one transaction that
writes the timeline event and the audit entry and recomputes the stored due date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.models import Unit
from gongkai.disclosure_requests.taxonomy import Outcome

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
        "request.override_due": "另行确定答复期限",
        "request.send_fee_notice": "发出收费通知",
        "request.record_payment": "确认缴费",
        "request.waive_fee": "免收费用",
        "request.reply": "作出答复",
        "request.serve": "送达",
        "request.archive": "归档",
        "request.add_remedy": "登记复议诉讼",
        "request.update_remedy": "更新复议诉讼结果",
        "request.note": "添加备注",
    }
)


class RequestError(Exception):
    """A step the procedure refuses; the message is Chinese and fit to show the user."""


class ApplicantType(models.TextChoices):
    """The annual report's applicant columns, in the official order."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


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


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    REVIEWING = "reviewing", "审查中"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "待补正"
    HANDLING = "handling", "办理中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    REPLIED = "replied", "已答复"
    SERVED = "served", "已送达"
    ARCHIVED = "archived", "已归档"


OPEN = (
    Status.REGISTERED,
    Status.REVIEWING,
    Status.AWAITING_SUPPLEMENT,
    Status.HANDLING,
    Status.AWAITING_FEE,
)

# verb → states it may start from. The state it leads to is set by the method.
TRANSITIONS = {
    "accept": {Status.REGISTERED},
    "request_supplement": {Status.REGISTERED, Status.REVIEWING},
    "receive_supplement": {Status.AWAITING_SUPPLEMENT},
    "assign": {Status.REGISTERED, Status.REVIEWING, Status.HANDLING},
    "start_consultation": {Status.HANDLING},
    "end_consultation": {Status.HANDLING},
    "extend": {Status.HANDLING, Status.REVIEWING},
    "override_due": {Status.REVIEWING, Status.HANDLING},
    "send_fee_notice": {Status.HANDLING},
    "record_payment": {Status.AWAITING_FEE},
    "waive_fee": {Status.AWAITING_FEE},
    "reply": {
        Status.REGISTERED,
        Status.REVIEWING,
        Status.AWAITING_SUPPLEMENT,
        Status.HANDLING,
        Status.AWAITING_FEE,
    },
    "serve": {Status.REPLIED},
    "archive": {Status.SERVED},
}


CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _code_digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


class DisclosureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def by_days_left(self):
        """Most urgent first: the stored due date, then paused cases (no date yet), then closed."""
        closed_last = models.Case(models.When(status__in=OPEN, then=0), default=1)
        return self.order_by(
            closed_last, models.F("due_date").asc(nulls_last=True), "received_on", "pk"
        )


class DisclosureRequest(models.Model):
    """依申请公开申请 — an information-disclosure application."""

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
        "办理状态", max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    outcome = models.CharField("答复类型", max_length=40, choices=Outcome.choices, blank=True)
    handling_unit = models.ForeignKey(Unit, verbose_name="承办单位", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="disclosure_requests")  # fmt: skip
    pieces = models.PositiveIntegerField(
        "件数", default=1, help_text="按“一事一申请”拆分后的件数（109号第四条）"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The clock's inputs (set only by the verbs) and its stored result.
    supplement_requested_on = models.DateField("补正告知日期", null=True, blank=True)
    supplement_received_on = models.DateField("收到补正日期", null=True, blank=True)
    extension_workdays = models.PositiveSmallIntegerField("延长工作日", default=0)
    override_due = models.DateField("另行确定的期限", null=True, blank=True)
    override_reason = models.CharField("另行确定期限的理由", max_length=300, blank=True)
    due_date = models.DateField("答复期限", null=True, blank=True)
    internal_due = models.DateField("承办单位内部期限", null=True, blank=True,
                                    help_text="交办时按 GONGKAI_INTERNAL_HANDLING_WORKDAYS 计算，不晚于答复期限")  # fmt: skip
    clock_state = models.CharField(max_length=20, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)

    objects = DisclosureRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = verbose_name_plural = "依申请公开申请"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="request_status_valid"
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

    @staticmethod
    def new_query_code(idempotency_key: str | None = None) -> str:
        """8 characters without 0/O, 1/I/L (read over the phone). Online, the code derives from
        the form's idempotency key, so a retried submission can show the same code again."""
        if idempotency_key:
            digest = hmac.new(
                settings.SECRET_KEY.encode(), b"code:" + idempotency_key.encode(), hashlib.sha256
            ).digest()
            return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:8])
        return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))

    def set_query_code(self, code: str) -> None:
        self.query_digest = _code_digest(code.strip().upper())

    def check_query_code(self, code: str) -> bool:
        return hmac.compare_digest(self.query_digest, _code_digest(code.strip().upper()))

    # -- reading --------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    # -- the verbs ------------------------------------------------------------------------

    def _check(self, verb: str) -> None:
        if self.status not in TRANSITIONS[verb]:
            raise RequestError(f"申请当前为“{self.get_status_display()}”状态，不能执行此操作")

    def _log(
        self,
        by,
        verb: str,
        note: str = "",
        *,
        on: dt.date | None = None,
        before: str | None = None,
        **data,
    ):
        """Timeline event + audit entry + recomputed due date: the tail of every verb."""
        from gongkai.disclosure_requests.clock import recompute_due

        recompute_due(self)
        self.save()
        event = RequestEvent.objects.create(request=self, kind=verb, actor=by, on=on or timezone.localdate(),
                                            note=note, data=data, status_after=self.status)  # fmt: skip
        audit.record(by, f"request.{verb}", self, unit=self.handling_unit,
                     before={"status": before} if before and before != self.status else None,
                     after={"status": self.status, "due_date": self.due_date.isoformat() if self.due_date else None},
                     note=note[:300], **data)  # fmt: skip
        return event

    @transaction.atomic
    def accept(self, *, by, note: str = "", on: dt.date | None = None):
        """受理审查: the office starts examining the application."""
        self._check("accept")
        before, self.status = self.status, Status.REVIEWING
        return self._log(by, "accept", note, on=on, before=before)

    @transaction.atomic
    def request_supplement(self, *, by, items: str, on: dt.date):
        """告知补正 (第三十条): once, within 7 working days; the clock waits for the applicant."""
        self._check("request_supplement")
        if self.supplement_requested_on:
            raise RequestError("补正只能一次性告知（第三十条）")
        if not items.strip():
            raise RequestError("请写明需要补正的事项")
        before, self.status, self.supplement_requested_on = (
            self.status,
            Status.AWAITING_SUPPLEMENT,
            on,
        )
        return self._log(by, "request_supplement", items, on=on, before=before)

    @transaction.atomic
    def receive_supplement(self, *, by, text: str, on: dt.date):
        """收到补正: the 20 working days start again from this day (第三十条)."""
        self._check("receive_supplement")
        if on < self.supplement_requested_on:
            raise RequestError("收到补正的日期不能早于补正告知日期")
        before, self.status, self.supplement_received_on = self.status, Status.REVIEWING, on
        return self._log(by, "receive_supplement", text, on=on, before=before)

    @transaction.atomic
    def assign(self, *, by, unit: Unit, note: str = "", on: dt.date | None = None):
        """交办: a unit handles the case (it then sees it in its list)."""
        self._check("assign")
        before, self.status, self.handling_unit = self.status, Status.HANDLING, unit
        self.internal_due = self._internal_due(on or timezone.localdate())
        return self._log(by, "assign", note, on=on, before=before, unit_name=unit.name)

    def _internal_due(self, assigned_on: dt.date) -> dt.date | None:
        """The handling unit's own deadline, leaving the office time to review and send the
        reply; never later than the statutory one."""
        from gongkai.core.calendar import add_workdays
        from gongkai.lib.workdays import UnknownHolidayYear

        try:
            internal = add_workdays(assigned_on, settings.INTERNAL_HANDLING_WORKDAYS).due
        except UnknownHolidayYear:
            return None
        return min(internal, self.due_date) if self.due_date else internal

    @transaction.atomic
    def start_consultation(self, *, by, kind: str, party: str, sent_on: dt.date, note: str = ""):
        """征求第三方/其他机关意见 (第三十二条、第三十四条): the time is not counted."""
        self._check("start_consultation")
        if self.consultations.filter(answered_on__isnull=True).exists():
            raise RequestError("已有尚未结束的征求意见")
        Consultation.objects.create(request=self, kind=kind, party=party, sent_on=sent_on)
        return self._log(by, "start_consultation", note, on=sent_on, kind=kind, party=party)

    @transaction.atomic
    def end_consultation(self, *, by, answered_on: dt.date, result: str):
        self._check("end_consultation")
        consultation = self.consultations.filter(answered_on__isnull=True).first()
        if consultation is None:
            raise RequestError("没有进行中的征求意见")
        if answered_on < consultation.sent_on:
            raise RequestError("收到意见的日期不能早于发出日期")
        consultation.answered_on, consultation.result = answered_on, result
        consultation.save(update_fields=["answered_on", "result"])
        return self._log(by, "end_consultation", result, on=answered_on, party=consultation.party)

    @transaction.atomic
    def extend(self, *, by, workdays: int, reason: str, notified_on: dt.date):
        """延期 (第三十三条第二款): approved by the head of the disclosure office, notified, ≤ 20 WD."""
        self._check("extend")
        if self.extension_workdays:
            raise RequestError("答复期限已延长过一次")
        if not 1 <= workdays <= 20:
            raise RequestError("延长的期限最长不得超过20个工作日")
        if not reason.strip():
            raise RequestError("请说明延期理由")
        self.extension_workdays = workdays
        return self._log(by, "extend", reason, on=notified_on, workdays=workdays)

    @transaction.atomic
    def set_override_due(self, *, by, due: dt.date, reason: str):
        """第三十五条: a reasonable delayed deadline for mass or repeated applications."""
        self._check("override_due")
        if not reason.strip():
            raise RequestError("请说明另行确定期限的理由（第三十五条）")
        self.override_due, self.override_reason = due, reason
        return self._log(by, "override_due", reason, due=due.isoformat())

    @transaction.atomic
    def send_fee_notice(
        self, *, by, method: str, amount: int, pieces: int, pages: int, sent_on: dt.date
    ):
        """收费通知 (109号): within the processing period; the applicant has 20 WD to pay."""
        self._check("send_fee_notice")
        if amount <= 0:
            raise RequestError("收费金额为零时无需发出收费通知")
        FeeNotice.objects.create(
            request=self, method=method, amount=amount, pieces=pieces, pages=pages, sent_on=sent_on
        )
        before, self.status = self.status, Status.AWAITING_FEE
        return self._log(
            by,
            "send_fee_notice",
            f"{amount}元",
            on=sent_on,
            before=before,
            method=method,
            amount=amount,
        )

    @transaction.atomic
    def record_payment(self, *, by, paid_on: dt.date):
        self._check("record_payment")
        notice = self.fee_notices.get(settled_on__isnull=True)
        notice.settled_on, notice.state = paid_on, FeeNotice.State.PAID
        notice.save(update_fields=["settled_on", "state"])
        before, self.status = self.status, Status.HANDLING
        return self._log(by, "record_payment", "", on=paid_on, before=before, amount=notice.amount)

    @transaction.atomic
    def waive_fee(self, *, by, reason: str, on: dt.date):
        self._check("waive_fee")
        if not reason.strip():
            raise RequestError("请说明免收理由")
        notice = self.fee_notices.get(settled_on__isnull=True)
        notice.settled_on, notice.state = on, FeeNotice.State.WAIVED
        notice.save(update_fields=["settled_on", "state"])
        before, self.status = self.status, Status.HANDLING
        return self._log(by, "waive_fee", reason, on=on, before=before)

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
    ):
        """作出答复 (第三十六条): the reply type, its reasons, and the letter generated from them."""
        self._check("reply")
        if outcome not in Outcome.values:
            raise RequestError("请选择答复类型")
        if outcome in REASON_REQUIRED and not withheld_reason.strip():
            raise RequestError(
                "不予公开或部分公开的，应当告知理由（第三十六条第（三）项、第三十七条）"
            )
        if outcome == Outcome.NOT_THIS_AGENCY and not referral.strip():
            raise RequestError(
                "能够确定负责公开该信息的行政机关的，应当告知其名称、联系方式（第三十六条第（五）项）"
            )
        if self.consultations.filter(answered_on__isnull=True).exists():
            raise RequestError("征求意见尚未结束，请先登记收到的意见")
        self.fee_notices.filter(settled_on__isnull=True).update(
            settled_on=on, state=FeeNotice.State.EXPIRED
        )
        Reply.objects.create(request=self, outcome=outcome, text=text, withheld_reason=withheld_reason,
                             referral=referral, decided_on=on, decided_by=by)  # fmt: skip
        before, self.status, self.outcome, self.replied_on = (
            self.status,
            Status.REPLIED,
            outcome,
            on,
        )
        return self._log(by, "reply", text[:300], on=on, before=before, outcome=outcome)

    @transaction.atomic
    def serve(self, *, by, method: str, on: dt.date):
        """送达 (国办公开办函〔2016〕235号): mail counts from posting, direct delivery from signing."""
        self._check("serve")
        if on < self.replied_on:
            raise RequestError("送达日期不能早于答复日期")
        reply = self.replies.latest("pk")
        reply.served_method, reply.served_on = method, on
        reply.save(update_fields=["served_method", "served_on"])
        before, self.status, self.served_on = self.status, Status.SERVED, on
        return self._log(by, "serve", "", on=on, before=before, method=method)

    @transaction.atomic
    def archive(self, *, by, on: dt.date | None = None):
        self._check("archive")
        before, self.status = self.status, Status.ARCHIVED
        return self._log(by, "archive", "", on=on, before=before)

    @transaction.atomic
    def add_note(self, *, by, text: str):
        if not text.strip():
            raise RequestError("备注不能为空")
        return self._log(by, "note", text)

    def served_in_time(self) -> bool | None:
        if not self.served_on or not self.due_date:
            return None
        return self.served_on <= self.due_date


REASON_REQUIRED = frozenset(
    {Outcome.PARTIAL, Outcome.WITHHELD_STATE_SECRET, Outcome.WITHHELD_LAW, Outcome.WITHHELD_SECURITY,
     Outcome.WITHHELD_THIRD_PARTY, Outcome.WITHHELD_INTERNAL, Outcome.WITHHELD_PROCESS, Outcome.WITHHELD_ENFORCEMENT}
)  # fmt: skip


class RequestEvent(models.Model):
    """办理记录 — the application's append-only timeline."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=40)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField("说明", blank=True)
    data = models.JSONField(default=dict, blank=True)
    status_after = models.CharField(max_length=20, choices=Status.choices)

    class Meta:
        ordering = ["on", "at", "pk"]
        verbose_name = verbose_name_plural = "办理记录"

    def __str__(self):
        return f"{self.request} {self.kind} {self.on}"

    @property
    def label(self) -> str:
        return audit.action_label(f"request.{self.kind}")


class Attachment(models.Model):
    """申请材料 — ID copy, authorisation, a supplement's files."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="requests/%Y/%m/")
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    purpose = models.CharField("用途", max_length=20, default="application")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "申请材料"

    def __str__(self):
        return self.original_name


class Consultation(models.Model):
    """征求意见 — third party (第三十二条) or other agency (第三十四条); its time is not counted."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "征求第三方意见"
        OTHER_AGENCY = "other_agency", "征求其他机关意见"

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    party = models.CharField("征求对象", max_length=200)
    sent_on = models.DateField("发出日期")
    answered_on = models.DateField("收到意见日期", null=True, blank=True)
    result = models.TextField("意见", blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = verbose_name_plural = "征求意见"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party}"


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

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="fee_notices"
    )
    method = models.CharField("计收方式", max_length=20, choices=Method.choices)
    pieces = models.PositiveIntegerField("件数", default=0)
    pages = models.PositiveIntegerField("页数", default=0)
    amount = models.PositiveIntegerField("金额（元）")
    sent_on = models.DateField("通知日期")
    settled_on = models.DateField("缴费/免收/逾期日期", null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = verbose_name_plural = "收费通知"

    def __str__(self):
        return f"{self.request} {self.amount}元"


class Reply(models.Model):
    """答复 — the decision, its reasons, the generated letter, and its delivery."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="replies")
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

    class Meta:
        verbose_name = verbose_name_plural = "答复"

    def __str__(self):
        return f"{self.request} {self.get_outcome_display()}"


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

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="remedies"
    )
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
            )  # fmt: skip
        ]

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"


class RequestCounter(models.Model):
    """The last serial handed out per year, so application numbers are never reused."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"
