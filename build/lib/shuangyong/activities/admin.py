"""Code tables are edited here (a new activity kind or quantity kind is data); records go through the pages."""

from django.contrib import admin

from shuangyong.activities.models import ActivityKind, Occasion, ProblemKind, QuantityKind


@admin.register(ActivityKind)
class ActivityKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "section", "figure_label", "is_visit", "sort_order", "is_active"]


@admin.register(Occasion)
class OccasionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "report_visits", "sort_order", "is_active"]


@admin.register(QuantityKind)
class QuantityKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "section", "figure_label", "sort_order", "is_active"]


@admin.register(ProblemKind)
class ProblemKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order", "is_active"]
