from django.contrib import admin

from gongkai.publications.models import CleanupCampaign, Document, IndexCounter


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: documents change through the review chain, never behind its back."""

    list_display = ["title", "unit", "kind", "status", "index_no", "published_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["title", "doc_no", "index_no"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IndexCounter, CleanupCampaign)
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
