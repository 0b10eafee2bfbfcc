from django.urls import path

from .views import calendar, follow_up, pages, records

app_name = "meetings"
urlpatterns = [
    path("", pages.meeting_list, name="list"),
    path("new/", pages.meeting_create, name="create"),
    path("<int:pk>/", pages.meeting_detail, name="detail"),
    path("<int:pk>/edit/", pages.meeting_edit, name="edit"),
    path("<int:pk>/delete/", pages.meeting_delete, name="delete"),
    path("<int:pk>/items/new/", records.item_add, name="item_add"),
    path("items/<int:pk>/edit/", records.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", records.item_delete, name="item_delete"),
    path("<int:pk>/attendance/", records.attendance, name="attendance"),
    path("<int:pk>/attendance/counts/", records.attendance_counts, name="attendance_counts"),
    path("attendance/<int:pk>/remove/", records.attendance_remove, name="attendance_remove"),
    path("<int:pk>/decisions/new/", records.decision_add, name="decision_add"),
    path("decisions/<int:pk>/edit/", records.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/delete/", records.decision_delete, name="decision_delete"),
    path("<int:pk>/actions/new/", records.action_add, name="action_add"),
    path("actions/", follow_up.action_list, name="actions"),
    path("actions/<int:pk>/edit/", records.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", records.action_delete, name="action_delete"),
    path("actions/<int:pk>/done/", follow_up.action_done, name="action_done"),
    path("briefings/", follow_up.briefings, name="briefings"),
    path("calendar/", calendar.calendar_address, name="calendar_address"),
    path("calendar/remove/", calendar.calendar_address_remove, name="calendar_address_remove"),
    path("calendar.ics", calendar.calendar_feed, name="calendar_feed"),
    path("calendar/<str:token>.ics", calendar.calendar_token_feed, name="calendar_token_feed"),
]
