"""A partner sees the activities their organisation takes part in — in the overview, the
timeline and the exports — and nothing else."""

import csv
import io

from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.alliance.models import Organisation, Person, Sector


def _partner_of(world, organisation):
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=organisation)


def test_partner_overview_lists_only_activities_they_drive_or_commit_to(client_as, world):
    """Given a club that drives one activity and commits hours to another, and a third
    activity it has nothing to do with, when the club's partner opens the overview and its
    CSV, then they see exactly the first two."""
    club = Organisation.objects.create(initiative=world.initiative, name="Egelund Boldklub",
                                       sector=Sector.ASSOCIATION)
    _partner_of(world, club)
    driven = ActivityFactory(initiative=world.initiative, title="Fodbold for alle", driver=club)
    committed = ActivityFactory(initiative=world.initiative, title="Ungebussen")
    CommitmentFactory(activity=committed, organisation=club)
    CommitmentFactory(activity=committed, organisation=club)  # two commitments, one row
    ActivityFactory(initiative=world.initiative, title="Læseheste")

    client = client_as("partner")
    url = reverse("activities:list", kwargs={"slug": "egelund"})
    shown = {a.title for a in client.get(url).context["page"].object_list}
    assert shown == {driven.title, committed.title}

    rows = list(csv.reader(io.StringIO(
        b"".join(client.get(url + "?format=csv").streaming_content).decode("utf-8-sig")),
        delimiter=";"))
    titles = sorted(row[0] for row in rows[1:])
    assert titles == ["Fodbold for alle", "Ungebussen"]

    timeline = client.get(reverse("activities:timeline", kwargs={"slug": "egelund"}))
    assert len(timeline.context["table"].rows) == 2


def test_partner_does_not_see_the_signals_link_but_a_member_does(client_as, world):
    url = reverse("activities:list", kwargs={"slug": "egelund"})
    signals = reverse("activities:signals", kwargs={"slug": "egelund"}).encode()
    assert signals not in client_as("partner").get(url).content
    assert signals in client_as("member").get(url).content


def test_partner_without_an_organisation_sees_an_empty_overview(client_as, world):
    ActivityFactory(initiative=world.initiative)
    response = client_as("partner").get(reverse("activities:list", kwargs={"slug": "egelund"}))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
