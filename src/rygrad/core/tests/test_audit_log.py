"""Who changed what and when: changes to the registry are logged with the person who made
them, while personal details and survey answers stay out of the log."""

from auditlog.models import LogEntry
from django.urls import reverse

from rygrad.alliance.models import Organisation, Person, Sector
from rygrad.alliance.services import person_anonymise


def test_a_change_through_a_page_is_logged_with_its_actor(client_as, world):
    """Given the secretariat, when they invite someone, then the new role is in the audit
    log with the secretariat as its actor."""
    client = client_as("secretariat")
    client.post(reverse("initiatives:roles", kwargs={"slug": "egelund"}),
                {"email": "ny@egelund.dk", "name": "Ny", "role": 30})
    entry = LogEntry.objects.filter(content_type__model="rolegrant").latest("timestamp")
    assert entry.actor == world.users["secretariat"]
    assert entry.action == LogEntry.Action.CREATE


def test_a_persons_name_and_email_never_enter_the_log(world):
    """Given a person who is later erased, then no log entry holds their name or email."""
    club = Organisation.objects.create(initiative=world.initiative, name="Klubben",
                                       sector=Sector.ASSOCIATION)
    person = Person.objects.create(initiative=world.initiative, name="Jonas Hemmelig",
                                   email="jonas@example.org", organisation=club)
    person.title = "Formand"
    person.save()
    person_anonymise(person=person)
    logged = " ".join(str(e.changes) for e in LogEntry.objects.all())
    assert "Hemmelig" not in logged
    assert "jonas@example.org" not in logged
    assert "Formand" not in logged
    assert LogEntry.objects.filter(content_type__model="person").exists()
