from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.regions.services import RegionNotFound, resolve_region


def start_region(user) -> Region | None:
    if user.region_id:
        return user.region
    if user.unit_id:
        return user.unit.region
    return Region.objects.filter(level=Level.COUNTY, children__isnull=False).order_by("code").first()


@page(Cap.VIEW_RECORDS, Cap.MANAGE_REGIONS, Cap.MANAGE_UNITS)
def browse(request, code: str | None = None):
    regions = visible(request.user, Region.objects.all())
    try:
        region = resolve_region(code) if code else start_region(request.user)
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
