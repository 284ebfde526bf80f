"""地方设置: the rules in force for the user's place (own, inherited from above, or the default), their history,
and — for those who may manage settings — a new value from a date, or a whole CSV sheet of them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap, Role
from shuangyong.accounts.scope import visible
from shuangyong.refusals import refusal
from shuangyong.regions.codes import Level
from shuangyong.regions.forms import SettingForm
from shuangyong.regions.models import Region
from shuangyong.regions.setting_services import save_setting, settings_for


def _place(request) -> Region:
    if not request.user.region_id or not request.user.can(Cap.VIEW_RECORDS):
        raise PermissionDenied("地方设置按管辖区划查看：您的角色没有管辖区划")
    code = request.GET.get("region") or request.POST.get("region") or request.user.region_id
    region = visible(request.user, Region.objects.filter(code=code, level__lte=Level.TOWN)).first()
    if region is None:
        raise PermissionDenied("该区划不在您的管辖范围内")
    return region


# settings are kept per county and town: a village's staff have none of their own
SETTINGS_READERS = (Role.COUNTY_ADMIN, Role.TOWN_STAFF, Role.LEADER)


@page(Cap.VIEW_RECORDS, roles=SETTINGS_READERS)
def settings_page(request):
    region = _place(request)
    can_manage = request.user.can(Cap.MANAGE_SETTINGS)
    places = visible(request.user, Region.objects.filter(level__lte=Level.TOWN)).order_by("code")
    form = SettingForm(request.POST or None, regions=places) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("您的角色不能维护地方设置")
        if form.is_valid():
            data = form.cleaned_data
            with refusal(request, form) as refused:
                row = save_setting(
                    Region.objects.get(code=data["region"]),
                    data["key"],
                    data["value"],
                    valid_from=data["valid_from"],
                    note=data["note"],
                    user=request.user,
                )
            if not refused:
                messages.success(request, f"已保存：{row.region.name}自 {row.valid_from:%Y-%m-%d} 起")
                return redirect(f"{request.path}?region={row.region_id}")
    return render(
        request,
        "regions/settings.html",
        {
            "region": region,
            "places": places,
            "lines": settings_for(region, timezone.localdate()),
            "form": form,
        },
    )
