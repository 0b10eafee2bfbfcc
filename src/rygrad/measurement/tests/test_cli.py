"""The CLI writes exactly the columns the issue specifies, values as imported, and the
same disclosure control as the pages."""

import csv
import io
import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from rygrad.measurement.instruments import SHIPPED
from rygrad.measurement.models import Instrument
from rygrad.measurement.survey_file import SurveyData

from .factories import InitiativeFactory, import_data, instrument, random_data

GROUP_HEADER = ["indicator", "n", "mean", "ci_low", "ci_high", "share_low",
                "share_low_ci_low", "share_low_ci_high", "suppressed"]
CHANGE_HEADER = ["indicator", "n_from", "n_to", "mean_from", "mean_to", "diff", "p_value",
                 "q_value", "significant", "share_low_from", "share_low_to", "share_p_value",
                 "share_q_value", "share_significant"]


@pytest.fixture
def survey(db):
    """Given two years for schools "Egelund Skole" (big), "Bakkely Skole" (big) and
    "Lille Skole" (3 pupils), grades 5 and 6, genders "pige"/"dreng"."""
    initiative = InitiativeFactory()
    inst = instrument(initiative)
    rng = np.random.default_rng(5)
    for year in (2018, 2019):
        big = random_data(rng, n=120, width=5, schools=("Egelund Skole", "Bakkely Skole"),
                          genders=("pige", "dreng"))
        small = SurveyData(school=["Lille Skole"] * 3, grade=np.array([5, 5, 6]),
                           gender=["pige"] * 3, values=np.full((3, 5), 3, dtype=np.int8))
        data = SurveyData(school=big.school + small.school,
                          grade=np.concatenate([big.grade, small.grade]),
                          gender=big.gender + small.gender,
                          values=np.vstack([big.values, small.values]))
        import_data(initiative, inst, year, data)
    return initiative, inst


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_indicators_writes_the_specified_columns_in_order(survey, tmp_path):
    """When `rygrad indicators --by year,school` runs, then the header is exactly
    year, school, indicator, n, mean, ci_low, ci_high, share_low, share_low_ci_low,
    share_low_ci_high, suppressed, with one row per group and indicator."""
    initiative, inst = survey
    target = tmp_path / "out.csv"
    call_command("indicators", "--initiative", initiative.slug, "--instrument", inst.slug,
                 "--by", "year,school", "--output", str(target), stdout=io.StringIO())
    rows = _read(target)
    assert rows[0] == ["year", "school", *GROUP_HEADER]
    assert len(rows) == 1 + 2 * 3 * 2
    assert {r[1] for r in rows[1:]} == {"Egelund Skole", "Bakkely Skole", "Lille Skole"}


def test_suppressed_rows_keep_their_group_and_have_empty_numbers(survey, tmp_path):
    """Given a school of 3 pupils, when written by year, school, grade, then its rows say
    suppressed=true, keep year/school/grade (grade as a number) and have no numbers, not
    even n; and another cell in each of its lines is hidden too."""
    initiative, inst = survey
    target = tmp_path / "out.csv"
    call_command("indicators", "--initiative", initiative.slug, "--instrument", inst.slug,
                 "--by", "year,school,grade,gender", "--output", str(target),
                 stdout=io.StringIO())
    rows = _read(target)
    header = rows[0]
    assert header == ["year", "school", "grade", "gender", *GROUP_HEADER]
    small = [r for r in rows[1:] if r[1] == "Lille Skole"]
    assert small and all(r[-1] == "true" and r[5:-1] == [""] * 7 for r in small)
    assert {r[2] for r in small} == {"5", "6"}
    assert {r[3] for r in rows[1:]} == {"pige", "dreng"}
    hidden_elsewhere = [r for r in rows[1:] if r[1] != "Lille Skole" and r[-1] == "true"]
    assert hidden_elsewhere


