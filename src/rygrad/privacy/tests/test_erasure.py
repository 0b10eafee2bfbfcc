"""Erasing a person: afterwards no text column of any table holds their name or address,
the history they were part of stays (as a former member of their organisation), and every
number on the dashboard is what it was."""

import datetime as dt
import json

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse

from rygrad.alliance.models import Membership, Person
from rygrad.core.permissions import Actor
from rygrad.core.signals import all_signals
from rygrad.ideas.models import Idea
from rygrad.meetings.models import Attendance, MeetingAction
from rygrad.privacy import services
from rygrad.privacy.models import Erasure

from .people import person_everywhere

pytestmark = pytest.mark.django_db

GITTE = ["Gitte Rasmussen", "gitte@example.org"]


def holders(text: str) -> list[str]:
    """Every (table, column, row) of every installed model whose text — a character,
    text or email column, or a JSON column read as text — contains `text` in any case
    (JSON also as JSON writes non-ASCII)."""
    found = []
    escaped = json.dumps(text)[1:-1]
    for model in apps.get_models():
        text_fields = [f for f in model._meta.concrete_fields
                       if isinstance(f, models.CharField | models.TextField)]
        json_fields = [f for f in model._meta.concrete_fields
                       if isinstance(f, models.JSONField)]
        if not text_fields and not json_fields:
            continue
        rows = model._base_manager.annotate(**{
            f"{f.name}__as_text": Cast(f.name, models.TextField()) for f in json_fields})
        for field in text_fields:
            for pk in rows.filter(**{f"{field.name}__icontains": text}).values_list(
                    "pk", flat=True):
                found.append(f"{model._meta.label}.{field.name} #{pk}")
        for field in json_fields:
            match = Q(**{f"{field.name}__as_text__icontains": text}) | Q(
                **{f"{field.name}__as_text__icontains": escaped})
            for pk in rows.filter(match).values_list("pk", flat=True):
                found.append(f"{model._meta.label}.{field.name} #{pk}")
    return found


def dashboard(initiative) -> dict:
    """Every registered signal's value for the initiative, today and on past dates."""
    dates = [dt.date(2017, 3, 9), dt.date(2018, 6, 30), dt.date.today()]
    return {(signal.key, day): signal.compute(initiative, day)
            for signal in all_signals() for day in dates}


@pytest.fixture
def gitte(world):
    person = person_everywhere(world.initiative, name="Gitte Rasmussen",
                               email="gitte@example.org", tag="GITTE")
    person_everywhere(world.initiative, name="Hans Olsen", email="hans@example.org",
                      tag="HANS")
    return person


def test_the_holder_search_finds_the_person_before_erasure(gitte):
    """Given Gitte's records in every app, when every text column is searched, then her
    name and address are found in many tables — so the search after erasure can fail."""
    tables = {hit.split(".")[0] + "." + hit.split(".")[1] for hit in holders(GITTE[0])}
    assert {"alliance.Person", "meetings.Meeting", "agenda.ActionItem",
            "activities.StageChange", "communication.Subscriber", "core.User",
            "auditlog.LogEntry"} <= tables
    assert holders(GITTE[1])


def test_after_erasure_no_column_of_any_table_holds_the_name_or_address(world, gitte):
    """Given Gitte with records in every app and a login with no other role, when the
    secretariat erases her, then no text or JSON column of any table (the audit log,
    allauth's addresses and the task queue included) holds her name or address — while
    Hans's data is untouched."""
    hans_before = {text: len(holders(text)) for text in ("Hans Olsen", "hans@example.org")}
    services.person_erase(person=gitte, by=Actor(user=world.users["secretariat"],
                                                 initiative=world.initiative))
    for text in GITTE:
        assert holders(text) == [], text
    assert {text: len(holders(text)) for text in hans_before} == hans_before
    assert not get_user_model().objects.filter(email__iexact=GITTE[1]).exists()


def test_erasure_keeps_the_history_and_every_number_on_the_dashboard(world, gitte):
    """Given Gitte's seat, attendance, action item and idea, when she is erased, then they
    all stay, pointing at "Former member no. N, Skole GITTE", and every signal of the
    dashboard has the same value today and on past dates."""
    before = dashboard(world.initiative)
    services.person_erase(person=gitte, by=Actor(user=world.users["secretariat"],
                                                 initiative=world.initiative))
    person = Person.objects.get(pk=gitte.pk)
    assert str(gitte.pk) in person.name and "Skole GITTE" in person.name
    assert person.anonymised_at is not None and person.email == "" and person.user is None
    assert Membership.objects.filter(person=person).count() == 1
    assert Attendance.objects.filter(person=person).count() == 1
    assert MeetingAction.objects.filter(owner=person).count() == 1
    idea = Idea.objects.get(title="Idé GITTE")
    assert (idea.nickname, idea.submitted_by) == ("", None)
    assert dashboard(world.initiative) == before


