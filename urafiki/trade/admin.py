from django.contrib import admin

from .models import TradeFlow


@admin.register(TradeFlow)
class TradeFlowAdmin(admin.ModelAdmin):
    list_display = ["reporter", "partner", "flow", "hs_code", "year", "value_usd"]
    list_filter = ["reporter", "partner", "flow", "year"]
    search_fields = ["hs_code", "source"]
