"""领导信箱 / 网上留言: every message in a closed loop, from receipt to a published reply.

Every state change is one method on Message (see TRANSITIONS): it locks the row, checks the
state, the actor and the rule, then `_move`s — target state, timeline event, audit entry. The
rules and what is unverified: participation.md §9.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit, review
from gongkai.core.calendar import workday_calendar
from gongkai.core.errors import DomainError
from gongkai.core.fields import EmailField
from gongkai.core.models import AuditEntry, Unit
from gongkai.core.notifications import notify
from gongkai.core.publicity import NotPublishedReason
from gongkai.core.query_codes import QueryCoded
from gongkai.core.roles import Role
from gongkai.core.selectors import unit_staff
from gongkai.core.workflow import TimelineEvent, Workflow, step_not_taken, transition
from gongkai.lib.cndate import cn_date, cn_datetime
from gongkai.lib.phones import PhoneKeyed, is_phone
from gongkai.lib.uploads import short_name, sniff_upload
from gongkai.lib.workdays import WorkdayCalendar
from gongkai.mailbox.masking import duplicate_reply
from gongkai.mailbox.writer_mail import SUBJECTS, tell_writer

audit.register_read_actions(
    **{"message.read": "查阅留言（含留言人信息）", "message.download": "下载留言附件"}
)
audit.register_actions(
    **{
        "message.tell_failed": "邮件告知留言人失败",
        "message.resend_mail": "重新发送邮件告知留言人",
        "message.tell_resent": "邮件已重新发出",
        "message.assign": "受理并交办留言",
        "message.reclassify": "更改留言类型",
        "message.decline": "留言不予受理",
        "message.merge": "合并重复留言",
        "message.route": "留言转其他渠道",
        "message.draft": "拟写留言答复",
        "message.approve": "处室审核留言答复",
        "message.return_draft": "处室退回留言答复",
        "message.release": "签发留言答复",
        "message.return_reply": "退回留言答复",
        "message.publish": "公开留言答复",
        "message.withhold": "留言答复不予公开",
        "message.rate": "留言人评价",
        "message.reopen": "留言人不满意重新办理",
        "message.withdraw_consent": "留言人撤回公开同意",
        "message.note": "留言备注",
        "message.register_hotline": "登记12345工单",
        "message.recompute_due": "节假日安排变更后重新计算留言答复期限",
    }
)


class Category(models.TextChoices):
    CONSULT = "consult", "咨询"
    SUGGEST = "suggest", "建议"
    COMPLAIN = "complain", "投诉"
    HELP = "help", "求助"
    REPORT = "report", "检举"  # never published (信访工作条例 第三十条)


class Channel(models.TextChoices):
    MAILBOX = "mailbox", "领导信箱"
    HOTLINE = "hotline", "12345热线工单"


class MessageStatus(models.TextChoices):
    RECEIVED = "received", "待受理"
    ASSIGNED = "assigned", "办理中"
    DRAFTED = "drafted", "待处室审核"
    APPROVED = "approved", "待签发"
    REPLIED = "replied", "已答复"
    MERGED = "merged", "已合并办理"
    ROUTED = "routed", "已转其他渠道"
    DECLINED = "declined", "不予受理"


OPEN = (
    MessageStatus.RECEIVED,
    MessageStatus.ASSIGNED,
    MessageStatus.DRAFTED,
    MessageStatus.APPROVED,
)


class Route(models.TextChoices):
    """Where a message that is not a mailbox matter goes (participation.md §9.4)."""

    PETITION = "petition", "信访渠道"
    GOV_INFO = "gov_info", "政府信息公开申请"
    DISCIPLINE = "discipline", "纪检监察举报渠道"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


# Who may take a step.
OFFICE = "office"  # 新闻处 (政务公开管理员): screens, assigns, releases, publishes
UNIT = "unit"  # the handling unit's clerks and head: draft the reply
UNIT_HEAD = "unit_head"  # the handling unit's head: approves the draft
# A 签发领导 (局领导), for a draft the unit's own head wrote (core.review).
LEADER_FOR_HEAD = "leader_for_head"
# A 签发领导 may 签发 a reply too (the usual signer in a bureau): the way out when everyone in
# the press office took part in the draft (新闻处 handling a message itself).
LEADER = "leader"
CASE_STAFF = "case_staff"  # the office or the handling unit
WRITER = "writer"  # no staff user: the citizen, proven by number and query code


NOTHING_TO_RESEND = "给留言人的邮件已发出（或已重新发送），无需再次发送。"


def _t(label, sources, target=None, who=(OFFICE,)):
    return transition(label, sources, target, who)


S = MessageStatus
# verb → the states it starts from, the state it leads to, and who may take it. The verb of the
# same name on Message is the only code that changes `status`.
TRANSITIONS = {
    "assign": _t("受理并交办", {S.RECEIVED, S.ASSIGNED, S.DRAFTED}, S.ASSIGNED),
    "reclassify": _t("更改留言类型", set(OPEN)),
    "decline": _t("不予受理", {S.RECEIVED}, S.DECLINED),
    "merge": _t("合并重复留言", {S.RECEIVED}, S.MERGED),
    "route": _t("转其他渠道", {S.RECEIVED}, S.ROUTED),
    "draft": _t("提交答复稿", {S.ASSIGNED}, S.DRAFTED, who=(UNIT,)),
    "approve": _t("处室审核同意", {S.DRAFTED}, S.APPROVED, who=(UNIT_HEAD, LEADER_FOR_HEAD)),
    "return_draft": _t("退回修改", {S.DRAFTED}, S.ASSIGNED, who=(UNIT_HEAD, LEADER_FOR_HEAD)),
    "release": _t("签发答复", {S.APPROVED}, S.REPLIED, who=(OFFICE, LEADER)),
    "return_reply": _t("退回处室", {S.APPROVED}, S.ASSIGNED),
    "publish": _t("公开答复", {S.REPLIED}),
    "withhold": _t("不予公开", {S.REPLIED}),
    "rate": _t("评价答复", {S.REPLIED}, who=(WRITER,)),
    "reopen": _t("不满意，申请重新办理", {S.REPLIED}, S.ASSIGNED, who=(WRITER,)),
    "withdraw_consent": _t("撤回公开同意", S.values, who=(WRITER,)),
    "resend_mail": transition(
        "重新发送邮件告知留言人",
        S.values,
        None,
        (OFFICE,),
        refusal=lambda message: "" if message.unsent_mail() else NOTHING_TO_RESEND,
    ),
    "note": _t("添加备注", S.values, who=(CASE_STAFF,)),
}


# 先审后发: a check is never taken by the person whose step it checks (meetings and 政策问答
# refuse the same): drafter ≠ approver ≠ releaser. verb → the earlier steps whose latest actor
# may not take it, each with its refusal.
OWN_STEP = {
    "approve": (("draft", "答复稿由您本人拟写，不能由您本人审核。" + review.STAND_IN),),
    "release": (
        ("approve", "答复由您本人审核，不能再由您本人签发，请由新闻处另一位工作人员或签发领导签发"),
        ("draft", "答复稿由您本人拟写，不能由您本人签发，请由新闻处另一位工作人员或签发领导签发"),
    ),
}


def tidy_order_no(text: str) -> str:
    """A 工单号 as the hotline writes it: full-width characters made ordinary, no spaces,
    capitals — so "gz12345-0042 " and "GZ12345-0042" are the same order."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).upper()


