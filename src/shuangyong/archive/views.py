from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ScopeDenied, visible
from shuangyong.archive import browse
from shuangyong.archive.models import Attachment, Category
from shuangyong.archive.services import ArchiveError, attach_file, delete_attachment, open_attachment


def _back(request, fallback: str = "archive:index"):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
def index(request):
    if not request.user.can(Cap.VIEW_RECORDS):
        raise PermissionDenied("您的角色不能查看档案资料")
    filters = browse.Filters.from_query(request.GET)
    rows = browse.filtered(visible(request.user, Attachment.objects.all()), filters)
    page = Paginator(rows.select_related("category", "file_type", "unit", "region", "uploaded_by"), 48).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "archive/index.html",
        {
            "page": page,
            "filters": filters,
            "facets": browse.facets(visible(request.user, Attachment.objects.all()), filters),
            "categories": Category.objects.filter(is_active=True),
            "units": browse.units_in(visible(request.user, Attachment.objects.all())),
            "regions": browse.regions_in(visible(request.user, Attachment.objects.all())),
            "total": rows.count(),
        },
    )


@login_required
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
        try:
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
        except (ArchiveError, ScopeDenied) as exc:
            messages.error(request, str(exc))
    if saved:
        messages.success(request, f"已上传 {len(saved)} 个文件：" + "、".join(a.title for a in saved))
    return _back(request)


def _visible_attachment(request, pk: int) -> Attachment:
    return get_object_or_404(visible(request.user, Attachment.objects.all()), pk=pk)


@login_required
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


@login_required
def thumbnail(request, pk: int):
    attachment = _visible_attachment(request, pk)
    try:
        handle = open_attachment(attachment, user=request.user, thumbnail=True)
    except (ArchiveError, FileNotFoundError):
        raise Http404("没有缩略图") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
@require_POST
def delete(request, pk: int):
    attachment = _visible_attachment(request, pk)
    try:
        delete_attachment(attachment, user=request.user)
    except ScopeDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已删除：{attachment.title}")
    return _back(request)
