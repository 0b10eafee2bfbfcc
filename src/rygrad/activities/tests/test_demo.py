"""The demo tells the seed's story in numbers: the backbone ends up driving most running
activities by 2017, two activities become anchored, most trials stop."""

import datetime as dt
import random

import pytest

from rygrad.activities import measures
from rygrad.activities.demo import build as build_activities
from rygrad.activities.models import Activity, Stage
from rygrad.agenda.demo import build as build_agenda
from rygrad.agenda.models import Track
from rygrad.agenda.tests.factories import InitiativeFactory

D = dt.date


@pytest.fixture
def demo(db):
    """The agenda and activities demos on their own (without the alliance demo, they create
    the organisations they need)."""
    initiative = InitiativeFactory(slug="demo")
    rng = random.Random(2015)
    build_agenda(initiative, rng)
    build_activities(initiative, rng)
    return initiative


def test_the_demo_tells_the_story_of_drift_to_the_backbone(demo):
    assert Activity.objects.for_initiative(demo).count() == 41
    assert Track.objects.for_initiative(demo).filter(is_cross_cutting=False).count() == 5
    assert Track.objects.for_initiative(demo).filter(is_cross_cutting=True).count() == 2
    # End of 2016: the backbone drives 1 of 3 running activities; end of 2017: 7 of 10.
    assert measures.backbone_load(initiative=demo, at=D(2016, 12, 31)) == 1 / 3
    assert measures.backbone_load(initiative=demo, at=D(2017, 12, 31)) == 0.7


def test_two_activities_are_anchored_and_most_trials_stop(demo):
    anchored = Activity.objects.for_initiative(demo).filter(stage=Stage.ANCHORED)
    assert sorted(a.title for a in anchored) == [
        "Læseheste i dagtilbud", "Sammenhængende samarbejdsmodel for trivsel"]
    assert measures.anchored(initiative=demo, at=D(2019, 12, 31)) == 2
    assert measures.trials_stopped_share(initiative=demo, at=D(2019, 12, 31)) > 0.75
