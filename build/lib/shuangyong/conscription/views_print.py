"""Pages made to be printed: the 喜报 of an award, sent to the family, and the 光荣牌悬挂名单 of the serving members."""

from django.shortcuts import get_object_or_404, render

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import visible
from shuangyong.conscription.models import Award, ServiceMember
from shuangyong.xlsx import sign_off_text

# how a 喜报 says the award: 荣立 a merit, 被评为 a title, 获得 a commendation
VERBS = (("功", "荣立"), ("士兵", "被评为"), ("嘉奖", "获得"))


def award_phrase(kind_name: str) -> str:
    verb = next((verb for ending, verb in VERBS if kind_name.endswith(ending)), "荣获")
    return f"{verb}{kind_name}"


@page(Cap.VIEW_RECORDS)
def honor_notice(request, pk: int):
    award = get_object_or_404(
        visible(request.user, Award.objects.select_related("member__enlistment_county", "kind")), pk=pk
    )
    county = award.member.enlistment_county.name
    context = {
        "award": award,
        "phrase": award_phrase(award.kind.name),
        "issuers": [f"{county}人民政府", f"{county}人民武装部"],
    }
    return render(request, "conscription/honor_notice.html", context)


@page(Cap.VIEW_RECORDS)
def plaques(request):
    """Serving members by town and village with their 光荣牌: all, or (?hung=no) those still to be hung."""
    members = visible(request.user, ServiceMember.objects.filter(discharge_date__isnull=True))
    waiting = request.GET.get("hung") == "no"
    if waiting:
        members = members.filter(plaque_hung_on__isnull=True)
    members = members.select_related("region__parent", "payee__person").order_by("region_id", "enlistment_date", "name")
    return render(
        request,
        "conscription/plaques.html",
        {"members": members, "waiting": waiting, "sign_off": sign_off_text(request.user.office_name)},
    )
