from django.urls import path

from . import views

app_name = "earlywarning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("path/", views.path, name="path"),
    path("notices/", views.notices, name="notices"),
    path("notices/read/", views.notices_read, name="notices_read"),
    path("<str:key>/", views.signal_page, name="signal"),
]
