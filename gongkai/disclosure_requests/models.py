"""依申请公开: applications, their event timeline, consultations, fees, replies and remedies.

Every state change is one method on DisclosureRequest (see TRANSITIONS), one transaction that
writes the timeline event and the audit entry and recomputes the stored due date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.calendar import provisional_note
from gongkai.core.errors import DomainError
from gongkai.core.fields import EmailField
from gongkai.core.models import Unit
from gongkai.core.notifications import notify
from gongkai.core.query_codes import QueryCoded
from gongkai.core.roles import Role
from gongkai.core.selectors import unit_staff
from gongkai.core.workflow import TimelineEvent, Workflow, step_not_taken, transition
from gongkai.disclosure_requests.clock import office_calendar, recompute_due, workdays_after
from gongkai.disclosure_requests.letters import (
    LETTER_NAMES,
    REMEDY_REFORM_DATE,
    email_letter,
    email_reply,
    extension_notice_content,
    fee_notice_content,
    keep_sent_letter,
    letter_content,
    sent_letter,
    supplement_notice_content,
)
from gongkai.disclosure_requests.taxonomy import (
    HANDS_OVER,
    PROVIDES,
    REFUSALS,
    Outcome,
    needs_reconsideration_first,
)
from gongkai.lib import fees
from gongkai.lib.cndate import cn_date
from gongkai.lib.codes import is_valid_uscc
from gongkai.lib.pii import is_valid_id_number
from gongkai.lib.request_clock import (
    MAX_EXTENSION_WORKDAYS,
    SILENCE,
    SUPPLEMENT_NOTICE_WORKDAYS,
)
from gongkai.lib.uploads import short_name, sniff_upload
from gongkai.lib.workdays import UnknownHolidayYear

audit.register_read_actions(
    **{"request.read": "查阅申请（含申请人信息）", "request.download": "下载申请材料或告知书"}
)
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
        "request.ack_mail_failed": "受理回执邮件发送失败",
        "request.serve_mail_failed": "答复告知书邮件送达失败",
        "request.resend": "重新发送文书",
        "request.resend_mail_failed": "重新发送文书邮件失败",
        "request.record_fee_notice_received": "登记收费通知送达",
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


def _fee_notice_receipt_unknown(case) -> str:
    """Only a posted notice whose 送达 date is not yet known waits for one."""
    notice = case.pending_fee_notice()
    if notice is None or not notice.payment_due_provisional:
        return "没有待登记送达日期的邮寄收费通知"
    return ""


def _no_email(case) -> str:
    return "" if case.email else "申请人未留电子邮箱，不能以电子邮件重新发送"


# What 重新发送 may send: the 受理回执 (number and query code) and every letter a step keeps.
RESEND_DOCUMENTS = {"receipt": "受理回执", **LETTER_NAMES}

S = CaseStatus
# The same 办理意见 or 备注 sent again this soon is a double click, not a second step.
REPEAT_WINDOW = dt.timedelta(minutes=10)
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
    # 第三十五条 sets aside the 第三十三条 period: the person who may extend it decides.
    "set_override_due": _t("另行确定答复期限", {S.REVIEWING, S.HANDLING}, who=(OFFICE_HEAD,)),
    "send_fee_notice": _t("发出收费通知", {S.HANDLING}, S.AWAITING_FEE, refusal=_charged_once),
    "record_fee_notice_received": _t(
        "登记收费通知送达", {S.AWAITING_FEE}, refusal=_fee_notice_receipt_unknown
    ),
    "record_payment": _t("确认缴费", {S.AWAITING_FEE}, S.HANDLING),
    "waive_fee": _t("免收费用", {S.AWAITING_FEE}, S.HANDLING),
    "reply": _t("作出答复", OPEN, S.REPLIED),
    "serve": _t("送达", {S.REPLIED}, S.SERVED),
    "archive": _t("归档", {S.SERVED}, S.ARCHIVED),
    "note": _t("添加备注", S.values, who=(CASE_STAFF,)),
    # the office sends a receipt or letter again when the applicant says it never arrived
    "resend": _t("重新发送文书", S.values, refusal=_no_email),
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
    email = EmailField("电子邮箱", blank=True)
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

    def moved_on_message(self, user, verb: str, posted=None) -> str:
        """Workflow's reason, and one more for 交办: the case has since been assigned to another
        unit than the form showed (`posted` seen_unit), while this user could assign it."""
        message = super().moved_on_message(user, verb, posted)
        seen = (posted or {}).get("seen_unit", "")
        if message or verb != "assign" or not seen or seen == self.seen_unit_token():
            return message
        return self._reassigned_message() if self.may(user, verb) else ""

    @property
    def supplement_due_note(self) -> str:
        """Why the 补正 period told is 暂定 (it runs into a year not yet entered), or "": an
        early error there shortens the applicant's period (probe 11 F1.6). For staff, who are
        told the period stays as told when the year is entered."""
        return self._supplement_due_note(to_public=False)

    @property
    def supplement_due_public_note(self) -> str:
        """The same, in the applicant's words (their status page, as the 补正告知书 says it)."""
        return self._supplement_due_note(to_public=True)

    def _supplement_due_note(self, *, to_public: bool) -> str:
        if self.status != CaseStatus.AWAITING_SUPPLEMENT:
            return ""
        return self.supplement_period_note(to_public=to_public)

    def supplement_period_note(self, *, to_public: bool) -> str:
        """How the 补正 period was counted when it runs into a year not yet entered, or "":
        the one wording for the 补正告知书 (whatever the status since) and the pages."""
        if self.supplement_due is None:
            return ""
        start = self.supplement_requested_on or self.supplement_due
        # told in the 补正告知书, the period stays when the year is entered (services._dates)
        return provisional_note(
            office_calendar(), start, self.supplement_due, to_public=to_public, told=True
        )

    def supplement_lapsed(self, today: dt.date) -> bool:
        """第三十条: the 补正 period has run out unused, so a supplement is no longer taken
        online (receive_supplement refuses it; the office may still take one with a 正当理由)."""
        return (
            self.status == CaseStatus.AWAITING_SUPPLEMENT
            and self.supplement_due is not None
            and self.supplement_due < today
        )

    def seen_unit_token(self) -> str:
        """The handling unit as a 交办 form shows it ("-" for none): the form sends it back, and
        a form opened before another 交办 is refused instead of silently overriding it."""
        return str(self.handling_unit_id) if self.handling_unit_id else "-"

    def _reassigned_message(self) -> str:
        """A 交办 form from before another 交办: where the case went (已转交X办理), not the
        generic 已进入下一步 — its state still allows 交办; its unit has changed."""
        status = self.get_status_display()
        return step_not_taken(
            self.NOUN,
            status,
            TRANSITIONS["assign"].label,
            why=f"该{self.NOUN}已转交{self.handling_unit}办理（当前为“{status}”）",
        )

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
        if on is not None:
            data = {"on": on.isoformat(), **data}  # the typed date (补录 when before today)
        audit.record(
            by,
            f"request.{verb}",
            self,
            actor_name=self._applicant_actor() if by is None else None,
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

    def _applicant_actor(self) -> str | None:
        """The audit's name for a step the applicant took online (no staff user)."""
        return f"申请人（{self.applicant_name}）"[:80]

    @transaction.atomic
    def accept(self, *, by, note: str = "", on: dt.date | None = None):
        """受理审查: the office starts examining the application."""
        self._begin("accept", by, on=on)
        return self._move("accept", by, note, on=on)

    @transaction.atomic
    def request_supplement(
        self,
        *,
        by,
        items: str,
        on: dt.date,
        period_end: dt.date | None = None,
        not_supplemented: bool = False,
        supplemented_on: dt.date | None = None,
    ):
        """告知补正 (第三十条): once, within 7 working days of receipt, with a reasonable period
        for the applicant (at least SUPPLEMENT_MIN_WORKDAYS); the clock waits for the
        supplement. A notice sent on paper may be entered later (补录); one whose period had
        already run out on the day it is entered is taken only with what became of it: the
        clerk states that the applicant did not supplement (`not_supplemented`: entered to close
        the case as 视为放弃; a supplement after it needs a 正当理由), or gives the day the
        applicant supplemented within the period (`supplemented_on`: the 收到补正 is entered
        with it, and the clock restarts from that day)."""
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
        shortest = workdays_after(on, settings.SUPPLEMENT_MIN_WORKDAYS, calendar)
        if period_end < shortest:
            raise DomainError(
                f"补正期限过短：应当给予申请人合理的补正期限（第三十条），本机关规定自告知之日次日起"
                f"不少于{settings.SUPPLEMENT_MIN_WORKDAYS}个工作日，即不早于{cn_date(shortest)}",
                field="period_end",
            )
        today = timezone.localdate()
        if period_end < today and not (not_supplemented or supplemented_on):
            raise DomainError(
                f"按此告知日期，补正期限至{cn_date(period_end)}，今天录入时已经届满。补录期限已届满"
                "的补正告知，须同时记录结果：申请人在期限内补正的，请填写“申请人补正日期”；"
                "未补正的，请勾选“申请人在补正期限内未补正”（按视为放弃申请处理，第三十条）",
                field="not_supplemented",
            )
        if supplemented_on and not_supplemented:
            raise DomainError(
                "已填写申请人补正日期的，不能同时勾选“申请人在补正期限内未补正”",
                field="not_supplemented",
            )
        if supplemented_on and not on <= supplemented_on <= period_end:
            raise DomainError(
                f"申请人补正日期应在告知日期至补正期限（{cn_date(period_end)}）之间；逾期补正的，"
                "请勾选“申请人在补正期限内未补正”登记补正告知，再以“收到补正”登记并写明正当理由",
                field="supplemented_on",
            )
        if not_supplemented and period_end >= today:
            raise DomainError(
                f"补正期限至{cn_date(period_end)}，尚未届满，不能确认申请人未补正",
                field="not_supplemented",
            )
        self.supplement_requested_on, self.supplement_due = on, period_end
        if not_supplemented:
            items += f"\n（补录：补正期限{cn_date(period_end)}届满，申请人未在期限内补正）"
        event = self._move(
            "request_supplement",
            by,
            items,
            on=on,
            period_end=period_end.isoformat(),
            not_supplemented=not_supplemented,
        )
        keep_sent_letter(event, SentLetter.Kind.SUPPLEMENT, supplement_notice_content(self))
        if supplemented_on:
            return self.receive_supplement(
                by=by, text=f"申请人于{cn_date(supplemented_on)}补正（补录）", on=supplemented_on
            )
        return event

    @transaction.atomic
    def receive_supplement(
        self,
        *,
        by,
        text: str,
        on: dt.date,
        files=(),
        id_document: str = "",
        late_reason: str = "",
    ):
        """收到补正: the 20 working days start again from this day (第三十条). An application
        without 身份证明 (one routed from a message) is complete only with it. After the 补正
        period only the office takes a supplement, with the applicant's 正当理由 recorded; an
        extension granted before the 补正 does not carry into the restarted period."""
        self._begin("receive_supplement", by, on=on)
        if on < self.supplement_requested_on:
            raise DomainError("收到补正的日期不能早于补正告知日期", field="on")
        late = self.supplement_due is not None and on > self.supplement_due
        if late and by is None:
            raise DomainError(
                f"补正期限已于{cn_date(self.supplement_due)}届满，不能再在网上提交补正。"
                f"如有正当理由未能按期补正，请与{settings.AGENCY_NAME}政府信息公开工作机构联系"
                f"（电话{settings.OFFICE_PHONE}）"
            )
        if late and not late_reason.strip():
            raise DomainError(
                f"补正期限已于{cn_date(self.supplement_due)}届满：逾期补正的，须写明申请人的正当理由"
                "（第三十条：无正当理由逾期不补正的，视为放弃申请）",
                field="late_reason",
            )
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
        note, data = text, {}
        if late:
            period = cn_date(self.supplement_due)
            note += f"\n逾期补正（补正期限{period}），正当理由：{late_reason.strip()}"
            data["late_reason"] = late_reason.strip()
        if self.extension_workdays:
            note += (
                f"\n补正前延长的{self.extension_workdays}个工作日不带入重新计算的答复期限"
                "（第三十条：答复期限自收到补正的申请之日起重新计算）"
            )
            data["extension_dropped"] = self.extension_workdays
            self.extension_workdays = 0
        return self._move(
            "receive_supplement", by, note, on=on, files=[short_name(f.name) for f in files], **data
        )

    @transaction.atomic
    def assign(
        self, *, by, unit: Unit, note: str = "", on: dt.date | None = None, seen_unit: str = ""
    ):
        """交办: a unit handles the case (it then sees it in its list). `seen_unit` is the
        handling unit the form showed (seen_unit_token): a form from before another 交办 is
        refused, under the lock, rather than overriding it."""
        self._begin("assign", by, on=on)
        if seen_unit and seen_unit != self.seen_unit_token():
            raise DomainError(self._reassigned_message())
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

    def record_mail_failed(self, kind: str, why: str, by=None) -> RequestEvent:
        """A mail to the applicant that failed (回执 `ack_mail_failed`, 送达 `serve_mail_failed`,
        重新发送 `resend_mail_failed`):
        on the timeline and in the audit, so the office tells them another way; the case's
        state is untouched."""
        event = RequestEvent.objects.create(
            case=self,
            kind=kind,
            actor=by,
            on=timezone.localdate(),
            note=f"邮件未能发出，请以其他方式告知申请人。原因：{why}",
            data={"error": why},
            status_after=self.status,
        )
        audit.record(by, f"request.{kind}", self, unit=self.handling_unit, error=why)
        return event

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
        self._refuse_repeat("propose", by, text, files, "这条办理意见已于{at}提交")
        for upload in files:
            CaseFile.store(self, upload, purpose=CaseFile.Purpose.FOUND)
        return self._move("propose", by, text, files=[short_name(f.name) for f in files])

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
    def end_consultation(self, *, by, answered_on: dt.date, result: str, objected: bool = False):
        """收到意见. An answer after the 15 WD is recorded, but excludes no day past them. A
        third party's objection is recorded as such (第三十二条)."""
        self._begin("end_consultation", by, on=answered_on)
        consultation = self.open_consultation()
        if consultation is None:
            raise DomainError("没有进行中的征求意见")
        if answered_on < consultation.sent_on:
            raise DomainError("收到意见的日期不能早于发出日期")
        consultation.answered_on, consultation.result = answered_on, result
        consultation.objected = objected and consultation.kind == Consultation.Kind.THIRD_PARTY
        consultation.save(update_fields=["answered_on", "result", "objected"])
        return self._move(
            "end_consultation",
            by,
            result,
            on=answered_on,
            party=consultation.party,
            objected=consultation.objected,
        )

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
                "期限届满前经政府信息公开工作机构负责人同意并告知申请人（第三十三条第二款）",
                field="notified_on",
            )
        restarted = self.supplement_received_on
        if restarted and notified_on < restarted:
            raise DomainError(
                f"答复期限自{cn_date(restarted)}收到补正的申请之日起重新计算（第三十条），"
                "延期告知日期不能早于该日",
                field="notified_on",
            )
        due_before, provisional_before = self.due_date, self.due_provisional
        self.extension_workdays = workdays
        recompute_due(self)
        # both deadlines as told to the applicant: the 延期答复告知书 states them
        event = self._move(
            "extend",
            by,
            reason,
            on=notified_on,
            workdays=workdays,
            due_before=due_before.isoformat() if due_before else None,
            due_after=self.due_date.isoformat() if self.due_date else None,
            provisional=provisional_before or self.due_provisional,
        )
        keep_sent_letter(event, SentLetter.Kind.EXTENSION, extension_notice_content(self, event))
        return event

    def letters_not_kept(self) -> list[str]:
        """The letters this case sent before letters were kept (SentLetter): their downloads
        are rendered from today's settings and marked 发送时未保存原件."""
        from gongkai.disclosure_requests.letters import ISSUED_BY

        kinds = {step: kind for kind, step in ISSUED_BY.items()}
        steps = self.events.filter(kind__in=kinds, letter__isnull=True).values_list(
            "kind", flat=True
        )
        return sorted({SentLetter.Kind(kinds[step]).label for step in steps})

    def extension_event(self):
        """The 延期答复 step, if the reply period was extended (its 延期答复告知书 exists)."""
        return self.events.filter(kind="extend").select_related("actor").last()

    @transaction.atomic
    def set_override_due(self, *, by, due: dt.date, reason: str, notified_on: dt.date):
        """第三十五条: a reasonable delayed deadline for mass or repeated applications, decided
        by the head of the disclosure office and told to the applicant before the period then
        running has ended; a deadline already passed is not set again."""
        self._begin("set_override_due", by, on=notified_on)
        if not reason.strip():
            raise DomainError("请说明另行确定期限的理由（第三十五条）", field="reason")
        if self.due_date and notified_on > self.due_date:
            raise DomainError(
                f"答复期限已于{cn_date(self.due_date)}届满，不能再另行确定：第三十五条的合理期限"
                "应当在答复期限届满前确定并告知申请人",
                field="notified_on",
            )
        if self.due_date and due <= self.due_date:
            raise DomainError(
                f"另行确定的期限应当晚于按第三十三条计算的答复期限（{cn_date(self.due_date)}）",
                field="due",
            )
        self.override_due, self.override_reason = due, reason
        return self._move("set_override_due", by, reason, on=notified_on, due=due.isoformat())

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
        self,
        *,
        by,
        method: str,
        pages: int,
        sent_on: dt.date,
        already_public: bool = False,
        delivery: str = "online",
        received_on: dt.date | None = None,
    ):
        """收费通知 (109号): within the reply period; the applicant pays within 20 WD from the
        day after receiving it. A notice given online or in person is received the day it is
        sent; a posted one when its 送达 date is entered (here, or later with
        record_fee_notice_received). 按量 only for paper, e-mail or copied data, and never for
        information already made public."""
        self._begin("send_fee_notice", by, on=sent_on)
        if method not in FeeNotice.Method.values:
            raise DomainError("请选择计收方式")
        if delivery not in FeeNotice.Delivery.values:
            raise DomainError("请选择通知送达方式", field="delivery")
        if delivery != FeeNotice.Delivery.POST:
            received_on = sent_on
        elif received_on is not None:
            self._check_fee_notice_received(sent_on, received_on)
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
        notice = FeeNotice.objects.create(
            case=self,
            method=method,
            amount=amount,
            pieces=self.pieces,
            pages=pages,
            sent_on=sent_on,
            delivery=delivery,
            received_on=received_on,
        )
        note = f"{amount}元"
        if received_on is None:
            note += "，邮寄送达，申请人收到日期待登记（缴费期限自收到通知之日次日起计算）"
        event = self._move(
            "send_fee_notice",
            by,
            note,
            on=sent_on,
            method=method,
            amount=amount,
            delivery=delivery,
            received_on=received_on.isoformat() if received_on else None,
        )
        notice.refresh_from_db()  # its 缴费期限, set by the recompute in _move
        keep_sent_letter(event, SentLetter.Kind.FEE, fee_notice_content(notice))
        return event

    @staticmethod
    def _check_fee_notice_received(sent_on: dt.date, received_on: dt.date) -> None:
        if received_on < sent_on:
            raise DomainError("申请人收到通知的日期不能早于通知发出日期", field="received_on")
        if received_on > timezone.localdate():
            raise DomainError("申请人收到通知的日期不能晚于今天", field="received_on")

    @transaction.atomic
    def record_fee_notice_received(self, *, by, received_on: dt.date):
        """登记收费通知送达: the day the applicant received a posted fee notice (送达回证、邮件
        签收); the 20 WD to pay run from the next day (109号), no longer provisional."""
        self._begin("record_fee_notice_received", by, on=received_on)
        notice = self.pending_fee_notice()
        self._check_fee_notice_received(notice.sent_on, received_on)
        notice.received_on = received_on
        notice.save(update_fields=["received_on"])
        recompute_due(self)
        notice.refresh_from_db()
        return self._move(
            "record_fee_notice_received",
            by,
            f"申请人于{cn_date(received_on)}收到收费通知，缴费期限至{cn_date(notice.payment_due)}",
            on=received_on,
            payment_due=notice.payment_due.isoformat(),
        )

    @transaction.atomic
    def record_payment(self, *, by, paid_on: dt.date, late_reason: str = ""):
        """确认缴费 (109号): within the 20 WD the notice gave; a later payment is taken only
        with the applicant's 正当理由 recorded (otherwise 视为放弃申请)."""
        self._begin("record_payment", by, on=paid_on)
        notice = self.pending_fee_notice()
        if paid_on < notice.sent_on:
            raise DomainError("缴费日期不能早于收费通知日期", field="paid_on")
        late = (
            notice.payment_due is not None
            and not notice.payment_due_provisional
            and paid_on > notice.payment_due
        )
        if late and not late_reason.strip():
            raise DomainError(
                f"缴费期限已于{cn_date(notice.payment_due)}届满：逾期缴费的，须写明申请人的正当理由"
                "（109号：逾期未缴纳的，视为放弃申请）",
                field="late_reason",
            )
        notice.settled_on, notice.state = paid_on, FeeNotice.State.PAID
        notice.save(update_fields=["settled_on", "state"])
        note, data = "", {}
        if late:
            period = cn_date(notice.payment_due)
            note = f"逾期缴费（缴费期限{period}），正当理由：{late_reason.strip()}"
            data["late_reason"] = late_reason.strip()
        return self._move("record_payment", by, note, on=paid_on, amount=notice.amount, **data)

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
        provision: str = "",
        public_interest_reason: str = "",
        third_party_notified_on: dt.date | None = None,
        earlier_no: str = "",
        earlier_on: dt.date | None = None,
        pages_provided: int | None = None,
        refund_amount: int | None = None,
        refund_on: dt.date | None = None,
        late_reason: str = "",
    ):
        """作出答复 (第三十六条): the reply type, its reasons, the information provided (files,
        published documents, or the paper/查阅 arrangement), and the letter generated from
        them. Every rule is checked before anything is written."""
        self._begin("reply", by, on=on)
        if outcome not in Outcome.values:
            raise DomainError("请选择答复类型", field="outcome")
        if outcome in REASON_REQUIRED and not withheld_reason.strip():
            raise DomainError(
                "不予公开或部分公开的，应当告知理由（第三十六条第（三）项、第三十七条）",
                field="withheld_reason",
            )
        if outcome == Outcome.NOT_THIS_AGENCY and not referral.strip():
            raise DomainError(
                "能够确定负责公开该信息的行政机关的，应当告知其名称、联系方式（第三十六条第（五）项）",
                field="referral",
            )
        self._check_outcome_preconditions(outcome, on)
        self._check_reply_after_its_steps(on)
        late = self._late_reply(on, late_reason)
        self._check_provision(outcome, provision, files, documents)
        objection = self._check_third_party(
            outcome, public_interest_reason, third_party_notified_on, on
        )
        earlier_no, earlier_on = self._earlier_application(outcome, earlier_no, earlier_on, on)
        settle = self._fee_settlement(outcome, pages_provided, refund_amount, refund_on)
        self._close_lapsed_consultation(on)
        notes = [text[:300], *self._settle_fee(settle, on, refund_amount, refund_on)]
        if objection is None:
            public_interest_reason, third_party_notified_on = "", None
        else:
            notes.append(
                f"第三方（{objection.party}）不同意公开，仍予公开的公共利益理由："
                f"{public_interest_reason.strip()}；已于{cn_date(third_party_notified_on)}"
                "将决定公开的内容和理由书面告知第三方（第三十二条）"
                + self._entered_later_mark(third_party_notified_on, "书面告知第三方")
            )
        if earlier_no:
            notes.append(f"前次申请：{earlier_no}（{cn_date(earlier_on)}收到）")
        reply = Reply.objects.create(
            case=self,
            outcome=outcome,
            text=text,
            withheld_reason=withheld_reason,
            referral=referral,
            provision=provision.strip() if outcome in PROVIDES else "",
            public_interest_reason=public_interest_reason.strip(),
            third_party_notified_on=third_party_notified_on,
            earlier_application_no=earlier_no,
            earlier_application_on=earlier_on,
            pages_provided=pages_provided if outcome in HANDS_OVER else None,
            decided_on=on,
            decided_by=by,
        )
        for upload in files:
            CaseFile.store(self, upload, purpose=CaseFile.Purpose.PROVIDED, reply=reply)
        reply.documents.set(documents)
        self.outcome, self.replied_on = outcome, on
        if late:
            notes.append(f"超期答复（{late}个工作日），超期原因：{late_reason.strip()}")
        extra = {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in {
                "third_party_notified_on": third_party_notified_on,
                "third_party_notice_entered_on": timezone.localdate()
                if third_party_notified_on and third_party_notified_on < timezone.localdate()
                else None,
                "earlier_application": earlier_no,
                "earlier_application_on": earlier_on,
                "refund_amount": refund_amount if settle == "refund" else None,
                "refund_on": refund_on if settle == "refund" else None,
                "fee": settle,
                "late_workdays": late,
                "late_reason": late_reason.strip() if late else "",
            }.items()
            if value
        }
        event = self._move(
            "reply",
            by,
            "\n".join(notes),
            on=on,
            outcome=outcome,
            files=[short_name(f.name) for f in files],
            documents=[d.pk for d in documents],
            **extra,
        )
        keep_sent_letter(event, SentLetter.Kind.REPLY, letter_content(reply))
        return event

    def _check_provision(self, outcome: str, provision: str, files, documents) -> None:
        """An answer that gives information says how (第三十六条第（二）项, 第四十条): electronic
        delivery needs the files (or published documents) themselves; paper or 查阅 needs
        them or the arrangement. A "见附件" reply with nothing attached is refused."""
        if outcome not in HANDS_OVER or files or documents:
            return
        electronic = self.delivery_form == DeliveryForm.ELECTRONIC or self.delivery_method in (
            DeliveryMethod.EMAIL,
            DeliveryMethod.ONLINE,
        )
        if electronic:
            raise DomainError(
                f"申请人要求以{self.get_delivery_form_display()}（{self.get_delivery_method_display()}）"
                "获取信息：请上传提供的信息文件，或在“提供的已公开文件”中填写其索引号"
                "（第三十六条第（二）项、第四十条）",
                field="files",
            )
        if not provision.strip():
            raise DomainError(
                f"申请人要求以{self.get_delivery_form_display()}（{self.get_delivery_method_display()}）"
                "获取信息：请上传提供的信息文件，或写明提供安排（如纸质件邮寄日期、"
                "查阅的时间和地点）（第三十六条第（二）项、第四十条）",
                field="provision",
            )

    def _check_third_party(self, outcome, reason: str, notified_on, on: dt.date):
        """第三十二条: a third party objected and the information is disclosed anyway, for the
        public interest: the reason, and the written notice to the third party of what will be
        disclosed and why. Returns the objection it answers, or None."""
        objection = (
            self.consultations.filter(kind=Consultation.Kind.THIRD_PARTY, objected=True)
            .order_by("-answered_on", "-pk")
            .first()
        )
        if objection is None or outcome != Outcome.DISCLOSED:
            return None
        said = f"第三方（{objection.party}）于{cn_date(objection.answered_on)}提出不同意公开的意见"
        if not reason.strip():
            raise DomainError(
                f"{said}：仍决定予以公开的，请填写公共利益理由（第三十二条）",
                field="public_interest_reason",
            )
        if notified_on is None:
            raise DomainError(
                f"{said}：仍决定予以公开的，应当将决定公开的内容和理由书面告知第三方，"
                "请填写书面告知第三方的日期（第三十二条）",
                field="third_party_notified_on",
            )
        if notified_on < objection.answered_on:
            raise DomainError(
                f"书面告知第三方的日期不能早于收到其意见之日（{cn_date(objection.answered_on)}）",
                field="third_party_notified_on",
            )
        if notified_on > timezone.localdate():
            raise DomainError("书面告知第三方的日期不能晚于今天", field="third_party_notified_on")
        return objection

    @staticmethod
    def _entered_later_mark(on: dt.date, what: str) -> str:
        """A date inside a step that was typed earlier than the day it is entered (done on
        paper, entered afterwards) is marked 补录 with the day of entry, as a step is."""
        today = timezone.localdate()
        return f"（{what}于{cn_date(today)}补录）" if on < today else ""

    def same_applicant(self, other: DisclosureRequest) -> bool:
        """One applicant: the same 身份证明, or the same name and telephone number."""
        if self.id_document and self.id_document == other.id_document:
            return True
        return self.applicant_name == other.applicant_name and self.phone == other.phone

    def _earlier_application(self, outcome, number: str, received: dt.date | None, on: dt.date):
        """重复申请 (第三十六条第（六）项): the same applicant's earlier application, already
        answered. One in the system is linked (duplicate_of); one from before the system is
        named by its number and the day it was received. Returns (number, received on)."""
        if outcome != Outcome.DUPLICATE:
            return "", None
        number = "".join((number or "").split()).upper()
        if not number:
            raise DomainError(
                "按重复申请不予处理的，应当是本申请人此前已获答复的同一申请（第三十六条第（六）项）："
                "请填写前次申请的编号；系统外的申请另填其收到日期",
                field="earlier_no",
            )
        earlier = DisclosureRequest.objects.filter(tracking_no=number).exclude(pk=self.pk).first()
        if earlier is not None:
            if not self.same_applicant(earlier):
                raise DomainError(
                    f"申请{number}的申请人（{earlier.applicant_name}）与本申请人的身份证明、"
                    "姓名和电话不一致，不能按重复申请处理（第三十六条第（六）项）",
                    field="earlier_no",
                )
            if earlier.replied_on is None or earlier.replied_on > on:
                raise DomainError(
                    f"申请{number}尚未答复：重复申请指已就同一内容作出答复后再次申请"
                    "（第三十六条第（六）项）",
                    field="earlier_no",
                )
            self.duplicate_of = earlier
            return number, earlier.received_on
        ours = re.fullmatch(re.escape(settings.REQUEST_NUMBER_PREFIX) + r"(\d{4})-\d{5}", number)
        if ours and DisclosureRequest.objects.filter(received_on__year=ours[1]).exists():
            # our own numbering, in a year the system covers: a typo, not an older application
            raise DomainError(f"系统中没有编号为{number}的申请，请核对编号", field="earlier_no")
        if received is None:
            raise DomainError(
                f"系统中没有编号为{number}的申请：系统外的前次申请，请填写其收到日期",
                field="earlier_on",
            )
        if received >= self.received_on:
            raise DomainError(
                f"前次申请的收到日期应当早于本申请（{cn_date(self.received_on)}）",
                field="earlier_on",
            )
        return number, received

    def _fee_settlement(self, outcome, pages_provided, refund_amount, refund_on) -> str:
        """What the reply does with this application's fee (109号): "" nothing; "expire" (逾期
        未缴, the outcome says so); "withdraw" a pending notice when the reply provides
        nothing; "refund" a paid 按量 fee for what is not provided. Refuses a reply giving
        information while a fee is pending, and a refund that is missing or wrong."""
        pending = self.pending_fee_notice()
        if pending is not None:
            if outcome == Outcome.ABANDONED_FEE_UNPAID:
                return "expire"
            if outcome in PROVIDES:
                raise DomainError(
                    f"信息处理费尚未缴纳（{pending.amount}元，缴费期限至{cn_date(pending.payment_due)}）："
                    "申请人缴纳或者决定免收后，方可提供信息（109号）",
                    field="outcome",
                )
            return "withdraw"
        owed = self.refund_owed(outcome, pages_provided)
        if owed is None or owed == 0:
            if refund_amount or refund_on:
                raise DomainError(
                    "本申请没有应当退还的信息处理费，请清空退费金额和退费日期",
                    field="refund_amount",
                )
            return ""
        paid = self.fee_notices.get(state=FeeNotice.State.PAID)
        why = (
            f"申请人已按量缴纳信息处理费{paid.amount}元（{paid.pages}页），本答复"
            + (
                f"实际提供{pages_provided}页"
                if outcome in HANDS_OVER
                else "告知已主动公开信息的获取方式"
                if outcome == Outcome.ALREADY_PUBLIC
                else "未提供信息"
            )
            + f"，应当退还{owed}元（109号第五条）"
        )
        if refund_amount != owed:
            raise DomainError(f"{why}：请填写退费金额{owed}元", field="refund_amount")
        if refund_on is None:
            raise DomainError(f"{why}：请填写退费日期", field="refund_on")
        if refund_on < paid.settled_on or refund_on > timezone.localdate():
            raise DomainError(
                f"退费日期应当在缴费之日（{cn_date(paid.settled_on)}）和今天之间",
                field="refund_on",
            )
        return "refund"

    def refund_owed(self, outcome: str, pages_provided: int | None) -> int | None:
        """元 of a paid 按量 fee the reply does not provide for (109号第五条: 按量 is for the
        pages provided). None when no 按量 fee was paid: 按件 applies to every kind of decision
        (109号第四条) and is kept."""
        paid = self.fee_notices.filter(
            state=FeeNotice.State.PAID, method=FeeNotice.Method.PER_VOLUME
        ).first()
        if paid is None:
            return None
        already_public = (
            outcome == Outcome.ALREADY_PUBLIC and settings.FEE_PER_VOLUME_EXCLUDES_ALREADY_PUBLIC
        )
        if outcome not in PROVIDES or already_public:
            return paid.amount
        if outcome not in HANDS_OVER:
            return 0
        if pages_provided is None:
            raise DomainError(
                f"申请人已按量缴纳信息处理费{paid.amount}元（{paid.pages}页）："
                "请填写实际提供的页数（109号第五条）",
                field="pages_provided",
            )
        return max(0, paid.amount - fees.per_volume_fee(pages_provided))

    def _settle_fee(self, settle: str, on: dt.date, refund_amount, refund_on) -> list[str]:
        """Writes what _fee_settlement decided; returns the timeline's lines for it."""
        if settle in ("expire", "withdraw"):
            notice = self.pending_fee_notice()
            state = FeeNotice.State.EXPIRED if settle == "expire" else FeeNotice.State.WITHDRAWN
            notice.settled_on, notice.state = on, state
            notice.save(update_fields=["settled_on", "state"])
            if settle == "withdraw":
                return [f"本答复未提供信息，收费通知（{notice.amount}元）撤回，申请人无需缴纳"]
        if settle == "refund":
            notice = self.fee_notices.get(state=FeeNotice.State.PAID)
            notice.state, notice.refund_amount, notice.refunded_on = (
                FeeNotice.State.REFUNDED,
                refund_amount,
                refund_on,
            )
            notice.save(update_fields=["state", "refund_amount", "refunded_on"])
            return [f"退还信息处理费{refund_amount}元（{cn_date(refund_on)}）"]
        return []

    # The steps a reply rests on: it cannot be dated before any of them.
    REPLY_RESTS_ON = (
        "request_supplement",
        "receive_supplement",
        "extend",
        "set_override_due",
        "start_consultation",
        "end_consultation",
        "send_fee_notice",
        "record_payment",
        "waive_fee",
    )

    def _check_reply_after_its_steps(self, on: dt.date) -> None:
        """A reply dated before a step it rests on (a supplement received, an extension, a fee
        paid, a consultation answered) would make the timeline false: refused, naming it."""
        later = self.events.filter(kind__in=self.REPLY_RESTS_ON, on__gt=on).order_by("-on").first()
        if later is not None:
            raise DomainError(
                f"答复日期不能早于{cn_date(later.on)}：该日已{later.label}，答复应在其后作出",
                field="on",
            )

    def _late_reply(self, on: dt.date, late_reason: str) -> int:
        """Working days the reply is past the due date as it stands (0 when in time). Lateness
        is a fact of the record: a late reply says why (超期原因)."""
        recompute_due(self, today=on)  # the clock as it stands on the reply day
        late = self.workdays_late(on) or 0
        if not late:
            return 0
        if not late_reason.strip():
            raise DomainError(
                f"答复期限为{cn_date(self.due_date)}，本答复超期{late}个工作日：请填写超期原因",
                field="late_reason",
            )
        return late

    def workdays_late(self, on: dt.date | None = None, calendar=None) -> int | None:
        """超期: working days from the due date to a reply on `on` (the reply day by default);
        None when there is no reply or it is in time. The one reckoning of lateness: the reply
        checks it, the case page and the list show it."""
        on = on or self.replied_on
        if not (on and self.due_date and on > self.due_date):
            return None
        return (calendar or office_calendar()).workdays_between(self.due_date, on)

    def workdays_left(self, today: dt.date, calendar=None) -> int | None:
        """Working days to the stored due date for an open case (negative once it has passed);
        None when closed, without a due date, or in a year the calendar cannot answer."""
        if not (self.due_date and self.is_open):
            return None
        calendar = calendar or office_calendar()
        try:
            if self.due_date >= today:  # a provisional calendar answers for unknown years
                return calendar.workdays_between(today, self.due_date)
            return -calendar.workdays_between(self.due_date, today)
        except UnknownHolidayYear:
            return None

    def late_reply(self) -> dict | None:
        """超期答复: the working days past the due date and the reason given, for a replied
        case answered after its due date; None otherwise."""
        workdays = self.workdays_late()
        if workdays is None:
            return None
        event = self.events.filter(kind="reply").order_by("-pk").first()
        data = event.data if event is not None else {}
        return {
            "workdays": data.get("late_workdays", workdays),
            "reason": data.get("late_reason", ""),
        }

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
            if notice.payment_due_provisional:
                raise DomainError(
                    f"收费通知于{cn_date(notice.sent_on)}邮寄发出，申请人收到通知的日期尚未登记："
                    "缴费期限自收到通知之日次日起计算20个工作日（109号），请先登记收费通知送达，"
                    "期满仍未缴纳的，方可视为放弃申请"
                )
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
            transaction.on_commit(lambda: email_reply(self, reply, by))
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
        self._refuse_repeat("note", by, text, (), "这条备注已于{at}保存")
        return self._move("note", by, text)

    @transaction.atomic
    def resend(self, *, by, document: str, reason: str = ""):
        """重新发送: the applicant says an e-mail never arrived, so the office sends it again to
        the address on file — the 受理回执 (number and query code), or a letter as it was sent
        (SentLetter; the reply with its files). On the timeline and in the audit log; the
        state and every date stay as they were (the first sending is the one that counted)."""
        self._begin("resend", by)
        name = RESEND_DOCUMENTS.get(document)
        if name is None:
            raise DomainError("请选择要重新发送的文书", field="document")
        if document == "receipt":
            if not self.may_resend_receipt():
                raise DomainError(
                    "本申请的查询码无法重新生成，不能重新发送受理回执；请以其他方式告知申请人"
                    "申请编号",
                    field="document",
                )
        elif sent_letter(self, document) is None:
            raise DomainError(f"本申请尚未发出{name}", field="document")
        note = f"以电子邮件重新发送{name}"
        if reason.strip():
            note += f"。原因：{reason.strip()}"
        self._refuse_repeat("resend", by, note, (), f"{name}已于{{at}}重新发送")
        event = self._move("resend", by, note, document=document)
        transaction.on_commit(lambda: self._send_again(document, by))
        return event

    def may_resend_receipt(self) -> bool:
        """The receipt's query code can be derived again (registered under a form's key)."""
        return bool(self.idempotency_key) and self.check_query_code(self.receipt_code())

    def receipt_code(self) -> str:
        """The query code the 受理回执 gave: derived from the key it was registered under."""
        return self.new_query_code(self.idempotency_key)

    def _send_again(self, document: str, by) -> None:
        if document == "receipt":
            from gongkai.disclosure_requests.services import acknowledge

            acknowledge(self, self.receipt_code(), failed_as="resend_mail_failed", by=by)
        elif document == "reply":
            # A failed resend is no failed 送达: the first sending is the one that counted.
            email_reply(self, self.replies.latest("pk"), by, failed_as="resend_mail_failed")
        else:
            email_letter(self, document, by)

    def _refuse_repeat(self, verb: str, by, text: str, files, said: str) -> None:
        """A step that keeps the state (办理意见, 备注) cannot tell a double click by the state:
        the same person sending the same text and files again within REPEAT_WINDOW is refused,
        under the row lock `_begin` took (probe 6 F4; the ledger does the same for progress)."""
        last = self.events.filter(kind=verb, actor=by).order_by("-at", "-pk").first()
        if (
            last is not None
            and last.note == text
            and (last.data or {}).get("files", []) == [short_name(f.name) for f in files]
            and timezone.now() - last.at < REPEAT_WINDOW
        ):
            at = timezone.localtime(last.at).strftime("%H:%M")
            raise DomainError(said.format(at=at) + "，未重复保存。", field="text")

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

    @property
    def entered_on(self) -> dt.date:
        """The day the step was entered (the typed `on` may be earlier: 补录)."""
        return timezone.localdate(self.at)

    @property
    def entered_later(self) -> bool:
        """A step done earlier (on paper) and entered afterwards: the timeline says 补录."""
        return self.on < self.entered_on


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
            original_name=short_name(upload.name),
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
    objected = models.BooleanField(
        "第三方不同意公开",
        default=False,
        help_text="第三方提出不同意公开的意见（第三十二条）：决定仍予公开的，须写明公共利益理由并书面告知第三方",
    )

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
        WITHDRAWN = "withdrawn", "已撤回"  # the reply provides nothing: nothing to pay for
        REFUNDED = "refunded", "已退还"  # paid, and the reply provides less than was charged

    case = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="fee_notices"
    )
    method = models.CharField("计收方式", max_length=20, choices=Method.choices)
    pieces = models.PositiveIntegerField("件数", default=0)
    pages = models.PositiveIntegerField("页数", default=0)
    amount = models.PositiveIntegerField("金额（元）")
    sent_on = models.DateField("通知日期")

    class Delivery(models.TextChoices):
        ONLINE = "online", "网上或电子邮件"
        IN_PERSON = "in_person", "当面送达"
        POST = "post", "邮寄"

    delivery = models.CharField(
        "通知送达方式", max_length=10, choices=Delivery.choices, default=Delivery.ONLINE
    )
    received_on = models.DateField(
        "申请人收到通知日期",
        null=True,
        blank=True,
        help_text="网上、当面送达的为发出当日；邮寄的为送达日期，知道后登记",
    )
    payment_due = models.DateField(
        "缴费期限",
        null=True,
        blank=True,
        help_text="自收到通知之日次日起20个工作日（109号），由期限计算得出；邮寄送达日期登记前暂按发出日期计算",
    )
    settled_on = models.DateField("缴费/免收/逾期/撤回日期", null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    refund_amount = models.PositiveIntegerField("退还金额（元）", null=True, blank=True)
    refunded_on = models.DateField("退费日期", null=True, blank=True)

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

    @property
    def payment_due_provisional(self) -> bool:
        """暂定: a posted notice whose 送达 date is not known yet: its period is counted from the
        day it was sent until then, and it cannot have lapsed (视为放弃 is refused)."""
        return self.delivery == self.Delivery.POST and self.received_on is None


class Reply(models.Model):
    """答复 — the decision, its reasons, the generated letter, and its delivery."""

    case = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="replies")
    outcome = models.CharField(max_length=40, choices=Outcome.choices)
    text = models.TextField("答复正文")
    withheld_reason = models.TextField("不予公开的理由", blank=True)
    referral = models.CharField("负责公开的机关及联系方式", max_length=300, blank=True)
    provision = models.TextField(
        "提供安排", blank=True, help_text="纸质件邮寄或领取、当场查阅抄录的日期、地点等"
    )
    public_interest_reason = models.TextField(
        "公共利益理由", blank=True, help_text="第三方不同意公开而仍予公开的（第三十二条）"
    )
    third_party_notified_on = models.DateField("书面告知第三方日期", null=True, blank=True)
    earlier_application_no = models.CharField("前次申请编号", max_length=30, blank=True)
    earlier_application_on = models.DateField("前次申请收到日期", null=True, blank=True)
    pages_provided = models.PositiveIntegerField("实际提供页数", null=True, blank=True)
    decided_on = models.DateField("答复日期")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    served_method = models.CharField(
        "送达方式",
        max_length=20,
        blank=True,
        choices=[
            ("post", "邮寄送达"),
            ("direct", "直接送达"),
            ("email", "电子邮件送达"),
            ("online", "网上送达"),
        ],  # ServeForm's choices, in the words the audit log shows
    )
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
    # The 登记 form's key bound to what it sent (core.idempotent): a double click, one row.
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

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

    def already_registered(self) -> str:
        """Why this remedy is a second copy of one on record ("" if it is not): the same kind,
        date and body on the same application is the same 复议 or 诉讼, whatever its note."""
        same = Remedy.objects.filter(
            case=self.case_id, kind=self.kind, filed_on=self.filed_on, body=self.body.strip()
        )
        if not same.exclude(pk=self.pk).exists():
            return ""
        verb = "申请" if self.kind == self.Kind.RECONSIDERATION else "提起"
        return (
            f"该申请已登记过{cn_date(self.filed_on)}向{self.body.strip()}{verb}的"
            f"{self.get_kind_display()}，未重复登记。如确是另一项，请核对日期和机关。"
        )

    @property
    def warning(self) -> str:
        """What the reply letter's own remedy notice rules out (letters.remedy_notice): the
        registration records what the citizen did, so it stands, but the office is told."""
        case = self.case
        if self.kind == self.Kind.LITIGATION_DIRECT and (
            case.replied_on
            and case.replied_on >= REMEDY_REFORM_DATE
            and needs_reconsideration_first(case.outcome)
        ):
            return (
                "本答复告知书已告知应当先申请行政复议（行政复议法第二十三条第一款第（四）项），"
                "未经复议直接起诉与告知的救济途径不符，请核实法院是否受理"
            )
        reconsidered = case.remedies.filter(
            kind=self.Kind.RECONSIDERATION, filed_on__lte=self.filed_on
        )
        if self.kind == self.Kind.LITIGATION_AFTER and not reconsidered.exists():
            return "系统中没有此前的行政复议记录：复议后起诉的，请先登记行政复议，或核实起诉类型"
        return ""


