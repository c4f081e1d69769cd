from django.contrib import admin

from .models import Product, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_zh", "name_sw"]
    search_fields = ["slug", "name_en", "name_zh", "name_sw"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["slug", "hs_code", "name_en", "name_zh", "name_sw", "sector"]
    list_filter = ["sector"]
    search_fields = ["slug", "hs_code", "name_en", "name_zh", "name_sw"]
