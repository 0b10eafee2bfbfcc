from django.urls import path

from . import thresholds, views

app_name = "initiatives"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("settings/", views.settings_edit, name="settings"),
    path("thresholds/", thresholds.thresholds, name="thresholds"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/", views.role_update, name="role_update"),
    path("roles/<int:pk>/resend/", views.resend_invitation, name="invitation_resend"),
    path("roles/<int:pk>/withdraw/", views.withdraw_invitation, name="invitation_withdraw"),
]
