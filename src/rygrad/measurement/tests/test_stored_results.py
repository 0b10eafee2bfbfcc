"""Compute once per release: publishing stores every table the pages show, so a page,
signal, export or CLI file about a published wave computes no statistic and opens no
DuckDB cursor; the stored tables are exactly what the statistics give; a new release
replaces them at once, and the files an earlier reader holds stay."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import threading

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from rygrad.agenda.models import Track
from rygrad.core.signals import get_signal
from rygrad.core.testing import response_text
from rygrad.measurement import selectors, stored
from rygrad.measurement.analytics import indicator_changes, indicator_table
from rygrad.measurement.analytics.scores import connect, duckdb_uses
from rygrad.measurement.models import Release, Wave
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.releases import stored_results_complete
from rygrad.measurement.services import (
    indicator_goal_create,
    population_replace,
    survey_data_import,
    wave_publish,
)
from rygrad.measurement.snapshots import release_cube, release_paths, snapshot_sweep
from rygrad.measurement.survey_file import SurveyData

from .factories import import_data, instrument, random_data
from .probes import computing

pytestmark = pytest.mark.django_db

SCHOOLS = ("Egelund Skole", "Bakkely Skole", "Fjordskolen")


def _url(name, world, **kwargs):
    return reverse(f"measurement:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


@pytest.fixture
def published(world):
    """Three published years of 240 pupils in three schools, with a population, and a
    goal on an indicator from 2018."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(11)
    by = installation_actor(world.initiative)
    for year in (2018, 2019, 2020):
        wave = import_data(world.initiative, inst, year,
                           random_data(rng, n=240, width=5, schools=SCHOOLS)).wave
        population_replace(wave=wave, rows=[(s, g, 50) for s in SCHOOLS for g in (5, 6)],
                           by=by)
    track = Track.objects.create(initiative=world.initiative, name="Fællesskab i skolen")
    indicator_goal_create(initiative=world.initiative, track=track,
                          indicator=inst.indicators.get(slug="social"), measure="mean",
                          target=2.5, baseline_year=2018, by_year=2030, by=by)
    return inst


def _same_answers(n: int, value: int, school: str = "Egelund Skole") -> SurveyData:
    return SurveyData(school=[school] * n, grade=np.full(n, 5, dtype=np.int16),
                      gender=["girl"] * n, values=np.full((n, 5), value, dtype=np.int8))


PAGES = {  # name, by instrument, query, a text the page must hold
    "overview": ("overview", False, "", "2020"),
    "trends": ("trends", True, "", "2020"),
    "trends as CSV": ("trends", True, "format=csv", "2020"),
    "breakdown": ("breakdown", True, "", "Egelund Skole"),
    "breakdown by school and grade": ("breakdown", True, "year=2019&by=school,grade",
                                      "Bakkely Skole"),
    "breakdown as Excel": ("breakdown", True, "year=2020&by=grade,gender&format=xlsx", "girl"),
    "what changed": ("changes", True, "", "academic"),
    "what changed by grade and school": (
        "changes", True, "year_from=2018&year_to=2020&by=school,grade", "Fjordskolen"),
    "only supported changes": (
        "changes", True, "year_from=2018&year_to=2020&by=school&only_significant=on", "2018"),
    "what changed as CSV": ("changes", True, "year_from=2019&year_to=2020&by=gender&format=csv",
                            "girl"),
    "a wave": ("wave", False, "", "Egelund Skole"),
    "goals": ("goals", False, "", "2020"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_a_published_waves_pages_and_exports_compute_nothing(page, published, world,
                                                              client_as):
    """Given three published years, when a member opens a results page or downloads its
    export, then it shows the numbers while calling no statistics function and handing
    out no DuckDB cursor: everything was computed when the waves were published."""
    name, by_instrument, query, expected = PAGES[page]
    kwargs = {"pk": published.pk} if by_instrument else {}
    if name == "wave":
        kwargs = {"pk": Wave.objects.get(year=2020).pk}
    client = client_as("member")
    with computing() as computed:
        response = client.get(_url(name, world, **kwargs) + (f"?{query}" if query else ""))
        text = response_text(response)
    assert response.status_code == 200
    assert computed.calls == [] and computed.duckdb == 0
    assert expected in text


def test_the_public_results_compute_nothing(published, world, client):
    """Given three published years, when anyone opens the public survey results (the
    statements about the latest year and its change, the chart and table of every
    year), then no statistics function is called and no DuckDB cursor is used."""
    with computing() as computed:
        response = client.get(_url("public_results", world))
    assert response.status_code == 200
    assert computed.calls == [] and computed.duckdb == 0
    assert "In 2020," in response.content.decode()


def test_the_dashboards_measurement_signals_compute_nothing(published, world, client_as):
    """Given three published years with a population, when the secretariat opens the
    dashboard, then the three measurement signals have values while no statistics
    function is called and no DuckDB cursor is used."""
    url = reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug})
    client = client_as("secretariat")
    with computing() as computed:
        response = client.get(url)
    assert response.status_code == 200
    assert computed.calls == [] and computed.duckdb == 0
    values = {value.signal.key: value.value for card in response.context["cards"]
              for value, _link in card.values if value.signal.key.startswith("measurement.")}
    assert values["measurement.response_rate"] == pytest.approx(240 / 300)
    assert values["measurement.significant_changes"] is not None
    assert 0 < values["measurement.lowest_band_share"] < 1


