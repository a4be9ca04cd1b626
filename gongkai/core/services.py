"""Staff changes to the directory and the calendar: each one transaction with its audit entry."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.calendar import calendar_changed
from gongkai.core.errors import DomainError
from gongkai.core.models import (
    AuditEntry,
    HolidayOverride,
    HolidaySchedule,
    Unit,
    UnitAlias,
    User,
)
from gongkai.core.notifications import notify
from gongkai.lib.cndate import cn_date, cn_datetime


def _locked_before(form) -> dict:
    """What the form's row holds now, read under a lock (probe 9 finding 8): of two admins
    saving at once, the second waits, and its audit "before" is the first one's "after"."""
    if form.instance.pk is None:
        return {}
    return type(form.instance).objects.select_for_update().get(pk=form.instance.pk).audit_snapshot()


@transaction.atomic
def unit_save(*, by: User, form) -> Unit:
    creating = form.instance.pk is None
    before = _locked_before(form)
    unit = form.save()
    changed_before, changed_after = audit.changed_fields(before, unit.audit_snapshot())
    if changed_after:
        audit.record(
            by,
            "unit.create" if creating else "unit.update",
            unit,
            before=changed_before or None,
            after=changed_after,
            unit=unit,
        )
    return unit


@transaction.atomic
def learned_alias_change(*, by: User, alias_id: int, unit: Unit | None) -> UnitAlias | None:
    """Correct a unit name the plan import learned (probe 8 P4): point it at another unit, or
    (unit None) forget it, so the next import asks again. Tasks already imported keep their
    units: those are corrected on the task page."""
    alias = UnitAlias.objects.select_for_update().select_related("unit").filter(pk=alias_id).first()
    if alias is None:
        raise DomainError("该写法已被删除或改正，请刷新页面。")
    before = {"name": alias.name, "unit": alias.unit.name}
    if unit is None:
        alias.delete()
        audit.record(by, "unit.alias_delete", before=before)
        return None
    if unit.pk == alias.unit_id:
        return alias
    alias.unit = unit
    alias.save(update_fields=["unit"])
    audit.record(
        by,
        "unit.alias_repoint",
        alias,
        before=before,
        after={"name": alias.name, "unit": unit.name},
    )
    return alias


@transaction.atomic
def user_save(*, by: User, form) -> User:
    creating = form.instance.pk is None
    before = _locked_before(form)
    user = form.save(commit=False)
    if creating:
        user.set_unusable_password()  # until force_password_change below sets the one typed
    user.save()
    user.set_roles(form.cleaned_data.get("roles") or [])
    changed_before, changed_after = audit.changed_fields(before, user.audit_snapshot())
    if changed_after:
        audit.record(
            by,
            "user.create" if creating else "user.update",
            user,
            before=changed_before or None,
            after=changed_after,
            unit=user.unit,
        )
    if password := form.cleaned_data.get("password"):
        force_password_change(user, by=by, password=password)
    return user


@transaction.atomic
def force_password_change(
    user: User, *, by: User | None, password: str | None = None, actor_name: str | None = None
) -> User:
    """重置密码: a password set for someone by another (the user page, a new user, the
    changepassword command) is known to whoever set it, so its owner must replace it at their
    next sign-in (须修改密码) — unless `by` is the owner. Sets `password` (None: the caller,
    Django's command, has set it already) and writes the one "user.set_password" row, never
    the password. `by` None is the command line, named by `actor_name`."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if password is not None:
        locked.set_password(password)
    forced = by is None or locked.pk != by.pk
    locked.must_change_password = forced
    locked.save(update_fields=["password", "must_change_password"])
    audit.record(
        by, "user.set_password", locked, actor_name=actor_name, must_change_password=forced
    )
    user.password, user.must_change_password = locked.password, forced
    return user


@transaction.atomic
def password_change(*, user: User, form) -> User:
    """修改密码: the signed-in user sets their own (the form checked the old one and the
    validators). Clears 须修改密码; the caller keeps this session, and every other session of
    the user ends because its stored hash no longer matches (django.contrib.auth)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    forced = locked.must_change_password
    locked.set_password(form.cleaned_data["new_password1"])
    locked.must_change_password = False
    locked.save(update_fields=["password", "must_change_password"])
    audit.record(  # never the password itself
        locked,
        "user.change_password",
        locked,
        unit=locked.unit,
        before={"must_change_password": True} if forced else None,
        after={"must_change_password": False} if forced else None,
    )
    user.password, user.must_change_password = locked.password, False
    return user


