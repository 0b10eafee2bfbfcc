from django.urls import path

from .views import organisations, people, registry

app_name = "alliance"
urlpatterns = [
    path("", registry.overview, name="overview"),
    path("over-time/", registry.over_time, name="over_time"),
    path("import/", registry.import_spreadsheet, name="import"),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", organisations.organisation_detail,
         name="organisation_detail"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit,
         name="organisation_edit"),
    path("organisations/<int:pk>/delete/", organisations.organisation_delete,
         name="organisation_delete"),
    path("organisations/<int:pk>/archive/", organisations.organisation_archive,
         name="organisation_archive"),
    path("partnerships/new/", organisations.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/edit/", organisations.partnership_edit,
         name="partnership_edit"),
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/export/", people.person_export, name="person_export"),
    path("people/<int:pk>/memberships/new/", people.membership_create,
         name="membership_create"),
    path("memberships/<int:pk>/edit/", people.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", people.membership_end, name="membership_end"),
]