def test_the_cli_files_compute_nothing(published, world, tmp_path):
    """Given three published years, when the CLI writes the indicator table by school and
    the changes by grade, then no statistics function is called and no DuckDB cursor is
    used."""
    slug, instrument_slug = world.initiative.slug, published.slug
    with computing() as computed:
        call_command("indicators", initiative=slug, instrument=instrument_slug,
                     by="year,school", output=str(tmp_path / "i.csv"))
        call_command("indicator_changes", initiative=slug, instrument=instrument_slug,
                     year_from=2018, year_to=2020, by="grade", output=str(tmp_path / "c.csv"))
    assert computed.calls == [] and computed.duckdb == 0
    assert len((tmp_path / "c.csv").read_text().splitlines()) == 1 + 2 * 2


def test_the_probe_sees_a_computation(published):
    """Given the probe the tests above rely on, when a table is computed from a release's
    cube, then it records the calls and the DuckDB cursor (so an empty record means
    nothing was computed)."""
    wave = Wave.objects.get(year=2020)
    with computing() as computed:
        indicator_table(cube=release_cube(wave.release_token),
                        definition=published.definition, by=["year"])
        with connect() as con:
            con.sql("SELECT 1").fetchall()
    assert "groups.indicator_table" in computed.calls and "stats.t_interval" in computed.calls
    assert computed.duckdb == 1


BYS = [["year"], ["year", "school"], ["year", "grade", "gender"],
       ["school", "year", "grade", "gender"], ["gender", "year"]]


@pytest.mark.parametrize("by", BYS, ids=[",".join(by) for by in BYS])
def test_the_stored_tables_are_what_the_statistics_give(published, world, by):
    """Given three published years, when a table by any grouping is read, then it equals
    the indicator table computed afresh from the releases' protected cubes (the same
    rows, hidden groups, order and numbers)."""
    cubes = pd.concat([release_cube(token) for token in Wave.objects.order_by("year")
                       .values_list("release_token", flat=True)], ignore_index=True)
    expected = indicator_table(cube=cubes, definition=published.definition, by=by)
    table = selectors.group_table(initiative=world.initiative, instrument=published, by=by)
    pd.testing.assert_frame_equal(table, expected, check_dtype=False,
                                  check_categorical=False)


@pytest.mark.parametrize("by", [[], ["school"], ["grade", "school"], ["school", "gender"]])
@pytest.mark.parametrize("years", [(2018, 2019), (2018, 2020), (2019, 2020)])
def test_the_stored_changes_are_what_the_statistics_give(published, world, by, years):
    """Given three published years, when the change between any two of them is read by
    any grouping, then it equals the change table computed afresh from the two releases'
    cubes (tests, q-values over the whole table, order)."""
    tokens = dict(Wave.objects.values_list("year", "release_token"))
    cubes = pd.concat([release_cube(tokens[year]) for year in years], ignore_index=True)
    expected = indicator_changes(cube=cubes, definition=published.definition,
                                 year_from=years[0], year_to=years[1], by=by)
    table = selectors.change_table(initiative=world.initiative, instrument=published,
                                   year_from=years[0], year_to=years[1], by=by)
    assert len(table) > 0
    pd.testing.assert_frame_equal(table, expected, check_dtype=False,
                                  check_categorical=False)


def test_a_new_release_changes_what_the_pages_show(world, client_as):
    """Given 2019 published with 20 pupils answering 3 and 2020 with 30 answering 3, when
    ten more 2019 answers of 5 arrive, then the pages still show the release (20 pupils,
    mean 3.00); once 2019 is published again they show 30 pupils and 3.67 at once — on
    the trends, the public statements, the change to 2020 and its export — and the
    first release's stored files are still there for a reader holding them."""
    inst = instrument(world.initiative)
    import_data(world.initiative, inst, 2019, _same_answers(20, 3))
    import_data(world.initiative, inst, 2020, _same_answers(30, 3))
    first = Wave.objects.get(year=2019).release_token
    member = client_as("member")
    trends, changes = _url("trends", world, pk=inst.pk), _url("changes", world, pk=inst.pk)

    def shown():
        rows = member.get(trends).context["rows"]
        year_2019 = [r for r in rows if r["year"] == 2019 and r["indicator"] == "academic"]
        change = member.get(changes, {"year_from": 2019, "year_to": 2020}).context["rows"]
        return year_2019[0]["n"], round(year_2019[0]["mean"], 2), [
            round(r["mean_from"], 2) for r in change if r["indicator"] == "academic"]

    assert shown() == (20, 3.0, [3.0])
    wave = survey_data_import(initiative=world.initiative, instrument=inst, year=2019,
                              data=SurveyData(
                                  school=["Egelund Skole"] * 30,
                                  grade=np.full(30, 5, dtype=np.int16), gender=["girl"] * 30,
                                  values=np.vstack([np.full((20, 5), 3), np.full((10, 5), 5)])
                                  .astype(np.int8)),
                              replace=True, by=installation_actor(world.initiative)).wave
    assert shown() == (20, 3.0, [3.0])
    with TestCase.captureOnCommitCallbacks(execute=True):
        wave_publish(wave=Wave.objects.get(pk=wave.pk), by=installation_actor(wave.initiative))
    assert shown() == (30, 3.67, [3.67])
    export = member.get(changes, {"year_from": 2019, "year_to": 2020, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response_text(export).lstrip("\ufeff"))))
    assert [row[3] for row in rows[1:]] == ["3.22", "3.67"]  # social, academic
    assert stored.tables_path(first).is_dir() and all(p.exists() for p in release_paths(first))
    assert Release.objects.filter(wave=wave).count() == 2


