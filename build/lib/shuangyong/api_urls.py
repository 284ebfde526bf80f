from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from shuangyong.accounts.api import UserViewSet, me
from shuangyong.accounts.api_auth import SignOutView, TokenListView, TokenRevokeView, TokenView
from shuangyong.activities import api as activities
from shuangyong.archive import api as archive
from shuangyong.assessment import api as assessment
from shuangyong.benefits.api import FindingViewSet, PaymentLineViewSet, PaymentRunViewSet, StandardViewSet
from shuangyong.care import api as care
from shuangyong.conscription import api as conscription
from shuangyong.creation import api as creation
from shuangyong.intake import api as intake
from shuangyong.jobs.api import JobViewSet
from shuangyong.leadership import api as leadership
from shuangyong.regions.api import RegionViewSet
from shuangyong.registry.api import EntitlementViewSet, PersonViewSet, TransferViewSet
from shuangyong.reports import api as reports
from shuangyong.resettlement import api as resettlement
from shuangyong.todo.api import todo_list
from shuangyong.units.api import UnitViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("units", UnitViewSet, basename="unit")
router.register("users", UserViewSet, basename="user")
router.register("jobs", JobViewSet, basename="job")
router.register("persons", PersonViewSet, basename="person")
router.register("entitlements", EntitlementViewSet, basename="entitlement")
router.register("transfers", TransferViewSet, basename="transfer")
router.register("standards", StandardViewSet, basename="standard")
router.register("payment-runs", PaymentRunViewSet, basename="payment-run")
router.register("payment-lines", PaymentLineViewSet, basename="payment-line")
router.register("findings", FindingViewSet, basename="finding")
# these apps register their own endpoints (each app's api.register)
for api in (conscription, resettlement, activities, care, creation, archive, leadership, assessment, reports, intake):
    api.register(router)


urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi-schema"),
    # for signed-in users only (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]); the split view serves its script as a
    # file of its own, which the Content-Security-Policy allows
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="openapi-schema")), name="api-docs"),
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/tokens/", TokenListView.as_view(), name="api-tokens"),
    path("auth/tokens/<str:token_id>/", TokenRevokeView.as_view(), name="api-token-revoke"),
    path("auth/logout/", SignOutView.as_view(), name="api-logout"),
    # before the router, whose users/{id}/ would otherwise take "me" for an id
    path("users/me/", me, name="api-me"),
    path("todo/", todo_list, name="api-todo"),
    path("", include(router.urls)),
]
