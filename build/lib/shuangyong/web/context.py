"""The navigation, built once per request from the user's capabilities (accounts/roles.py)."""

from dataclasses import dataclass

from django.urls import reverse

from shuangyong.accounts.roles import Cap


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    key: str


def _items(user) -> list[NavItem]:
    items = [NavItem("首页", reverse("home"), "home")]
    if user.can(Cap.VIEW_RECORDS):
        items.append(NavItem("优抚对象", reverse("registry:list"), "registry"))
        items.append(NavItem("待遇发放", reverse("benefits:runs"), "benefits"))
        for key, label in DOMAIN_AREAS:
            items.append(NavItem(label, _area_url(key), key))
    if user.can(Cap.VIEW_RECORDS) or user.can(Cap.MANAGE_UNITS) or user.can(Cap.MANAGE_REGIONS):
        items.append(NavItem("行政区划", reverse("regions:browse"), "regions"))
        items.append(NavItem("单位", reverse("units:list"), "units"))
    if user.can(Cap.MANAGE_USERS):
        items.append(NavItem("用户管理", reverse("accounts:users"), "accounts"))
    if user.can(Cap.VIEW_AUDIT):
        items.append(NavItem("审计日志", reverse("audit:list"), "audit"))
    items.append(NavItem("后台任务", reverse("jobs:list"), "jobs"))
    return items


# the domain areas, by URL namespace: each leads to its app's "index" page
DOMAIN_AREAS = [
    ("conscription", "征兵与优待"),
    ("resettlement", "退役安置"),
    ("activities", "双拥活动"),
    ("care", "优待关爱"),
    ("leadership", "领导小组"),
    ("assessment", "目标考核"),
    ("creation", "创建考评"),
    ("archive", "资料档案"),
    ("reports", "统计报表"),
    ("intake", "总结识读"),
]


def _area_url(key: str) -> str:
    return reverse(f"{key}:index")


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    current = request.resolver_match.namespace if request.resolver_match else ""
    if request.resolver_match and request.resolver_match.url_name == "home":
        current = "home"
    return {"nav_items": _items(user), "nav_current": current}
