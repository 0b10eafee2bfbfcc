"""Linked-table disclosure control, attacked with linear algebra over everything published.

For random surveys (uneven schools, sparse lines, tiny groups, one-gender classes, one or
two years) every table a user can ask for — every grouping the analytics accept, and the
change tables between every pair of years by every grouping — is published at once, and
the attacker in `attacker.py` solves the linear system their n and n x mean form. No hidden
number may come out exactly.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from rygrad.measurement import selectors, services
from rygrad.measurement.analytics.scores import connect, scores_sql
from rygrad.measurement.models import Wave
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.snapshots import wave_snapshot_path
from rygrad.measurement.survey_file import SurveyData

from .attacker import DIMENSIONS, change_rows, groupings, leaks
from .factories import InitiativeFactory, instrument

pytestmark = pytest.mark.django_db

SCHOOLS = ["Bakkely", "Egelund", "Fjordskolen", "Hvidebæk"]
GENDERS = ["girl", "boy", ""]
SIZES = st.sampled_from([0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 14, 25])


@st.composite
def surveys(draw):
    """Cell sizes per year x school x grade x gender, often tiny or empty."""
    years = draw(st.sampled_from([[2019], [2019, 2020]]))
    schools = SCHOOLS[:draw(st.integers(2, 4))]
    grades = list(range(4, 4 + draw(st.integers(1, 3))))
    genders = GENDERS[:draw(st.integers(1, 3))]
    cells = {}
    for key in itertools.product(years, schools, grades, genders):
        cells[key] = draw(SIZES)
    seed = draw(st.integers(0, 2**16))
    return cells, seed


def survey_data(cells: dict, year: int, rng: np.random.Generator) -> SurveyData:
    school, grade, gender = [], [], []
    for (y, s, g, x), size in cells.items():
        if y == year:
            school += [s] * size
            grade += [g] * size
            gender += [x] * size
    values = rng.integers(1, 6, size=(len(school), 5)).astype(np.int8)
    values[rng.random(values.shape) < 0.1] = -1
    return SurveyData(school=school, grade=np.array(grade, dtype=np.int16), gender=gender,
                      values=values)


def load(cells: dict, seed: int):
    """An initiative with one wave per year holding exactly these groups, published."""
    initiative = InitiativeFactory()
    tool = instrument(initiative)
    rng = np.random.default_rng(seed)
    for year in sorted({key[0] for key in cells}):
        data = survey_data(cells, year, rng)
        if len(data):
            services.survey_data_import(initiative=initiative, instrument=tool, year=year,
                                        data=data, by=installation_actor(initiative))
    for wave in Wave.objects.filter(instrument=tool):
        services.wave_publish(wave=wave, by=installation_actor(wave.initiative))
    return initiative, tool


def truth(tool) -> pd.DataFrame:
    """True n and sum per finest group and indicator, straight from the responses."""
    waves = list(Wave.objects.filter(instrument=tool, response_count__gt=0))
    paths = [wave_snapshot_path(wave=w) for w in waves]
    if not paths:
        return pd.DataFrame(columns=[*DIMENSIONS, "indicator", "n", "sum"])
    spec = tool.definition
    sql = scores_sql(paths=paths, indicators=spec["indicators"], items=spec["items"],
                     scale_min=1, scale_max=5)
    frames = []
    for ind in spec["indicators"]:
        slug = ind["slug"]
        frame = connect().sql(
            f'SELECT year, school, grade, gender, count("{slug}") AS n, '
            f'coalesce(sum("{slug}"), 0) AS sum FROM ({sql}) '
            f"GROUP BY ALL HAVING count(*) > 0").df()
        frames.append(frame.assign(indicator=slug))
    return pd.concat(frames, ignore_index=True)


def everything_published(initiative, tool) -> list[pd.DataFrame]:
    """Every table a member can ask for: each grouping the analytics accept, and the
    changes between every ordered pair of years by each grouping they accept."""
    published = []
    years = selectors.years_with_answers(initiative=initiative, instrument=tool)
    for by in groupings():
        try:
            published.append(selectors.group_table(initiative=initiative, instrument=tool,
                                                   by=by))
        except ValueError:
            continue  # a grouping the analytics refuse is never published
    for year_from, year_to in itertools.product(years, repeat=2):
        for by in groupings():
            by = [c for c in by if c != "year"]
            try:
                table = selectors.change_table(initiative=initiative, instrument=tool,
                                               year_from=year_from, year_to=year_to, by=by)
            except ValueError:
                continue
            published += change_rows(table, year_from=year_from, year_to=year_to, by=by)
    return published


@settings(max_examples=40, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(survey=surveys())
def test_no_hidden_number_is_determined_by_everything_published(survey):
    """Given a random survey with tiny groups, when every table and change table a user can
    request is published together, then the linear system of all their n and n x mean
    determines no hidden group's n or sum."""
    cells, seed = survey
    initiative, tool = load(cells, seed)
    found = leaks(finest=truth(tool), published=everything_published(initiative, tool))
    assert found == [], f"{len(found)} hidden numbers determined, e.g. {found[:3]}"


def test_the_attacker_finds_a_hidden_cell_that_equals_published_totals():
    """Given a table whose hidden school can be had as year total minus the other schools
    (published by someone who suppressed only the small cell), when attacked, then the
    attacker finds exactly that school's n and sum: the attacker is able to fail."""
    finest = pd.DataFrame({
        "year": [2019] * 3, "school": ["A", "B", "C"], "grade": [5] * 3, "gender": [""] * 3,
        "indicator": ["social"] * 3, "n": [2, 9, 11], "sum": [8.0, 30.0, 40.0]})
    naive = [
        pd.DataFrame({"year": [2019], "indicator": ["social"], "n": [22], "mean": [78 / 22]}),
        pd.DataFrame({"year": [2019] * 3, "school": ["A", "B", "C"],
                      "indicator": ["social"] * 3, "n": [pd.NA, 9, 11],
                      "mean": [np.nan, 30 / 9, 40 / 11]}),
    ]
    found = leaks(finest=finest, published=naive)
    assert {(leak.measure, leak.true_value) for leak in found} == {("n", 2.0), ("sum", 8.0)}


def test_every_dimension_is_a_grouping_the_attacker_tries():
    """The attacker asks for every subset of year, school, grade and gender (16)."""
    assert len(groupings()) == 2 ** len(DIMENSIONS)
