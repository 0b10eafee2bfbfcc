"""A login's own data, outside any initiative (/privacy/my-data/)."""

from django.urls import path

from . import views

app_name = "privacy_account"
urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
]
