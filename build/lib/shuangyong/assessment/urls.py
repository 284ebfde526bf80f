from django.urls import path

from shuangyong.assessment import views, views_plan

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:pk>/", views.unit_page, name="unit"),
    path("towns/<str:code>/", views.town_page, name="town"),
    path("targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/withdraw/", views.target_withdraw, name="target_withdraw"),
    path("plan/", views_plan.plan, name="plan"),
    path("scores/", views_plan.scores, name="scores"),
    path("plan/take/", views_plan.plan_take, name="plan_take"),
    path("plan/<int:pk>/remove/", views_plan.plan_remove, name="plan_remove"),
]
