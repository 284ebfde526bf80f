from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("shuangyong.api_urls")),
    path("", include("shuangyong.web.urls")),
    path("regions/", include("shuangyong.regions.urls")),
    path("units/", include("shuangyong.units.urls")),
    path("audit/", include("shuangyong.audit.urls")),
    path("jobs/", include("shuangyong.jobs.urls")),
    path("accounts/", include("shuangyong.accounts.urls")),
    path("registry/", include("shuangyong.registry.urls")),
    path("benefits/", include("shuangyong.benefits.urls")),
]

handler403 = "shuangyong.web.views.permission_denied"
handler404 = "shuangyong.web.views.page_not_found"
