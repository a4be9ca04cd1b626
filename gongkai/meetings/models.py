"""决策会议公众列席: a unit's decision meeting that citizens sign up to attend, chosen openly.

Every state change is one method on Meeting (see TRANSITIONS): it locks the row, checks the
state, the actor and the rule, then `_move`s — target state, timeline event, audit entry. The
rules and what is unverified: participation.md §11 (seed item 11: at least 3 such meetings a
year; the bureau plans one a quarter). The draw is `gongkai.lib.draw`, published as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit, publicity, review
from gongkai.core.errors import DomainError
from gongkai.core.fields import EmailField
from gongkai.core.models import Unit
from gongkai.core.notifications import notify
from gongkai.core.publicity import masked_name
from gongkai.core.query_codes import QueryCoded
from gongkai.core.roles import Role
from gongkai.core.workflow import TimelineEvent, Workflow, transition
from gongkai.lib import draw as draw_rule
from gongkai.lib.phones import PhoneKeyed, phone_key
from gongkai.meetings import attendee_mail

audit.register_read_actions(**{"meeting.read_signups": "查阅会议报名人信息"})
audit.register_actions(
    **{
        "meeting.create": "起草决策会议公告",
        "meeting.edit": "修改决策会议公告",
        "meeting.submit": "提交决策会议公告审核",
        "meeting.return_draft": "退回决策会议公告",
        "meeting.publish": "发布决策会议公告",
        "meeting.exclude": "报名不符合条件",
        "meeting.invite": "邀请公众代表",
        "meeting.record_seed": "录入抽签种子公开数值",
        "meeting.select": "确定列席人员",
        "meeting.record_attendance": "登记列席情况",
        "meeting.add_opinion": "登记列席代表意见",
        "meeting.submit_summary": "提交会议列席情况审核",
        "meeting.return_summary": "退回会议列席情况",
        "meeting.publish_summary": "审核同意并公开会议列席情况",
        "meeting.record_phoned": "登记已电话通知入选人员",
        "meeting.record_cancel_phoned": "登记已电话告知入选人员会议取消",
        "meeting.cancel": "取消决策会议",
        "meeting.select_told": "邮件告知报名人列席结果",
        "meeting.cancel_told": "告知报名人会议取消",
        "meeting.note": "决策会议备注",
    }
)


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    PUBLISHED = "published", "已发布公告"
    SELECTED = "selected", "已确定列席人员"
    HELD = "held", "已召开"
    SUMMARY_SUBMITTED = "sum_review", "列席情况待审核"
    SUMMARIZED = "summarized", "已公开列席情况"
    CANCELLED = "cancelled", "已取消"


class Selection(models.TextChoices):
    FIRST_COME = "first_come", "公开报名，先到先得"
    LOTTERY = "lottery", "公开报名，报名超过席位时公开抽签"
    INVITE = "invite", "邀请"


class Handling(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不予采纳"
    EXPLAINED = "explained", "已当场说明"


S = MeetingStatus
OPEN_FOR_SIGNUP = (S.PUBLISHED,)
PUBLIC_STATES = (S.PUBLISHED, S.SELECTED, S.HELD, S.SUMMARY_SUBMITTED, S.SUMMARIZED, S.CANCELLED)
HELD_STATES = (S.HELD, S.SUMMARY_SUBMITTED, S.SUMMARIZED)
DECIDED_STATES = (S.SELECTED, *HELD_STATES)

# Who may take a step.
UNIT = "unit"  # the meeting's unit: its clerks and head draft and run it
APPROVER = "approver"  # the unit's head or the press office: publish, summary, cancel
LEADER_FOR_HEAD = "leader_for_head"  # a 签发领导, for a notice the unit's head wrote (core.review)
# The summary's second person (先审后发, seed item 26): the unit's head or the press office, or a
# 签发领导 for a summary the head wrote; never one who submitted it (core.review).
SUMMARY_CHECKER = "summary_checker"
CASE_STAFF = "case_staff"  # the unit or the press office


def _t(label, sources, target=None, who=(CASE_STAFF,)):
    return transition(label, sources, target, who)


# verb → the states it starts from, the state it leads to, and who may take it. The verb of the
# same name on Meeting is the only code that changes `status`.
# 发布/退回 are taken on what the page showed (Meeting.stamp), not on a notice changed since.
SEEN_STEPS = ("publish", "return_draft")
CHANGED_SINCE_SEEN = "此页面显示的会议公告已被修改（退回、修改或重新提交），请刷新后重新审核。"

TRANSITIONS = {
    "edit": _t("修改公告", {S.DRAFT}, who=(UNIT,)),
    "submit": _t("提交审核", {S.DRAFT}, S.SUBMITTED, who=(UNIT,)),
    "return_draft": _t("退回修改", {S.SUBMITTED}, S.DRAFT, who=(APPROVER,)),
    "publish": _t("审核同意并发布", {S.SUBMITTED}, S.PUBLISHED, who=(APPROVER, LEADER_FOR_HEAD)),
    "exclude": _t("认定报名不符合条件", {S.PUBLISHED}),
    "invite": _t("邀请公众代表", {S.PUBLISHED}),
    "record_seed": _t("录入抽签种子数值", {S.PUBLISHED}),
    "select": _t("确定列席人员", {S.PUBLISHED}, S.SELECTED),
    "record_attendance": _t("登记列席情况", {S.SELECTED}, S.HELD),
    "add_opinion": _t("登记代表意见及处理", {S.HELD}),
    "submit_summary": _t("提交列席情况审核", {S.HELD}, S.SUMMARY_SUBMITTED),
    "return_summary": _t("退回列席情况", {S.SUMMARY_SUBMITTED}, S.HELD, who=(SUMMARY_CHECKER,)),
    "publish_summary": _t(
        "审核同意并公开列席情况", {S.SUMMARY_SUBMITTED}, S.SUMMARIZED, who=(SUMMARY_CHECKER,)
    ),
    "record_phoned": _t("登记已电话通知", {S.SELECTED}),
    "record_cancel_phoned": _t("登记已电话告知取消", {S.CANCELLED}),
    "cancel": _t("取消会议", {S.SUBMITTED, S.PUBLISHED, S.SELECTED}, S.CANCELLED, who=(APPROVER,)),
    "note": _t("添加备注", S.values),
}

mask_name = masked_name  # 王*明, 李*, 欧**华 (core.publicity)


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """What the portal shows: meetings whose notice was published (a cancelled one stays,
        with its reason); never a draft or one waiting for approval."""
        return self.filter(published_at__isnull=False, status__in=PUBLIC_STATES)

    def with_public_result(self):
        """Public meetings whose attendees were decided: the result (and a draw's seed and list)
        stays public when the meeting is cancelled afterwards — others may need to check it."""
        return self.public().filter(
            models.Q(status__in=DECIDED_STATES)
            | models.Q(status=S.CANCELLED, selected_at__isnull=False)
        )

    def with_public_attendance(self):
        """Held meetings that at least one citizen attended (seed item 11 counts these)."""
        attended = SignUp.objects.filter(meeting=models.OuterRef("pk"), attended=True)
        return self.filter(models.Exists(attended), status__in=HELD_STATES)


class Meeting(Workflow, models.Model):
    """决策会议 — a unit's decision meeting with seats for the public (列席)."""

    TRANSITIONS = TRANSITIONS
    NOUN = "会议"
    SEEN_STEPS = SEEN_STEPS  # what the page showed: Meeting.stamp

    number = models.CharField("会议编号", max_length=20, unique=True, null=True, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField("会议名称", max_length=120)
    topics = models.TextField("会议议题", help_text="每行一个议题")
    starts_at = models.DateTimeField("召开时间")
    place = models.CharField("会议地点", max_length=200)
    public_seats = models.PositiveSmallIntegerField("公众代表席位")
    selection = models.CharField(
        "遴选方式", max_length=12, choices=Selection.choices, default=Selection.LOTTERY
    )
    signup_opens = models.DateTimeField("报名开始时间", null=True, blank=True)
    signup_closes = models.DateTimeField("报名截止时间", null=True, blank=True)
    eligibility = models.TextField(
        "报名条件",
        default="年满18周岁、具有完全民事行为能力，在本市居住或工作的市民；与会议议题有利害关系的，请如实申报。",
    )
    live_stream = models.BooleanField("网络直播", default=False)
    live_stream_url = models.URLField("直播地址", blank=True)
    notice = models.TextField("公告正文", blank=True, help_text="会议背景、列席代表须知等")
    seed_source = models.CharField(
        "抽签种子来源",
        max_length=200,
        blank=True,
        help_text="报名截止后才产生、任何人可查证的公开数值，如“2022年9月14日中国福利彩票3D开奖号码”",
    )
    seed_date = models.DateField("种子数值产生日期", null=True, blank=True)
    seed_value = models.CharField("种子公开数值", max_length=60, blank=True)
    seed_recorded_at = models.DateTimeField("种子录入时间", null=True, blank=True)

    status = models.CharField(
        "状态", max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The 起草 form's key bound to what it sent (core.idempotent): sent twice, one draft.
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    selected_at = models.DateTimeField("确定列席人员时间", null=True, blank=True)
    drawn = models.BooleanField("经公开抽签", default=False)
    list_sha256 = models.CharField("报名编号清单SHA-256", max_length=64, blank=True)
    attendance_recorded_at = models.DateTimeField("列席登记时间", null=True, blank=True)
    summary = models.TextField("列席情况说明", blank=True)
    summary_published_at = models.DateTimeField("列席情况公开时间", null=True, blank=True)
    cancel_reason = models.TextField("取消理由", blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = verbose_name_plural = "决策会议"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(selection__in=Selection.values),
                name="meeting_selection_valid",
            ),
            # Nothing waiting for approval is ever public.
            models.CheckConstraint(
                condition=~models.Q(status__in=("draft", "submitted"), published_at__isnull=False),
                name="meeting_unpublished_states_not_public",
            ),
            # A lottery's seed is named in the notice: no lottery goes out without it.
            models.CheckConstraint(
                condition=~models.Q(
                    selection="lottery", published_at__isnull=False, seed_date__isnull=True
                ),
                name="meeting_lottery_seed_named",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="meeting_status_start_idx"),
            models.Index(fields=["unit", "status"], name="meeting_unit_status_idx"),
        ]

    def __str__(self):
        return self.title

    # -- reading ------------------------------------------------------------------------------

    @property
    def uses_signup(self) -> bool:
        return self.selection != Selection.INVITE

    def signup_state(self, now=None) -> str:
        """'not_yet', 'open', 'closed' (also for meetings past publication) or 'cancelled'."""
        now = now or timezone.now()
        if self.status == S.CANCELLED:
            return "cancelled"
        if not self.uses_signup or self.status != S.PUBLISHED:
            return "closed"
        if now < self.signup_opens:
            return "not_yet"
        return "open" if now < self.signup_closes else "closed"

    @property
    def seed(self) -> str:
        """The draw's seed as published: "<meeting number>|<public value>"."""
        return f"{self.number}|{self.seed_value.strip()}" if self.seed_value else ""

    def valid_signups(self):
        return self.signups.filter(excluded_reason="", invited=False).order_by("receipt_no")

    def list_text(self) -> str:
        """The published list the draw runs over: receipt numbers, sorted, one a line."""
        return "".join(f"{n}\n" for n in self.valid_signups().values_list("receipt_no", flat=True))

    def attendees(self):
        return self.signups.filter(selected=True).order_by("rank", "receipt_no")

    @property
    def has_public_result(self) -> bool:
        """Whether the portal shows who was selected (see MeetingQuerySet.with_public_result)."""
        return self.status in DECIDED_STATES or (
            self.status == S.CANCELLED and self.selected_at is not None
        )

    def to_tell(self):
        """Who the outcome must reach: the selected attendees once they were chosen; every
        sign-up while none was (a meeting cancelled before its draw). Invited representatives
        are the unit's own contacts."""
        people = self.signups.filter(invited=False)
        return people.filter(selected=True) if self.selected_at else people

    def to_phone(self):
        """Who the unit phones (staff only; their numbers are never public): of `to_tell`, those
        no e-mail reached — none given, or the last one failed (SignUp.mail_error). Before a
        cancellation that is the selected attendees; after it, whoever must hear of it."""
        if self.status != S.CANCELLED and not self.selected_at:
            return self.signups.none()
        unreached = models.Q(email="") | ~models.Q(mail_error="")
        return self.to_tell().filter(unreached).order_by("rank", "receipt_no")

    def told_by_mail(self, verb: str, by) -> None:
        """After the commit of `select` or `cancel`: the e-mails go out (attendee_mail), then
        the timeline and the audit say how many were told by mail, which failed and who waits
        for a call; each sign-up keeps its own outcome (cancel_mailed_at, mail_error)."""
        sent, failed = attendee_mail.send(self, verb)
        with transaction.atomic():
            now = timezone.now()
            mailed = SignUp.objects.filter(pk__in=[s.pk for s in sent])
            mailed.update(mail_error="", **({"cancel_mailed_at": now} if verb == "cancel" else {}))
            for receipt_no, why in failed.items():
                self.signups.filter(receipt_no=receipt_no).update(mail_error=why)
            to_call = list(self.to_phone().values_list("receipt_no", flat=True))
            note = f"已邮件告知{len(sent)}人"
            if failed:
                note += f"；{len(failed)}人邮件发送失败（{'、'.join(failed)}），已列入电话告知名单"
            noun = "电话告知会议取消" if verb == "cancel" else "电话通知"
            note += f"；{len(to_call)}人待{noun}" + (f"：{'、'.join(to_call)}" if to_call else "")
            data = {"mailed": len(sent), "failed": len(failed), "to_call": len(to_call)}
            MeetingEvent.objects.create(
                meeting=self,
                kind=f"{verb}_told",
                actor=by,
                note=note,
                data={**data, "failures": failed},
                status_after=type(self).objects.values_list("status", flat=True).get(pk=self.pk),
                at=now,
            )
            audit.record(
                by,
                f"meeting.{verb}_told",
                self,
                unit=self.unit,
                failed_receipts=list(failed),
                to_call_receipts=to_call,
                **data,
            )

    def clean(self):
        errors = {}
        if self.uses_signup:
            if not (self.signup_opens and self.signup_closes):
                errors["signup_closes"] = "公开报名须填写报名开始和截止时间。"
            elif self.signup_closes <= self.signup_opens:
                errors["signup_closes"] = "报名截止时间应晚于开始时间。"
            elif self.starts_at and self.starts_at - self.signup_closes < dt.timedelta(
                hours=settings.MEETING_SIGNUP_CUTOFF_HOURS
            ):
                errors["signup_closes"] = (
                    f"报名应在会议召开前至少{settings.MEETING_SIGNUP_CUTOFF_HOURS}小时截止"
                    "（本平台设定，可在配置中调整）。"
                )
        if self.selection == Selection.LOTTERY:
            if not self.seed_source.strip():
                errors["seed_source"] = "抽签须事先公布种子来源：报名截止后才产生的公开数值。"
            if not self.seed_date:
                errors["seed_date"] = "请填写种子数值产生的日期。"
            elif (
                self.signup_closes
                and self.seed_date <= timezone.localtime(self.signup_closes).date()
            ):
                errors["seed_date"] = (
                    "种子数值须在报名截止之日以后产生，报名截止时任何人都无法预知。"
                )
            elif self.starts_at and self.seed_date >= timezone.localtime(self.starts_at).date():
                errors["seed_date"] = "种子数值须在会议召开之日以前产生，以便抽签后通知列席代表。"
        if errors:
            raise ValidationError(errors)

    # -- who may act --------------------------------------------------------------------------

    def _is(self, user, who: str) -> bool:
        if who == LEADER_FOR_HEAD:
            return review.leader_stands_in(user, self.unit_id, self.writer_ids())
        if who == SUMMARY_CHECKER:
            writers = self.summary_writer_ids()
            return user.pk not in writers and (
                self._is(user, APPROVER) or review.leader_stands_in(user, self.unit_id, writers)
            )
        in_unit = user.unit_id == self.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD)
        office = user.has_role(Role.PRESS_OFFICE)
        return {
            UNIT: in_unit,
            APPROVER: office or (in_unit and user.has_role(Role.UNIT_HEAD)),
            CASE_STAFF: office or in_unit,
        }.get(who, False)

    def writer_ids(self) -> set[int]:
        """Who wrote the notice under review: whoever drafted, edited or submitted it (core.review:
        none of them may approve it)."""
        actors = self.events.filter(kind__in=("edit", "submit"), actor__isnull=False)
        return {self.created_by_id, *actors.values_list("actor_id", flat=True)}

    def summary_writer_ids(self) -> set[int]:
        """Who submitted the 列席情况说明 now under check (core.review: not its checker)."""
        since = self.events.filter(kind="return_summary").order_by("-pk").first()
        submitted = self.events.filter(kind="submit_summary", actor__isnull=False)
        if since is not None:
            submitted = submitted.filter(pk__gt=since.pk)
        return set(submitted.values_list("actor_id", flat=True))

    def may(self, user, verb: str) -> bool:
        if verb == "publish" and user.pk in self.writer_ids():
            return False
        return super().may(user, verb)

    def _preconditions_met(self, verb: str) -> bool:
        if verb == "record_seed":
            return self.selection == Selection.LOTTERY and not self.seed_value
        if verb == "invite":
            return self.selection == Selection.INVITE
        if verb == "exclude":
            return self.uses_signup and not self.seed_value
        if verb == "record_phoned":
            return self.to_phone().filter(phoned_at__isnull=True).exists()
        if verb == "record_cancel_phoned":
            return self.to_phone().filter(cancel_phoned_at__isnull=True).exists()
        return True

    # -- the verbs ----------------------------------------------------------------------------

    def _move(self, verb: str, by, note: str = "", at=None, **data) -> MeetingEvent:
        before = getattr(self, "_status_before", self.status)
        target = TRANSITIONS[verb].target
        if target is not None:
            self.status = target
        self.save()
        event = MeetingEvent.objects.create(
            meeting=self,
            kind=verb,
            actor=by,
            note=note,
            data=data,
            status_after=self.status,
            at=at or timezone.now(),
        )
        audit.record(
            by,
            f"meeting.{verb}",
            self,
            unit=self.unit,
            before={"status": before} if before != self.status else None,
            after={"status": self.status},
            note=note[:300],
            **data,
        )
        return event

    @staticmethod
    def _when(moment) -> str:
        return timezone.localtime(moment).strftime("%Y年%-m月%-d日 %H:%M")

    @transaction.atomic
    def edit(self, *, by, **fields):
        """修改公告: only a draft; what was published (the seed's source above all) is fixed."""
        self._begin("edit", by)
        for name, value in fields.items():
            setattr(self, name, value)
        self._full_clean()
        return self._move("edit", by, changed=sorted(fields))

    def _full_clean(self) -> None:
        try:
            self.full_clean(exclude=["number", "created_by"])
        except ValidationError as error:
            raise DomainError(
                "；".join(m for ms in error.message_dict.values() for m in ms)
            ) from None

    @transaction.atomic
    def submit(self, *, by, note: str = "", at=None):
        self._begin("submit", by)
        self._full_clean()
        self.submitted_by = by
        event = self._move("submit", by, note, at=at)
        self._tell_checkers(event)  # in the step's transaction: no notice of a refused step
        return event

    def _tell_checkers(self, event) -> None:
        """Who may now publish it hears of it where they look for work (their 提醒): the unit's
        heads who did not write it, and the 签发领导 when a head wrote it (core.review)."""
        link = reverse("meetings:detail", args=[self.pk])
        for person in review.checkers(self.unit_id, self.writer_ids()):
            notify(
                user=person,
                key=f"meetings:{self.pk}:submit:{event.pk}",
                text=f"会议公告“{self.title}”（{self.unit}）待审核发布",
                link=link,
            )

    def stamp(self) -> int:
        """What a staff page showed: its latest step (every change, an edit included, is one);
        0 before any."""
        latest = self.events.order_by("-pk").values_list("pk", flat=True).first()
        return latest or 0

    def seen_token(self) -> int:
        return self.stamp()

    def seen_changed(self, seen: str) -> str:
        return CHANGED_SINCE_SEEN

    @transaction.atomic
    def return_draft(self, *, by, comment: str, at=None, seen: str | None = None):
        self._begin("return_draft", by)
        self.check_seen(seen)
        return self._move("return_draft", by, self._required(comment, "退回意见"), at=at)

    @transaction.atomic
    def publish(self, *, by, note: str = "", at=None, seen: str | None = None):
        """审核同意并发布: by the unit's head or the press office, never by one who drafted,
        edited or submitted it, or by a 签发领导 for the head's own notice (core.review); at
        least MEETING_NOTICE_DAYS before the meeting and before sign-up closes (so the seed's
        source is public while anyone can still sign up)."""
        self._begin("publish", by)
        self.check_seen(seen)
        if by.pk in self.writer_ids():
            raise DomainError(
                "起草、修改或提交会议公告的人不能审核发布自己的会议公告，"
                "请由其他处室负责人或新闻处审核；处室负责人起草的，可由局领导（签发领导）审核"
            )
        now = at or timezone.now()
        self._full_clean()
        notice = dt.timedelta(days=settings.MEETING_NOTICE_DAYS)
        if self.starts_at - now < notice:
            raise DomainError(
                f"会议公告应在会议召开{settings.MEETING_NOTICE_DAYS}日前发布"
                f"（本平台设定，可在配置中调整），会议定于{self._when(self.starts_at)}召开"
            )
        if self.uses_signup and now >= self.signup_closes:
            raise DomainError(
                f"报名截止时间（{self._when(self.signup_closes)}）已过，请修改报名时间"
            )
        if not self.number:
            from gongkai.meetings.services import next_number

            self.number = next_number(
                settings.MEETING_NUMBER_PREFIX, timezone.localtime(self.starts_at).year, width=2
            )
        self.published_at = now
        return self._move("publish", by, note, at=now, number=self.number)

    @transaction.atomic
    def exclude(self, *, by, signup: SignUp, reason: str):
        """认定不符合报名条件: before the seed's value is known, so the list the draw runs over is
        fixed before anyone could know whom the draw will pick."""
        self._begin("exclude", by)
        if self.seed_value:
            raise DomainError("抽签种子数值已录入，报名清单已固定，不能再调整")
        signup = self.signups.select_for_update().get(pk=signup.pk)
        if signup.excluded_reason:
            raise DomainError(f"报名 {signup.receipt_no} 已认定不符合条件")
        signup.excluded_reason = self._required(reason, "不符合条件的理由")
        signup.save(update_fields=["excluded_reason"])
        return self._move("exclude", by, signup.excluded_reason, receipt_no=signup.receipt_no)

    @transaction.atomic
    def invite(
        self,
        *,
        by,
        name: str,
        phone: str = "",
        email: str = "",
        district: str = "",
        occupation: str = "",
        publish_consent: bool = False,
        at=None,
    ):
        """邀请 (selection by invitation): the representative is recorded, never public but
        for the masked name; the same person twice is refused (add_signup)."""
        self._begin("invite", by)
        now = at or timezone.now()
        signup = SignUp(
            name=self._required(name, "姓名"),
            phone=phone,
            email=email,
            district=district,
            occupation=occupation,
            invited=True,
            publish_consent=publish_consent,
        )
        self.add_signup(signup, at=now)
        return self._move("invite", by, at=now, receipt_no=signup.receipt_no)

    def add_signup(self, signup: SignUp, *, at) -> SignUp:
        """Enter one person on this meeting — a citizen's 报名 or the unit's 邀请 — with its
        receipt number. One person, one entry: the same phone (however typed) or, when given, the
        same e-mail address (case and spaces aside) already here is refused, whoever enters it.
        Under the meeting's row lock, which both callers hold: two racing entries are serialised."""
        from gongkai.meetings.services import next_number

        self._lock()
        signup.email = (signup.email or "").strip()
        key = phone_key(signup.phone)
        for field, same in (
            ("phone", key and models.Q(phone_key=key)),
            ("email", signup.email and models.Q(email__iexact=signup.email)),
        ):
            if same and (first := self.signups.filter(same).first()):
                raise DomainError(_second_entry(field, first, signup), field=field)
        signup.meeting, signup.submitted_at = self, at
        signup.receipt_no = next_number(
            settings.SIGNUP_NUMBER_PREFIX, timezone.localtime(at).year, width=5
        )
        signup.save()
        return signup

    @transaction.atomic
    def record_seed(self, *, by, value: str, at=None):
        """录入种子数值: once, after sign-up closed and on or after the day the public value
        is produced; it cannot be changed afterwards."""
        self._begin("record_seed", by)
        now = at or timezone.now()
        if self.selection != Selection.LOTTERY:
            raise DomainError("本次会议不采用抽签方式")
        if self.seed_value:
            raise DomainError(
                f"种子数值已于{self._when(self.seed_recorded_at)}录入并公开，不能更改"
            )
        if now < self.signup_closes:
            raise DomainError(f"报名截止（{self._when(self.signup_closes)}）后才能录入种子数值")
        if timezone.localtime(now).date() < self.seed_date:
            raise DomainError(f"种子数值于{self.seed_date:%Y年%-m月%-d日}产生，当日起才能录入")
        value = self._required(value, "种子公开数值")
        if "|" in value or "\n" in value:
            raise DomainError("种子数值不能含有“|”或换行")
        self.seed_value, self.seed_recorded_at = value, now
        return self._move("record_seed", by, value, at=now, seed=self.seed)

    @transaction.atomic
    def select(self, *, by, note: str = "", at=None):
        """确定列席人员, once. First come: the first sign-ups up to the seats. Lottery: all of
        them when they fit, else the published draw over the sorted list of valid sign-ups.
        Invitation: those invited."""
        self._begin("select", by)
        now = at or timezone.now()
        if self.uses_signup and now < self.signup_closes:
            raise DomainError(
                f"报名尚未截止（截止时间{self._when(self.signup_closes)}），不能确定列席人员"
            )
        if self.selection == Selection.INVITE:
            chosen = list(self.signups.filter(invited=True).order_by("receipt_no"))
            ranked = [(rank, s, True) for rank, s in enumerate(chosen, start=1)]
        else:
            valid = {s.receipt_no: s for s in self.valid_signups().select_for_update()}
            self.list_sha256 = hashlib.sha256(self.list_text().encode()).hexdigest()
            if self.selection == Selection.LOTTERY and len(valid) > self.public_seats:
                if not self.seed_value:
                    raise DomainError("报名人数超过席位，须先录入种子公开数值再抽签")
                result = draw_rule.draw(self.seed, list(valid), self.public_seats)
                ranked = [(rank, valid[r], chosen) for rank, r, chosen, _ in result]
                self.drawn = True
            else:  # first come, first served: receipt numbers are handed out in order
                ranked = [
                    (rank, valid[r], rank <= self.public_seats)
                    for rank, r in enumerate(sorted(valid), start=1)
                ]
        for rank, signup, chosen in ranked:
            signup.rank, signup.selected = rank, chosen
            signup.save(update_fields=["rank", "selected"])
        self.selected_at = now
        picked = sum(1 for *_, chosen in ranked if chosen)
        transaction.on_commit(lambda: self.told_by_mail("select", by))
        return self._move(
            "select", by, note, at=now, selected=picked, signups=len(ranked), drawn=self.drawn
        )

    @transaction.atomic
    def record_attendance(self, *, by, present, at=None):
        """列席情况: present or absent for every attendee, after the meeting began."""
        self._begin("record_attendance", by)
        now = at or timezone.now()
        if now < self.starts_at:
            raise DomainError(f"会议于{self._when(self.starts_at)}召开，召开后才能登记列席情况")
        present_pks = {s.pk for s in present}
        attendees = list(self.attendees().select_for_update())
        if not present_pks <= {s.pk for s in attendees}:
            raise DomainError("只能登记已确定的列席人员")
        for signup in attendees:
            signup.attended = signup.pk in present_pks
            signup.save(update_fields=["attended"])
        self.attendance_recorded_at = now
        return self._move(
            "record_attendance",
            by,
            at=now,
            present=len(present_pks),
            absent=len(attendees) - len(present_pks),
        )

    @transaction.atomic
    def add_opinion(
        self, *, by, speaker: SignUp | None, text: str, handling: str, response: str, at=None
    ):
        """意见及处理: what an attendee said and how the unit handled it (a reason for anything
        not adopted)."""
        self._begin("add_opinion", by)
        if speaker is not None:
            speaker = self.signups.filter(pk=speaker.pk, attended=True).first()
            if speaker is None:
                raise DomainError("发言人须为本次会议实际列席的代表")
        if handling not in Handling.values:
            raise DomainError("请选择处理情况")
        if handling != Handling.ADOPTED:
            response = self._required(response, "处理说明（未采纳的须说明理由）")
        opinion = Opinion.objects.create(
            meeting=self,
            speaker=speaker,
            text=self._required(text, "意见内容"),
            handling=handling,
            response=response.strip(),
        )
        return self._move("add_opinion", by, opinion.text[:200], at=at, handling=handling)

    def _refuse_summary_writer(self, by) -> None:
        if by.pk in self.summary_writer_ids():
            raise DomainError(
                "提交列席情况说明的人不能审核自己提交的列席情况，请由本单位其他负责人或新闻处审核；"
                "处室负责人提交的，可由局领导（签发领导）审核"
            )

    @transaction.atomic
    def submit_summary(self, *, by, summary: str, at=None):
        """提交列席情况审核: the unit writes the summary; it goes public only once a second
        person approves it (先审后发, seed item 26), like the notice."""
        self._begin("submit_summary", by)
        self.summary = self._required(summary, "列席情况说明")
        return self._move("submit_summary", by, at=at, chars=len(self.summary))

    @transaction.atomic
    def return_summary(self, *, by, comment: str, at=None):
        """退回列席情况: back to the unit to rewrite, with what is wrong."""
        self._refuse_summary_writer(by)
        self._begin("return_summary", by)
        return self._move("return_summary", by, self._required(comment, "退回意见"), at=at)

    @transaction.atomic
    def publish_summary(self, *, by, note: str = "", at=None):
        """审核同意并公开列席情况: the summary with each opinion and how it was handled, by the
        unit's head or the press office who did not submit it (a 签发领导 for the head's own)."""
        self._refuse_summary_writer(by)
        self._begin("publish_summary", by)
        self.summary_published_at = at or timezone.now()
        return self._move("publish_summary", by, note, at=self.summary_published_at)

    @property
    def public_summary(self) -> str:
        """The 列席情况说明 as the public reads it: staff text, so a person's phone, ID number,
        address, name given (姓名：…) and each attendee's own details go, while an office's
        published number stays (core.publicity, as Opinion.public_response)."""
        text = self.summary
        for attendee in self.signups.filter(attended=True):
            text = publicity.masked(text, attendee.personal_details, by_staff=True)
        return publicity.masked(text, {}, by_staff=True)

    @transaction.atomic
    def record_phoned(self, *, by, signup: SignUp, note: str = "", at=None):
        """已电话通知: an attendee who left no e-mail was told by phone of the selection."""
        return self._record_call("record_phoned", "phoned", "电话通知", by, signup, note, at)

    @transaction.atomic
    def record_cancel_phoned(self, *, by, signup: SignUp, note: str = "", at=None):
        """已电话告知取消: the cancellation e-mail (attendee_mail) does not reach whoever must
        hear of it (every sign-up before a draw, the selected after) and left no e-mail, or whose
        e-mail failed: the unit phones them (to_phone)."""
        return self._record_call(
            "record_cancel_phoned", "cancel_phoned", "电话告知会议取消", by, signup, note, at
        )

    def _record_call(self, verb: str, field: str, what: str, by, signup, note: str, at):
        """A call to a selected attendee without e-mail, recorded once, with who and when, in
        SignUp.<field>_at/_by (the audit names the receipt number, never the phone number)."""
        self._begin(verb, by)
        found = self.to_phone().select_for_update().filter(pk=signup.pk).first()
        if found is None:
            told = what.removeprefix("电话")  # 通知 / 告知会议取消
            who = (
                "待电话告知的报名人"
                if verb == "record_cancel_phoned"
                else "入选且未留电子邮箱的报名人"
            )
            raise DomainError(f"只能登记{who}（留有邮箱的已邮件{told}）")
        done_at = getattr(found, f"{field}_at")
        if done_at is not None:
            raise DomainError(
                f"报名 {found.receipt_no} 已于{self._when(done_at)}"
                f"由{getattr(found, f'{field}_by')}登记{what}"
            )
        setattr(found, f"{field}_at", at or timezone.now())
        setattr(found, f"{field}_by", by)
        found.save(update_fields=[f"{field}_at", f"{field}_by"])
        return self._move(
            verb, by, note.strip(), at=getattr(found, f"{field}_at"), receipt_no=found.receipt_no
        )

    @transaction.atomic
    def cancel(self, *, by, reason: str):
        self._begin("cancel", by)
        self.cancel_reason = self._required(reason, "取消理由")
        transaction.on_commit(lambda: self.told_by_mail("cancel", by))
        return self._move("cancel", by, self.cancel_reason)

    @transaction.atomic
    def note(self, *, by, text: str):
        self._begin("note", by)
        return self._move("note", by, self._required(text, "备注"))


ALREADY_SIGNED_UP = "该联系电话已报名本次会议，请凭报名编号和查询码查询，无需重复报名。"
EMAIL_SIGNED_UP = (
    "该电子邮箱已报名本次会议（每人只能报名一次），请凭报名编号和查询码查询，无需重复报名。"
)


def _second_entry(field: str, first: SignUp, signup: SignUp) -> str:
    """Why a second entry of the same person is refused: the citizen is pointed to the lookup;
    the staff who invite are told whom the number or address already belongs to."""
    if not signup.invited:
        return ALREADY_SIGNED_UP if field == "phone" else EMAIL_SIGNED_UP
    what = "联系电话" if field == "phone" else "电子邮箱"
    return (
        f"该{what}已登记在本次会议（{first.receipt_no} {first.name}），"
        "同一人只能登记一次，未重复邀请。"
    )


class SignUp(PhoneKeyed, QueryCoded, models.Model):
    """列席报名 — one citizen's sign-up (or an invited representative). The contact details
    are for the unit only; the public sees the receipt number and, with consent, the masked
    name."""

    CODE_SALT = b"signup:"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="signups")
    receipt_no = models.CharField("报名编号", max_length=20, unique=True)
    query_digest = models.CharField(max_length=64, editable=False, blank=True)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # The number however it was typed (+86, spaces, dashes, full-width): one sign-up per person.
    phone_key = models.CharField(max_length=30, blank=True, editable=False)
    email = EmailField("电子邮箱", blank=True)
    district = models.CharField("所在区", max_length=30, blank=True)
    occupation = models.CharField("职业", max_length=50, blank=True)
    statement = models.TextField("报名理由", blank=True)
    conflicts = models.TextField("利害关系申报", blank=True)
    publish_consent = models.BooleanField(
        "同意公开经遮蔽的姓名",
        default=False,
        help_text="个人信息保护法第二十五条：单独同意，不默认勾选",
    )
    invited = models.BooleanField("受邀", default=False)
    submitted_at = models.DateTimeField("报名时间", default=timezone.now)
    submitter_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    excluded_reason = models.TextField("不符合条件的理由", blank=True)
    rank = models.PositiveIntegerField("顺序", null=True, blank=True)
    selected = models.BooleanField("入选", default=False)
    attended = models.BooleanField("实际列席", null=True, blank=True)
    # 电话通知: for an attendee who left no e-mail (Meeting.record_phoned).
    phoned_at = models.DateTimeField("电话通知时间", null=True, blank=True)
    phoned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="电话通知人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 电话告知取消: the same attendee told by phone that the meeting was cancelled after the draw
    # (Meeting.record_cancel_phoned).
    cancel_phoned_at = models.DateTimeField("电话告知取消时间", null=True, blank=True)
    # 邮件告知取消 (Meeting.told_by_mail): when the cancellation e-mail went out.
    cancel_mailed_at = models.DateTimeField("邮件告知取消时间", null=True, blank=True)
    # Why the last e-mail to this person failed ("" when it went out or none was sent): they are
    # then phoned like one who left no address (Meeting.to_phone).
    mail_error = models.CharField("邮件发送失败原因", max_length=200, blank=True)
    cancel_phoned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="电话告知取消人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["receipt_no"]
        verbose_name = verbose_name_plural = "列席报名"
        constraints = [
            # One sign-up per phone number per meeting, whatever the timing of two submissions
            # and however the number was typed.
            models.UniqueConstraint(
                fields=["meeting", "phone_key"],
                condition=~models.Q(phone_key=""),
                name="signup_one_per_phone_number",
            ),
        ]

    def __str__(self):
        return self.receipt_no

    @property
    def public_name(self) -> str:
        return mask_name(self.name) if self.publish_consent else "（未同意公开姓名）"

    @property
    def is_valid(self) -> bool:
        return not self.excluded_reason

    @property
    def personal_details(self) -> dict[str, str]:
        """What publicity.masked takes out of a text that may repeat them."""
        return {"姓名": self.name, "联系电话": self.phone, "电子邮箱": self.email}


