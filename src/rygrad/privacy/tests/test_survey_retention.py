"""Raw survey responses are kept apart from the aggregates: deleting a closed, published
wave's raw responses when their retention runs out changes no published figure, because
every page, signal and export reads what was stored when the wave was published."""

import datetime as dt
import json
import zipfile

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rygrad.core.signals import all_signals
from rygrad.measurement import selectors
from rygrad.measurement.models import Response, Wave
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import wave_publish
from rygrad.measurement.snapshots import release_paths
from rygrad.measurement.tests.factories import import_data, instrument, random_data
from rygrad.privacy import services

pytestmark = pytest.mark.django_db

TODAY = dt.date(2022, 1, 15)  # 24 months back: 2020-01-15
SCHOOLS = ("Egelund Skole", "Bakkely Skole", "Fjordskolen")
BYS = [["year"], ["year", "school"], ["year", "gender"], ["year", "school", "grade"],
       ["year", "school", "grade", "gender"]]


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.RYGRAD_SURVEY_DIR = tmp_path / "survey"
    settings.RYGRAD_ARCHIVE_DIR = tmp_path / "archive"


@pytest.fixture
def survey(world):
    """Published waves of 2018 and 2019 (answered in March), a published wave of 2021
    (answered in November 2021) and a wave of 2017 never published."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(7)
    for year, on, publish in ((2017, dt.date(2017, 3, 1), False),
                              (2018, dt.date(2018, 3, 1), True),
                              (2019, dt.date(2019, 3, 1), True),
                              (2021, dt.date(2021, 11, 1), True)):
        import_data(world.initiative, inst, year, random_data(rng, n=240, width=5,
                                                              schools=SCHOOLS),
                    on=on, publish=publish)
    return inst


def published_figures(initiative, inst) -> dict:
    """Every published figure: the tables of every grouping, the changes between years,
    each wave's released count, rate and lowest band, each indicator's headline, and every
    signal of the dashboard today and on past dates."""
    waves = list(selectors.waves_for(initiative=initiative))
    figures = {
        "tables": {tuple(by): selectors.group_table(initiative=initiative, instrument=inst,
                                                    by=by).to_json()
                   for by in BYS},
        "changes": {tuple(by): selectors.change_table(
            initiative=initiative, instrument=inst, year_from=2018, year_to=2019,
            by=by).to_json() for by in ([], ["school"], ["gender"])},
        "counts": {w.year: selectors.released_response_count(wave=w) for w in waves},
        "rates": selectors.released_rates(initiative=initiative, waves=waves),
        "lowest": {w.year: selectors.lowest_band(wave=w) for w in waves},
        "headlines": {i.slug: selectors.indicator_headline(indicator=i)
                      for i in selectors.indicators_for(initiative=initiative)},
        "signals": {(s.key, day): s.compute(initiative, day) for s in all_signals()
                    for day in (dt.date(2019, 6, 30), TODAY)},
    }
    return figures


def test_deleting_raw_responses_keeps_every_published_figure(
        world, survey, django_capture_on_commit_callbacks):
    """Given four waves, when the raw responses past their 24 months are archived and
    deleted, then exactly the closed, published waves answered before 2020-01-15 lose
    their responses and their releases' frozen copies (the 2021 wave and the never
    published 2017 wave keep theirs), the archive holds every deleted answer, and every
    published figure — tables, changes, counts, rates, headlines, signals — is the same
    as before."""
    before = published_figures(world.initiative, survey)
    assert before["counts"][2018] == 240 and not any(
        frame == "[]" for frame in before["tables"].values())
    with django_capture_on_commit_callbacks(execute=True):
        deletion = services.retention_apply_kind(
            initiative=world.initiative, key="measurement.raw_responses", today=TODAY)
    assert deletion.count == 480
    remaining = {w.year: Response.objects.filter(wave=w).count()
                 for w in Wave.objects.for_initiative(world.initiative)}
    assert remaining == {2017: 240, 2018: 0, 2019: 0, 2021: 240}
    for wave in Wave.objects.filter(year__in=[2018, 2019]):
        frozen, cube = release_paths(wave.release_token)
        assert not frozen.exists() and cube.exists()
    from django.conf import settings

    with zipfile.ZipFile(settings.RYGRAD_ARCHIVE_DIR / deletion.archive) as archive:
        rows = archive.read("records.jsonl").splitlines()
    assert len(rows) == 480 and {json.loads(r)["year"] for r in rows} == {2018, 2019}
    assert published_figures(world.initiative, survey) == before


def test_a_wave_whose_raw_responses_were_deleted_cannot_be_published_again(world, survey):
    """Given the 2018 wave's raw responses deleted under the retention rules, when the
    secretariat publishes it again, then it is refused in words — a new release would
    replace its published figures with none."""
    services.retention_apply_kind(initiative=world.initiative,
                                  key="measurement.raw_responses", today=TODAY)
    wave = Wave.objects.get(initiative=world.initiative, year=2018)
    with translation.override("en"), pytest.raises(ValidationError, match="retention"):
        wave_publish(wave=wave, by=installation_actor(world.initiative))
    assert selectors.released_response_count(wave=wave) == 240
