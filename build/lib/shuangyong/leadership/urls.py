from django.urls import path

from shuangyong.leadership import views

app_name = "leadership"

urlpatterns = [
    path("", views.index, name="index"),
    path("regions/<str:code>/members/new/", views.member_create, name="member_create"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/end/", views.member_end, name="member_end"),
    path("members/<int:pk>/replace/", views.member_replace, name="member_replace"),
    path("regions/<str:code>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("decisions/<int:pk>/complete/", views.decision_complete, name="decision_complete"),
    path("decisions/<int:pk>/reopen/", views.decision_reopen, name="decision_reopen"),
]
