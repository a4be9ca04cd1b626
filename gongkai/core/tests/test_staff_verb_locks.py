"""The directory and calendar verbs lock their row, and the audit entry's "before" is read
under the lock: it is what the row held at the change (probe 9 finding 8)."""

import datetime as dt

import pytest

from gongkai.core import services
from gongkai.core.errors import DomainError
from gongkai.core.forms import HolidayOverrideForm, UnitForm, UserForm
from gongkai.core.models import AuditEntry, HolidayOverride, Unit, User
from gongkai.testing import at_once, one_connection_only


def _unit_form(unit, full_name):
    data = {
        "name": unit.name,
        "full_name": full_name,
        "kind": unit.kind,
        "order": unit.order,
        "aliases": unit.aliases,
        "is_active": "on",
    }
    form = UnitForm(data, instance=Unit.objects.get(pk=unit.pk))
    assert form.is_valid(), form.errors
    return form


def _user_form(user, full_name):
    data = {"username": user.username, "full_name": full_name, "unit": user.unit_id}
    data.update(phone=user.phone, email="", is_active="on", roles=sorted(user.roles))
    form = UserForm(data, instance=User.objects.get(pk=user.pk))
    assert form.is_valid(), form.errors
    return form


def _chained(action: str, field: str) -> list:
    entries = list(AuditEntry.objects.filter(action=action).order_by("id"))
    assert len(entries) == 2
    assert entries[1].before[field] == entries[0].after[field]  # what the row held then
    return entries


def test_two_admins_changing_a_unit_at_once_log_what_the_row_held(cast, transactional_db):
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL covers this")
    unit = cast.units["法规处"]
    forms = [_unit_form(unit, "法规与标准处"), _unit_form(unit, "政策法规与标准处")]
    at_once(*(lambda f=f: services.unit_save(by=cast.admin, form=f) for f in forms))
    entries = _chained("unit.update", "full_name")
    unit.refresh_from_db()
    assert unit.full_name == entries[1].after["full_name"]


def test_two_admins_changing_a_user_at_once_log_what_the_row_held(cast, transactional_db):
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL covers this")
    forms = [_user_form(cast.clerk, "王法规"), _user_form(cast.clerk, "李法规")]
    at_once(*(lambda f=f: services.user_save(by=cast.admin, form=f) for f in forms))
    entries = _chained("user.update", "full_name")
    assert User.objects.get(pk=cast.clerk.pk).full_name == entries[1].after["full_name"]


def test_a_holiday_day_deleted_from_two_pages_is_deleted_and_logged_once(cast):
    day = HolidayOverride.objects.create(date=dt.date(2026, 10, 8), is_workday=False, name="国庆节")
    first, second = (HolidayOverride.objects.get(pk=day.pk) for _ in range(2))
    services.holiday_override_delete(by=cast.admin, override=first)
    with pytest.raises(DomainError, match="该节假日调整已被删除"):
        services.holiday_override_delete(by=cast.admin, override=second)
    entries = AuditEntry.objects.filter(action="holiday.override_delete")
    assert entries.count() == 1
    assert entries.get().before == {"date": "2026-10-08", "is_workday": False, "name": "国庆节"}


def test_a_holiday_day_saved_from_two_pages_is_saved_once(cast):
    """Both forms checked before either saved (two tabs): the second is refused, not a 500."""
    data = {"date": "2026-10-08", "is_workday": "", "name": "国庆节"}
    first, second = HolidayOverrideForm(data), HolidayOverrideForm({**data, "name": "中秋节"})
    assert first.is_valid() and second.is_valid()
    services.holiday_override_save(by=cast.admin, form=first)
    with pytest.raises(DomainError, match="2026年10月8日已有节假日调整"):
        services.holiday_override_save(by=cast.admin, form=second)
    assert list(HolidayOverride.objects.values_list("name", flat=True)) == ["国庆节"]
    assert AuditEntry.objects.filter(action="holiday.override_save").count() == 1
