from django.urls import path

from shuangyong.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("import/", views.import_regions, name="import"),
    path("<str:code>/", views.browse, name="detail"),
]