def test_erasure_is_recorded_without_the_name(world, gitte):
    """Given an erasure, when the record and the audit log are read, then the erasure is
    there with who did it and what the person became, and neither names her."""
    result = services.person_erase(person=gitte, by=Actor(user=world.users["secretariat"],
                                                          initiative=world.initiative))
    erasure = Erasure.objects.get(pk=result.erasure.pk)
    assert erasure.by == world.users["secretariat"] and result.login_erased
    assert erasure.counts["alliance"] == 1 and erasure.counts["ideas"] >= 2
    entry = LogEntry.objects.get_for_object(erasure).get()
    assert entry.actor == world.users["secretariat"]
    assert "Gitte" not in entry.object_repr + json.dumps(entry.changes)


def test_a_login_with_roles_elsewhere_is_kept_and_loses_only_this_initiatives_data(world,
                                                                                  gitte):
    """Given Gitte's login also a member of another initiative, with a person there, when
    the secretariat here erases her, then her name is gone from everything but the login,
    the login and the other initiative's data stay, and her role here is gone."""
    other = person_everywhere(world.other_initiative, name="Gitte i Andeby",
                              email="gitte.andeby@example.org", tag="ANDEBY",
                              user=gitte.user)
    result = services.person_erase(person=gitte, by=Actor(user=world.users["secretariat"],
                                                          initiative=world.initiative))
    assert result.login_kept and not result.login_erased
    user = get_user_model().objects.get(pk=gitte.user_id)
    # The kept login keeps its own name; nothing else anywhere holds hers.
    assert holders("Gitte Rasmussen") == [f"core.User.display_name #{user.pk}"]
    assert not user.role_grants.filter(initiative=world.initiative).exists()
    assert user.role_grants.filter(initiative=world.other_initiative).exists()
    assert Person.objects.get(pk=other.pk).name == "Gitte i Andeby"
    assert Person.objects.get(pk=other.pk).user == user


def test_an_operator_may_erase_the_login_with_its_data_everywhere(world, gitte):
    """Given Gitte's login also in another initiative, when an operator erases her with
    the login, then the login is gone and so is her name and address in both."""
    person_everywhere(world.other_initiative, name="Gitte i Andeby",
                      email="gitte.andeby@example.org", tag="ANDEBY", user=gitte.user)
    operator = Actor(user=world.users["operator"], initiative=world.initiative)
    result = services.person_erase(person=gitte, by=operator, erase_login=True)
    assert result.login_erased
    for text in [*GITTE, "Gitte i Andeby", "gitte.andeby@example.org"]:
        assert holders(text) == [], text


def test_only_an_operator_may_erase_a_login_with_roles_elsewhere(world, gitte):
    """Given the secretariat, when they ask to erase the login too, then it is refused on
    that field and nothing is erased."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.person_erase(person=gitte, erase_login=True, by=Actor(
            user=world.users["secretariat"], initiative=world.initiative))
    assert "erase_login" in refused.value.message_dict
    assert Person.objects.get(pk=gitte.pk).anonymised_at is None


def test_the_erase_page_asks_first_and_erases_only_when_confirmed(world, client_as, gitte):
    """Given the secretariat on the erase page (a form, no JavaScript), when they open it
    or post it without ticking the box, then nothing happens and the box is named; when
    they confirm, then the person is erased and the secretariat is back on their page."""
    client = client_as("secretariat")
    url = reverse("privacy:person_erase", kwargs={"slug": world.initiative.slug,
                                                  "pk": gitte.pk})
    page = client.get(url)
    assert page.status_code == 200 and b'type="checkbox"' in page.content
    refused = client.post(url, {})
    assert refused.status_code == 200 and "confirm" in refused.context["form"].errors
    assert Person.objects.get(pk=gitte.pk).anonymised_at is None
    done = client.post(url, {"confirm": "on"})
    assert done.status_code == 302
    assert done["Location"] == reverse("alliance:person_detail", kwargs={
        "slug": world.initiative.slug, "pk": gitte.pk})
    assert Person.objects.get(pk=gitte.pk).anonymised_at is not None


def test_a_member_or_the_other_initiatives_secretariat_cannot_erase(world, client_as, gitte):
    """Given a member here and the secretariat of the other initiative, when they post the
    erasure, then they are refused and the person is untouched."""
    url = reverse("privacy:person_erase", kwargs={"slug": world.initiative.slug,
                                                  "pk": gitte.pk})
    assert client_as("member").post(url, {"confirm": "on"}).status_code == 403
    assert client_as("stranger").post(url, {"confirm": "on"}).status_code == 403
    assert Person.objects.get(pk=gitte.pk).anonymised_at is None
