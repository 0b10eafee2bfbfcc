"""The demo's assessment tells the seed's story."""

import datetime as dt
import random

from rygrad.evaluation import demo, selectors
from rygrad.evaluation.models import CONDITIONS, Change, Evidence, Round


def test_the_demo_rounds_show_the_backbone_weakening_and_measurement_weak(world):
    """Given the evaluation demo built for an initiative, when its rounds are read, then
    there are two a year 2016-2019, each with results shown, and in the last round the
    backbone is lower than in the first and shared measurement is among the weakest."""
    demo.build(world.initiative, random.Random(1))
    rounds = list(Round.objects.for_initiative(world.initiative).order_by("opens_on"))
    assert [r.opens_on.year for r in rounds] == [2016, 2016, 2017, 2017, 2018, 2018, 2019, 2019]
    today = dt.date(2020, 1, 1)
    first = selectors.round_results(round=rounds[0], today=today)
    last = selectors.round_results(round=rounds[-1], today=today)
    assert first.shown and last.shown
    assert last.condition("backbone").total.mean < first.condition("backbone").total.mean
    weakest = sorted(last.conditions, key=lambda c: c.total.mean)[:2]
    assert "measurement" in {c.condition for c in weakest}
    assert last.comments


def test_the_demo_register_has_the_seeds_systems_changes_and_no_population_change(world):
    """Given the evaluation demo, when its change register is read, then it holds the
    reading horses and the cooperation model as systems changes, early changes, evidence
    under every condition, and no population change."""
    demo.build(world.initiative, random.Random(1))
    changes = Change.objects.for_initiative(world.initiative)
    assert {c.title for c in changes.filter(stage="systems")} == {
        "Læseheste som fast tilbud i dagtilbud", "Sammenhængende samarbejdsmodel for trivsel"}
    assert changes.filter(stage="early").count() >= 3
    assert not changes.filter(stage="population").exists()
    conditions = set(Evidence.objects.for_initiative(world.initiative)
                     .values_list("condition", flat=True))
    assert set(CONDITIONS) <= conditions
    assert all(c.evidence.exists() for c in changes)


def test_an_initiative_with_the_evaluation_demo_can_be_deleted(world):
    """Given the evaluation demo in an initiative, when the initiative is deleted, then its
    rounds, answers, evidence and changes go with it."""
    from rygrad.evaluation.models import Rating
    from rygrad.initiatives.services import initiative_delete

    demo.build(world.initiative, random.Random(1))
    initiative_delete(initiative=world.initiative)
    assert not Round.objects.exists() and not Rating.objects.exists()
    assert not Change.objects.exists() and not Evidence.objects.exists()
