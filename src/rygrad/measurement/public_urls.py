"""The short public path /s/ where pupils answer with a class code or a pupil code (no
initiative in the URL: the code says which survey it is). The code is always posted to /s/
itself, never part of a URL, so web server logs cannot collect codes."""

from django.urls import path

from .views import survey

app_name = "survey"
urlpatterns = [
    path("", survey.start, name="start"),
    path("thanks/", survey.thanks, name="thanks"),
]
