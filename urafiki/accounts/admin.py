from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Profile"), {"fields": ("display_name",)}))
    list_display = ("username", "email", "display_name", "is_staff", "is_active")
    search_fields = ("username", "email", "display_name", "first_name", "last_name")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Staff verify offices here: a verified officer may edit the office's partnerships."""

    list_display = ("user", "place", "role", "is_verified", "created_at")
    list_filter = ("role", "is_verified")
    search_fields = ("user__username", "user__email", "place__name_en", "place__name_zh")
    raw_id_fields = ("user", "place")
    actions = ["verify"]

    @admin.action(description=_("Verify the selected memberships"))
    def verify(self, request, queryset):
        queryset.update(is_verified=True)
