"""Migration core 0007: a year that 0006 confirmed with only its fixed-date holidays goes back to
provisional; a year that passes today's confirm rule, and a year the package holds, stay
confirmed."""

import datetime as dt
import importlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.core.models import HolidayOverride, HolidaySchedule
from gongkai.lib.workdays import missing_statutory_holidays

migration = importlib.import_module(
    "gongkai.core.migrations.0007_unconfirm_schedules_missing_a_statutory_holiday"
)
migration_name = "0007_unconfirm_schedules_missing_a_statutory_holiday"
CONFIRMED = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


def _days_off(*days):
    for date, name in days:
        HolidayOverride.objects.create(date=date, is_workday=False, name=name)


def _fixed(year):
    return [
        (dt.date(year, 1, 1), "元旦"),
        (dt.date(year, 5, 1), "劳动节"),
        (dt.date(year, 5, 2), "劳动节"),  # from 2025 (国务院令第795号)
        *[(dt.date(year, 10, day), "国庆节") for day in (1, 2, 3)],
    ]


def _run_migration():
    state = MigrationExecutor(connection).loader.project_state(
        ("core", "0006_holiday_schedule_confirmed_complete")
    )
    migration.unconfirm_incomplete_years(state.apps, None)


def test_it_unconfirms_a_year_confirmed_with_only_its_fixed_date_holidays(cast):
    HolidaySchedule.objects.create(year=2027, notice="旧确认", confirmed_at=CONFIRMED)
    _days_off(*_fixed(2027))
    _run_migration()
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.confirmed_at is None and schedule.confirmed_by is None


def test_it_keeps_a_complete_year_and_a_year_the_package_holds_confirmed(cast):
    HolidaySchedule.objects.create(
        year=2028, notice="完整", confirmed_at=CONFIRMED, confirmed_by=cast.admin
    )
    _days_off(
        *_fixed(2028),
        *[(dt.date(2028, 1, day), "春节") for day in (25, 26, 27, 28)],
        (dt.date(2028, 4, 4), "清明节"),
        (dt.date(2028, 5, 28), "端午节"),
        (dt.date(2028, 10, 4), "国庆节、中秋节"),
    )
    # 2025 is in chinese_calendar: nothing entered by hand, its days off come from the package.
    HolidaySchedule.objects.create(
        year=2025, notice="国办发明电〔2024〕12号", confirmed_at=CONFIRMED
    )
    _run_migration()
    kept = HolidaySchedule.objects.filter(confirmed_at=CONFIRMED)
    assert sorted(kept.values_list("year", flat=True)) == [2025, 2028]
    assert HolidaySchedule.objects.get(year=2028).confirmed_by == cast.admin


def test_the_shipped_years_pass_the_confirm_rule_on_the_packages_own_days():
    for year in (2022, 2023, 2024, 2025, 2026):
        assert missing_statutory_holidays(year, {}) == [], year


def test_the_rule_names_every_holiday_missing_from_an_empty_year():
    assert missing_statutory_holidays(2027, {}) == [
        "元旦（1月1日）",
        "劳动节（5月1日、5月2日）",
        "国庆节（10月1日、10月2日、10月3日）",
        "春节",
        "清明节",
        "端午节",
        "中秋节",
    ]


def test_after_the_migration_open_cases_due_in_an_unconfirmed_year_become_provisional(cast):
    """A case stored with a final due date in a year 0007 un-confirms is marked 暂定 again once
    migrate finishes, by the system (audited), not only at the next holiday edit."""
    from django.apps import apps

    from gongkai.core.apps import recompute_after_calendar_migrations
    from gongkai.core.models import AuditEntry
    from gongkai.testing import registered_case

    HolidaySchedule.objects.create(year=2027, notice="旧确认", confirmed_at=CONFIRMED)
    _days_off(*_fixed(2027))
    case = registered_case(cast, dt.date(2026, 12, 10))[0]
    type(case).objects.filter(pk=case.pk).update(due_provisional=False)
    _run_migration()
    plan = [(MigrationExecutor(connection).loader.get_migration("core", migration_name), False)]
    recompute_after_calendar_migrations(apps.get_app_config("core"), plan=plan)
    case.refresh_from_db()
    assert case.due_provisional is True
    entry = AuditEntry.objects.get(action="request.recompute_due", target_id=str(case.pk))
    assert entry.actor is None
