from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django_otp.admin import OTPAdminSite

from shuangyong.health import healthz

# The admin signs in through the system's own sign-in (lockout, second factor) and admits only a session that
# passed the second factor.
admin.site.__class__ = OTPAdminSite
admin.site.login = RedirectView.as_view(pattern_name="login", query_string=True)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("shuangyong.api_urls")),
    path("api/", include("shuangyong.api_urls")),  # the unversioned paths of 0.1, kept as aliases
    path("", include("shuangyong.web.urls")),
    path("regions/", include("shuangyong.regions.urls")),
    path("units/", include("shuangyong.units.urls")),
    path("audit/", include("shuangyong.audit.urls")),
    path("jobs/", include("shuangyong.jobs.urls")),
    path("accounts/", include("shuangyong.accounts.urls")),
    path("registry/", include("shuangyong.registry.urls")),
    path("benefits/", include("shuangyong.benefits.urls")),
    path("conscription/", include("shuangyong.conscription.urls")),
    path("resettlement/", include("shuangyong.resettlement.urls")),
    path("activities/", include("shuangyong.activities.urls")),
    path("care/", include("shuangyong.care.urls")),
    path("creation/", include("shuangyong.creation.urls")),
    path("sheets/", include("shuangyong.sheets.urls")),
    path("todo/", include("shuangyong.todo.urls")),
    path("archive/", include("shuangyong.archive.urls")),
    path("leadership/", include("shuangyong.leadership.urls")),
    path("assessment/", include("shuangyong.assessment.urls")),
    path("reports/", include("shuangyong.reports.urls")),
    path("intake/", include("shuangyong.intake.urls")),
]

handler400 = "shuangyong.web.views.bad_request"
handler403 = "shuangyong.web.views.permission_denied"
handler404 = "shuangyong.web.views.page_not_found"
handler500 = "shuangyong.web.views.server_error"
