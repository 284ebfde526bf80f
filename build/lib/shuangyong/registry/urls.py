from django.urls import path

from shuangyong.registry import views, views_transfers

app_name = "registry"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("export/", views.person_export, name="export"),
    path("stop-overdue/", views.stop_overdue_view, name="stop_overdue"),
    path("confirm/", views.confirm_selected, name="confirm_selected"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/events/<slug:event>/", views.person_event, name="event"),
    path("<int:pk>/move-out/", views_transfers.transfer_send, name="move_out"),
    path("<int:pk>/arrival/", views_transfers.arrival, name="arrival"),
    path(
        "<int:pk>/entitlements/<int:entitlement_id>/change/",
        views_transfers.entitlement_change,
        name="entitlement_change",
    ),
    path("transfers/", views_transfers.transfer_list, name="transfers"),
    path("transfers/<int:pk>/", views_transfers.transfer_detail, name="transfer"),
    path("transfers/<int:pk>/accept/", views_transfers.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/return/", views_transfers.transfer_return, name="transfer_return"),
]
