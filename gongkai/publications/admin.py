from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.publications.models import CleanupCampaign, Document, IndexCounter


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Read-only: documents change through the review chain, never behind its back."""

    list_display = ["title", "unit", "kind", "status", "index_no", "published_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["title", "doc_no", "index_no"]


admin.site.register([IndexCounter, CleanupCampaign], ReadOnlyAdmin)
