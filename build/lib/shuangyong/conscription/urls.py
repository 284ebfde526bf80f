from django.urls import path

from shuangyong.conscription import views, views_print

app_name = "conscription"

urlpatterns = [
    path("", views.index, name="index"),
    path("quota/", views.quota_set, name="quota"),
    path("candidates/new/", views.candidate_new, name="candidate_new"),
    path("candidates/<int:pk>/", views.candidate_detail, name="candidate"),
    path("candidates/<int:pk>/<str:step>/", views.candidate_step, name="candidate_step"),
    path("members/", views.member_list, name="members"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("members/<int:pk>/<str:action>/", views.member_action, name="member_action"),
    path("plaques/", views_print.plaques, name="plaques"),
    path("awards/<int:pk>/notice/", views_print.honor_notice, name="honor_notice"),
    path("tables/", views.tables, name="tables"),
    path("export/candidates.xlsx", views.export_candidates, name="export_candidates"),
    path("export/allowances.xlsx", views.export_allowances, name="export_allowances"),
]
