"""Deleting and archiving organisations: an organisation nothing points to is deleted
after a confirmation that lists what goes with it; one whose history other records hold
is archived — out of lists and forms, still in the history — and can be brought back."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.alliance import services
from rygrad.alliance.forms import MembershipForm, PersonForm
from rygrad.alliance.models import Organisation
from rygrad.alliance.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
)
from rygrad.core.permissions import Actor


def _url(name, organisation):
    return reverse(f"alliance:{name}", kwargs={"slug": organisation.initiative.slug,
                                               "pk": organisation.pk})


def test_an_unreferenced_organisation_is_deleted_with_its_partnerships(client_as, world):
    """Given an organisation with one partnership and nothing else, when the secretariat
    opens Delete, then the page lists the organisation and the partnership; on confirming,
    both are gone and the list no longer shows it."""
    lonely = OrganisationFactory(initiative=world.initiative, name="Ensom Forening")
    PartnershipFactory(initiative=world.initiative, organisation_a=lonely,
                       organisation_b=OrganisationFactory(initiative=world.initiative))
    client = client_as("secretariat")
    plan = client.get(_url("organisation_delete", lonely)).context["plan"]
    assert plan.can_delete
    assert dict(plan.removes) == {"organisationer": 1, "partnerskaber": 1}
    response = client.post(_url("organisation_delete", lonely))
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=lonely.pk).exists()


def test_an_organisation_that_drove_an_activity_is_archived_not_deleted(client_as, world):
    """Given an organisation that drives an activity and holds a seat, when the secretariat
    opens Delete, then it names what protects it and offers to archive; a forced delete
    is refused by the service; archiving keeps the activity's driver and hides the
    organisation from the list and from the forms' choices."""
    club = OrganisationFactory(initiative=world.initiative, name="Egelund Boldklub")
    activity = ActivityFactory(initiative=world.initiative, driver=club)
    MembershipFactory(initiative=world.initiative, organisation=club,
                      person=PersonFactory(initiative=world.initiative, organisation=club))
    client = client_as("secretariat")
    page = client.get(_url("organisation_delete", club))
    plan = page.context["plan"]
    assert not plan.can_delete
    assert {"aktiviteter", "medlemskaber"} <= set(dict(plan.protected_by))
    response = client.post(_url("organisation_delete", club))
    assert response.status_code == 200  # refused, shown again
    assert Organisation.objects.filter(pk=club.pk).exists()

    client.post(_url("organisation_archive", club))
    club.refresh_from_db()
    assert club.archived_on == dt.date.today()
    activity.refresh_from_db()
    assert activity.driver == club
    listed = client.get(reverse("alliance:organisation_list",
                                kwargs={"slug": world.initiative.slug})).context
    assert club not in listed["organisations"]
    archived = client.get(reverse("alliance:organisation_list",
                                  kwargs={"slug": world.initiative.slug}) + "?archived=on")
    assert club in archived.context["organisations"]
    offered = MembershipForm(initiative=world.initiative).fields["organisation"].queryset
    assert club not in offered


def test_editing_a_record_that_names_an_archived_organisation_still_works(world):
    """Given a person of an organisation that was then archived, when their form is built
    for editing, then the archived organisation is still a valid choice for them (and
    for nobody new)."""
    club = OrganisationFactory(initiative=world.initiative, archived_on=dt.date(2020, 1, 1))
    person = PersonFactory(initiative=world.initiative, organisation=club)
    assert club in PersonForm(instance=person, initiative=world.initiative
                              ).fields["organisation"].queryset
    assert club not in PersonForm(initiative=world.initiative).fields["organisation"].queryset


def test_an_archived_organisation_can_be_brought_back(client_as, world):
    """Given an archived organisation, when the secretariat restores it, then it is listed
    and offered again."""
    club = OrganisationFactory(initiative=world.initiative, archived_on=dt.date(2020, 1, 1))
    client_as("secretariat").post(_url("organisation_archive", club), {"restore": "1"})
    club.refresh_from_db()
    assert club.archived_on is None


@pytest.mark.parametrize("role", ["member", "partner", "youth"])
def test_only_the_secretariat_deletes_or_archives(world, role):
    """Given a role below the secretariat, when it asks the services to delete or archive,
    then both are refused and the organisation stays as it was."""
    club = OrganisationFactory(initiative=world.initiative)
    actor = Actor(user=world.users[role], initiative=world.initiative)
    with pytest.raises(ValidationError):
        services.organisation_delete(organisation=club, by=actor)
    with pytest.raises(ValidationError):
        services.organisation_archive(organisation=club, by=actor)
    club.refresh_from_db()
    assert club.archived_on is None


def test_the_organisation_page_shows_its_change_history_to_the_secretariat_only(
        client_as, world):
    """Given an organisation whose sector was changed, when the secretariat opens its
    page, then the history names the change; a member sees no history."""
    from auditlog.context import set_actor

    club = OrganisationFactory(initiative=world.initiative, sector="association")
    with set_actor(world.users["secretariat"]):
        services.organisation_update(organisation=club, sector="business")
    secretariat = client_as("secretariat").get(_url("organisation_detail", club))
    content = secretariat.content.decode()
    assert "Ændringshistorik" in content or "Change history" in content
    from rygrad.alliance.models import Sector

    assert f"{Sector.ASSOCIATION.label} → {Sector.BUSINESS.label}" in content
    member = client_as("member").get(_url("organisation_detail", club)).content.decode()
    assert "history-heading" not in member
