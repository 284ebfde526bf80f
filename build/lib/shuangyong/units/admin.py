from django.contrib import admin

from shuangyong.units.models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region", "is_active")
    list_filter = ("kind", "garrison_branch", "partner_kind", "is_active")
    search_fields = ("code", "name", "short_name", "designation")
    raw_id_fields = ("region",)
