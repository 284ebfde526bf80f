from django.urls import path

from shuangyong.sheets import views

app_name = "sheets"
urlpatterns = [
    path("regions/", views.region_import, name="regions"),  # before the registered imports' names
    path("settings/", views.settings_import, name="settings"),
    path("<slug:name>/", views.upload_page, name="upload"),
    path("<slug:name>/template.xlsx", views.template_download, name="template"),
]
