"""Attaching, listing, downloading and deleting archive files. Callable without HTTP; every write is audited.

Other apps call:
    attach_file(obj, uploaded_file, user=request.user, category="照片", title="", year=2026) -> Attachment
    attachments_for(obj, user=request.user) -> QuerySet of the record's attachments the user may see
"""

import hashlib
import uuid
from pathlib import PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from PIL import Image

from shuangyong.accounts.scope import (
    ScopeDenied,
    ensure_can_read,
    ensure_can_write,
    required_capability,
    visible,
    writable,
)
from shuangyong.archive import sniffing
from shuangyong.archive.models import Attachment, Category, FileType, human_size
from shuangyong.archive.storage import archive_storage
from shuangyong.archive.thumbnails import make_thumbnail
from shuangyong.audit import services as audit
from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditAction
from shuangyong.errors import RuleError

DEFAULT_IMAGE_CATEGORY = "photo"
DEFAULT_FILE_CATEGORY = "document"


class ArchiveError(RuleError):
    pass


def _value_at(obj, path: str):
    """The stored key at a scope path such as "region", "organiser__region" or "pk" (no object loaded at the end)."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    if last == "pk":
        return obj.pk
    return getattr(obj, type(obj)._meta.get_field(last).attname)


def placement_of(obj, user) -> tuple[str | None, int | None]:
    """(region code, unit id) that place an attachment of `obj`: the record's own when it declares them,
    else the uploader's. A unit without a region field still places the file in the unit's region."""
    region_field = getattr(type(obj), "scope_region_field", None)
    unit_field = getattr(type(obj), "scope_unit_field", None)
    region = _value_at(obj, region_field) if region_field else None
    unit = _value_at(obj, unit_field) if unit_field else None
    if not region_field:
        region = user.home_region_id or None
    if not unit_field:
        unit = user.unit_id
    if region is None and unit is not None:
        from shuangyong.units.models import Unit

        region = Unit.objects.filter(pk=unit).values_list("region_id", flat=True).first()
    return region, unit


def _extension(name: str) -> str:
    return PurePosixPath(name).suffix.lower().lstrip(".")


def _read(uploaded_file) -> bytes:
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    if hasattr(uploaded_file, "chunks"):
        return b"".join(uploaded_file.chunks())
    return uploaded_file.read()


def check_file(name: str, data: bytes) -> FileType:
    """The accepted FileType for these bytes, or ArchiveError saying in Chinese why not."""
    types = {t.code: t for t in FileType.objects.filter(is_active=True)}
    allowed = "、".join(sorted({ext for t in types.values() for ext in t.extension_list}))
    if not data:
        raise ArchiveError(f"文件“{name}”是空的")
    largest = max((t.max_bytes for t in types.values()), default=0)
    if len(data) > largest:
        raise ArchiveError(f"文件“{name}”大小 {human_size(len(data))}，超过上限 {human_size(largest)}")
    extension = _extension(name)
    kind = sniffing.sniff(data)
    if kind == "ole2":  # Word and Excel 97-2003 share one container; the name tells which
        kind = extension if extension in ("doc", "xls") else "ole2"
    file_type = types.get(kind or "")
    if file_type is None:
        raise ArchiveError(f"文件“{name}”的内容是{sniffing.kind_name(kind)}，不在允许的类型内（允许：{allowed}）")
    if extension not in file_type.extension_list:
        expected = file_type.extension_list[0]
        raise ArchiveError(f"文件“{name}”的扩展名与内容不符：内容是{file_type.label}，扩展名应为 .{expected}")
    if len(data) > file_type.max_bytes:
        raise ArchiveError(
            f"文件“{name}”大小 {human_size(len(data))}，超过{file_type.label}的上限 {human_size(file_type.max_bytes)}"
        )
    return file_type


def find_category(value: str | Category | None, *, is_image: bool) -> Category:
    if isinstance(value, Category):
        return value
    if not value:
        value = DEFAULT_IMAGE_CATEGORY if is_image else DEFAULT_FILE_CATEGORY
    category = Category.objects.filter(models.Q(code=value) | models.Q(name=value), is_active=True).first()
    if category is None:
        raise ArchiveError(f"没有名为“{value}”的资料类别")
    return category


def _store(data: bytes, extension: str, year: int) -> str:
    return archive_storage().save(f"archive/{year}/{uuid.uuid4().hex}.{extension}", ContentFile(data))


def _discard(*names: str) -> None:
    storage = archive_storage()
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


def _refused_by_record(obj) -> str:
    """A record may refuse files for a while (a submitted, locked 创建 self-assessment): its `files_refusal()` says
    why, in Chinese, or returns ""."""
    refusal = getattr(obj, "files_refusal", None)
    return refusal() if callable(refusal) else ""


def may_attach(user, obj) -> bool:
    """Whether attach_file would accept a file on `obj` from this user (for showing the upload form)."""
    if _refused_by_record(obj):
        return False
    try:
        ensure_can_read(user, obj)
        region, unit = placement_of(obj, user)
        ensure_can_write(user, Attachment(region_id=region, unit_id=unit))
    except ScopeDenied:
        return False
    return True


def attach_file(obj, uploaded_file, *, user, category="", title: str = "", year: int | None = None) -> Attachment:
    """Attach an uploaded file to any record after checking scope, type (by content), size and duplicates."""
    ensure_can_read(user, obj)
    if refused := _refused_by_record(obj):
        raise ArchiveError(refused)
    name = PurePosixPath(getattr(uploaded_file, "name", "") or "未命名").name
    largest = FileType.objects.filter(is_active=True).aggregate(m=models.Max("max_bytes"))["m"] or 0
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > largest:  # refuse before reading a huge upload into memory
        raise ArchiveError(f"文件“{name}”大小 {human_size(declared)}，超过上限 {human_size(largest)}")
    data = _read(uploaded_file)
    file_type = check_file(name, data)
    year = int(year) if year else timezone.localdate().year
    if not 1949 <= year <= 2100:
        raise ArchiveError(f"年度 {year} 不正确")
    region, unit = placement_of(obj, user)
    content_type = ContentType.objects.get_for_model(obj)
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        content_type=content_type,
        object_id=str(obj.pk),
        record_repr=str(obj)[:200],
        title=(title or PurePosixPath(name).stem).strip()[:200],
        category=find_category(category, is_image=file_type.is_image),
        year=year,
        region_id=region,
        unit_id=unit,
        file_type=file_type,
        original_name=name[:255],
        size=len(data),
        mime=file_type.mime,
        sha256=digest,
        uploaded_by=user,
    )
    ensure_can_write(user, attachment)
    _refuse_duplicate(attachment)
    if file_type.is_image:
        try:
            thumbnail, attachment.width, attachment.height = make_thumbnail(data)
        except (OSError, ValueError, Image.DecompressionBombError):
            raise ArchiveError(f"图片“{name}”已损坏或过大，无法读取") from None
    attachment.stored_name = _store(data, file_type.extension_list[0], year)
    try:
        if file_type.is_image:
            attachment.thumbnail_name = archive_storage().save(
                f"archive/thumbs/{uuid.uuid4().hex}.jpg", ContentFile(thumbnail)
            )
        with actor_for(user), transaction.atomic():
            attachment.save()
    except IntegrityError:
        _discard(attachment.stored_name, attachment.thumbnail_name)
        _refuse_duplicate(attachment)
        raise
    except BaseException:
        _discard(attachment.stored_name, attachment.thumbnail_name)
        raise
    return attachment


def _refuse_duplicate(attachment: Attachment) -> None:
    same = Attachment.objects.filter(
        content_type=attachment.content_type, object_id=attachment.object_id, sha256=attachment.sha256
    ).first()
    if same is not None:
        raise ArchiveError(f"该记录已有相同的文件：“{same.title}”（{same.original_name}），未重复保存")


def attachments_for(obj, *, user) -> models.QuerySet:
    """The record's attachments that `user` may see, newest first."""
    rows = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("category", "file_type", "uploaded_by")
    return visible(user, rows)


