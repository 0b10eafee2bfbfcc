"""A real attacker of the published survey numbers: linear algebra over everything at once.

The attacker knows which of the finest groups (year x school x grade x gender) have any
respondents — more than is published — and collects every number the system publishes
about them: each published row of every table is one linear equation over the finest
groups (its `n`, and its sum = n x mean). A hidden row is *determined* when its indicator
vector lies in the span of the published rows' vectors: then "a combination of published
totals" gives it exactly, whatever the suppression pattern looked like. The attacker does
not know or restate how the tables were protected.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

DIMENSIONS = ("year", "school", "grade", "gender")


@dataclass(frozen=True)
class Leak:
    indicator: str
    measure: str  # "n" or "sum"
    group: tuple  # ((column, value), ...) of the hidden row
    true_value: float


def _key(row, columns) -> tuple:
    return tuple((c, row[c]) for c in columns)


def change_rows(table: pd.DataFrame, *, year_from: int, year_to: int,
                by: list[str]) -> list[pd.DataFrame]:
    """A change table read as the two tables it publishes: the groups in each year."""
    frames = []
    for suffix, year in (("_from", year_from), ("_to", year_to)):
        part = table[[*by, "indicator", f"n{suffix}", f"mean{suffix}"]].rename(
            columns={f"n{suffix}": "n", f"mean{suffix}": "mean"})
        frames.append(part.assign(year=year))
    return frames


def leaks(*, finest: pd.DataFrame, published: list[pd.DataFrame]) -> list[Leak]:
    """Every hidden number the attacker determines exactly.

    `finest` has the true n and sum per finest group and indicator (the attacker uses only
    which groups exist, and the truth only to report what leaked); `published` holds every
    table as published (hidden numbers are NaN/NA), grouped by any of the dimensions.
    """
    found = []
    for indicator, cells in finest.groupby("indicator", observed=True):
        cells = cells.reset_index(drop=True)
        index = {tuple(row[c] for c in DIMENSIONS): i for i, row in cells.iterrows()}
        known = {"n": {}, "sum": {}}
        hidden: dict[tuple, tuple[str, ...]] = {}
        for table in published:
            rows = table[table["indicator"] == indicator]
            columns = [c for c in DIMENSIONS if c in rows.columns]
            for _, row in rows.iterrows():
                key = _key(row, columns)
                n_known = not pd.isna(row["n"])
                if n_known:
                    known["n"][key] = True
                    if not pd.isna(row["mean"]):
                        known["sum"][key] = True
                else:
                    hidden[key] = tuple(columns)
        for measure in ("n", "sum"):
            keys = list(known[measure])
            matrix = np.array([_vector(key, cells, index) for key in keys]) if keys \
                else np.zeros((0, len(cells)))
            rank = np.linalg.matrix_rank(matrix) if keys else 0
            for key in hidden:
                if key in known[measure]:
                    continue
                vector = _vector(key, cells, index)
                if not vector.any():
                    continue
                if np.linalg.matrix_rank(np.vstack([matrix, vector])) == rank:
                    column = "n" if measure == "n" else "sum"
                    found.append(Leak(indicator=str(indicator), measure=measure, group=key,
                                      true_value=float(cells.loc[vector > 0, column].sum())))
    return found


def _vector(key: tuple, cells: pd.DataFrame, index: dict) -> np.ndarray:
    """1 for each finest group the published row sums over."""
    mask = np.ones(len(cells), dtype=bool)
    for column, value in key:
        mask &= (cells[column] == value).to_numpy()
    return mask.astype(float)


def groupings() -> list[list[str]]:
    """Every subset of the dimensions, in a fixed order (what a user could ask for)."""
    return [list(c) for size in range(len(DIMENSIONS) + 1)
            for c in itertools.combinations(DIMENSIONS, size)]
