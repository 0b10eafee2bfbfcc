"""Who may propose an activity driven by which organisation: the rule
`activities.propose_driven_by`, checked by `services.activity_create` and asked by the
form that offers the drivers — for every role."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.activities import services
from rygrad.activities.models import Activity
from rygrad.activities.tests.factories import OrganisationFactory
from rygrad.alliance.models import Person
from rygrad.core.permissions import Actor

# role: (may propose an activity their own organisation drives, one another drives)
EXPECTED = {
    "anonymous": (False, False),
    "youth": (False, False),
    "partner": (False, False),
    "member": (True, False),
    "secretariat": (True, True),
    "operator": (True, True),
    "stranger": (False, False),
}


@pytest.fixture
def organisations(world):
    """Every signed-in user of the world represents `own`; nobody represents `other`."""
    own = OrganisationFactory(initiative=world.initiative, name="Egelund Skole")
    other = OrganisationFactory(initiative=world.initiative, name="Egelund Boldklub")
    for role, user in world.users.items():
        if user is not None:
            Person.objects.create(initiative=world.initiative, name=role, user=user,
                                  organisation=own)
    return own, other


def _actor(world, role):
    if world.users[role] is None:
        return Actor.anonymous(world.initiative)
    return Actor(user=world.users[role], initiative=world.initiative)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_rule_answers_for_every_role(world, organisations, role):
    """Given an organisation the actor represents and one they do not, when the rule is
    asked for each, then only a member (for their own) and the secretariat and operators
    (for any) may propose an activity it drives."""
    own, other = organisations
    actor = _actor(world, role)
    answers = (actor.can("activities.propose_driven_by", own),
               actor.can("activities.propose_driven_by", other))
    assert answers == EXPECTED[role]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_service_checks_the_rule_for_every_role(world, organisations, role):
    """Given the same two organisations, when each role proposes an activity driven by
    each, then the service creates exactly those the rule allows and refuses the others
    with a message, creating nothing."""
    for driver, allowed in zip(organisations, EXPECTED[role], strict=True):
        propose = lambda driver=driver: services.activity_create(  # noqa: E731
            initiative=world.initiative, by=_actor(world, role), title=f"By {driver}",
            driver=driver, starts_on=dt.date(2017, 3, 1))
        if allowed:
            assert propose().driver == driver
        else:
            with pytest.raises(ValidationError):
                propose()
            assert not Activity.objects.filter(title=f"By {driver}").exists()


def test_a_member_is_told_why_another_organisations_activity_is_refused(world, organisations):
    """Given a member of Egelund Skole, when they propose an activity Egelund Boldklub
    drives through the service, then the refusal (in Danish) says members propose only their own."""
    _own, other = organisations
    with pytest.raises(ValidationError,
                       match="kun foreslå aktiviteter, som deres egen organisation"):
        services.activity_create(initiative=world.initiative, by=_actor(world, "member"),
                                 title="Fodbold", driver=other, starts_on=dt.date(2017, 3, 1))


@pytest.mark.parametrize("role", ["member", "secretariat", "operator"])
def test_the_form_offers_the_drivers_the_rule_allows(world, client_as, organisations, role):
    """Given the roles that may open the proposal form, when they open it, then the driver
    field offers exactly the organisations the rule allows them."""
    own, other = organisations
    response = client_as(role).get(
        reverse("activities:create", kwargs={"slug": world.initiative.slug}))
    offered = set(response.context["form"].fields["driver"].queryset)
    assert offered == {org for org, allowed in zip(organisations, EXPECTED[role], strict=True)
                       if allowed}


def test_a_member_posting_another_organisations_driver_gets_the_form_back(
        world, client_as, organisations):
    """Given a member of Egelund Skole, when they post Egelund Boldklub as the driver, then
    the form comes back with the driver field refused and nothing is proposed."""
    _own, other = organisations
    response = client_as("member").post(
        reverse("activities:create", kwargs={"slug": world.initiative.slug}),
        {"title": "Fodbold", "starts_on": "2017-03-01", "recurrence": "once",
         "driver": other.pk})
    assert response.status_code == 200
    assert "driver" in response.context["form"].errors
    assert not Activity.objects.filter(title="Fodbold").exists()
