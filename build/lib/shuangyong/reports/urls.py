from django.urls import include, path

from shuangyong.reports import views, views_dashboard, views_records, views_statistics

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("records/<str:key>/", views_records.figure_records, name="records"),
    path("dashboard/", views_dashboard.dashboard_page, name="dashboard"),
    path("dashboard/charts/<slug:chart>.json", views_dashboard.chart_data, name="chart"),
    path("statistics/<slug:table>.xlsx", views_statistics.download, name="statistics"),
    path("summary/", include("shuangyong.reports.summary.urls")),
]
