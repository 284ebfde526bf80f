from django.contrib import admin

from shuangyong.care.models import CareKind, FundPurpose

# the records, sites and funds are kept on the pages (scoped, audited by their services); the admin keeps the
# code tables only


@admin.register(CareKind)
class CareKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "section", "unit", "takes_money", "is_case", "sort_order", "is_active"]


@admin.register(FundPurpose)
class FundPurposeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order", "is_active"]
