from django.urls import path

from shuangyong.benefits import views_bank, views_enrolments, views_findings, views_runs, views_standards

app_name = "benefits"
urlpatterns = [
    path("", views_runs.run_list, name="runs"),
    path("runs/compute/", views_runs.run_compute, name="run_compute"),
    path("runs/<int:pk>/", views_runs.run_detail, name="run"),
    path("runs/<int:pk>/lines/", views_runs.run_lines, name="run_lines"),
    path("runs/<int:pk>/recompute/", views_runs.run_recompute, name="run_recompute"),
    path("runs/<int:pk>/check/", views_runs.run_check, name="run_check"),
    path("runs/<int:pk>/approve/", views_runs.run_approve, name="run_approve"),
    path("runs/<int:pk>/discard/", views_runs.run_discard, name="run_discard"),
    path("runs/<int:pk>/waive/", views_runs.run_waive_all, name="run_waive"),
    path("runs/<int:pk>/roster/", views_bank.roster, name="run_roster"),
    path("runs/<int:pk>/bank-file/", views_bank.bank_file, name="run_bank_file"),
    path("runs/<int:pk>/bank-return/", views_bank.bank_return, name="run_bank_return"),
    path("findings/", views_findings.finding_list, name="findings"),
    path("findings/send/", views_findings.finding_send, name="finding_send"),
    path("findings/<int:pk>/waive/", views_runs.finding_waive, name="finding_waive"),
    path("findings/<int:pk>/exclude/", views_runs.finding_exclude, name="finding_exclude"),
    path("entitlements/<int:entitlement_id>/enrolments/", views_enrolments.enrolments, name="enrolments"),
    path("enrolments/<int:pk>/end/", views_enrolments.enrolment_end, name="enrolment_end"),
    path("standards/", views_standards.standard_list, name="standards"),
    path("standards/new/", views_standards.standard_create, name="standard_create"),
    path("standards/import/", views_standards.standard_import, name="standard_import"),
    path("standards/<int:pk>/", views_standards.standard_edit, name="standard_edit"),
    path("standards/<int:pk>/delete/", views_standards.standard_delete, name="standard_delete"),
    path("wages/", views_standards.wage_list, name="wages"),
    path("wages/new/", views_standards.wage_create, name="wage_create"),
    path("wages/<int:pk>/", views_standards.wage_edit, name="wage_edit"),
]
