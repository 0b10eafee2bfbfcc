from django.urls import path

from .views import goals, manage, publish, results, slips

app_name = "measurement"
urlpatterns = [
    path("", results.overview, name="overview"),
    path("results/", results.public_results, name="public_results"),
    path("instruments/new/", manage.instrument_create, name="instrument_create"),
    path("instruments/<int:pk>/", results.trends, name="trends"),
    path("instruments/<int:pk>/breakdown/", results.breakdown, name="breakdown"),
    path("instruments/<int:pk>/changes/", results.changes, name="changes"),
    path("instruments/<int:pk>/edit/", manage.instrument_edit, name="instrument_edit"),
    path("instruments/<int:pk>/json/", manage.instrument_download, name="instrument_json"),
    path("waves/new/", manage.wave_create, name="wave_create"),
    path("waves/<int:pk>/", manage.wave_detail, name="wave"),
    path("waves/<int:pk>/open-close/", manage.wave_toggle, name="wave_toggle"),
    path("waves/<int:pk>/publish/", publish.wave_publish, name="wave_publish"),
    path("waves/<int:pk>/population/", manage.wave_population, name="wave_population"),
    path("waves/<int:pk>/class-codes/", manage.class_codes, name="class_codes"),
    path("waves/<int:pk>/pupil-codes/", slips.pupil_codes, name="pupil_codes"),
    path("import/", manage.survey_upload, name="import"),
    path("goals/", goals.goals, name="goals"),
    path("goals/new/", goals.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", goals.goal_delete, name="goal_delete"),
]
