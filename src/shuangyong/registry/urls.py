from django.urls import path

from shuangyong.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("import/", views.person_import, name="import"),
    path("export/", views.person_export, name="export"),
    path("stop-overdue/", views.stop_overdue_view, name="stop_overdue"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/events/<slug:event>/", views.person_event, name="event"),
]
