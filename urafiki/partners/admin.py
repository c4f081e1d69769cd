from django.contrib import admin

from .models import BriefInterest, PartnerBrief


class InterestInline(admin.TabularInline):
    """Read-only: interests are expressed through services.brief_interest_express (which e-mails the owners)."""

    model = BriefInterest
    extra = 0
    can_delete = False
    fields = ["created_at", "from_place", "from_user", "message", "partnership", "notified_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PartnerBrief)
class PartnerBriefAdmin(admin.ModelAdmin):
    """Moderation: change the wording or close a brief. Briefs are posted through the page (services.brief_create),
    which checks who posts and what."""

    list_display = ["title", "office", "target_country", "target_admin_level", "expires_on", "status", "created_at"]
    list_filter = ["status", "target_country", "target_admin_level"]
    list_select_related = ["office"]
    search_fields = ["title", "objectives", "office__name_en", "office__name_zh"]
    raw_id_fields = ["office", "posted_by"]
    filter_horizontal = ["sectors", "products"]
    date_hierarchy = "created_at"
    inlines = [InterestInline]

    def has_add_permission(self, request):
        return False
