"""Commitments: an organisation's own people commit its resources; units must fit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rygrad.activities import services
from rygrad.activities.models import Commitment
from rygrad.activities.tests.factories import ActivityFactory, OrganisationFactory
from rygrad.alliance.models import Person
from rygrad.core.permissions import Actor

D = dt.date


@pytest.fixture
def setup(world):
    activity = ActivityFactory(initiative=world.initiative)
    club = OrganisationFactory(initiative=world.initiative, name="Egelund Boldklub")
    other = OrganisationFactory(initiative=world.initiative, name="Egelund Brugs")
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=club)
    partner = Actor(user=world.users["partner"], initiative=world.initiative)
    return activity, club, other, partner


def test_a_partner_commits_their_own_organisation_and_nothing_else(setup):
    """Given a partner of the club, when they commit 40 staff hours of the club it is saved;
    when they commit the shop's money it is refused."""
    activity, club, other, partner = setup
    services.commitment_create(activity=activity, organisation=club, kind="staff_hours",
                               amount=Decimal("40"), unit="hours", starts_on=D(2017, 1, 1),
                               by=partner)
    with pytest.raises(ValidationError, match="din egen organisations"):
        services.commitment_create(activity=activity, organisation=other, kind="money",
                                   amount=Decimal("5000"), unit="dkk", starts_on=D(2017, 1, 1),
                                   by=partner)
    assert Commitment.objects.filter(activity=activity).count() == 1


def test_staff_hours_must_be_counted_in_hours(setup):
    """Given staff hours entered in DKK, then the unit field is named in the refusal."""
    activity, club, _other, partner = setup
    with pytest.raises(ValidationError) as error:
        services.commitment_create(activity=activity, organisation=club, kind="staff_hours",
                                   amount=Decimal("40"), unit="dkk", starts_on=D(2017, 1, 1),
                                   by=partner)
    assert "unit" in error.value.message_dict


def test_a_commitment_that_ends_before_it_starts_is_refused(setup):
    activity, club, _other, partner = setup
    with pytest.raises(ValidationError):
        services.commitment_create(activity=activity, organisation=club, kind="venue",
                                   amount=Decimal("1"), unit="days", starts_on=D(2017, 1, 1),
                                   ends_on=D(2016, 1, 1), by=partner)
    assert not Commitment.objects.exists()