NAMES_UNCHECKED = (
    "请逐字核对公开内容，确认已去除他人姓名（如被反映人、邻居、企业员工）后再勾选："
    "系统不能可靠识别他人姓名"
)
PHONE_INVALID = "联系电话格式不正确，请填写手机号码或带区号的固定电话。"


def reply_workdays(category: str) -> int:
    return settings.MESSAGE_REPLY_WORKDAYS.get(category, 15)


class MessageQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def published(self):
        """What the public list shows: released replies published with the writer's consent;
        检举 never, whatever was ticked."""
        return self.filter(
            status=MessageStatus.REPLIED,
            published_at__isnull=False,
            publish_consent=True,
        ).exclude(category=Category.REPORT)


class Message(PhoneKeyed, Workflow, QueryCoded, models.Model):
    """留言 — a message to the leader mailbox, or a 12345 work order passed to the bureau."""

    CODE_SALT = b"message:"
    TRANSITIONS = TRANSITIONS
    SEEN_STEPS = ("approve", "return_draft", "release", "return_reply")  # the draft shown
    NOUN = "留言"

    tracking_no = models.CharField("留言编号", max_length=20, unique=True)
    query_digest = models.CharField(max_length=64, editable=False)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    channel = models.CharField(
        "来源", max_length=10, choices=Channel.choices, default=Channel.MAILBOX
    )
    hotline_order_no = models.CharField("12345工单号", max_length=40, blank=True)
    category = models.CharField("留言类型", max_length=10, choices=Category.choices)
    subject = models.CharField("留言标题", max_length=100)
    body = models.TextField("留言内容")

    # The writer: for those who handle the message only, never shown publicly.
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    # The number however it was typed (+86, dashes, full-width digits), for finding a writer's
    # earlier messages (lib.phones.phone_key); set on save.
    phone_key = models.CharField(max_length=30, blank=True, editable=False, db_index=True)
    email = EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    publish_consent = models.BooleanField(
        "同意公开留言及答复（已去除个人信息）",
        default=False,
        help_text="个人信息保护法第二十五条：单独同意，不默认勾选",
    )
    submitted_at = models.DateTimeField("留言时间", default=timezone.now)
    # The day of 留言时间 in Asia/Shanghai, set with it in services.create: the statistics group
    # and count by a plain column (SQLite converts time zones row by row, 0.8 s per 100,000).
    submitted_on = models.DateField("留言日期", null=True, blank=True, editable=False)
    submitter_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)

    status = models.CharField(
        "办理状态", max_length=10, choices=MessageStatus.choices, default=MessageStatus.RECEIVED
    )
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name="办理单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    named_unit = models.ForeignKey(
        Unit,
        verbose_name="被检举单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="检举材料不得转给被检举单位（信访工作条例第三十条第三款）",
    )
    due_date = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField("答复期限为暂定", default=False)

    draft_text = models.TextField("答复稿", blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    reply_unit_name = models.CharField("答复单位", max_length=100, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)

    merged_into = models.ForeignKey(
        "self",
        verbose_name="合并到",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    routed_to = models.CharField("转办渠道", max_length=10, choices=Route.choices, blank=True)
    route_notice = models.TextField("告知留言人", blank=True)
    routed_request = models.ForeignKey(
        "disclosure_requests.DisclosureRequest",
        verbose_name="转为政府信息公开申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decline_reason = models.TextField("不予受理理由", blank=True)

    # What the public sees: the office's masked copies, fixed when published.
    public_subject = models.CharField("公开标题", max_length=100, blank=True)
    public_body = models.TextField("公开留言内容", blank=True)
    public_reply = models.TextField("公开答复内容", blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    not_published_reason = models.CharField(
        "不予公开理由", max_length=20, choices=NotPublishedReason.choices, blank=True
    )

    satisfaction = models.CharField("评价", max_length=12, choices=Satisfaction.choices, blank=True)
    rated_on = models.DateField("评价日期", null=True, blank=True)
    reopened_on = models.DateField("重新办理日期", null=True, blank=True)
    reopen_reason = models.TextField("重新办理理由", blank=True)

    topics = models.JSONField("主题词", default=list, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = verbose_name_plural = "留言"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MessageStatus.values), name="message_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=Category.values), name="message_category_valid"
            ),
            # 检举 is never published, whatever the form said.
            models.CheckConstraint(
                condition=~models.Q(category="report", published_at__isnull=False),
                name="message_report_never_published",
            ),
            models.CheckConstraint(
                condition=~models.Q(publish_consent=False, published_at__isnull=False),
                name="message_published_only_with_consent",
            ),
            # A 12345 work order is registered once: a double click or a resubmitted form
            # would make two messages, answered and counted twice (probe 4 finding 1).
            models.UniqueConstraint(
                fields=["hotline_order_no"],
                condition=~models.Q(hotline_order_no=""),
                name="message_hotline_order_once",
                violation_error_message="该12345工单已登记。",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_date"],
                name="message_open_due_idx",
                condition=models.Q(status__in=OPEN),
            ),
            models.Index(
                fields=["-published_at"],
                name="message_published_idx",
                condition=models.Q(published_at__isnull=False),
            ),
            models.Index(fields=["submitted_at"], name="message_submitted_idx"),
            models.Index(fields=["submitted_on"], name="message_submitted_on_idx"),
            models.Index(fields=["handling_unit", "status"], name="message_unit_status_idx"),
        ]

    def __str__(self):
        return self.tracking_no

    # -- reading ------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_valid(self) -> bool:
        """有效留言: everything the office did not decline (the 3-month check counts these)."""
        return self.status != MessageStatus.DECLINED

    @property
    def may_be_published(self) -> bool:
        return self.publish_consent and self.category != Category.REPORT

    @property
    def received_on(self) -> dt.date:
        return timezone.localtime(self.submitted_at).date()

    def clean(self):
        """留言时间 (a 12345 order's 派发时间, copied by staff) cannot lie in the future: the
        office would accept it before it was sent (probe finding 16). The phone is the only way
        to call the writer back, so it must be a number (probe 4 finding 2: staff copying a
        12345 order saved "abc")."""
        errors = {}
        now = timezone.now()
        if self.submitted_at and self.submitted_at > now:
            what = "工单派发时间" if self.channel == Channel.HOTLINE else "留言时间"
            shown = cn_datetime(timezone.localtime(now))
            errors["submitted_at"] = f"{what}不能晚于当前时间（{shown}）。"
        if self.phone and not is_phone(self.phone):
            errors["phone"] = PHONE_INVALID
        if errors:
            raise ValidationError(errors)
        self.refuse_registered_order()

    def refuse_registered_order(self):
        """A 12345 work order already registered is refused at 工单号, naming the message it
        became, so the clerk can open it instead of answering the caller twice."""
        if not self.hotline_order_no:
            return
        earlier = (
            Message.objects.filter(hotline_order_no=self.hotline_order_no)
            .exclude(pk=self.pk)
            .values_list("tracking_no", flat=True)
            .first()
        )
        if earlier is not None:
            raise ValidationError(
                {"hotline_order_no": f"该工单已登记（{earlier}），请勿重复登记。"}
            )

    def validate_constraints(self, exclude=None):
        # The order number's uniqueness is checked in clean(), with the message it became.
        super().validate_constraints(exclude={*(exclude or ()), "hotline_order_no"})

    # -- who may act --------------------------------------------------------------------------

    def _is(self, user, who: str) -> bool:
        if user is None:
            return who == WRITER
        in_unit = (
            self.handling_unit_id is not None
            and user.unit_id == self.handling_unit_id
            and user.has_role(Role.CLERK, Role.UNIT_HEAD)
        )
        if who == LEADER_FOR_HEAD:
            return review.leader_stands_in(user, self.handling_unit_id, self._draft_writer_ids())
        return {
            OFFICE: user.has_role(Role.PRESS_OFFICE),
            LEADER: user.has_role(Role.LEADER),
            UNIT: in_unit,
            UNIT_HEAD: in_unit and user.has_role(Role.UNIT_HEAD),
            CASE_STAFF: user.has_role(Role.PRESS_OFFICE) or in_unit,
        }.get(who, False)

    def was_with_unit(self, unit_id: int | None) -> bool:
        """The office assigned this message to the unit at some time (it may have gone on)."""
        return (
            unit_id is not None
            and AuditEntry.objects.filter(
                action="message.assign",
                target_type=self._meta.label_lower,
                target_id=str(self.pk),
                unit_id=unit_id,
            ).exists()
        )

    def moved_on_message(self, user, verb: str, posted=None) -> str:
        """As Workflow's; and a unit's step sent after the office gave the message to another
        unit (the form was made while it was the user's unit's)."""
        step = TRANSITIONS.get(verb)
        roles = {UNIT: (Role.CLERK, Role.UNIT_HEAD), UNIT_HEAD: (Role.UNIT_HEAD,)}
        theirs = step is not None and any(user.has_role(*roles[w]) for w in step.who if w in roles)
        if theirs and user.unit_id != self.handling_unit_id and self.was_with_unit(user.unit_id):
            # The page goes back to the list: this unit no longer sees the message.
            why = f"该{self.NOUN}已由新闻处改交其他单位办理"
            return step_not_taken(
                self.NOUN, self.get_status_display(), step.label, why=why, shown=False
            )
        return super().moved_on_message(user, verb, posted)

    def seen_token(self) -> int:
        """What a review page showed: the latest draft (after a return, the rewritten one); an
        approval from a tab that showed an earlier draft would pass text never read."""
        latest = self.events.filter(kind="draft").order_by("-pk").values_list("pk", flat=True)
        return latest.first() or 0

    def seen_changed(self, seen: str) -> str:
        latest = self.events.filter(kind="draft").select_related("actor").order_by("-pk").first()
        when = timezone.localtime(latest.at).strftime("%Y年%-m月%-d日 %H:%M")
        return (
            f"此页面打开后，答复稿已由{latest.actor or '经办人'}于{when}重新提交，"
            "您看到的不是最新的答复稿，本次操作未办理。请核对最新答复稿后再审核。"
        )

    def _draft_writer_ids(self) -> set[int]:
        """Who wrote the latest draft (after a return, the rewritten one)."""
        last = self.events.filter(kind="draft").order_by("-pk").values_list("actor_id", flat=True)
        return {pk for pk in last[:1] if pk is not None}

    def _preconditions_met(self, verb: str) -> bool:
        if verb in ("publish", "withhold"):
            return self.may_be_published
        if verb == "rate":
            return not self.satisfaction
        if verb == "reopen":
            return self.satisfaction == Satisfaction.UNSATISFIED and not self.reopened_on
        if verb == "withdraw_consent":
            return self.publish_consent and self.category != Category.REPORT
        return True

    # -- the verbs ----------------------------------------------------------------------------

    def _move(self, verb: str, by, note: str = "", **data) -> MessageEvent:
        """The tail of every verb: target state, timeline event, audit entry; the writer hears
        of the office's decisions by e-mail after the commit."""
        before = getattr(self, "_status_before", self.status)
        target = TRANSITIONS[verb].target
        if target is not None:
            self.status = target
        self.save()
        event = MessageEvent.objects.create(
            message=self, kind=verb, actor=by, note=note, data=data, status_after=self.status
        )
        audit.record(
            by,
            f"message.{verb}",
            self,
            unit=self.handling_unit,
            before={"status": before} if before != self.status else None,
            after={"status": self.status},
            note=note[:300],
            **data,
        )
        if verb in SUBJECTS:
            transaction.on_commit(lambda: self._tell_writer(verb, by))
        return event

    def _set_due(self, start: dt.date, calendar: WorkdayCalendar | None = None) -> None:
        calendar = calendar or workday_calendar(provisional=True)
        count = calendar.add_workdays(
            start, reply_workdays(self.category), count_start_day=settings.COUNT_START_DAY
        )
        self.due_date = count.due
        self.due_provisional = not (
            calendar.knows_year(start.year) and calendar.knows_year(count.due.year)
        )

    def recompute_due(self, calendar: WorkdayCalendar | None = None) -> None:
        """The reply period counted again from where it started (acceptance, or 重新办理),
        after the holiday calendar changed; see `services.recompute_messages`."""
        start = self.reopened_on or self.accepted_on
        if start is not None:
            self._set_due(start, calendar)

    @transaction.atomic
    def assign(
        self,
        *,
        by,
        unit: Unit,
        named_unit: Unit | None = None,
        no_named_unit: bool = False,
        note: str = "",
    ):
        """受理并交办: the office accepts the message and a unit answers it, within the
        category's working days from acceptance (participation.md §9.5). A 检举 never goes to
        the unit it names (信访工作条例 第三十条第三款): the office names that unit, or says
        that it accuses no unit of the bureau (`no_named_unit`), before it goes anywhere."""
        self._begin("assign", by)
        self._name_accused(named_unit, no_named_unit, unit)
        if self.accepted_on is None:
            if timezone.localdate() < self.received_on:
                raise DomainError(
                    f"受理日期不能早于留言时间（{cn_date(self.received_on)}），请核对工单派发时间"
                )
            self.accepted_on = timezone.localdate()
            self._set_due(self.accepted_on)
        self.handling_unit = unit
        event = self._move("assign", by, note, unit_name=unit.name, **self._accused_data())
        transaction.on_commit(self._tell_unit)
        return event

    def _name_accused(self, named_unit, no_named_unit: bool, unit) -> None:
        """For a 检举: record the accused unit and refuse `unit` (the handling unit) if it is
        that one; an unnamed accused unit is refused unless the office says there is none."""
        if named_unit is not None:
            self.named_unit = named_unit
        if self.category != Category.REPORT:
            return
        if self.named_unit_id is None and not no_named_unit:
            raise DomainError(
                "检举类留言请先选择被检举单位；检举企业或个人等、不涉及本局单位的，"
                "请选择“未指向本局具体单位”",
                field="named_unit",
            )
        if unit is not None and self.named_unit_id == unit.pk:
            raise DomainError(
                "检举材料不得转给被检举的单位（信访工作条例第三十条第三款），请交其他单位办理",
                field="unit",
            )

    def _accused_data(self) -> dict:
        if self.category != Category.REPORT:
            return {}
        return {"named_unit": self.named_unit.name if self.named_unit else "未指向本局具体单位"}

    @transaction.atomic
    def reclassify(
        self,
        *,
        by,
        category: str,
        reason: str,
        named_unit: Unit | None = None,
        no_named_unit: bool = False,
    ):
        """更改留言类型: the office corrects the type the writer chose — an accusation sent as
        投诉 is a 检举, kept from the unit it accuses and never published. The reply period
        is counted again for the new type from the day of acceptance (or reopening)."""
        self._begin("reclassify", by)
        if category not in Category.values:
            raise DomainError("请选择留言类型", field="category")
        if category == self.category:
            raise DomainError("留言类型未改变", field="category")
        reason = self._required(reason, "更改理由")
        before = self.category
        self.category = category
        if category == Category.REPORT:
            self._name_accused(named_unit, no_named_unit, None)
            if self.handling_unit_id is not None and self.handling_unit_id == self.named_unit_id:
                raise DomainError(
                    f"该留言现由{self.handling_unit.name}办理，不能改为检举该单位：请先在"
                    "“受理并交办”中改交其他单位，再更改类型（信访工作条例第三十条第三款）",
                    field="named_unit",
                )
        if self.accepted_on is not None:
            self._set_due(self.reopened_on or self.accepted_on)
        return self._move(
            "reclassify",
            by,
            reason,
            category_before=Category(before).label,
            category=Category(category).label,
            **self._accused_data(),
        )

    def _tell_unit(self) -> None:
        self.notify(
            _unit_people(self.handling_unit),
            key=f"assigned:{self.handling_unit_id}:{self.accepted_on}",
            text=f"新交办留言 {self.tracking_no}，答复期限{cn_date(self.due_date)}",
        )

    def _tell_writer(self, verb: str, by, *, resent: bool = False) -> None:
        """After the commit of a decision: the writer's e-mail (writer_mail); a failed one is on
        the timeline and in the audit (tell_failed), so the office tells them another way or
        sends it again (resend_mail), whose outcome is recorded either way."""
        why = tell_writer(self, verb)
        if not why and not resent:
            return
        kind = "tell_failed" if why else "tell_resent"
        note = f"邮件告知留言人（{SUBJECTS[verb]}）" + (f"失败：{why}" if why else "已重新发出")
        MessageEvent.objects.create(
            message=self,
            kind=kind,
            actor=by,
            note=note,
            data={"verb": verb, "error": why},
            status_after=self.status,
        )
        audit.record(by, f"message.{kind}", self, unit=self.handling_unit, error=why)

    def unsent_mail(self) -> str:
        """The decision ('release', 'route', 'decline') whose e-mail to the writer failed and
        has not gone out since, or "": the last try at telling the writer — a decision's mail,
        a resend — is a failure. Nothing of a resend is known until it is tried, after its
        commit: a second click meanwhile finds it taken."""
        tries = self.events.filter(kind__in=[*SUBJECTS, "tell_failed", "resend_mail"])
        last = tries.order_by("-pk").first()
        return last.data.get("verb", "") if last and last.kind == "tell_failed" else ""

    @transaction.atomic
    def resend_mail(self, *, by):
        """重新发送: the writer's e-mail about the office's decision, which failed, sent again
        after the commit (the message's lock is not held while a mail server answers); its
        outcome is put on the timeline (tell_resent or tell_failed)."""
        self._begin("resend_mail", by)  # refused when nothing is unsent (a second click)
        verb = self.unsent_mail()
        transaction.on_commit(lambda: self._tell_writer(verb, by, resent=True))
        return self._move("resend_mail", by, f"重新发送“{SUBJECTS[verb]}”邮件", decision=verb)

    def notify(self, people, *, key: str, text: str) -> None:
        link = reverse("mailbox:detail", args=[self.pk])
        for user in people:
            notify(user=user, key=f"messages:{self.pk}:{key}", text=text, link=link)

    @transaction.atomic
    def decline(self, *, by, reason: str):
        """不予受理: no substance, abuse, or not the bureau's matter; the writer sees why."""
        self._begin("decline", by)
        self.decline_reason = self._required(reason, "不予受理的理由")
        return self._move("decline", by, self.decline_reason)

    @transaction.atomic
    def merge(self, *, by, into: Message, note: str = ""):
        """合并: a duplicate is answered with the message it repeats (the writer gets that
        reply when it is released)."""
        self._begin("merge", by)
        target = type(self).objects.select_for_update().get(pk=into.pk)
        while target.merged_into_id is not None:
            target = type(self).objects.select_for_update().get(pk=target.merged_into_id)
        if target.pk == self.pk:
            raise DomainError("不能合并到本条留言")
        if target.status in (MessageStatus.DECLINED, MessageStatus.ROUTED):
            raise DomainError(
                f"{target.tracking_no} 已{target.get_status_display()}，不能合并到该留言"
            )
        if self.category == Category.REPORT and target.category != Category.REPORT:
            # its writer would get the answer of whichever unit handles the other message:
            # perhaps the accused one (信访工作条例 第三十条第三款)
            raise DomainError(
                "检举类留言只能合并到同一检举（检举类留言），不能合并到其他类型的留言",
                field="into",
            )
        self.merged_into = target
        if target.status == MessageStatus.REPLIED:
            self._copy_reply(target)
        return self._move("merge", by, note, into=target.tracking_no)

    def _copy_reply(self, source: Message) -> None:
        """The duplicate's writer reads the answer addressed to them, never the other writer's
        name or details (masking.duplicate_reply)."""
        self.reply_text = duplicate_reply(self, source)
        self.reply_unit_name, self.replied_on = source.reply_unit_name, source.replied_on

    @transaction.atomic
    def route(self, *, by, channel: str, notice: str, **application):
        """转办 (participation.md §9.4): 信访 gets its written notice within 15 days of receipt
        (信访工作条例 第二十三条); an information request becomes an application received the
        day the office confirms it (条例 第三十一条（三）); 检举 of staff goes to 纪检监察."""
        self._begin("route", by)
        if channel not in Route.values:
            raise DomainError("请选择转办渠道")
        self.routed_to, self.route_notice = channel, self._required(notice, "告知留言人的内容")
        if channel == Route.GOV_INFO:
            from gongkai.mailbox.services import open_application

            self.routed_request = open_application(self, by=by, **application)
        late = ""
        if channel == Route.PETITION:
            limit = self.received_on + dt.timedelta(days=settings.PETITION_NOTICE_DAYS)
            if timezone.localdate() > limit:
                late = f"（已超过收到之日起{settings.PETITION_NOTICE_DAYS}日的告知期限）"
        return self._move("route", by, self.route_notice + late, channel=channel)

    @transaction.atomic
    def draft(self, *, by, text: str):
        """答复稿: the handling unit writes the reply; its head approves it next, or, when the
        head wrote it, another head or a 局领导 (LEADER_FOR_HEAD)."""
        self._begin("draft", by)
        self.draft_text = self._required(text, "答复内容")
        event = self._move("draft", by, self.draft_text[:300])
        reviewers = review.checkers(self.handling_unit_id, {by.pk})
        transaction.on_commit(
            lambda: self.notify(
                reviewers, key=f"draft:{event.pk}", text=f"留言 {self.tracking_no} 答复稿待审核"
            )
        )
        return event

    def _refuse_own_step(self, verb: str, by) -> None:
        """The latest draft (after a return, the rewritten one) or approval decides."""
        if by is None:
            return
        for earlier, refusal in OWN_STEP[verb]:
            last = self.events.filter(kind=earlier).order_by("-pk").values_list("actor_id")
            if last.first() == (by.pk,):
                raise DomainError(refusal)

    @transaction.atomic
    def approve(self, *, by, note: str = "", seen: str | None = None):
        """处室审核: the unit's head, not the one who wrote the draft; a 局领导 for the head's
        own draft. `seen`: the draft the page showed (ShownState)."""
        self._begin("approve", by)
        self.check_seen(seen)
        self._refuse_own_step("approve", by)
        return self._move("approve", by, note)

    @transaction.atomic
    def return_draft(self, *, by, comment: str, seen: str | None = None):
        self._begin("return_draft", by)
        self.check_seen(seen)
        return self._move("return_draft", by, self._required(comment, "退回意见"))

    @transaction.atomic
    def release(self, *, by, note: str = "", seen: str | None = None):
        """签发: the approved draft is the reply, dated today, in the unit's name; duplicates
        merged into this message get the same reply. Not by the one who approved it, nor by the
        one who wrote the draft."""
        self._begin("release", by)
        self.check_seen(seen)
        self._refuse_own_step("release", by)
        self.reply_text = self.draft_text
        self.reply_unit_name = self.handling_unit.name
        self.replied_on = timezone.localdate()
        if self.reopened_on:  # a new reply asks for a new rating and a new publication
            self.satisfaction, self.rated_on = "", None
        event = self._move("release", by, note, replied_on=self.replied_on.isoformat())
        for duplicate in self.merged.select_for_update():
            duplicate._copy_reply(self)
            duplicate.save(update_fields=["reply_text", "reply_unit_name", "replied_on"])
        return event

    @transaction.atomic
    def return_reply(self, *, by, comment: str, seen: str | None = None):
        self._begin("return_reply", by)
        self.check_seen(seen)
        return self._move("return_reply", by, self._required(comment, "退回意见"))

    @transaction.atomic
    def publish(
        self,
        *,
        by,
        public_subject: str,
        public_body: str,
        public_reply: str,
        names_checked: bool = False,
    ):
        """公开: the office's masked copy goes to the public list; it is refused while it still
        holds the writer's contact details or anything the personal-data scan finds, and until
        the clerk confirms having read it for other people's names (`names_checked`), which
        no scan finds reliably: only the writer consented, not the people the message names."""
        self._begin("publish", by)
        if not self.may_be_published:
            raise DomainError(
                "留言人未同意公开，或检举类留言，不能公开（个人信息保护法第二十五条）"
            )
        copies = {
            "public_subject": self._required(public_subject, "公开标题"),
            "public_body": self._required(public_body, "公开的留言内容"),
            "public_reply": self._required(public_reply, "公开的答复内容"),
        }
        from gongkai.mailbox.masking import personal_data_in

        subject, body, reply = copies.values()
        found = personal_data_in(self, subject=subject, body=body, reply=reply)
        if found:
            raise DomainError("公开内容仍含个人信息：" + "、".join(found) + "，请去除后再公开")
        if not names_checked:
            raise DomainError(NAMES_UNCHECKED, field="names_checked")
        for name, value in copies.items():
            setattr(self, name, value)
        self.published_at, self.not_published_reason = timezone.now(), ""
        event = self._move("publish", by, names_checked=True)
        transaction.on_commit(self._index)
        return event

    def _index(self) -> None:
        from gongkai.mailbox import search

        search.index(self)

    @transaction.atomic
    def withhold(self, *, by, reason: str):
        """不予公开 with one of the four reasons of 第六条; a published reply is taken down."""
        self._begin("withhold", by)
        if reason not in NotPublishedReason.values:
            raise DomainError("请选择不予公开的理由")
        self.not_published_reason, self.published_at = reason, None
        event = self._move("withhold", by, self.get_not_published_reason_display())
        transaction.on_commit(self._index)
        return event

    @transaction.atomic
    def rate(self, *, by=None, satisfaction: str):
        self._begin("rate", by)
        if self.satisfaction:
            raise DomainError("已经评价过本次答复")
        if satisfaction not in Satisfaction.values:
            raise DomainError("请选择评价")
        self.satisfaction, self.rated_on = satisfaction, timezone.localdate()
        return self._move("rate", by, self.get_satisfaction_display())

    @transaction.atomic
    def reopen(self, *, by=None, reason: str):
        """不满意 → once, with a reason: the unit answers again, with a fresh period. The
        rejected reply leaves the public page now; the new one is public only when the office
        publishes it."""
        self._begin("reopen", by)
        if self.satisfaction != Satisfaction.UNSATISFIED:
            raise DomainError("评价为不满意的答复才能申请重新办理")
        if self.reopened_on:
            raise DomainError("每条留言只能申请重新办理一次")
        self.reopen_reason = self._required(reason, "不满意的理由")
        self.reopened_on = timezone.localdate()
        self._set_due(self.reopened_on)
        was_public = self.published_at is not None
        self.published_at, self.public_reply = None, ""
        event = self._move("reopen", by, self.reopen_reason, unpublished=was_public)
        transaction.on_commit(self._index)
        transaction.on_commit(
            lambda: self.notify(
                _unit_people(self.handling_unit),
                key=f"reopen:{self.reopened_on}",
                text=f"留言 {self.tracking_no} 不满意，重新办理，期限{cn_date(self.due_date)}",
            )
        )
        return event

    @transaction.atomic
    def withdraw_consent(self, *, by=None):
        """撤回同意 (个人信息保护法 第十五条): the writer takes back the consent to publish at
        any time; a published copy leaves the public list and search now, 本人要求不公开."""
        self._begin("withdraw_consent", by)
        if not self.publish_consent:
            raise DomainError("您未同意公开本留言，无需撤回")
        was_public = self.published_at is not None
        self.publish_consent, self.published_at = False, None
        self.not_published_reason = NotPublishedReason.WRITER_ASKED
        event = self._move("withdraw_consent", by, unpublished=was_public)
        transaction.on_commit(self._index)
        return event

    @transaction.atomic
    def note(self, *, by, text: str):
        self._begin("note", by)
        return self._move("note", by, self._required(text, "备注"))


def _unit_people(unit):
    return list(unit_staff(unit)) if unit else []


class MessageEvent(TimelineEvent):
    """办理记录 — the message's append-only timeline."""

    AUDIT_PREFIX = "message"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    status_after = models.CharField(max_length=10, choices=MessageStatus.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = verbose_name_plural = "留言办理记录"

    def __str__(self):
        return f"{self.message} {self.kind}"


class MessageFile(models.Model):
    """留言附件 — checked by content like every upload."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="messages/%Y/%m/")
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = verbose_name_plural = "留言附件"

    def __str__(self):
        return self.original_name

    @classmethod
    def store(cls, message, upload) -> MessageFile:
        checked = sniff_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
        attachment = cls(message=message, original_name=short_name(upload.name), kind=checked.kind)
        attachment.file.save(f"{checked.sha256[:16]}.{checked.kind}", upload, save=True)
        return attachment


class MessageCounter(models.Model):
    """The last serial handed out per year, so message numbers are never reused."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "留言编号"

    def __str__(self):
        return f"{self.year}: {self.last}"


class MessageTopic(models.Model):
    """One of a message's 主题词 with the ISO week (its Monday) the message came in: the signals
    page counts these in the database (a JSON list is unnested differently on each backend).
    Written at creation by `gongkai.mailbox.trends.record`."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="topic_rows")
    word = models.CharField("主题词", max_length=30)
    week = models.DateField("所在周（周一）")

    class Meta:
        verbose_name = verbose_name_plural = "留言主题词"
        constraints = [
            models.UniqueConstraint(fields=["message", "word"], name="message_topic_once"),
        ]
        indexes = [models.Index(fields=["week", "word"], name="message_topic_week_idx")]

    def __str__(self):
        return f"{self.word} {self.week}"
