from django.contrib import admin

from .models import ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """Read-only: rows are written by reminders.send_due_reminders, and each one stands for an e-mail sent
    (deleting one would send that reminder again)."""

    list_display = ("sent_at", "kind", "recipient", "commitment", "partnership", "period_key")
    list_filter = ("kind",)
    list_select_related = ("recipient", "commitment", "partnership")
    search_fields = (
        "recipient__email", "recipient__username", "partnership__title", "commitment__description",
    )
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