class RequestCounter(models.Model):
    """The last serial handed out per year, so application numbers are never reused."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class SentLetter(models.Model):
    """发出的告知书原件 — a letter as it was sent: the words the step produced (title, number,
    paragraphs, signature, date, contact), frozen at the step that issued it, with the SHA-256
    of that text. Every later download renders the .docx/PDF from these words, never from
    today's settings (机关名称、电话、复议机关 change; the letter the applicant received does
    not). A letter sent before this record existed has no row: it is rendered live and
    marked 发送时未保存原件."""

    class Kind(models.TextChoices):
        REPLY = "reply", "答复告知书"
        SUPPLEMENT = "supplement", "补正告知书"
        FEE = "fee", "收费通知书"
        EXTENSION = "extension", "延期答复告知书"

    # the step that issued it (作出答复, 告知补正, 收费通知, 延期答复)
    event = models.OneToOneField(RequestEvent, on_delete=models.PROTECT, related_name="letter")
    kind = models.CharField("文书", max_length=20, choices=Kind.choices)
    content = models.JSONField("发出时的文书内容")
    digest = models.CharField("SHA-256", max_length=64)
    issued_at = models.DateTimeField("保存时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "发出的告知书"

    def __str__(self):
        return f"{self.event.case} {self.get_kind_display()}"
