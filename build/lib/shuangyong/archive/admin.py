from django.contrib import admin

from shuangyong.archive.models import Attachment, Category, FileType


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sort_order", "is_active")


@admin.register(FileType)
class FileTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "extensions", "mime", "is_image", "max_bytes", "is_active")


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    # files are added through archive.services (type, size and duplicate checks); here they are only read
    list_display = ("title", "category", "year", "region", "unit", "original_name", "size", "uploaded_at")
    list_filter = ("year", "category", "file_type")
    search_fields = ("title", "original_name", "record_repr", "sha256")
    readonly_fields = [f.name for f in Attachment._meta.concrete_fields]

    def has_add_permission(self, request):
        return False