def test_a_year_published_between_others_gets_its_changes_with_both(world):
    """Given 2018 and 2020 published, when 2019 is published after them, then the changes
    from 2018 to 2019, 2019 to 2020 and 2018 to 2020 can all be read."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(5)
    for year in (2018, 2020, 2019):
        import_data(world.initiative, inst, year, random_data(rng, n=60, width=5))
    for year_from, year_to in ((2018, 2019), (2019, 2020), (2018, 2020)):
        table = selectors.change_table(initiative=world.initiative, instrument=inst,
                                       year_from=year_from, year_to=year_to, by=[])
        assert table["indicator"].tolist() == ["social", "academic"]


def test_releases_made_before_results_were_stored_get_them_from_the_migration(published,
                                                                             world):
    """Given published years whose stored results are missing (releases made before
    Rygrad stored them), when migration 0008's step runs, then it stores them from each
    release's cube and frozen answers, and the tables and changes read as before; a
    release whose files are gone is left out."""
    by = ["year", "school", "grade"]
    before = selectors.group_table(initiative=world.initiative, instrument=published, by=by)
    changes = selectors.change_table(initiative=world.initiative, instrument=published,
                                     year_from=2018, year_to=2020, by=["school"])
    lowest = get_signal("measurement.lowest_band_share").evaluate(world.initiative,
                                                                  dt.date(2020, 6, 1)).value
    survey = stored.tables_path("x").parent
    for folder in [*survey.glob("*.tables"), *survey.glob("*.changes")]:
        shutil.rmtree(folder)
    stored._read.cache_clear()
    stored._summary.cache_clear()
    waves = list(Wave.objects.order_by("year"))
    gone = [(published.pk, 2017, "0" * 32, published.definition)]
    made = stored_results_complete(published=gone + [
        (published.pk, w.year, w.release_token, published.definition) for w in waves])
    assert made == 3 + 3
    pd.testing.assert_frame_equal(selectors.group_table(
        initiative=world.initiative, instrument=published, by=by), before)
    pd.testing.assert_frame_equal(selectors.change_table(
        initiative=world.initiative, instrument=published, year_from=2018, year_to=2020,
        by=["school"]), changes)
    assert get_signal("measurement.lowest_band_share").evaluate(
        world.initiative, dt.date(2020, 6, 1)).value == lowest


def test_a_publication_that_never_became_a_release_is_swept(world, survey_dir):
    """Given a published wave and the stored results of a token no release has (a
    publication that failed after writing them), when the sweep runs past its grace
    period, then only those are removed; the release's files stay."""
    inst = instrument(world.initiative)
    import_data(world.initiative, inst, 2019, random_data(np.random.default_rng(2), n=30,
                                                          width=5))
    token = Wave.objects.get().release_token
    orphan = survey_dir / f"{'a' * 32}.tables"
    shutil.copytree(stored.tables_path(token), orphan)
    assert snapshot_sweep() == 0
    assert snapshot_sweep(max_age=-1) == 1
    assert not orphan.exists() and stored.tables_path(token).is_dir()
    assert all(path.exists() for path in release_paths(token))


def test_threads_each_get_their_own_cursor_of_one_database():
    """Given the process's DuckDB database, when four threads query it at once, each with
    the cursor `connect()` gives it, then every query answers, the count of cursors rises
    by four, and all cursors see one database (a table made in one is seen in another)."""
    before = duckdb_uses()
    results, errors = [], []

    def query(number):
        try:
            with connect() as con:
                results.append(con.sql(f"SELECT sum(range) + {number} FROM range(200000)")
                               .fetchall()[0][0])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=query, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [sum(range(200000)) + n for n in range(4)]
    assert duckdb_uses() - before == 4
    with connect() as first, connect() as second:
        first.sql("CREATE OR REPLACE TABLE shared_probe AS SELECT 1 AS x")
        assert second.sql("SELECT x FROM shared_probe").fetchall() == [(1,)]
        second.sql("DROP TABLE shared_probe")
