from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_write, visible
from shuangyong.jobs.services import start_job
from shuangyong.regions.codes import Level
from shuangyong.regions.forms import RegionImportForm
from shuangyong.regions.models import Region
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.regions.tasks import import_regions_job


def _start_region(user) -> Region | None:
    if user.region_id:
        return user.region
    if user.unit_id:
        return user.unit.region
    return Region.objects.filter(level=Level.COUNTY, children__isnull=False).order_by("code").first()


@page(Cap.VIEW_RECORDS, Cap.MANAGE_REGIONS, Cap.MANAGE_UNITS)
def browse(request, code: str | None = None):
    regions = visible(request.user, Region.objects.all())
    try:
        region = resolve_region(code) if code else _start_region(request.user)
    except RegionNotFound as exc:
        raise PermissionDenied(str(exc)) from None
    if region is None or not regions.filter(code=region.code).exists():
        raise PermissionDenied("该区划不在您的管辖范围内")
    children = regions.filter(parent=region).annotate(n_children=Count("children")).order_by("code")
    query = request.GET.get("q", "").strip()
    found = []
    if query:
        found = regions.filter(Q(name__contains=query) | Q(code__startswith=query)).filter(level__gte=Level.COUNTY)[:50]
    return render(
        request,
        "regions/browse.html",
        {
            "region": region,
            "ancestors": region.ancestors(),
            "children": children,
            "query": query,
            "found": found,
            "can_import": request.user.can(Cap.MANAGE_REGIONS),
        },
    )


@page(Cap.MANAGE_REGIONS)
def import_regions(request):
    if not request.user.can(Cap.MANAGE_REGIONS):
        raise PermissionDenied("您的角色不能导入区划")
    form = RegionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        scope = request.user.region or _start_region(request.user)
        ensure_can_write(request.user, scope)
        job = start_job(
            import_regions_job,
            kind="import_regions",
            title=f"导入区划：{form.cleaned_data['file'].name}",
            user=request.user,
            region=scope,
            text=form.text(),
            dry_run=form.cleaned_data["dry_run"],
            within=None if request.user.is_global_role else scope.code,
        )
        messages.success(request, "已开始导入，完成后结果显示在本页。")
        return redirect("jobs:detail", job.pk)
    return render(request, "regions/import.html", {"form": form})
