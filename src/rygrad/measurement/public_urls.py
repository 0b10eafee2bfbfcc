"""The short public path /s/ where pupils answer with a class code (no initiative in the
URL: the class code says which survey it is)."""

from django.urls import path

from .views import survey

app_name = "survey"
urlpatterns = [
    path("", survey.start, name="start"),
    path("thanks/", survey.thanks, name="thanks"),
    path("<str:code>/", survey.answer, name="answer"),
]
