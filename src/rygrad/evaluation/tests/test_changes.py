"""The evidence log and the change register: roles, never names; contribution claims with
rival explanations and a strength; systems changes that show whether they were anchored."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.alliance.models import Organisation, Sector
from rygrad.core.permissions import Actor
from rygrad.evaluation import services
from rygrad.evaluation.models import Change, Evidence


def _by(world):
    return Actor(user=world.users["secretariat"], initiative=world.initiative)


def _change(world, **overrides):
    data = dict(stage="systems", kind="practice", title="Læseheste i dagtilbud",
                occurred_on=dt.date(2018, 6, 1),
                contribution_claim="Alliancen bragte bibliotek og dagtilbud sammen.",
                rival_explanations="Biblioteket havde selv planer; de manglede frivillige.",
                strength="moderate", strength_reason="To uafhængige kilder.")
    data.update(overrides)
    return services.change_save(initiative=world.initiative, by=_by(world), **data)


def test_the_secretariat_records_evidence_with_a_role_and_links(world, client_as):
    """Given an activity, when the secretariat records a quote on the page, then it is stored
    under its condition, as hindering, with the source's role and the activity, and the
    evidence page shows it to a member."""
    activity = ActivityFactory(initiative=world.initiative)
    response = client_as("secretariat").post(
        reverse("evaluation:evidence_create", kwargs={"slug": world.initiative.slug}),
        {"text": "Strategisnakken føltes som bare snak", "source_role": "foreningsfrivillig",
         "observed_on": "2016-05-01", "condition": "agenda", "direction": "hindered",
         "activities": [activity.pk]})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.condition, evidence.direction, evidence.source_role) == (
        "agenda", "hindered", "foreningsfrivillig")
    assert list(evidence.activities.all()) == [activity]
    page = client_as("member").get(
        reverse("evaluation:evidence_list", kwargs={"slug": world.initiative.slug}))
    assert "Strategisnakken føltes som bare snak" in page.content.decode()


def test_a_systems_change_shows_whether_it_was_formally_anchored(world, client_as):
    """Given a systems change with no anchoring decision, when its page is read, then it
    says it was not formally anchored; an anchored one names the decision."""
    loose = _change(world)
    anchored = _change(world, title="Samarbejdsmodel for trivsel", formally_anchored=True,
                       anchored_by="Børne- og ungeudvalget, 12. marts 2019")
    client = client_as("member")
    url = lambda c: reverse("evaluation:change_detail",  # noqa: E731
                            kwargs={"slug": world.initiative.slug, "pk": c.pk})
    assert "No: no decision" in client.get(url(loose)).content.decode() or \
        "Nej: ingen beslutning" in client.get(url(loose)).content.decode()
    assert "Børne- og ungeudvalget, 12. marts 2019" in client.get(url(anchored)).content.decode()


def test_an_anchoring_needs_its_decision_and_a_kind_its_stage(world):
    """Given a change, when it is marked anchored without naming the decision, or given a
    kind of another stage, or an early change is marked anchored, then it is refused."""
    with pytest.raises(ValidationError) as error:
        _change(world, formally_anchored=True)
    assert "anchored_by" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _change(world, kind="partnership")
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError):
        _change(world, stage="early", kind="partnership", formally_anchored=True,
                anchored_by="Udvalget")
    assert not Change.objects.exists()


def test_a_change_needs_a_claim_rival_explanations_and_why_its_evidence_is_strong(world):
    """Given a change without rival explanations or without the reason for its strength,
    then it is refused."""
    with pytest.raises(ValidationError):
        _change(world, rival_explanations="")
    with pytest.raises(ValidationError):
        _change(world, strength_reason="")


def test_a_change_links_only_the_initiatives_own_records(world):
    """Given an organisation of another initiative, when a change names it, then it is
    refused."""
    foreign = Organisation.objects.create(initiative=world.other_initiative, name="Andeby",
                                          sector=Sector.SCHOOL)
    with pytest.raises(ValidationError) as error:
        _change(world, organisations=[foreign])
    assert "organisations" in error.value.message_dict
