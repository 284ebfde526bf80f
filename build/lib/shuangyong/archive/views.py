from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.archive import browse
from shuangyong.archive.models import Attachment, Category
from shuangyong.archive.services import ArchiveError, attach_file, deletable_ids, delete_attachment, open_attachment
from shuangyong.refusals import refusal


def _back(request, fallback: str = "archive:index"):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _home_record(user):
    """Files not tied to one work record are filed on the user's own unit or region."""
    if user.unit_id:
        return user.unit
    return user.region if user.region_id else None


@page(Cap.VIEW_RECORDS)
def index(request):
    filters = browse.Filters.from_query(request.GET)
    in_scope = visible(request.user, Attachment.objects.all())
    rows = browse.filtered(in_scope, filters)
    page = Paginator(rows.select_related("category", "file_type", "unit", "region", "uploaded_by"), 48).get_page(
        request.GET.get("page")
    )
    on_page = Attachment.objects.filter(pk__in=[a.pk for a in page])
    home = _home_record(request.user)
    return render(
        request,
        "archive/index.html",
        {
            "page": page,
            "filters": filters,
            "facets": browse.facets(in_scope, filters),
            "categories": Category.objects.filter(is_active=True),
            "units": browse.units_in(in_scope),
            "regions": browse.regions_in(in_scope),
            "deletable": deletable_ids(request.user, on_page),
            "next": request.get_full_path(),
            "home": home,
            "can_upload": home is not None and request.user.can(Cap.EDIT_RECORDS),
            "content_type_id": ContentType.objects.get_for_model(home).pk if home else None,
            "this_year": timezone.localdate().year,
            "total": rows.count(),
        },
    )


@page(Cap.EDIT_RECORDS)
@require_POST
def upload(request):
    content_type = get_object_or_404(ContentType, pk=request.POST.get("content_type") or 0)
    model = content_type.model_class()
    if model is None:
        raise Http404
    try:
        record = model._default_manager.get(pk=request.POST.get("object_id"))
    except (model.DoesNotExist, ValueError):
        raise Http404 from None
    files = request.FILES.getlist("file")
    if not files:
        messages.error(request, "请选择要上传的文件")
        return _back(request)
    saved = []
    for uploaded in files:
        with refusal(request):
            saved.append(
                attach_file(
                    record,
                    uploaded,
                    user=request.user,
                    category=request.POST.get("category", ""),
                    title=request.POST.get("title", "") if len(files) == 1 else "",
                    year=request.POST.get("year") or None,
                )
            )
    if saved:
        messages.success(request, f"已上传 {len(saved)} 个文件：" + "、".join(a.title for a in saved))
    return _back(request)


def _visible_attachment(request, pk: int) -> Attachment:
    return get_object_or_404(visible(request.user, Attachment.objects.all()), pk=pk)


@page(Cap.VIEW_RECORDS)
def download(request, pk: int):
    attachment = _visible_attachment(request, pk)
    try:
        handle = open_attachment(attachment, user=request.user)
    except FileNotFoundError:
        raise Http404("文件已不在存储中") from None
    inline = request.GET.get("inline") == "1" and attachment.file_type.is_image
    response = FileResponse(handle, as_attachment=not inline, filename=attachment.original_name)
    response["Content-Type"] = attachment.mime
    response["X-Content-Type-Options"] = "nosniff"
    return response


@page(Cap.VIEW_RECORDS)
def thumbnail(request, pk: int):
    attachment = _visible_attachment(request, pk)
    try:
        handle = open_attachment(attachment, user=request.user, thumbnail=True)
    except (ArchiveError, FileNotFoundError):
        raise Http404("没有缩略图") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@page(Cap.EDIT_RECORDS)
@require_POST
def delete(request, pk: int):
    attachment = _visible_attachment(request, pk)
    with refusal(request) as refused:
        delete_attachment(attachment, user=request.user)
    if not refused:
        messages.success(request, f"已删除：{attachment.title}")
    return _back(request)
