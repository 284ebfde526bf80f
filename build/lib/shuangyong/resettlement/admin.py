from django.contrib import admin

from shuangyong.resettlement.models import Arrival, Deadline, GrantStandard, Method, Visit


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "for_conscript", "for_nco", "for_officer", "needs_placement", "sort_order"]


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["code", "days", "basis"]


@admin.register(GrantStandard)
class GrantStandardAdmin(admin.ModelAdmin):
    list_display = ["region", "method", "soldier_kind", "valid_from", "base_fen", "per_year_fen", "note"]
    list_filter = ["method", "soldier_kind"]


class VisitInline(admin.TabularInline):
    model = Visit
    extra = 0


@admin.register(Arrival)
class ArrivalAdmin(admin.ModelAdmin):
    list_display = ["person", "soldier_kind", "region", "arrival_date", "reported_on", "method", "placed_on"]
    list_filter = ["soldier_kind", "method"]
    raw_id_fields = ["person", "entitlement", "employer", "grant"]
    inlines = [VisitInline]
