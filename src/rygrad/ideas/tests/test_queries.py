"""The busy pages ask the database a fixed number of times, whether they show a few ideas
or many (each idea with its tracks, merged ideas, supports, answers and decision)."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.agenda.tests.factories import TrackFactory
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.ideas.models import Status, StatusChange, Theme
from rygrad.ideas.tests.factories import IdeaFactory, SupportFactory, answered
from rygrad.meetings.models import Decision, Meeting


def _ideas(world, count: int) -> None:
    i = world.initiative
    owner = OrganisationFactory(initiative=i)
    track = TrackFactory(initiative=i)
    theme = Theme.objects.create(initiative=i, name="Frikvarter")
    meeting = Meeting.objects.create(initiative=i, title="Alliancemøde",
                                     held_on=dt.date(2017, 4, 1))
    decision = Decision.objects.create(initiative=i, meeting=meeting, text="Ja til idéerne.")
    for n in range(count):
        idea = IdeaFactory(initiative=i, theme=theme, event=meeting, tracks=[track])
        answered(idea, (Status.ADOPTED, dt.date(2017, 4, 2), f"Svar {n}", owner),
                 (Status.REALISED, dt.date(2017, 5, 1), "Gjort.", owner))
        StatusChange.objects.filter(idea=idea, status=Status.ADOPTED).update(
            decision=decision)
        idea.activity = ActivityFactory(initiative=i)
        idea.save(update_fields=["activity"])
        SupportFactory(idea=idea)
        folded = IdeaFactory(initiative=i)
        folded.merged_into, folded.merged_on = idea, dt.date(2017, 4, 3)
        folded.save()


PAGES = [("ideas:public_list", "anonymous"), ("ideas:list", "secretariat"),
         ("ideas:list", "member"), ("ideas:themes", "secretariat")]


@pytest.mark.parametrize(("name", "role"), PAGES)
def test_a_list_page_asks_the_same_number_of_queries_for_10_and_40_ideas(
        name, role, world, client_as):
    """Given 10 ideas and then 40 more, each fully answered, when the page is opened, then
    it makes no more queries for 50 ideas than for 10."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(role)
    url = reverse(name, kwargs={"slug": world.initiative.slug})
    _ideas(world, 10)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _ideas(world, 40)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) <= len(few), (len(few), len(many))


def test_the_public_list_stays_within_its_budget(world, client_as,
                                                 django_assert_max_num_queries):
    _ideas(world, 30)
    client = client_as("anonymous")
    with django_assert_max_num_queries(12):
        client.get(reverse("ideas:public_list", kwargs={"slug": world.initiative.slug}))


def test_an_idea_page_stays_within_its_budget(world, client_as,
                                              django_assert_max_num_queries):
    _ideas(world, 3)
    idea = StatusChange.objects.filter(
        status=Status.REALISED).first().idea
    client = client_as("anonymous")
    with django_assert_max_num_queries(8):
        client.get(reverse("ideas:public_detail", kwargs={"slug": world.initiative.slug,
                                                          "number": idea.number}))
    client = client_as("secretariat")
    with django_assert_max_num_queries(16):
        client.get(reverse("ideas:detail", kwargs={"slug": world.initiative.slug,
                                                   "pk": idea.pk}))
