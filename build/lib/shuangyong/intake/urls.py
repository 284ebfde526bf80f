from django.urls import path

from shuangyong.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/details/", views.details, name="details"),
    path("<int:pk>/confirm/", views.confirm_selected, name="confirm_selected"),
    path("items/<int:pk>/", views.review, name="review"),
]
