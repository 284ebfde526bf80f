from django.urls import path

from shuangyong.regions import views, views_settings

app_name = "regions"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("settings/", views_settings.settings_page, name="settings"),
    path("<str:code>/", views.browse, name="detail"),
]
