"""Evidence linked to meetings and ideas, and the quick entry from a meeting's page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.core.permissions import Actor
from rygrad.evaluation import services
from rygrad.evaluation.models import Evidence
from rygrad.ideas.tests.factories import IdeaFactory
from rygrad.meetings.tests.factories import MeetingFactory


def _from_meeting(world, meeting):
    return reverse("evaluation:evidence_from_meeting",
                   kwargs={"slug": world.initiative.slug, "pk": meeting.pk})


def test_the_meeting_page_offers_the_secretariat_to_add_evidence_from_it(world, client_as):
    """Given a meeting, the secretariat finds a link to add evidence from it on the
    meeting's page; a member (who may not write evidence) does not."""
    meeting = MeetingFactory(initiative=world.initiative)
    page = reverse("meetings:detail", kwargs={"slug": world.initiative.slug, "pk": meeting.pk})
    link = _from_meeting(world, meeting)
    assert link in client_as("secretariat").get(page).content.decode()
    assert link not in client_as("member").get(page).content.decode()


def test_evidence_from_a_meeting_comes_linked_to_it_and_leads_back(world, client_as):
    """Given a meeting on 9 March 2017, when the secretariat opens the quick entry, then the
    form has the meeting chosen and its date; when a quote is saved, it is linked to the
    meeting and the secretariat is back on the meeting's page."""
    meeting = MeetingFactory(initiative=world.initiative, held_on=dt.date(2017, 3, 9))
    other = MeetingFactory(initiative=world.initiative)
    client = client_as("secretariat")
    form = client.get(_from_meeting(world, meeting)).context["form"]
    assert list(form.initial["meetings"]) == [meeting]
    assert form.initial["observed_on"] == dt.date(2017, 3, 9)
    response = client.post(_from_meeting(world, meeting), {
        "text": "Nu kender vi hinanden på tværs", "source_role": "skoleleder",
        "observed_on": "2017-03-09", "condition": "early", "direction": "promoted",
        "meetings": [meeting.pk, other.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "meetings:detail", kwargs={"slug": world.initiative.slug, "pk": meeting.pk})
    saved = Evidence.objects.get()
    assert set(saved.meetings.all()) == {meeting, other}


def test_another_initiatives_meeting_is_refused(world, client_as):
    """Given a meeting of another initiative, the quick entry for it is not found, and the
    service refuses to link evidence to it or to another initiative's idea, naming the
    field; nothing is saved."""
    foreign = MeetingFactory(initiative=world.other_initiative)
    assert client_as("secretariat").get(_from_meeting(world, foreign)).status_code == 404
    actor = Actor(user=world.users["secretariat"], initiative=world.initiative)
    fields = dict(initiative=world.initiative, by=actor, text="t", source_role="leder",
                  observed_on=dt.date(2017, 1, 1), condition="agenda", direction="observed")
    with pytest.raises(ValidationError) as refused:
        services.evidence_save(**fields, meetings=[foreign])
    assert "meetings" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.evidence_save(**fields, ideas=[IdeaFactory(initiative=world.other_initiative)])
    assert "ideas" in refused.value.message_dict
    assert not Evidence.objects.exists()


def test_the_evidence_list_shows_the_meetings_and_ideas_an_item_speaks_of(world, client_as):
    """Given evidence linked to a workshop and an idea, the evidence list names both, the
    meeting with a link to its page."""
    meeting = MeetingFactory(initiative=world.initiative, title="Idéværksted", kind="workshop")
    idea = IdeaFactory(initiative=world.initiative, title="Lektiecafé på biblioteket")
    actor = Actor(user=world.users["secretariat"], initiative=world.initiative)
    services.evidence_save(initiative=world.initiative, by=actor, text="De unge kom selv",
                           source_role="ung", observed_on=dt.date(2018, 4, 1),
                           condition="involvement", direction="promoted",
                           meetings=[meeting], ideas=[idea])
    html = client_as("member").get(reverse(
        "evaluation:evidence_list", kwargs={"slug": world.initiative.slug})).content.decode()
    assert "Idéværksted" in html and "Lektiecafé på biblioteket" in html
    assert reverse("meetings:detail", kwargs={"slug": world.initiative.slug,
                                              "pk": meeting.pk}) in html
