from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .memberships import membership_verify, organisation_verify
from .models import ApiToken, Membership, Organisation, OrganisationMembership, User
from .services import api_token_revoke


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Profile"), {"fields": ("display_name",)}))
    list_display = ("username", "email", "display_name", "is_staff", "is_active")
    search_fields = ("username", "email", "display_name", "first_name", "last_name")


class VerifyMembershipsMixin:
    """The verify action of both membership admins: one by one through membership_verify."""

    readonly_fields = ("is_verified", "verified_by", "verified_at")  # set by the action, which records who
    actions = ["verify"]

    @admin.action(description=_("Verify the selected memberships"))
    def verify(self, request, queryset):
        # One by one through the service: who verified is recorded, the person is told, the cached reads
        # of what they may see are renewed (a queryset.update() would do none of that).
        verified = sum(membership_verify(membership=membership, by_user=request.user) for membership in queryset)
        self.message_user(request, ngettext("%(count)d membership verified.", "%(count)d memberships verified.",
                                            verified) % {"count": verified}, messages.SUCCESS)


@admin.register(Membership)
class MembershipAdmin(VerifyMembershipsMixin, admin.ModelAdmin):
    """Staff verify offices here: a verified officer may edit the office's partnerships."""

    list_display = ("user", "place", "role", "is_verified", "verified_by", "verified_at", "created_at")
    list_filter = ("role", "is_verified")
    search_fields = ("user__username", "user__email", "place__name_en", "place__name_zh")
    raw_id_fields = ("user", "place")


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(VerifyMembershipsMixin, admin.ModelAdmin):
    """Staff verify that a person works for an organisation; it gives no right on partnerships."""

    list_display = ("user", "organisation", "role", "is_verified", "verified_by", "verified_at", "created_at")
    list_filter = ("role", "is_verified", "organisation__is_verified", "organisation__kind")
    search_fields = ("user__username", "user__email", "organisation__name")
    raw_id_fields = ("user", "organisation")
    list_select_related = ("user", "organisation", "verified_by")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Staff check that a proposed organisation exists, then verify it with the action."""

    list_display = ("name", "kind", "country", "place", "is_verified", "proposed_by", "verified_at", "created_at")
    list_filter = ("is_verified", "kind", "country")
    search_fields = ("name", "description", "website", "country")
    raw_id_fields = ("place", "proposed_by")
    list_select_related = ("place", "proposed_by")
    readonly_fields = ("is_verified", "verified_by", "verified_at", "created_at")
    actions = ["verify"]

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        # Through the service, which records who verified and when (never a queryset.update()).
        verified = sum(organisation_verify(organisation=organisation, by_user=request.user) for organisation in queryset)
        self.message_user(request, ngettext("%(count)d organisation verified.", "%(count)d organisations verified.",
                                            verified) % {"count": verified}, messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff see who holds tokens and may revoke them; a secret is never shown (only its hash is stored)."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username", "user__email")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # created by their owner (account page) or create_api_token, which show the secret once

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token)
