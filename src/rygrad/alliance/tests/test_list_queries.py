"""Busy list pages answer with a bounded number of queries, however many rows they show."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.alliance.models import Sector

from .factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
SECTORS = Sector.values


def populate(initiative, rows: int) -> None:
    """`rows` organisations, each with one person holding an open seat."""
    parent = OrganisationFactory(initiative=initiative, name="Kommunen")
    for number in range(rows):
        organisation = OrganisationFactory(initiative=initiative,
                                           sector=SECTORS[number % len(SECTORS)],
                                           parent=parent if number % 3 == 0 else None)
        person = PersonFactory(initiative=initiative, organisation=organisation)
        MembershipFactory(initiative=initiative, person=person,
                          started_on=dt.date(2015 + number % 5, 1, 1))


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize(("url_name", "query"), [
    ("alliance:overview", ""),
    ("alliance:overview", "format=csv"),
    ("alliance:organisation_list", ""),
    ("alliance:organisation_list", "format=xlsx"),
    ("alliance:person_list", ""),
    ("alliance:person_list", "format=csv"),
    ("alliance:over_time", "format=csv"),
])
def test_list_pages_have_the_same_query_bound_for_10_and_200_rows(
        world, client_as, django_assert_max_num_queries, rows, url_name, query):
    """Given 10 or 200 organisations with a person and a seat each, when the secretariat
    opens a list page or its export, then the number of queries stays within the same
    small bound."""
    populate(world.initiative, rows)
    client = client_as("secretariat")
    url = reverse(url_name, kwargs={"slug": world.initiative.slug}) + f"?{query}"
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
