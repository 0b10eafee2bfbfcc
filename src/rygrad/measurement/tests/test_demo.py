"""The demo's measurement part: both instruments, four waves, and a tiny school that
disclosure control hides."""

import random

from django.utils import timezone

from rygrad.measurement import demo
from rygrad.measurement.models import ClassCode, Instrument, Wave
from rygrad.measurement.selectors import group_table

from .factories import InitiativeFactory


def test_the_demo_has_real_effects_and_a_hidden_small_school(db):
    """Given an empty initiative, when the measurement demo is built, then it holds a
    published wave of both instruments every year from 2017 to the current one (the latest
    open for answers), with about 950 answering pupils a year; social well-being rose from
    2017 to 2020 with intervals apart, and the small school's grades are hidden in the
    table by school and grade."""
    initiative = InitiativeFactory()
    demo.build(initiative, random.Random(2015))
    assert Instrument.objects.count() == 2
    waves = Wave.objects.filter(instrument__slug="trivsel-4-9")
    this_year = timezone.localdate().year
    assert sorted(waves.values_list("year", flat=True)) == list(range(2017, this_year + 1))
    assert all(800 <= w.response_count <= 1300 and w.release_token for w in waves)
    assert waves.get(year=this_year).is_open
    assert ClassCode.objects.filter(wave__year=this_year).count() == 40
    trivsel = Instrument.objects.get(slug="trivsel-4-9")
    by_year = group_table(initiative=initiative, instrument=trivsel, by=["year"])
    social = by_year[by_year["indicator"] == "social"].set_index("year")
    assert social.loc[2020, "ci_low"] > social.loc[2017, "ci_high"]
    table = group_table(initiative=initiative, instrument=trivsel, by=["year", "school",
                                                                       "grade"])
    small = table[table["school"] == "Lille Egebjerg Friskole"]
    assert len(small) >= 2 and small["suppressed"].all()  # rows exist, and all are hidden
    assert not table[table["school"] != "Lille Egebjerg Friskole"]["suppressed"].all()
