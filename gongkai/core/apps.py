from django.apps import AppConfig

# Migrations that change which years' holidays count as known: the dates apps stored from the
# calendar (due dates marked final or 暂定) are recomputed once the database is current.
CALENDAR_MIGRATIONS = {
    "0006_holiday_schedule_confirmed_complete",
    "0007_unconfirm_schedules_missing_a_statutory_holiday",
}


def recompute_after_calendar_migrations(sender, plan=None, using="default", **kwargs):
    from django.db import connections, transaction
    from django.db.migrations.executor import MigrationExecutor

    from gongkai.core.calendar import calendar_changed
    from gongkai.core.models import HolidaySchedule

    applied = {m.name for m, backwards in plan or () if m.app_label == "core" and not backwards}
    if not applied & CALENDAR_MIGRATIONS:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # other apps' tables are not current yet: their models cannot be read
    with transaction.atomic(using=using):
        calendar_changed.send(sender=HolidaySchedule, by=None)


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "组织与系统"

    def ready(self):
        from django.contrib.auth import signals
        from django.db.models.signals import post_migrate

        from gongkai.core import audit, checks  # noqa: F401 — registers the system checks

        def on_login(sender, request, user, **kwargs):
            from gongkai.core.services import record_login

            record_login(user)

        def on_logout(sender, request, user, **kwargs):
            if user is not None:
                audit.record(user, "auth.logout", user, unit=user.unit)

        signals.user_logged_in.connect(on_login, dispatch_uid="gongkai_audit_login", weak=False)
        signals.user_logged_out.connect(on_logout, dispatch_uid="gongkai_audit_logout", weak=False)
        post_migrate.connect(
            recompute_after_calendar_migrations, sender=self, dispatch_uid="gongkai_calendar"
        )
