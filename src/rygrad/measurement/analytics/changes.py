"""Change between two years per group, on published groups only.

A group is compared only when it is published in both years' protected tables, so a
change shows nothing the two tables do not already show. Means are compared with Welch's
t-test, the share at or below the low threshold with the pooled two-proportion z-test, and
each of the two p-value columns gets Benjamini-Hochberg q-values across the whole table:
with many schools, some p-values fall under 0.05 by chance alone, and only q < 0.05 is
called a change. A change runs forward in time between two different years: the same year
twice would count its pupils twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import stats
from .cube import GROUP_DIMENSIONS
from .groups import check_by, indicator_table

CHANGE_COLUMNS = ["indicator", "n_from", "n_to", "mean_from", "mean_to", "diff", "p_value",
                  "q_value", "significant", "share_low_from", "share_low_to",
                  "share_p_value", "share_q_value", "share_significant"]
ALPHA = 0.05


class YearsOutOfOrder(ValueError):
    """A change needs an earlier and a later year."""


def check_years(year_from: int, year_to: int) -> None:
    if year_from >= year_to:
        raise YearsOutOfOrder(f"A change runs from an earlier year to a later one; got "
                              f"{year_from} to {year_to}.")


def indicator_changes(*, cube: pd.DataFrame | None = None, definition: dict, year_from: int,
                      year_to: int, by: list[str],
                      table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per group and indicator published in both years (see the module doc).

    `table` may pass a ready `indicator_table` by year + `by` covering both years (the
    benchmark reuses it instead of slicing it again); otherwise it is sliced from `cube`.
    """
    check_years(year_from, year_to)
    by = check_by(by, allowed=GROUP_DIMENSIONS)
    if table is None:
        table = indicator_table(cube=cube, definition=definition, by=["year", *by])
    keys = [*by, "indicator"]
    published = table[~table["suppressed"].astype(bool)]
    fields = ["n", "mean", "sd", "low", "share_low", *keys]
    before = published[published["year"] == year_from][fields]
    after = published[published["year"] == year_to][fields]
    both = before.merge(after, on=keys, suffixes=("_from", "_to"), how="inner")
    n0 = both["n_from"].to_numpy(dtype=float)
    n1 = both["n_to"].to_numpy(dtype=float)
    m0 = both["mean_from"].to_numpy(dtype=float)
    m1 = both["mean_to"].to_numpy(dtype=float)
    both["diff"] = m1 - m0
    both["p_value"] = stats.welch_p_value(m0, both["sd_from"].to_numpy(dtype=float), n0,
                                          m1, both["sd_to"].to_numpy(dtype=float), n1)
    both["share_p_value"] = stats.two_proportion_p_value(
        both["low_from"].to_numpy(dtype=float), n0, both["low_to"].to_numpy(dtype=float), n1)
    both["q_value"] = stats.benjamini_hochberg(both["p_value"].to_numpy())
    both["share_q_value"] = stats.benjamini_hochberg(both["share_p_value"].to_numpy())
    both["significant"] = np.nan_to_num(both["q_value"].to_numpy(), nan=1.0) < ALPHA
    both["share_significant"] = np.nan_to_num(both["share_q_value"].to_numpy(),
                                              nan=1.0) < ALPHA
    order = {ind["slug"]: i for i, ind in enumerate(definition["indicators"])}
    both["_order"] = both["indicator"].map(order).astype(int)
    both = both.sort_values([*by, "_order"], kind="mergesort").reset_index(drop=True)
    return both[[*by, *CHANGE_COLUMNS]]
