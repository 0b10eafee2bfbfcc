"""Reach and the learning log: the organisations taking part record them, and the page adds
up the reach by group."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.activities import services
from rygrad.activities.models import LearningNote
from rygrad.activities.tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    OrganisationFactory,
)
from rygrad.alliance.models import Person
from rygrad.core.permissions import Actor

D = dt.date


@pytest.fixture
def taking_part(world):
    """The partner represents a club that commits to the activity."""
    club = OrganisationFactory(initiative=world.initiative, name="Egelund Boldklub")
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=club)
    activity = ActivityFactory(initiative=world.initiative, title="Åben hal fredag")
    CommitmentFactory(activity=activity, organisation=club)
    return activity


def test_a_partner_taking_part_writes_in_the_learning_log(world, taking_part, client_as):
    """Given the club's partner, when they write what was tried and learned, then the note
    is kept with them as author; a member of no organisation is refused."""
    response = client_as("partner").post(
        reverse("activities:note_add", kwargs={"slug": world.initiative.slug,
                                               "pk": taking_part.pk}),
        {"written_on": "2018-05-31", "tried": "Åben hal hver fredag.",
         "learned": "Frivillige trænere skal aflastes, ellers brænder de ud."})
    assert response.status_code == 302
    note = LearningNote.objects.get(activity=taking_part)
    assert note.author == world.users["partner"]
    with pytest.raises(ValidationError):
        services.learning_note_add(
            activity=taking_part, written_on=D(2018, 6, 1), tried="x", learned="y",
            by=Actor(user=world.users["member"], initiative=world.initiative))


def test_the_page_adds_up_reach_by_group(world, taking_part, client_as):
    """Given two occurrences with 30 and 25 young people and 4 volunteers, then the page
    shows 55 young people and 4 volunteers in total."""
    by = Actor(user=world.users["partner"], initiative=world.initiative)
    for on, group, participants in [(D(2017, 1, 6), "youth", 30), (D(2017, 1, 13), "youth", 25),
                                    (D(2017, 1, 13), "volunteers", 4)]:
        services.reach_record(activity=taking_part, occurred_on=on, group=group,
                              participants=participants, by=by)
    response = client_as("member").get(reverse(
        "activities:detail", kwargs={"slug": world.initiative.slug, "pk": taking_part.pk}))
    totals = dict(response.context["reach_totals"])
    assert (totals["Unge (13–24)"], totals["Frivillige"]) == (55, 4)


def test_a_member_of_the_driving_organisation_edits_the_activity(world, client_as):
    """Given a member who represents the driving school, they may edit the activity; for
    another organisation's activity they get 403."""
    school = OrganisationFactory(initiative=world.initiative)
    Person.objects.create(initiative=world.initiative, name="Lars",
                          user=world.users["member"], organisation=school)
    theirs = ActivityFactory(initiative=world.initiative, driver=school)
    other = ActivityFactory(initiative=world.initiative)
    client = client_as("member")
    edit = "activities:edit"
    response = client.post(reverse(edit, kwargs={"slug": world.initiative.slug,
                                                 "pk": theirs.pk}), {
        "title": "Legepatruljer", "starts_on": "2017-03-01", "recurrence": "weekly",
        "age_groups": ["6-12"]})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert (theirs.title, theirs.age_groups) == ("Legepatruljer", ["6-12"])
    assert client.get(reverse(edit, kwargs={"slug": world.initiative.slug,
                                            "pk": other.pk})).status_code == 403
