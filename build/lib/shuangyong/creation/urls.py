from django.urls import path

from shuangyong.creation import views

app_name = "creation"

urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.open_year, name="open"),
    path("namings/new/", views.naming_add, name="naming_add"),
    path("my-gaps.docx", views.unit_gaps, name="unit_gaps"),
    path("rubrics/<int:pk>.xlsx", views.rubric_xlsx, name="rubric_xlsx"),
    path("<int:pk>/rescore/", views.rescore, name="rescore"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/unlock/", views.unlock, name="unlock"),
    path("<int:pk>/gaps.xlsx", views.gaps_xlsx, name="gaps"),
    path("<int:pk>/gaps.docx", views.gaps_word, name="gaps_docx"),
    path("<int:pk>/book.docx", views.book_docx, name="book"),
    path("<int:pk>/files.zip", views.book_zip, name="files"),
    path("items/<int:pk>/", views.item, name="item"),
    path("helping/<int:pk>/", views.helping, name="helping"),
    path("items/<int:pk>/judge/", views.judge, name="judge"),
    path("items/<int:pk>/assign/", views.assign, name="assign"),
    path("items/<int:pk>/pick/", views.pick, name="pick"),
    path("records/<int:pk>/drop/", views.drop, name="drop"),
]
