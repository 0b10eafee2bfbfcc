from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "core"
urlpatterns = [
    path("accessibility/", TemplateView.as_view(template_name="core/accessibility.html"),
         name="accessibility"),
    path("guide/", views.guide, name="guide"),
    path("guide/<slug:page>/", views.guide, name="guide_page"),
]
