from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("guide/", views.guide, name="guide"),
    path("guide/<slug:page>/", views.guide, name="guide_page"),
]
