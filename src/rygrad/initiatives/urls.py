from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
