from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from shuangyong.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "role", "region", "unit", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "full_name")  # phone is encrypted at rest
    raw_id_fields = ("region", "unit")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("身份与范围", {"fields": ("full_name", "phone", "email", "role", "region", "unit")}),
        ("状态", {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "password1", "password2", "full_name", "role", "region", "unit")}),)
