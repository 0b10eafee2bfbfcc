"""An activity's opt-in public story, edited on its edit form: shown on the public site
only when ticked, never without a story, and only by those who may edit the activity."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _edit(world, activity):
    return reverse("activities:edit", kwargs={"slug": world.initiative.slug, "pk": activity.pk})


def _public(world, activity):
    return reverse("communication:activity_detail",
                   kwargs={"slug": world.initiative.slug, "pk": activity.pk})


def _form(**extra):
    return {"title": "Læseheste", "description": "Intern: ring til Birthe om budgettet.",
            "starts_on": "2017-09-01", "recurrence": "weekly", **extra}


def test_the_edit_form_publishes_and_withdraws_the_public_story(world, client_as, client):
    """Given an activity not on the public site, when the secretariat ticks 'Show on the
    public site' with a story, then the public page tells the story (and not the
    description); when it is unticked again, the public page is gone and the story kept."""
    activity = ActivityFactory(initiative=world.initiative, starts_on=dt.date(2017, 9, 1))
    assert client.get(_public(world, activity)).status_code == 404
    secretariat = client_as("secretariat")
    form = secretariat.get(_edit(world, activity)).content.decode()
    assert 'name="is_public"' in form and 'name="public_story"' in form
    response = secretariat.post(_edit(world, activity), _form(
        is_public="on", public_story="Frivillige læser *højt* for de mindste."))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.is_public
    page = client.get(_public(world, activity)).content.decode()
    assert "Frivillige læser <em>højt</em> for de mindste." in page
    assert "Birthe" not in page

    secretariat.post(_edit(world, activity), _form(
        public_story="Frivillige læser *højt* for de mindste."))
    activity.refresh_from_db()
    assert not activity.is_public
    assert activity.public_story == "Frivillige læser *højt* for de mindste."
    assert client.get(_public(world, activity)).status_code == 404


def test_showing_an_activity_without_a_story_is_refused_beside_the_story(world, client_as,
                                                                          client):
    """Given the edit form, when 'Show on the public site' is ticked with an empty story,
    then the form comes back with the refusal beside the story field and nothing is
    published."""
    activity = ActivityFactory(initiative=world.initiative)
    response = client_as("secretariat").post(_edit(world, activity), _form(
        is_public="on", public_story="  "))
    assert response.status_code == 200
    assert response.context["form"].errors["public_story"]
    activity.refresh_from_db()
    assert not activity.is_public and activity.title != "Læseheste"
    assert client.get(_public(world, activity)).status_code == 404


@pytest.mark.parametrize("role", ["partner", "youth", "stranger"])
def test_who_may_not_edit_cannot_publish(world, client_as, client, role):
    """Given someone who may not edit the activity, when they post the edit form with the
    public flag, then they are refused and the activity stays off the public site."""
    activity = ActivityFactory(initiative=world.initiative)
    response = client_as(role).post(_edit(world, activity), _form(
        is_public="on", public_story="Hemmelig historie"))
    assert response.status_code == 403
    activity.refresh_from_db()
    assert not activity.is_public
    assert client.get(_public(world, activity)).status_code == 404