class Opinion(models.Model):
    """列席代表意见 — what was said at the meeting and how the unit handled it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    speaker = models.ForeignKey(
        SignUp, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    text = models.TextField("意见内容")
    handling = models.CharField("处理情况", max_length=12, choices=Handling.choices)
    response = models.TextField("处理说明", blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = verbose_name_plural = "列席代表意见"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(handling__in=Handling.values), name="opinion_handling_valid"
            ),
        ]

    def __str__(self):
        return self.text[:30]

    @property
    def speaker_label(self) -> str:
        return f"列席代表 {self.speaker.public_name}" if self.speaker else "列席代表"

    @property
    def public_text(self) -> str:
        """What the 列席代表 said, as the public may read it: a citizen's words, so the
        speaker's details and every phone, ID number, landline and address out (core.publicity)."""
        return publicity.masked(self.text, self._speaker_details())

    @property
    def public_response(self) -> str:
        """The unit's 处理说明, staff text: only what is personal goes; an office's number stays."""
        return publicity.masked(self.response, self._speaker_details(), by_staff=True)

    def _speaker_details(self) -> dict[str, str]:
        speaker = self.speaker
        if speaker is None:
            return {}
        return speaker.personal_details


class MeetingEvent(TimelineEvent):
    """办理记录 — the meeting's append-only timeline."""

    AUDIT_PREFIX = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    status_after = models.CharField(max_length=12, choices=MeetingStatus.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = verbose_name_plural = "决策会议办理记录"

    def __str__(self):
        return f"{self.meeting} {self.kind}"


class NumberCounter(models.Model):
    """The last serial handed out per prefix and year, so numbers are never reused."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "会议及报名编号"
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="meeting_counter_unique")
        ]

    def __str__(self):
        return f"{self.prefix}{self.year}: {self.last}"
