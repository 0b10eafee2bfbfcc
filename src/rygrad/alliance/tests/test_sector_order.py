"""Sectors come in one order everywhere and in both languages: the order `Sector` lists
them (municipality, school, day-care, association, business, youth, ...), not the
alphabet of their codes or of their labels, which differs between Danish and English."""

import pytest
from django.conf import settings
from django.urls import reverse

from rygrad.alliance.models import Sector
from rygrad.alliance.selectors import memberships_at, sector_order
from rygrad.alliance.tests.factories import MembershipFactory, OrganisationFactory

# Listed here against the alphabet of codes (association < municipality < school < youth)
# and of labels (English "Association" first; Danish "Forening" before "Kommune").
SECTORS = [Sector.YOUTH, Sector.ASSOCIATION, Sector.SCHOOL, Sector.MUNICIPALITY]
EXPECTED = [Sector.MUNICIPALITY, Sector.SCHOOL, Sector.ASSOCIATION, Sector.YOUTH]


@pytest.fixture
def seats(world):
    for number, sector in enumerate(SECTORS):
        organisation = OrganisationFactory(initiative=world.initiative, sector=sector,
                                           name=f"Organisation {number}")
        MembershipFactory(initiative=world.initiative, organisation=organisation,
                          person__organisation=organisation)


def test_the_seats_come_by_sector_in_the_order_of_the_sectors(world, seats):
    """Given members from four sectors, when the seats are read, then they come by sector in
    the order `Sector` lists them."""
    import datetime as dt

    found = [s.organisation.sector for s in memberships_at(initiative=world.initiative,
                                                           at=dt.date.today())]
    assert found == EXPECTED


def test_an_unknown_sector_code_sorts_last(world):
    """Given an organisation whose stored sector is no longer a choice, when organisations
    are ordered by sector, then it comes after every known sector rather than failing."""
    from rygrad.alliance.models import Organisation

    OrganisationFactory(initiative=world.initiative, name="Old", sector=Sector.SCHOOL)
    OrganisationFactory(initiative=world.initiative, name="Gone", sector=Sector.OTHER)
    Organisation.objects.filter(name="Gone").update(sector="retired")
    names = list(Organisation.objects.for_initiative(world.initiative)
                 .order_by(sector_order(), "name").values_list("name", flat=True))
    assert names == ["Old", "Gone"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_overview_groups_sectors_in_the_same_order_in_both_languages(
        client_as, world, seats, language):
    """Given members from four sectors, when the alliance overview is opened in Danish or
    English, then its sector headings come in the same order: municipality, school,
    association, youth."""
    from django.utils import translation

    client = client_as("member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = client.get(reverse("alliance:overview", kwargs={"slug": "egelund"})).content
    with translation.override(language):
        labels = [str(Sector(value).label) for value in EXPECTED]
    text = content.decode()
    positions = [text.index(f">{label}</h2>") for label in labels]
    assert positions == sorted(positions), labels
