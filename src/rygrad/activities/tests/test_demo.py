"""Smoke test of the demo's activities: it builds, its pages open, and its numbers tell the
seed's story in words (in 2016 partners drive most running activities, from 2017 the
backbone does; two activities become anchored; most trials stop). The signals' logic is
pinned on constructed histories in test_signals.py."""

import datetime as dt
import random

import pytest
from django.urls import reverse

from rygrad.activities import measures
from rygrad.activities.demo import build as build_activities
from rygrad.activities.models import Activity, Stage
from rygrad.agenda.demo import build as build_agenda

D = dt.date


@pytest.fixture
def demo(world):
    """The agenda and activities demos on their own in the world's initiative (without the
    alliance demo, they create the organisations they need)."""
    rng = random.Random(2015)
    build_agenda(world.initiative, rng)
    build_activities(world.initiative, rng)
    return world.initiative


def test_the_demo_activities_build_and_every_page_of_them_opens(world, demo, client_as):
    """Given the demo's activities, when the secretariat opens the overview, the timeline,
    the signals page and every activity's page, then each answers 200; every activity has
    a stage history and a driver, and the overview lists them all."""
    activities = list(Activity.objects.for_initiative(demo))
    assert activities
    assert all(a.stage_changes.exists() and a.driver_changes.exists() for a in activities)
    client = client_as("secretariat")
    slug = {"slug": demo.slug}
    overview = client.get(reverse("activities:list", kwargs=slug))
    assert overview.status_code == 200
    assert overview.context["page"].paginator.count == len(activities)
    for name in ("timeline", "signals"):
        assert client.get(reverse(f"activities:{name}", kwargs=slug)).status_code == 200, name
    for activity in activities:
        page = client.get(reverse("activities:detail", kwargs={**slug, "pk": activity.pk}))
        assert page.status_code == 200, activity.title


def test_the_demo_tells_the_story_of_drift_to_the_backbone(demo):
    """Given the demo's activities, then at the end of 2016 the backbone drives fewer than
    half of the running activities and from the end of 2017 more than half, its load rising
    over 2016-2018."""
    load = {year: measures.backbone_load(initiative=demo, at=D(year, 12, 31))
            for year in (2016, 2017, 2018)}
    assert load[2016] < 0.5 < load[2017] <= load[2018]


def test_two_activities_are_anchored_and_most_trials_stop(demo):
    """Given the demo's activities, then nothing is anchored at the end of 2016, the reading
    horses and the coherent cooperation model are anchored by the end of 2019 (and nothing
    else), and most trials have stopped by then."""
    assert measures.anchored(initiative=demo, at=D(2016, 12, 31)) == 0
    anchored = Activity.objects.for_initiative(demo).filter(stage=Stage.ANCHORED)
    assert sorted(a.title for a in anchored) == [
        "Læseheste i dagtilbud", "Sammenhængende samarbejdsmodel for trivsel"]
    assert measures.anchored(initiative=demo, at=D(2019, 12, 31)) == 2
    assert measures.trials_stopped_share(initiative=demo, at=D(2019, 12, 31)) > 0.5


def test_a_few_demo_activities_tell_their_story_on_the_public_site(demo, client):
    """Given the demo's activities, then a few (and not all) are shown on the public site,
    each with a story of its own, and the public activities page lists exactly those."""
    shown = list(Activity.objects.for_initiative(demo).filter(is_public=True))
    assert 3 <= len(shown) < Activity.objects.for_initiative(demo).count()
    assert all(a.public_story and a.public_story != a.description for a in shown)
    page = client.get(reverse("communication:activity_list",
                              kwargs={"slug": demo.slug})).content.decode()
    for activity in Activity.objects.for_initiative(demo):
        link = reverse("communication:activity_detail",
                       kwargs={"slug": demo.slug, "pk": activity.pk})
        assert (link in page) == activity.is_public, activity.title
