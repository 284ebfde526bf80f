from django.urls import path

from shuangyong.activities import views, views_batch

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="index"),
    path("new/", views.activity_new, name="new"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/sign-sheet/", views.sign_sheet, name="sign_sheet"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
    path("<int:pk>/recipients/", views.recipient_add, name="recipient_add"),
    path("<int:pk>/recipients/batch/", views_batch.recipients_batch, name="recipients_batch"),
    path("<int:pk>/recipients/<int:recipient>/remove/", views.recipient_remove, name="recipient_remove"),
    path("visits/", views.visit_overview, name="visits"),
    path("pairs/", views.pair_list, name="pairs"),
    path("pairs/new/", views.pair_new, name="pair_new"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair"),
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/<str:action>/", views.case_action, name="case_action"),
]
