"""`rygrad demo` builds the whole demo initiative, the same every time, with a login per role
that works."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from rygrad.activities.models import Activity
from rygrad.alliance.models import Organisation
from rygrad.core.demo import DEMO_PASSWORD, DEMO_USERS
from rygrad.initiatives.models import Initiative
from rygrad.measurement.models import Wave


def _counts():
    initiative = Initiative.objects.get(slug="demo")
    return (
        Organisation.objects.for_initiative(initiative).count(),
        Activity.objects.for_initiative(initiative).count(),
        Wave.objects.filter(instrument__initiative=initiative).count(),
        initiative.role_grants.count(),
    )


def test_demo_is_idempotent_and_every_login_works(db, client):
    """Given an empty installation, when `rygrad demo --no-serve` runs twice, then every
    app's part is there (organisations, activities, survey waves, a role for each demo
    login but the operator's), the second run leaves the same demo (one initiative, the
    same counts), the output names every login, and each login reaches the demo's
    dashboard with its password."""
    out = StringIO()
    call_command("demo", no_serve=True, stdout=out)
    first = _counts()
    call_command("demo", no_serve=True, stdout=StringIO())
    assert _counts() == first
    assert Initiative.objects.filter(slug="demo").count() == 1
    organisations, activities, waves, grants = first
    assert organisations and activities and waves
    assert grants == sum(role is not None for _email, _name, role in DEMO_USERS)
    for email, _name, _role in DEMO_USERS:
        assert email in out.getvalue()
        client.logout()
        assert client.login(username=email, password=DEMO_PASSWORD), email
        response = client.get(reverse("initiatives:dashboard", kwargs={"slug": "demo"}))
        assert response.status_code == 200
