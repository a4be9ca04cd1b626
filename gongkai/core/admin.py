from django.contrib import admin

from gongkai.core.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here: these rows change only through the verbs on their models (the
    review chain, the clean-up campaign) or, for the audit log, never."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the log is append-only, and staff changes go through the app's own pages."""

    list_display = ["at", "actor_name", "action", "target_repr", "unit", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target_repr"]
