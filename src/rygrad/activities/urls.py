from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("timeline/", views.timeline, name="timeline"),
    path("signals/", views.signals_page, name="signals"),
    path("new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/stage/", views.stage_change, name="stage_change"),
    path("<int:pk>/driver/", views.driver_change, name="driver_change"),
    path("<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("<int:pk>/reach/new/", views.reach_add, name="reach_add"),
    path("<int:pk>/notes/new/", views.note_add, name="note_add"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
]
