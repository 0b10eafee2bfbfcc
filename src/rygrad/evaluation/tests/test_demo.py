"""The demo's assessment tells the seed's story."""

import datetime as dt
import random

from rygrad.evaluation import demo, selectors
from rygrad.evaluation.models import Round


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