def test_indicator_changes_writes_the_specified_columns(survey, tmp_path):
    """When `rygrad indicator_changes --by school` runs, then the header is exactly the
    specified one, diff = mean_to - mean_from, and the hidden school has no row."""
    initiative, inst = survey
    target = tmp_path / "changes.csv"
    call_command("indicator_changes", "--initiative", initiative.slug, "--instrument",
                 inst.slug, "--from", "2018", "--to", "2019", "--by", "school", "--output",
                 str(target), stdout=io.StringIO())
    rows = _read(target)
    assert rows[0] == ["school", *CHANGE_HEADER]
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert {r["school"] for r in body} <= {"Egelund Skole", "Bakkely Skole"}
    for r in body:
        assert float(r["diff"]) == pytest.approx(float(r["mean_to"]) - float(r["mean_from"]))
        assert r["significant"] in {"true", "false"}


def test_the_cli_explains_bad_arguments(survey, tmp_path):
    """Given a wrong --by, an unknown instrument or a year without answers, when run, then
    the command stops with a message saying what to do."""
    initiative, inst = survey
    out = str(tmp_path / "x.csv")
    with pytest.raises(CommandError, match="--by takes"):
        call_command("indicators", "--initiative", initiative.slug, "--instrument", inst.slug,
                     "--by", "year,class", "--output", out)
    with pytest.raises(CommandError, match="instrument_load"):
        call_command("indicators", "--initiative", initiative.slug, "--instrument", "nope",
                     "--output", out)
    with pytest.raises(CommandError, match="no published wave for 2017"):
        call_command("indicator_changes", "--initiative", initiative.slug, "--instrument",
                     inst.slug, "--from", "2017", "--to", "2019", "--output", out)
    with pytest.raises(CommandError, match="--by takes"):
        call_command("indicator_changes", "--initiative", initiative.slug, "--instrument",
                     inst.slug, "--from", "2018", "--to", "2019", "--by", "year",
                     "--output", out)


def test_the_shipped_instruments_load_from_the_cli(db, tmp_path):
    """Given the two shipped JSON files, when loaded with `rygrad instrument_load`, then
    the national-style one has the four 1-5 indicators and the loneliness module three
    items on a 1-3 scale; loading again updates rather than duplicates."""
    initiative = InitiativeFactory()
    for path in SHIPPED.values():
        call_command("instrument_load", str(path), "--initiative", initiative.slug,
                     stdout=io.StringIO())
        call_command("instrument_load", str(path), "--initiative", initiative.slug,
                     stdout=io.StringIO())
    trivsel = Instrument.objects.get(slug="trivsel-4-9")
    assert [i.slug for i in trivsel.indicators.all()] == ["social", "academic", "support",
                                                          "order"]
    assert (trivsel.scale_min, trivsel.scale_max) == (1, 5)
    loneliness = Instrument.objects.get(slug="ensomhed")
    assert len(loneliness.items) == 3
    assert (loneliness.scale_min, loneliness.scale_max) == (1, 3)
    assert Instrument.objects.count() == 2


def test_a_broken_instrument_file_is_explained_by_place(db, tmp_path):
    """Given an instrument whose indicator names an unknown item and whose scale labels
    are too few, when loaded, then both places are named and nothing is stored."""
    initiative = InitiativeFactory()
    definition = json.loads(SHIPPED["ensomhed"].read_text(encoding="utf-8"))
    definition["indicators"][0]["items"].append("l9")
    definition["scale"]["labels"]["da"] = ["Ofte"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(definition), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("instrument_load", str(path), "--initiative", initiative.slug)
    assert "indicators[0].items" in str(caught.value) and "l9" in str(caught.value)
    assert "scale.labels.da" in str(caught.value)
    assert not Instrument.objects.exists()


def test_instrument_load_refuses_deep_or_nul_json_with_a_message(db, tmp_path):
    """Given an instrument file nested 100,000 deep, or one holding a NUL character, when
    loaded from the CLI, then it stops with a message (no RecursionError, no DataError)."""
    initiative = InitiativeFactory()
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match="nested"):
        call_command("instrument_load", str(deep), "--initiative", initiative.slug)
    nul = tmp_path / "nul.json"
    nul.write_text('{"slug": "x\\u0000y"}')
    with pytest.raises(CommandError, match="NUL"):
        call_command("instrument_load", str(nul), "--initiative", initiative.slug)
