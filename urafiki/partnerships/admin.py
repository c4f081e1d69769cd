from django.contrib import admin

from .models import Activity, Commitment, Partnership, PartnershipParty, StageChange


class PartyInline(admin.TabularInline):
    model = PartnershipParty
    extra = 0
    raw_id_fields = ["place"]


class StageChangeInline(admin.TabularInline):
    """Read-only: stages move only through services.partnership_change_stage."""

    model = StageChange
    extra = 0
    can_delete = False
    fields = ["happened_on", "from_stage", "to_stage", "is_renewal", "source_url", "note", "recorded_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "stage", "stage_since", "is_public"]
    list_filter = ["stage", "kind", "is_public"]
    search_fields = ["title", "parties__place__name_en", "parties__place__name_zh"]
    readonly_fields = ["stage", "stage_since", "started_on"]
    inlines = [PartyInline, StageChangeInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["description", "partnership", "due_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["partnership", "party", "owner"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "happened_on", "partnership", "value", "currency"]
    list_filter = ["kind"]
    raw_id_fields = ["partnership", "places"]
