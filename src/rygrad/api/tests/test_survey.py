"""Survey numbers through the API: the same tables as `rygrad indicators` and
`rygrad indicator_changes`, from published releases only, never a group under k."""

import csv
import io
import math

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse

from rygrad.measurement.survey_file import SurveyData
from rygrad.measurement.tests.factories import import_data, instrument, random_data


@pytest.fixture
def survey(world, settings, tmp_path):
    """Two published years at two big schools and "Lille Skole" with 3 pupils, and a
    third year imported but not published."""
    settings.RYGRAD_SURVEY_DIR = tmp_path / "survey"
    inst = instrument(world.initiative)
    rng = np.random.default_rng(7)
    for year, publish in ((2018, True), (2019, True), (2020, False)):
        big = random_data(rng, n=120, width=5, schools=("Egelund Skole", "Bakkely Skole"))
        small = SurveyData(school=["Lille Skole"] * 3, grade=np.array([5, 5, 6]),
                           gender=["pige"] * 3, values=np.full((3, 5), 3, dtype=np.int8))
        import_data(world.initiative, inst, year, SurveyData(
            school=big.school + small.school, grade=np.concatenate([big.grade, small.grade]),
            gender=big.gender + small.gender, values=np.vstack([big.values, small.values])),
            publish=publish)
    return inst


def _get(client, world, name, **query):
    return client.get(reverse(f"api:{name}", kwargs={"slug": world.initiative.slug}), query)


def test_no_group_under_k_and_only_published_years(survey, api_as, world):
    body = _get(api_as("member"), world, "indicators", instrument="test",
                by="year,school,grade,gender").json()
    k = world.initiative.min_group_size
    assert body["min_group_size"] == k
    rows = body["rows"]
    assert rows and {row["year"] for row in rows} == {2018, 2019}
    assert all(row["n"] is None or row["n"] >= k for row in rows)
    small = [row for row in rows if row["school"] == "Lille Skole"]
    assert small and all(row["suppressed"] and row["n"] is None and row["mean"] is None
                         for row in small)
    changes = _get(api_as("member"), world, "indicator_changes", instrument="test",
                   year_from=2018, year_to=2019, by="school").json()["rows"]
    assert changes and all((row["n_from"] is None or row["n_from"] >= k)
                           and (row["n_to"] is None or row["n_to"] >= k) for row in changes)
    assert "Lille Skole" not in {row["school"] for row in changes
                                 if row["n_from"] is not None}


def test_the_api_table_is_the_cli_table(survey, api_as, world, tmp_path):
    target = tmp_path / "cli.csv"
    call_command("indicators", "--initiative", world.initiative.slug, "--instrument", "test",
                 "--by", "year,school", "--output", str(target), stdout=io.StringIO())
    with open(target, encoding="utf-8") as handle:
        cli = list(csv.DictReader(handle))
    rows = _get(api_as("secretariat"), world, "indicators", instrument="test",
                by="year,school").json()["rows"]
    assert len(rows) == len(cli)
    for ours, theirs in zip(rows, cli, strict=True):
        assert (str(ours["year"]), ours["school"], ours["indicator"]) == (
            theirs["year"], theirs["school"], theirs["indicator"])
        if theirs["mean"] == "":
            assert ours["mean"] is None
        else:
            assert math.isclose(ours["mean"], float(theirs["mean"]), rel_tol=1e-9)
            assert str(ours["n"]) == theirs["n"]


def test_bad_questions_are_400_or_404_and_partners_are_refused(survey, api_as, world):
    member = api_as("member")
    assert _get(member, world, "indicators", instrument="test", by="school"
                ).status_code == 400
    assert _get(member, world, "indicators", instrument="nope").status_code == 404
    assert _get(member, world, "indicator_changes", instrument="test", year_from=2019,
                year_to=2018).status_code == 400
    assert _get(api_as("partner"), world, "indicators", instrument="test").status_code == 403
    listed = _get(api_as("member"), world, "instruments").json()
    assert listed == [{"slug": "test", "name": listed[0]["name"],
                       "published_years": [2018, 2019]}]
