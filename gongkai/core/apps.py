from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "组织与系统"

    def ready(self):
        from django.contrib.auth import signals

        from gongkai.core import audit, checks  # noqa: F401 — registers the system checks

        def on_login(sender, request, user, **kwargs):
            audit.record(user, "auth.login", user, unit=user.unit)

        def on_logout(sender, request, user, **kwargs):
            if user is not None:
                audit.record(user, "auth.logout", user, unit=user.unit)

        signals.user_logged_in.connect(on_login, dispatch_uid="gongkai_audit_login", weak=False)
        signals.user_logged_out.connect(on_logout, dispatch_uid="gongkai_audit_logout", weak=False)
