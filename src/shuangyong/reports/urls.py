from django.urls import include, path

app_name = "reports"

urlpatterns = [
    path("summary/", include("shuangyong.reports.summary.urls")),
]
