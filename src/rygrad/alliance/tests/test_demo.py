"""Smoke test of the demo alliance: it builds, its pages open, the organisations other demos
rely on and the logins are there, and its story holds in words (a municipal chair hands
over to a young one in 2017, the alliance grows, young members keep their seats, people
join and leave up to today). The registry's logic is pinned on constructed data in the
other test files."""

import datetime as dt
import random

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from rygrad.alliance import demo as alliance_demo
from rygrad.alliance.models import AgeBand, Membership, Organisation, Person, Sector
from rygrad.core.demo import DEMO_USERS
from rygrad.core.signals import get_signal
from rygrad.initiatives.models import Role
from rygrad.initiatives.services import role_grant

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db

NAMES_OTHER_DEMOS_USE = {
    "Sekretariatet for Fællesskab for alle børn": "municipality",
    "Børn og Unge, Egelund Kommune": "municipality", "Egelund Bibliotek": "municipality",
    "Dagtilbud Egelund Nord": "daycare", "Dagtilbud Egelund Syd": "daycare",
    "Egelund Skole": "school", "Bakkely Skole": "school", "Fjordskolen": "school",
    "Egelund Ungdomsskole": "school", "Egelund Boldklub": "association",
    "Egelund Spejderne": "association", "Frivilligcenter Egelund": "association",
    "Egelund Brugs": "business", "Fællesrådet for Ungdom i Egelund": "youth",
    "Sund By Fonden": "national", "Institut for Børn og Unges Trivsel": "research",
}


@pytest.fixture
def demo():
    """The alliance part of the demo, on the demo logins that core's demo creates first."""
    for email, _name, _role in DEMO_USERS:
        get_user_model().objects.create_user(email=email, password="pw")
    initiative = InitiativeFactory(slug="demo")
    alliance_demo.build(initiative, random.Random(2015))
    return initiative


def test_the_demo_alliance_builds_and_its_pages_open(demo, client):
    """Given the demo alliance, when its secretariat opens the overview, the alliance over
    time, the lists of organisations and people, and every organisation's and person's
    page, then each answers 200."""
    secretariat = get_user_model().objects.get(email="sekretariat@demo.rygrad.dk")
    role_grant(initiative=demo, user=secretariat, role=Role.SECRETARIAT)
    client.force_login(secretariat)
    slug = {"slug": demo.slug}
    for name in ("overview", "over_time", "organisation_list", "person_list"):
        assert client.get(reverse(f"alliance:{name}", kwargs=slug)).status_code == 200, name
    for organisation in Organisation.objects.for_initiative(demo):
        url = reverse("alliance:organisation_detail", kwargs={**slug, "pk": organisation.pk})
        assert client.get(url).status_code == 200, organisation.name
    for person in Person.objects.for_initiative(demo):
        url = reverse("alliance:person_detail", kwargs={**slug, "pk": person.pk})
        assert client.get(url).status_code == 200, person.name


def test_demo_has_the_organisations_other_demos_rely_on(demo):
    """Given the demo, then every name another app's demo uses is an organisation with its
    sector, every sector is represented, and the secretariat is the backbone."""
    organisations = {o.name: o for o in Organisation.objects.for_initiative(demo)}
    assert {name: organisations[name].sector for name in NAMES_OTHER_DEMOS_USE} == \
        NAMES_OTHER_DEMOS_USE
    assert {o.sector for o in organisations.values()} == set(Sector.values)
    assert organisations["Sekretariatet for Fællesskab for alle børn"].is_backbone


def test_demo_logins_are_linked_to_people_with_the_right_seats(demo):
    """Given the demo, then each demo login is a person of the promised organisation with
    the promised seat (the partner without one)."""
    today = dt.date.today()

    def person(email):
        return Person.objects.for_initiative(demo).get(user__email=email)

    def roles(p):
        return {m.role for m in p.memberships.all()
                if m.started_on <= today and (m.ended_on is None or m.ended_on >= today)}

    secretariat = person("sekretariat@demo.rygrad.dk")
    assert secretariat.organisation.is_backbone and roles(secretariat) == {"secretariat"}
    member = person("medlem@demo.rygrad.dk")
    assert member.organisation.name == "Egelund Skole" and roles(member)
    partner = person("partner@demo.rygrad.dk")
    assert partner.organisation.name == "Egelund Boldklub" and not partner.memberships.exists()
    young = person("ung@demo.rygrad.dk")
    assert young.age_band == "13-15" and roles(young) == {"youth"}


def test_demo_tells_the_story_of_a_changing_alliance(demo):
    """Given the demo, then an adult from the municipality chairs the alliance until 2017
    and a young chair holds the chair from 2017 on; the alliance group is larger at the end
    of 2017 than in its first year; the youth signal warns at the end of 2016 and never from
    2017 to today; and people join and leave every year 2015-2020 and within the last year
    before today."""
    seats = Membership.objects.for_initiative(demo).select_related("person__organisation")
    chairs = sorted((m for m in seats if m.role == "chair"), key=lambda m: m.started_on)
    first, current = chairs[0], chairs[-1]
    assert first.person.age_band == AgeBand.ADULT
    assert first.person.organisation.sector == Sector.MUNICIPALITY
    assert first.ended_on is not None and first.ended_on.year == 2017
    assert current.ended_on is None and current.started_on.year == 2017
    assert current.person.age_band != AgeBand.ADULT
    members = get_signal("alliance.members")
    assert members.evaluate(demo, dt.date(2015, 12, 31)).value < \
        members.evaluate(demo, dt.date(2017, 12, 31)).value
    today = timezone.localdate()
    youth = get_signal("alliance.youth_members")
    assert youth.evaluate(demo, dt.date(2016, 12, 31)).warning
    later = [dt.date(year, 12, 31) for year in range(2017, today.year)] + [today]
    assert not any(youth.evaluate(demo, at).warning for at in later)
    recent = today - dt.timedelta(days=365)
    assert any(recent <= m.started_on <= today for m in seats)
    assert any(m.ended_on and recent <= m.ended_on <= today for m in seats)
    assert {m.started_on.year for m in seats} >= {2015, 2016, 2017, 2018, 2019, 2020}
    assert {m.ended_on.year for m in seats if m.ended_on} >= {2017, 2018, 2019, 2020}
