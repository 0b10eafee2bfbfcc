"""A person's data can be exported, and erased by anonymisation that keeps the history."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from rygrad.alliance import services
from rygrad.alliance.models import Person
from rygrad.core.signals import get_signal

from .factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def make_person(world):
    person = PersonFactory(initiative=world.initiative, name="Gitte Rasmussen",
                           title="Leder", email="gitte@example.org", user=world.users["member"])
    MembershipFactory(initiative=world.initiative, person=person,
                      started_on=dt.date(2016, 1, 1), ended_on=dt.date(2018, 12, 31),
                      end_reason="Nyt job")
    return person


def test_the_secretariat_downloads_everything_held_about_a_person(world, client_as):
    """Given a person with a login and a past seat, when the secretariat downloads their
    data, then the JSON holds their details and the seat with its dates and reason."""
    person = make_person(world)
    response = client_as("secretariat").get(reverse(
        "alliance:person_export", kwargs={"slug": world.initiative.slug, "pk": person.pk}))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["name"] == "Gitte Rasmussen"
    assert data["person"]["email"] == "gitte@example.org"
    assert data["person"]["login"] == "member@example.org"
    assert data["memberships"] == [{
        "organisation": person.organisation.name, "role": "member", "from": "2016-01-01",
        "to": "2018-12-31", "reason_for_leaving": "Nyt job"}]


def test_anonymising_removes_identity_but_keeps_the_seats_and_the_counts(world):
    """Given a person who held a seat, when they are anonymised, then name, title, email and
    login are gone and the time is recorded, while the seat and the member count on a past
    date are unchanged."""
    person = make_person(world)
    before = get_signal("alliance.members").evaluate(world.initiative, dt.date(2017, 1, 1))
    services.person_anonymise(person=person)
    person = Person.objects.get(pk=person.pk)
    assert "Gitte" not in person.name and str(person.pk) in person.name
    assert person.organisation.name in person.name  # "Former member no. 3, <organisation>"
    assert (person.title, person.email, person.user) == ("", "", None)
    assert person.anonymised_at is not None
    assert person.memberships.count() == 1
    after = get_signal("alliance.members").evaluate(world.initiative, dt.date(2017, 1, 1))
    assert after.value == before.value == 1


def test_anonymising_unlinks_the_login_from_the_organisation(world):
    """Given a member linked to an organisation through the person, when the person is
    anonymised, then the member no longer represents that organisation."""
    from rygrad.core.permissions import Actor

    person = make_person(world)
    services.person_anonymise(person=person)
    actor = Actor(user=world.users["member"], initiative=world.initiative)
    assert actor.organisation_ids == frozenset()


def test_an_anonymised_person_cannot_be_edited(world, client_as):
    """Given an anonymised person, when the secretariat saves their page with a name,
    then it is refused and the name stays erased."""
    person = make_person(world)
    services.person_anonymise(person=person)
    edit = client_as("secretariat").post(reverse(
        "alliance:person_edit", kwargs={"slug": world.initiative.slug, "pk": person.pk}),
        {"name": "Gitte", "age_band": "adult"})
    assert edit.status_code == 200
    assert edit.context["form"].non_field_errors()
    assert "Gitte" not in Person.objects.get(pk=person.pk).name


def test_a_member_may_not_export_or_erase(world, client_as):
    """Given a member, when they try a person's export or erasure, then they are refused."""
    person = make_person(world)
    for name in ("alliance:person_export", "privacy:person_export", "privacy:person_erase"):
        target = reverse(name, kwargs={"slug": world.initiative.slug, "pk": person.pk})
        assert client_as("member").post(target).status_code == 403
    assert Person.objects.get(pk=person.pk).anonymised_at is None
