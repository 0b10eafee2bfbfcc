"""URLs: the front page, accounts, the admin, and each capability under its initiative's slug."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from rygrad.initiatives.views import front_page

# The admin's own login form would skip the login rate limit and the second factor: send
# it to allauth's login (with `next`), which has both (allauth's documented admin hook).
admin.site.login = secure_admin_login(admin.site.login)

handler403 = "rygrad.core.views.error_403"
handler404 = "rygrad.core.views.error_404"
handler500 = "rygrad.core.views.error_500"

initiative_patterns = [
    path("", include("rygrad.initiatives.urls")),
    path("alliance/", include("rygrad.alliance.urls")),
    path("agenda/", include("rygrad.agenda.urls")),
    path("activities/", include("rygrad.activities.urls")),
    path("measurement/", include("rygrad.measurement.urls")),
    path("meetings/", include("rygrad.meetings.urls")),
    path("ideas/", include("rygrad.ideas.urls")),
    path("early-warning/", include("rygrad.earlywarning.urls")),
    path("evaluation/", include("rygrad.evaluation.urls")),
    path("communication/", include("rygrad.communication.urls")),
    path("privacy/", include("rygrad.privacy.urls")),
]

urlpatterns = [
    path("", front_page, name="front_page"),
    path("", include("rygrad.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("rygrad.api.urls")),
    path("privacy/", include("rygrad.privacy.account_urls")),
    path("i/<slug:slug>/", include(initiative_patterns)),
    path("s/", include("rygrad.measurement.public_urls")),
    path("", include("rygrad.communication.public_urls")),
]

# No URL serves MEDIA_ROOT, not even in development: uploaded files are sent only by views
# that ask the permission chain (rygrad.core.media).
