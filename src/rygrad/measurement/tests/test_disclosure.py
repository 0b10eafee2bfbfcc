"""Disclosure control: primary suppression under k, complementary suppression along every
margin line, and a property test that no hidden cell can be worked out by subtraction."""

import itertools

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from rygrad.measurement.analytics.disclosure import suppress
from rygrad.measurement.selectors import min_group_size


def _frame(cells: dict[tuple, int], by: list[str]) -> pd.DataFrame:
    rows = [dict(zip(by, key, strict=True), indicator="social", n=n) for key, n in cells.items()]
    return pd.DataFrame(rows)


def _hidden(frame, by, k=5):
    mask = suppress(frame, by=by, k=k)
    return {tuple(row) for row in frame.loc[mask, by].itertuples(index=False)}


def test_a_lone_small_group_takes_the_smallest_sibling_with_it():
    """Given schools of 3, 40, 12 and 25 pupils in one year, when suppressed with k = 5,
    then the 3-pupil school and the smallest other (12) are hidden, nothing else."""
    frame = _frame({(2019, "A"): 3, (2019, "B"): 40, (2019, "C"): 12, (2019, "D"): 25},
                   ["year", "school"])
    assert _hidden(frame, ["year", "school"]) == {(2019, "A"), (2019, "C")}


def test_ties_are_broken_by_the_groups_values_in_sort_order():
    """Given two equally small siblings, when one must be hidden, then the one that sorts
    first ("Bakkely" before "Fjord") is hidden."""
    frame = _frame({(2019, "Egelund"): 2, (2019, "Fjord"): 9, (2019, "Bakkely"): 9},
                   ["year", "school"])
    assert _hidden(frame, ["year", "school"]) == {(2019, "Egelund"), (2019, "Bakkely")}


def test_two_small_groups_need_no_complement():
    """Given two hidden schools in a year, when suppressed, then no third is hidden: neither
    can be recovered from the year total alone."""
    frame = _frame({(2019, "A"): 3, (2019, "B"): 4, (2019, "C"): 30}, ["year", "school"])
    assert _hidden(frame, ["year", "school"]) == {(2019, "A"), (2019, "B")}


def test_years_are_never_summed():
    """Given one small year among large ones, when the table is by year, then only that
    year is hidden (there is no all-years total to subtract from)."""
    frame = _frame({(2017,): 3, (2018,): 50, (2019,): 60}, ["year"])
    assert _hidden(frame, ["year"]) == {(2017,)}


def test_complements_are_repeated_along_every_margin_until_none_stands_alone():
    """Given school x grade where one small cell's complement lands in a new grade line,
    when suppressed, then that line also gets a second hidden cell and so on, until every
    school line and grade line has zero or at least two hidden cells."""
    cells = {(2019, "A", 5): 2, (2019, "A", 6): 20, (2019, "A", 7): 30,
             (2019, "B", 5): 25, (2019, "B", 6): 21, (2019, "B", 7): 40,
             (2019, "C", 5): 35, (2019, "C", 6): 50, (2019, "C", 7): 45}
    by = ["year", "school", "grade"]
    hidden = _hidden(_frame(cells, by), by)
    # A5 (primary); A6 (smallest in school A); B5 (smallest other in grade 5);
    # B6 (smallest other in grade 6 and in school B).
    assert hidden == {(2019, "A", 5), (2019, "A", 6), (2019, "B", 5), (2019, "B", 6)}


def test_k_is_the_initiatives_and_never_below_three(world):
    """Given an initiative whose stored k was forced to 2, when k is read, then it is 3;
    a k of 8 is used as it is."""
    world.initiative.min_group_size = 2
    assert min_group_size(world.initiative) == 3
    world.initiative.min_group_size = 8
    assert min_group_size(world.initiative) == 8


def _derivable(cells: dict, hidden: set, by: list[str], k: int) -> set:
    """What an attacker recovers by subtraction: every parent total with n >= k is assumed
    known (even more than is published); repeat "total minus the known others" until
    nothing new comes out."""
    known = {key for key in cells if key not in hidden}
    varying = [i for i, column in enumerate(by) if column != "year"]
    recovered = set()
    progress = True
    while progress:
        progress = False
        for i in varying:
            lines: dict[tuple, list] = {}
            for key in cells:
                lines.setdefault(key[:i] + key[i + 1:], []).append(key)
            for members in lines.values():
                if sum(cells[m] for m in members) < k:
                    continue
                unknown = [m for m in members if m not in known]
                if len(unknown) == 1:
                    known.add(unknown[0])
                    recovered.add(unknown[0])
                    progress = True
    return recovered & hidden


@st.composite
def tables(draw):
    dimensions = draw(st.sampled_from([["year", "school"], ["year", "school", "grade"],
                                       ["school", "grade"], ["year", "school", "grade",
                                                             "gender"]]))
    levels = {"year": draw(st.integers(1, 2)), "school": draw(st.integers(2, 5)),
              "grade": draw(st.integers(2, 4)), "gender": 2}
    values = {"year": [2018, 2019], "school": ["A", "B", "C", "D", "E"],
              "grade": [4, 5, 6, 7], "gender": ["boy", "girl"]}
    axes = [values[d][:levels[d]] for d in dimensions]
    counts = st.one_of(st.integers(1, 6), st.integers(1, 40))
    cells = {key: draw(counts) for key in itertools.product(*axes)}
    return dimensions, cells, draw(st.integers(3, 6))


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_hidden_cell_can_be_recovered_by_subtraction(table):
    """For random complete tables by year, school, grade and gender: every cell under k is
    hidden, and no hidden cell can be derived from published cells and totals."""
    by, cells, k = table
    frame = _frame(cells, by)
    hidden = _hidden(frame, by, k=k)
    assert {key for key, n in cells.items() if n < k} <= hidden
    assert not _derivable(cells, hidden, by, k)


def test_suppression_of_a_national_sized_table_is_fast():
    """Given a year of 1,700 schools x 6 grades x 2 genders (20,400 groups), when
    suppressed, then no school, grade or gender line has exactly one hidden cell."""
    rng = np.random.default_rng(3)
    schools = [f"S{i:04d}" for i in range(1700)]
    keys = list(itertools.product([2019], schools, [4, 5, 6, 7, 8, 9], ["boy", "girl"]))
    frame = pd.DataFrame(keys, columns=["year", "school", "grade", "gender"])
    frame["indicator"] = "social"
    frame["n"] = rng.integers(1, 40, len(frame))
    mask = suppress(frame, by=["year", "school", "grade", "gender"], k=5)
    frame["hidden"] = mask
    for column in ("school", "grade", "gender"):
        keys = [c for c in ("year", "school", "grade", "gender") if c != column]
        per_line = frame.groupby(keys)["hidden"].sum()
        assert not (per_line == 1).any()
