from django.urls import path

from . import views
from .report import views as report

app_name = "evaluation"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/defaults/", views.statements_default, name="statements_default"),
    path("statements/new/", views.statement_create, name="statement_create"),
    path("statements/<int:pk>/edit/", views.statement_edit, name="statement_edit"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/answer/", views.round_answer, name="round_answer"),
    path("evidence/", views.evidence_list, name="evidence_list"),
    path("evidence/new/", views.evidence_create, name="evidence_create"),
    path("evidence/from-meeting/<int:pk>/", views.evidence_from_meeting,
         name="evidence_from_meeting"),
    path("evidence/<int:pk>/edit/", views.evidence_edit, name="evidence_edit"),
    path("changes/", views.change_list, name="change_list"),
    path("changes/new/", views.change_create, name="change_create"),
    path("changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("changes/<int:pk>/edit/", views.change_edit, name="change_edit"),
    path("network/", views.network_page, name="network"),
    path("report/", report.report_choose, name="report"),
    path("report/read/", report.report_view, name="report_view"),
    path("report/files/<int:pk>/", report.report_job, name="report_job"),
    path("report/files/<int:pk>/download/", report.report_download, name="report_download"),
]
