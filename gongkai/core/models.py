"""Organisation, people, audit log and holiday overrides: what every other app stands on."""

from __future__ import annotations

import unicodedata

from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from gongkai.core.actions import action_label
from gongkai.core.errors import DomainError
from gongkai.core.fields import EmailField
from gongkai.core.roles import BUREAU_WIDE_ROLES, READ_ONLY_ROLES, Role
from gongkai.lib.workdays import Override, missing_statutory_holidays


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Unit(models.Model):
    """单位 — a unit of the bureau: 处室, 直属单位 or 局领导."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "处室"
        SUBORDINATE = "subordinate", "直属单位"
        LEADERSHIP = "leadership", "局领导"

    name = models.CharField("简称", max_length=40, unique=True, help_text="如：新闻处")
    full_name = models.CharField("全称", max_length=100, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    aliases = models.CharField(
        "别名",
        max_length=200,
        blank=True,
        help_text="计划文本中的其他写法，用顿号或逗号分隔，如：局办公室、局保密办",
    )
    order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = verbose_name_plural = "单位"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["department", "subordinate", "leadership"]),
                name="unit_kind_valid",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [
            a.strip()
            for a in self.aliases.replace("，", "、").replace(",", "、").split("、")
            if a.strip()
        ]

    def audit_snapshot(self) -> dict:
        return {
            "name": self.name,
            "full_name": self.full_name,
            "kind": self.kind,
            "aliases": self.aliases,
            "is_active": self.is_active,
        }


class UnitAlias(models.Model):
    """A name a plan wrote for a unit (法规科 for 法规处), learned when someone mapped it once
    in the import preview; next time the importer knows it. Unit.aliases are typed by hand."""

    name = models.CharField("原文写法", max_length=100, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="learned_aliases")
    created_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "单位别名（导入时记录）"

    def __str__(self):
        return f"{self.name} → {self.unit.name}"


def normalise_username(username) -> str:
    return unicodedata.normalize("NFKC", str(username or "")).strip().casefold()


class User(AbstractUser):
    """A staff member (工作人员) belonging to one unit, with roles as groups."""

    full_name = models.CharField("姓名", max_length=40, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="所在单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # AbstractUser's (its label, 电子邮件地址, from Django's catalogue), tidied (core.fields)
    email = EmailField(gettext_lazy("email address"), blank=True)
    # 须修改密码: a password the administrator set (new user, reset) is known to them, so an audit
    # row under this user would not prove this user acted; until they choose their own, the
    # staff area offers them nothing but 修改密码 and 退出 (core.middleware).
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self):
        return self.full_name or self.username

    @classmethod
    def normalize_username(cls, username):
        """One spelling per account, used when it is saved, when signing in and when counting
        failed sign-ins: " Admin" and full-width "ａｄｍｉｎ" are all "admin"."""
        return normalise_username(username)

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return self.is_active and bool(self.roles.intersection(roles))

    @property
    def is_staff_member(self) -> bool:
        """Holds any gongkai role: may enter the staff area."""
        return self.is_active and bool(self.roles.intersection(Role.values))

    @property
    def is_read_only(self) -> bool:
        """审计查阅: sees what the staff see, changes nothing (every verb refused)."""
        return self.has_role(*READ_ONLY_ROLES)

    @property
    def sees_all_units(self) -> bool:
        return self.has_role(*BUREAU_WIDE_ROLES)

    def can_see_unit(self, unit_id) -> bool:
        return self.sees_all_units or (self.unit_id is not None and self.unit_id == unit_id)

    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.roles]

    def set_roles(self, roles) -> None:
        # get_or_create: a flushed test database has lost the groups the migration made.
        self.groups.set([Group.objects.get_or_create(name=Role(role).value)[0] for role in roles])
        self.__dict__.pop("roles", None)

    def audit_snapshot(self) -> dict:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "unit": self.unit.name if self.unit_id else None,
            "roles": sorted(self.roles),
            "is_active": self.is_active,
        }


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("审计日志只能追加，不能修改")

    def delete(self):
        raise TypeError("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    """审计日志 — one staff change of state: who, when, what, before and after. Append-only."""

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=80, blank=True)
    action = models.CharField("操作", max_length=60, db_index=True)
    target_type = models.CharField("对象类型", max_length=60, blank=True)
    target_id = models.CharField("对象编号", max_length=40, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="相关单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # the unit's name when the entry was written (as actor_name): a rename later does not
    # make the log say a unit acted before it had that name
    unit_name = models.CharField("单位名称（记录时）", max_length=40, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    data = models.JSONField("说明", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    request_id = models.UUIDField("请求编号", null=True, blank=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = verbose_name_plural = "审计日志"
        # A record's history asks by target; audit.read_logged (every view of a case page) asks
        # by target, action, actor and time: one index serves both, its prefix the first.
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "action", "actor", "at"],
                name="audit_target_action_actor_at",
            )
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("审计日志只能追加，不能删除")

    @property
    def action_label(self) -> str:
        return action_label(self.action)


class HolidaySchedule(models.Model):
    """节假日安排 — a year's State Council holiday notice, entered here day by day.

    Needed for every year the bundled calendar package does not know. Registering the notice
    only opens the year for entering its dates; the year counts as known (deadlines final, no
    longer 暂定) once the administrator confirms the dates are complete, and that is refused
    while a statutory holiday is missing (元旦, 劳动节, 国庆节 by date; 春节, 清明节, 端午节,
    中秋节 by name: lib.workdays.missing_statutory_holidays). Until then
    deadlines stay provisional: weekends, the fixed-date holidays and the days entered so far.
    """

    year = models.PositiveIntegerField("年份", primary_key=True)
    notice = models.CharField(
        "依据", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    entered_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField("确认录入完整时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度节假日安排"

    def __str__(self):
        return f"{self.year}年"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def missing_statutory_holidays(self) -> list[str]:
        """The statutory holidays of the year not entered as days off, e.g. ["元旦（1月1日）",
        "春节"]: a schedule without one of them cannot be the State Council's."""
        overrides = HolidayOverride.objects.filter(date__year=self.year)
        return missing_statutory_holidays(
            self.year, {o.date: Override(o.is_workday, o.name) for o in overrides}
        )

    def confirm(self, *, by) -> None:
        if self.is_confirmed:
            raise DomainError(f"{self.year}年节假日安排已确认")
        missing = self.missing_statutory_holidays()
        if missing:
            raise DomainError(
                f"{self.year}年的法定节假日尚未录入：{'、'.join(missing)}。"
                "请按国务院通知逐日录入放假日和调休上班日后再确认；确认前相关期限均为暂定。"
            )
        self.confirmed_at, self.confirmed_by = timezone.now(), by
        self.save(update_fields=["confirmed_at", "confirmed_by"])


