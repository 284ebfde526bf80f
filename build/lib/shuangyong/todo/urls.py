from django.urls import path

from shuangyong.todo import views

app_name = "todo"

urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<int:pk>/drop/", views.drop, name="drop"),
]
