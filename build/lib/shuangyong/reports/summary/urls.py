from django.urls import path

from shuangyong.reports.summary import views

# included under /reports/summary/ in the "reports" namespace
urlpatterns = [
    path("", views.start, name="summary_start"),
    path("<int:pk>/", views.draft, name="summary_draft"),
    path("<int:pk>/download.docx", views.download, name="summary_download"),
    path("<int:pk>/delete/", views.delete, name="summary_delete"),
    path("paragraphs/<int:pk>/", views.paragraph, name="summary_paragraph"),
    path("wording/", views.wording, name="summary_wording"),
    path("wording/<int:pk>/", views.wording_edit, name="summary_wording_edit"),
]
