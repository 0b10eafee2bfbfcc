"""The CLI writes exactly the columns the issue specifies, values as imported, and the
same disclosure control as the pages."""

import csv
import io
import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

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


# The change test's schools: pupils a year and the shift of their latent score from 2018
# to 2019. "Lille Skole" has 6 pupils who answer everything: above the default k of 5,
# below this initiative's 8.
CHANGE_SCHOOLS = {"Egelund Skole": (70, 0.9), "Bakkely Skole": (55, 0.0),
                  "Fjordskolen": (40, 0.3), "Kildeskolen": (50, -0.1), "Lille Skole": (6, 0.0)}
CHANGE_K = 8
THRESHOLDS = {"social": 2.5, "academic": 2.0}  # the test instrument's low thresholds


def _answers(rng, *, pupils: int, shift: float, blank: float) -> np.ndarray:
    """Answers to s1, s2, s3 (reverse-coded), a1, a2 around a latent score per pupil, with
    the share `blank` of answers left blank (-1)."""
    latent = rng.normal(3.0 + shift, 0.9, pupils)
    items = np.clip(np.rint(latent[:, None] + rng.normal(0, 0.7, (pupils, 5))), 1, 5)
    items[:, 2] = 6 - items[:, 2]
    items[rng.random(items.shape) < blank] = -1
    return items.astype(np.int8)


def _scores(values: np.ndarray) -> dict[str, np.ndarray]:
    """Each pupil's scores by hand: s3 flipped (6 - v), the mean of the answered items,
    and no score unless at least half of the indicator's items are answered."""
    answered = np.where(values < 0, np.nan, values.astype(float))
    answered[:, 2] = 6 - answered[:, 2]
    scores = {}
    for name, block in (("social", answered[:, 0:3]), ("academic", answered[:, 3:5])):
        count = (~np.isnan(block)).sum(axis=1)
        total = np.nansum(block, axis=1)
        scores[name] = np.where(2 * count >= block.shape[1], total / np.maximum(count, 1),
                                np.nan)
    return scores


@pytest.fixture
def two_years(db):
    """Given an initiative with k = 8 and two published years of grade 5 girls' answers at
    five schools (see CHANGE_SCHOOLS; one answer in ten blank at the big ones), and every
    pupil's scores computed by hand."""
    initiative = InitiativeFactory(min_group_size=CHANGE_K)
    inst = instrument(initiative)
    rng = np.random.default_rng(2019)
    scores = {}
    for year in (2018, 2019):
        blocks = {school: _answers(rng, pupils=pupils, shift=shift if year == 2019 else 0.0,
                                   blank=0.1 if pupils > CHANGE_K else 0.0)
                  for school, (pupils, shift) in CHANGE_SCHOOLS.items()}
        schools = [school for school, block in blocks.items() for _ in range(len(block))]
        values = np.vstack(list(blocks.values()))
        import_data(initiative, inst, year, SurveyData(
            school=schools, grade=np.full(len(schools), 5, dtype=np.int16),
            gender=["pige"] * len(schools), values=values))
        scores[year] = {school: _scores(block) for school, block in blocks.items()}
    return initiative, inst, scores


def test_indicator_changes_match_scipy_and_statsmodels_and_honour_k(two_years, tmp_path):
    """Given two years of constructed answers at five schools and k = 8, when `rygrad
    indicator_changes --by school` runs, then the header is exactly the specified one; the
    school of 6 pupils has no row (k is the initiative's 8, not the default 5) and no row
    rests on fewer than 8; and for every row, n, the means and diff equal the pupils'
    hand-computed scores, p equals scipy's Welch test on them, the share p statsmodels'
    pooled two-proportion z-test, both q columns statsmodels' Benjamini-Hochberg over the
    whole file, and "significant" says q < 0.05 — true for the school whose pupils moved a
    lot, false for some other."""
    initiative, inst, scores = two_years
    assert all(np.isfinite(score).sum() == 6
               for year in scores for score in scores[year]["Lille Skole"].values())
    target = tmp_path / "changes.csv"
    call_command("indicator_changes", "--initiative", initiative.slug, "--instrument",
                 inst.slug, "--from", "2018", "--to", "2019", "--by", "school", "--output",
                 str(target), stdout=io.StringIO())
    rows = _read(target)
    assert rows[0] == ["school", *CHANGE_HEADER]
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    schools = {r["school"] for r in body}
    assert "Lille Skole" not in schools
    assert len(schools) >= 2 and schools <= set(CHANGE_SCHOOLS)
    assert all(int(r["n_from"]) >= CHANGE_K and int(r["n_to"]) >= CHANGE_K for r in body)
    expected_p, expected_share_p = [], []
    for r in body:
        before = scores[2018][r["school"]][r["indicator"]]
        after = scores[2019][r["school"]][r["indicator"]]
        before, after = before[~np.isnan(before)], after[~np.isnan(after)]
        assert (int(r["n_from"]), int(r["n_to"])) == (len(before), len(after))
        assert float(r["mean_from"]) == pytest.approx(before.mean())
        assert float(r["mean_to"]) == pytest.approx(after.mean())
        assert float(r["diff"]) == pytest.approx(after.mean() - before.mean())
        expected_p.append(sps.ttest_ind(after, before, equal_var=False).pvalue)
        low = THRESHOLDS[r["indicator"]]
        lows = np.array([(after <= low).sum(), (before <= low).sum()])
        assert float(r["share_low_from"]) == pytest.approx(lows[1] / len(before))
        assert float(r["share_low_to"]) == pytest.approx(lows[0] / len(after))
        expected_share_p.append(proportions_ztest(lows, np.array([len(after), len(before)]))[1])
    assert np.isfinite(expected_p).all() and np.isfinite(expected_share_p).all()
    expected_q = multipletests(expected_p, method="fdr_bh")[1]
    expected_share_q = multipletests(expected_share_p, method="fdr_bh")[1]
    column = {name: np.array([float(r[name]) for r in body])
              for name in ("p_value", "q_value", "share_p_value", "share_q_value")}
    assert column["p_value"] == pytest.approx(expected_p)
    assert column["q_value"] == pytest.approx(expected_q)
    assert column["share_p_value"] == pytest.approx(expected_share_p)
    assert column["share_q_value"] == pytest.approx(expected_share_q)
    assert [r["significant"] for r in body] == [
        "true" if q < 0.05 else "false" for q in expected_q]
    assert [r["share_significant"] for r in body] == [
        "true" if q < 0.05 else "false" for q in expected_share_q]
    significant = {(r["school"], r["indicator"]): r["significant"] for r in body}
    assert significant[("Egelund Skole", "social")] == "true"
    assert "false" in significant.values()


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
