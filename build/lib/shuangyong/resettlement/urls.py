from django.urls import path

from shuangyong.resettlement import views

app_name = "resettlement"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("export/<slug:what>/", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/steps/<slug:step>/", views.step, name="step"),
]
