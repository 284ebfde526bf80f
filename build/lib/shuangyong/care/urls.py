from django.urls import path

from shuangyong.care import views

app_name = "care"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.record_new, name="new"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/delete/", views.record_delete, name="delete"),
    path("sites/new/", views.site_new, name="site_new"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("funds/", views.fund_edit, name="funds"),
]
