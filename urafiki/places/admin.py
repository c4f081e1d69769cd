from django.contrib import admin

from .models import Place, PlaceAlias, PlaceFact, PlaceProduct, PlaceSector
from .services import place_search_keys_rebuild


class AliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 0


class FactInline(admin.TabularInline):
    model = PlaceFact
    extra = 0


class ProductInline(admin.TabularInline):
    model = PlaceProduct
    extra = 0
    autocomplete_fields = ["product"]


class SectorInline(admin.TabularInline):
    model = PlaceSector
    extra = 0


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh", "kind", "admin_level", "country_code", "parent"]
    list_filter = ["admin_level", "kind", "country_code"]
    search_fields = ["code", "name_en", "name_zh", "name_sw", "pinyin", "aliases__name"]
    raw_id_fields = ["parent"]
    inlines = [AliasInline, FactInline, ProductInline, SectorInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Names or aliases may have changed: keep the search keys in step.
        place_search_keys_rebuild(places=Place.objects.filter(pk=form.instance.pk))
