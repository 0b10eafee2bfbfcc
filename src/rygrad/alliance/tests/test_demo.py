"""The demo alliance: the organisations other demos rely on, the logins linked, a story."""

import datetime as dt
import random

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rygrad.alliance import demo as alliance_demo
from rygrad.alliance.models import Membership, Organisation, Person
from rygrad.core.demo import DEMO_USERS
from rygrad.core.signals import get_signal

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


def test_demo_has_the_organisations_other_demos_rely_on(demo):
    """Given the demo, then 28-32 organisations exist, among them every name another app's
    demo uses, with its sector, and the secretariat is the backbone."""
    organisations = {o.name: o for o in Organisation.objects.for_initiative(demo)}
    assert 28 <= len(organisations) <= 32
    assert {name: organisations[name].sector for name in NAMES_OTHER_DEMOS_USE} == \
        NAMES_OTHER_DEMOS_USE
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
    """Given the demo, then a young chair holds the chair from 2017, two youth members
    exist, people join and leave every year 2015-2020 and within the last year before today,
    and in 2016 the youth signal warns."""
    seats = Membership.objects.for_initiative(demo).select_related("person")
    chair = [m for m in seats if m.role == "chair" and m.ended_on is None]
    assert len(chair) == 1 and chair[0].person.age_band == "16-18"
    assert chair[0].started_on.year == 2017
    assert len({m.person_id for m in seats if m.role == "youth" and m.ended_on is None}) >= 2
    today = timezone.localdate()
    recent = today - dt.timedelta(days=365)
    assert any(recent <= m.started_on <= today for m in seats)
    assert any(m.ended_on and recent <= m.ended_on <= today for m in seats)
    assert {m.started_on.year for m in seats} >= {2015, 2016, 2017, 2018, 2019, 2020}
    assert {m.ended_on.year for m in seats if m.ended_on} >= {2017, 2018, 2019, 2020}
    assert get_signal("alliance.youth_members").evaluate(demo, dt.date(2016, 12, 31)).warning
    members = get_signal("alliance.members").evaluate(demo, dt.date(2019, 12, 31)).value
    assert 18 <= members <= 30
