from django.contrib import admin

from shuangyong.accounts.roles import Cap
from shuangyong.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only, and only for the audit administrator: a superuser without that role sees nothing (三员分立)."""

    list_display = ("at", "actor_name", "source", "action", "model", "object_id", "object_repr")
    list_filter = ("action", "model")
    search_fields = ("actor_name", "object_id", "object_repr")

    def has_module_permission(self, request):
        return request.user.is_authenticated and request.user.can(Cap.VIEW_AUDIT)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