def open_attachment(attachment: Attachment, *, user, thumbnail: bool = False):
    """An open file of the attachment (or its preview) for a user in scope; a full download is audited."""
    ensure_can_read(user, attachment)
    storage = archive_storage()
    if thumbnail:
        if not attachment.thumbnail_name:
            raise ArchiveError("该文件没有缩略图")
        return storage.open(attachment.thumbnail_name, "rb")
    with actor_for(user), transaction.atomic():
        audit.record(AuditAction.DOWNLOAD, attachment, note=f"下载 {attachment.original_name}")
    return storage.open(attachment.stored_name, "rb")


def update_attachment(attachment: Attachment, *, user, **fields) -> Attachment:
    """Change the title, category or year (the file itself never changes: upload a new one instead)."""
    with actor_for(user), transaction.atomic():
        current = Attachment.objects.select_for_update().get(pk=attachment.pk)
        ensure_can_write(user, current)
        if "title" in fields:
            current.title = (fields["title"] or "").strip()[:200] or current.title
        if fields.get("category"):
            current.category = find_category(fields["category"], is_image=current.is_image)
        if fields.get("year"):
            year = int(fields["year"])
            if not 1949 <= year <= 2100:
                raise ArchiveError(f"年度 {year} 不正确")
            current.year = year
        current.save()
    return current


def deletable_ids(user, rows: models.QuerySet) -> set[int]:
    """Which of these attachments the user may delete (for showing the button; delete_attachment checks again)."""
    if user is None or not user.is_authenticated or not user.can(required_capability(Attachment)):
        return set()
    return set(writable(user, rows).values_list("pk", flat=True))


def delete_attachment(attachment: Attachment, *, user) -> None:
    """Delete the row (audited with its before-image) and, once committed, the stored bytes."""
    with actor_for(user), transaction.atomic():
        current = Attachment.objects.select_for_update().get(pk=attachment.pk)
        ensure_can_write(user, current)
        model = current.content_type.model_class()
        record = model._base_manager.filter(pk=current.object_id).first() if model else None
        if refused := _refused_by_record(record):
            raise ArchiveError(refused)
        names = (current.stored_name, current.thumbnail_name)
        current.delete()
        transaction.on_commit(lambda: _discard(*names))