class HolidayOverride(models.Model):
    """One day that differs from Monday-to-Friday: a holiday, or an adjusted workday (调休上班)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班", help_text="勾选表示调休上班；不勾选表示放假")
    name = models.CharField("节日", max_length=40, help_text="如：春节、国庆节")

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = "节假日调整"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}{'（上班）' if self.is_workday else '（放假）'}"

    def clean(self):
        if self.date is None:
            return  # the form says the date is missing
        if (
            not HolidaySchedule.objects.filter(year=self.date.year).exists()
            and self.date.year > 2026
        ):
            raise ValidationError(
                f"请先登记{self.date.year}年节假日安排的依据（年度节假日安排），再录入具体日期"
            )

    def is_required_by_confirmed_schedule(self) -> bool:
        """A day off of a year confirmed complete that the confirm rule needs (a fixed-date
        holiday, or the last day named for 春节…): without it the year would be missing a
        statutory holiday while its deadlines stay final, and wrong."""
        confirmed = HolidaySchedule.objects.filter(year=self.date.year, confirmed_at__isnull=False)
        if self.is_workday or not confirmed.exists():
            return False
        year = HolidayOverride.objects.filter(date__year=self.date.year)
        without = {o.date: Override(o.is_workday, o.name) for o in year.exclude(pk=self.pk)}
        return bool(missing_statutory_holidays(self.date.year, without))


class Throttle(models.Model):
    """A counter of attempts in a time window (failed logins of one account, applications from
    one network, ...), taken with one conditional UPDATE so that concurrent requests in any
    number of workers never get past the limit. See `gongkai.core.throttle`."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key} {self.count}"


class Notification(models.Model):
    """通知 — a reminder for one user, shown on the dashboard until read."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(
        max_length=200, help_text="what it is about, so a sweep never sends it twice"
    )
    text = models.CharField("内容", max_length=500)
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读", null=True, blank=True)
    mail_error = models.CharField(
        "邮件未发出", max_length=200, blank=True, help_text="why the e-mail copy failed, if it did"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "通知"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]

    def __str__(self):
        return self.text
