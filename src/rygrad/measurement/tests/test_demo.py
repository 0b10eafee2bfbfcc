"""The demo's measurement part: both instruments, four waves, and a tiny school that
disclosure control hides."""

import random

from rygrad.measurement import demo
from rygrad.measurement.models import ClassCode, Instrument, Wave
from rygrad.measurement.selectors import group_table

from .factories import InitiativeFactory


def test_the_demo_has_real_effects_and_a_hidden_small_school(db):
    """Given an empty initiative, when the measurement demo is built, then it holds waves
    2017-2020 of both instruments with about 1,100 pupils a year, social well-being rose
    from 2017 to 2020 with intervals apart, and the small school's grades are hidden in the
    table by school and grade."""
    initiative = InitiativeFactory()
    demo.build(initiative, random.Random(2015))
    assert Instrument.objects.count() == 2
    waves = Wave.objects.filter(instrument__slug="trivsel-4-9")
    assert sorted(waves.values_list("year", flat=True)) == [2017, 2018, 2019, 2020]
    assert all(900 <= w.response_count <= 1300 for w in waves)
    assert ClassCode.objects.filter(wave__year=2020).count() == 40
    trivsel = Instrument.objects.get(slug="trivsel-4-9")
    by_year = group_table(initiative=initiative, instrument=trivsel, by=["year"])
    social = by_year[by_year["indicator"] == "social"].set_index("year")
    assert social.loc[2020, "ci_low"] > social.loc[2017, "ci_high"]
    table = group_table(initiative=initiative, instrument=trivsel, by=["year", "school",
                                                                       "grade"])
    small = table[table["school"] == "Lille Egebjerg Friskole"]
    assert len(small) >= 2 and small["suppressed"].all()  # rows exist, and all are hidden
    assert not table[table["school"] != "Lille Egebjerg Friskole"]["suppressed"].all()
