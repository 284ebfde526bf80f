"""Targets change only through assessment.services (issuer checks, figures that apply); read-only here."""

from django.contrib import admin

from shuangyong.assessment.models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["year", "region", "unit", "measure", "comparator", "threshold", "points"]
    list_filter = ["year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
