from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("vision/", views.vision_edit, name="vision_edit"),
    path("endorsements/new/", views.endorsement_add, name="endorsement_add"),
    path("endorsements/<int:pk>/remove/", views.endorsement_remove, name="endorsement_remove"),
    path("tracks/new/", views.track_create, name="track_create"),
    path("tracks/<int:pk>/", views.track_detail, name="track_detail"),
    path("tracks/<int:pk>/edit/", views.track_edit, name="track_edit"),
    path("tracks/<int:pk>/delete/", views.track_delete, name="track_delete"),
    path("tracks/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/check/", views.action_check, name="action_check"),
    path("knowledge/", views.knowledge_list, name="knowledge_list"),
    path("knowledge/new/", views.knowledge_create, name="knowledge_create"),
    path("knowledge/<int:pk>/", views.knowledge_detail, name="knowledge_detail"),
    path("knowledge/<int:pk>/edit/", views.knowledge_edit, name="knowledge_edit"),
    path("knowledge/<int:pk>/delete/", views.knowledge_delete, name="knowledge_delete"),
    path("knowledge/versions/<int:pk>/file/", views.knowledge_file, name="knowledge_file"),
]
