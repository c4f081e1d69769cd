from django.contrib import admin

from .models import DraftAgreement, NewsArticle, PartnershipSource


class DraftInline(admin.TabularInline):
    """Read-only: drafts are accepted or rejected on the review page (services.draft_accept)."""

    model = DraftAgreement
    extra = 0
    can_delete = False
    fields = ["position", "status", "outcome", "partnership", "reviewed_by", "reviewed_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NewsArticle)
class NewsArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "language", "published", "submitted_by", "created_at"]
    list_filter = ["language"]
    search_fields = ["title", "url", "text"]
    readonly_fields = ["content_hash", "submitted_by", "created_at"]
    inlines = [DraftInline]


@admin.register(DraftAgreement)
class DraftAgreementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "status", "outcome", "reviewed_by", "reviewed_at"]
    list_filter = ["status", "outcome"]
    raw_id_fields = ["article", "partnership", "reviewed_by"]
    readonly_fields = ["status", "outcome", "reviewed_by", "reviewed_at", "partnership", "reviewed_payload"]


@admin.register(PartnershipSource)
class PartnershipSourceAdmin(admin.ModelAdmin):
    list_display = ["partnership", "article", "added_by", "added_at"]
    raw_id_fields = ["partnership", "article", "draft", "added_by"]
