"""Smoke test of the demo's measurement: it builds up to the current year, its pages open,
and its numbers tell the demo's story in words (social well-being and loneliness improve
from 2017 to 2020, the 2021 school closures set both back, the other indicators only
wobble, a very small school is hidden). The statistics and disclosure control are pinned on
constructed data in test_statistics.py, test_disclosure.py and test_cli.py."""

import random

import pytest
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from rygrad.agenda.demo import build as build_agenda
from rygrad.measurement import demo
from rygrad.measurement.models import ClassCode, IndicatorGoal, Instrument, Wave
from rygrad.measurement.selectors import group_table

SMALL_SCHOOL = "Lille Egebjerg Friskole"

# The demo is built once for the module (module_world); every test reads it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def module_survey_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("survey")


@pytest.fixture(autouse=True)
def survey_dir(settings, module_survey_dir):
    """The module's Parquet snapshots stay for all its tests (the demo's, built once)."""
    settings.RYGRAD_SURVEY_DIR = module_survey_dir
    return module_survey_dir


@pytest.fixture(scope="module")
def built(module_world, module_survey_dir, django_db_blocker):
    """The agenda demo (for the goals' tracks) and the measurement demo in the world's
    initiative, built once for the module."""
    rng = random.Random(2015)
    survey_here = override_settings(RYGRAD_SURVEY_DIR=module_survey_dir)
    with django_db_blocker.unblock(), transaction.atomic(), survey_here:  # as demo_build
        build_agenda(module_world.initiative, rng)
        demo.build(module_world.initiative, rng)
    return module_world.initiative


@pytest.fixture
def world(module_world, db):
    return module_world


def _by_year(initiative, slug: str, indicator: str):
    instrument = Instrument.objects.for_initiative(initiative).get(slug=slug)
    table = group_table(initiative=initiative, instrument=instrument, by=["year"])
    return table[table["indicator"] == indicator].set_index("year")


def test_the_demo_survey_reaches_today_and_its_pages_open(built, client_as):
    """Given the demo, then both shipped instruments have a published wave every year from
    2017 to the current one, each answered by most of its pupils, and one wave is open for
    answers, with class codes: the well-being survey of the current year; and when the
    secretariat opens the survey overview, the public results, every instrument's trends,
    breakdown and changes, the current waves and the goals, then each answers 200."""
    this_year = timezone.localdate().year
    instruments = list(Instrument.objects.for_initiative(built))
    assert {i.slug for i in instruments} == {"trivsel-4-9", "ensomhed"}
    for instrument in instruments:
        waves = Wave.objects.filter(instrument=instrument)
        assert sorted(w.year for w in waves) == list(range(2017, this_year + 1))
        assert all(w.release_token for w in waves)
        for wave in waves:
            pupils = wave.population.aggregate(total=Sum("pupils"))["total"]
            assert 0.8 * pupils <= wave.response_count <= pupils, wave
    open_wave = Wave.objects.for_initiative(built).get(is_open=True)
    assert (open_wave.instrument.slug, open_wave.year) == ("trivsel-4-9", this_year)
    assert ClassCode.objects.filter(wave=open_wave).exists()
    client = client_as("secretariat")
    slug = {"slug": built.slug}
    pages = [reverse("measurement:overview", kwargs=slug),
             reverse("measurement:public_results", kwargs=slug),
             reverse("measurement:goals", kwargs=slug)]
    for instrument in instruments:
        pages += [reverse(f"measurement:{name}", kwargs={**slug, "pk": instrument.pk})
                  for name in ("trends", "breakdown", "changes")]
        latest = Wave.objects.get(instrument=instrument, year=this_year)
        pages.append(reverse("measurement:wave", kwargs={**slug, "pk": latest.pk}))
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_the_demo_tells_of_real_effects_the_closures_and_noise(built):
    """Given the demo, then social well-being and not being lonely are higher in 2020 than
    in 2017 (social: intervals apart) and fall from 2020 to 2021 (the school closures);
    the other indicators only wobble (their 2017 and 2020 intervals overlap)."""
    social = _by_year(built, "trivsel-4-9", "social")
    assert social.loc[2020, "ci_low"] > social.loc[2017, "ci_high"]
    assert social.loc[2021, "mean"] < social.loc[2020, "mean"]
    not_lonely = _by_year(built, "ensomhed", "not-lonely")
    assert not_lonely.loc[2017, "mean"] < not_lonely.loc[2020, "mean"]
    assert not_lonely.loc[2021, "mean"] < not_lonely.loc[2020, "mean"]
    for indicator in ("academic", "support", "order"):
        noise = _by_year(built, "trivsel-4-9", indicator)
        assert noise.loc[2017, "ci_low"] < noise.loc[2020, "ci_high"], indicator
        assert noise.loc[2020, "ci_low"] < noise.loc[2017, "ci_high"], indicator


def test_the_demo_hides_its_very_small_school_and_sets_a_goal_past_and_ahead(built):
    """Given the demo, then every row of the very small school in the table by school and
    grade is hidden while other schools' rows are shown; and of the goals on the agenda's
    tracks one was due in a past survey year and one is still ahead."""
    instrument = Instrument.objects.for_initiative(built).get(slug="trivsel-4-9")
    table = group_table(initiative=built, instrument=instrument,
                        by=["year", "school", "grade"])
    small = table[table["school"] == SMALL_SCHOOL]
    assert not small.empty and small["suppressed"].all()
    assert not table[table["school"] != SMALL_SCHOOL]["suppressed"].all()
    this_year = timezone.localdate().year
    due = sorted(IndicatorGoal.objects.for_initiative(built).values_list("by_year", flat=True))
    assert len(due) == 2 and due[0] < this_year < due[1]
