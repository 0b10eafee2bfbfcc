"""Communication's URLs outside an initiative: the accessibility statement at the short
path /was that Danish law asks for, and the sitemap of every public initiative's site."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from rygrad.core.views import accessibility

from .sitemaps import SITEMAPS

app_name = "communication_public"
urlpatterns = [
    # The same statement as /accessibility/, at the short address people are told.
    path("was/", accessibility, name="was"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS,
                                  "template_name": "communication/sitemap.xml"},
         name="sitemap"),
]
