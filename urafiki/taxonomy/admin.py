from django.contrib import admin

from .models import Product, Sector
from .selectors import vocabulary_changed


class VocabularyAdmin(admin.ModelAdmin):
    """Saving or deleting a term refreshes the matchers used to find the vocabulary in text."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        vocabulary_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        vocabulary_changed()


@admin.register(Sector)
class SectorAdmin(VocabularyAdmin):
    list_display = ["slug", "name_en", "name_zh", "name_sw"]
    search_fields = ["slug", "name_en", "name_zh", "name_sw"]


@admin.register(Product)
class ProductAdmin(VocabularyAdmin):
    list_display = ["slug", "hs_code", "name_en", "name_zh", "name_sw", "sector"]
    list_filter = ["sector"]
    search_fields = ["slug", "hs_code", "name_en", "name_zh", "name_sw"]
