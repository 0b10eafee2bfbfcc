"""The registry's write rules, whoever calls them (a page, the import, the CLI, the demo)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rygrad.alliance import services
from rygrad.alliance.models import Organisation

from .factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_membership_cannot_end_before_it_started_or_end_twice(world):
    """Given a seat from 2016, when ending it in 2015, then it is refused; when ending it in
    2019 and again, then the second end is refused."""
    seat = MembershipFactory(initiative=world.initiative, started_on=dt.date(2016, 1, 1))
    with pytest.raises(ValidationError):
        services.membership_end(membership=seat, on=dt.date(2015, 12, 31))
    seat.refresh_from_db()
    services.membership_end(membership=seat, on=dt.date(2019, 1, 1), reason="Flyttede")
    with pytest.raises(ValidationError):
        services.membership_end(membership=seat, on=dt.date(2020, 1, 1))


def test_records_of_another_initiative_cannot_be_linked(world):
    """Given a person here and an organisation in another initiative, when a seat or a
    parent link between them is made, then it is refused."""
    person = PersonFactory(initiative=world.initiative)
    elsewhere = OrganisationFactory(initiative=world.other_initiative)
    with pytest.raises(ValidationError):
        services.membership_start(person=person, organisation=elsewhere,
                                  started_on=dt.date(2016, 1, 1))
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=person.organisation, parent=elsewhere)


def test_only_one_backbone_per_initiative(world):
    """Given a backbone secretariat, when a second organisation is marked as backbone, then
    it is refused with a message on that field."""
    services.organisation_create(initiative=world.initiative, name="Sekretariatet",
                                 sector="municipality", is_backbone=True)
    with pytest.raises(ValidationError) as error:
        services.organisation_create(initiative=world.initiative, name="Andet",
                                     sector="municipality", is_backbone=True)
    assert "is_backbone" in error.value.message_dict
    assert Organisation.objects.count() == 1


def test_the_same_name_may_exist_in_two_initiatives(world):
    """Given 'Egelund Skole' in one initiative, when another initiative adds its own, then
    both exist."""
    services.organisation_create(initiative=world.initiative, name="Egelund Skole",
                                 sector="school")
    services.organisation_create(initiative=world.other_initiative, name="Egelund Skole",
                                 sector="school")
    assert Organisation.objects.filter(name="Egelund Skole").count() == 2


def test_an_update_saves_only_the_fields_that_changed(world):
    """Given an organisation, when updated with its current values, then nothing is
    written; when one field changes, then only that column is updated."""
    organisation = OrganisationFactory(initiative=world.initiative, name="Klubben")
    with CaptureQueriesContext(connection) as unchanged:
        services.organisation_update(organisation=organisation, name="Klubben")
    assert not [q for q in unchanged.captured_queries if q["sql"].startswith("UPDATE")]
    with CaptureQueriesContext(connection) as changed:
        services.organisation_update(organisation=organisation, description="Fodbold")
    updates = [q["sql"] for q in changed.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert '"description"' in updates[0] and '"name"' not in updates[0]


def test_a_second_seat_for_the_same_organisation_may_not_overlap_the_first(world):
    """Given an open seat from 2016, when a second seat for the same organisation starts
    in 2018, then it is refused on the start date; once the first ends in 2017, the new
    seat is accepted."""
    seat = MembershipFactory(initiative=world.initiative, started_on=dt.date(2016, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.membership_start(person=seat.person, organisation=seat.organisation,
                                  role="vice_chair", started_on=dt.date(2018, 1, 1))
    assert "started_on" in error.value.message_dict
    services.membership_end(membership=seat, on=dt.date(2017, 12, 31))
    services.membership_start(person=seat.person, organisation=seat.organisation,
                              role="vice_chair", started_on=dt.date(2018, 1, 1))
    assert seat.person.memberships.count() == 2