def failed_logins_since_last(user: User):
    """Failed sign-ins under this user's name since their last one (the audit log keeps each
    one with its address, whoever typed it)."""
    last = (
        AuditEntry.objects.filter(action="auth.login", actor=user)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    failures = AuditEntry.objects.filter(action="auth.login_failed", data__username=user.username)
    return failures.filter(at__gt=last) if last else failures


def record_login(user: User) -> AuditEntry:
    """The audit row of a sign-in, with how many failed sign-ins the account saw since the last
    one; the user is told of those on the dashboard (probe10 finding 1: a stranger guessing)."""
    failures = failed_logins_since_last(user)
    count = failures.count()
    entry = audit.record(
        user, "auth.login", user, unit=user.unit, **({"failed_since_last": count} if count else {})
    )
    if count:
        latest = failures.order_by("-at", "-id").first()
        notify(
            user=user,
            key=f"login_failures:{entry.pk}",
            text=(
                f"自您上次登录以来，您的账号有{count}次登录失败（最近一次："
                f"{cn_datetime(timezone.localtime(latest.at))}，来自{latest.ip or '未知地址'}）。"
                "如不是您本人输错，可能有人在猜测您的密码：请修改密码，并告知系统管理员。"
            ),
            link=reverse("core:password_change"),
        )
    return entry


def _calendar_changed(by: User) -> int:
    """Every app recomputes what it derived from the calendar, in this same transaction."""
    return sum(count or 0 for _, count in calendar_changed.send(sender=HolidayOverride, by=by))


@transaction.atomic
def holiday_schedule_save(*, by: User, form) -> int:
    """登记年度节假日安排; returns how many records' dates were recomputed."""
    schedule = form.save(commit=False)
    schedule.entered_by = by
    schedule.save()
    audit.record(
        by, "holiday.schedule", schedule, after={"year": schedule.year, "notice": schedule.notice}
    )
    return _calendar_changed(by)


@transaction.atomic
def holiday_override_save(*, by: User, form) -> int:
    """A day off or a 调休 workday. The form checked the date was free when it was sent; a day
    saved meanwhile (another tab, another admin) is refused, not a server error."""
    day = form.cleaned_data["date"]
    taken = HolidayOverride.objects.select_for_update().filter(date=day).first()
    refusal = f"{cn_date(day)}已有节假日调整，未重复保存；如需更改，请先删除该日再录入。"
    if taken is not None:
        raise DomainError(refusal)
    try:
        with transaction.atomic():  # saved at the same moment by another admin
            override = form.save()
    except IntegrityError:
        raise DomainError(refusal) from None
    audit.record(
        by,
        "holiday.override_save",
        override,
        after={
            "date": override.date.isoformat(),
            "is_workday": override.is_workday,
            "name": override.name,
        },
    )
    return _calendar_changed(by)


@transaction.atomic
def holiday_schedule_confirm(*, by: User, schedule: HolidaySchedule) -> int:
    """确认录入完整: from now on the year's deadlines are final (no longer 暂定)."""
    schedule = HolidaySchedule.objects.select_for_update().get(pk=schedule.pk)
    schedule.confirm(by=by)
    audit.record(by, "holiday.schedule_confirm", schedule, after={"year": schedule.year})
    return _calendar_changed(by)


@transaction.atomic
def holiday_override_delete(*, by: User, override: HolidayOverride) -> int:
    """Under the lock of the year's schedule (two deletes of a year's last two 春节 days would
    each see the other's still there) and of the day itself, re-read: deleted once."""
    HolidaySchedule.objects.select_for_update().filter(year=override.date.year).first()
    override = HolidayOverride.objects.select_for_update().filter(pk=override.pk).first()
    if override is None:
        raise DomainError("该节假日调整已被删除，请刷新页面。")
    if override.is_required_by_confirmed_schedule():
        raise DomainError(
            f"{override.date.year}年节假日安排已确认完整，法定节假日{override.name}"
            f"（{override.date.month}月{override.date.day}日）不能删除"
        )
    before = {
        "date": override.date.isoformat(),
        "is_workday": override.is_workday,
        "name": override.name,
    }
    audit.record(by, "holiday.override_delete", override, before=before)
    override.delete()
    return _calendar_changed(by)
