"""Meeting kinds (a code table) are edited here; members, meetings and decisions change only through the
services (scope checks, one 组长 at a time), so they are read-only in the admin."""

from django.contrib import admin

from shuangyong.leadership.models import Decision, GroupMember, Meeting, MeetingKind


@admin.register(MeetingKind)
class MeetingKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order", "is_active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GroupMember)
class GroupMemberAdmin(ReadOnlyAdmin):
    list_display = ["region", "body", "post", "name", "title", "start", "end"]
    list_filter = ["body", "post"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["date", "region", "kind", "title"]
    list_filter = ["kind"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "text", "owner_unit", "due", "status", "done_on"]
    list_filter = ["status"]
