"""The indicator table: one row per group and indicator, with n, mean and its t-interval,
the share at or below the indicator's low threshold with its Wilson interval, the shares in
the four bands of a 1-5 scale — a slice of the protected cube (see `cube`, `protection`),
so every table of a year shows the same hidden groups as every other."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import stats
from .cube import GROUP_DIMENSIONS, column, grouping_name

DIMENSIONS = ("year", *GROUP_DIMENSIONS)
# Bands of a 1-5 scale: 1.0-2.0, 2.1-3.0, 3.1-4.0, 4.1-5.0 (a score above 2.0 up to 3.0 is
# in the second band, and so on).
BAND_EDGES = (2.0, 3.0, 4.0)
BAND_LABELS = ("1.0–2.0", "2.1–3.0", "3.1–4.0", "4.1–5.0")
GROUP_COLUMNS = ["indicator", "n", "mean", "ci_low", "ci_high", "share_low",
                 "share_low_ci_low", "share_low_ci_high", "suppressed"]
EXTRA_COLUMNS = ["sd", "low", "band_1", "band_2", "band_3", "band_4"]
NUMBERS = ["n", "mean", "sd", "ci_low", "ci_high", "low", "share_low", "share_low_ci_low",
           "share_low_ci_high", "band_1", "band_2", "band_3", "band_4"]


class PooledYears(ValueError):
    """A table without the year would add up several years' pupils: never published."""


def check_by(by: list[str], allowed=DIMENSIONS) -> list[str]:
    unknown = [c for c in by if c not in allowed]
    if unknown or len(set(by)) != len(by):
        raise ValueError(f"--by takes distinct values of {', '.join(allowed)}; got {by}.")
    return list(by)


def check_table_by(by: list[str]) -> list[str]:
    """A published grouping: any of school, grade, gender, always with the year."""
    by = check_by(by)
    if "year" not in by:
        raise PooledYears("Every table is by year: years are never added together "
                          "(the same pupils answer in several years).")
    return by


def _repeat(values, times: int):
    """Each group value once per indicator; text as a categorical (codes, not strings)."""
    values = np.asarray(values)
    if values.dtype.kind in "iuf":
        return np.repeat(values, times)
    codes, uniques = pd.factorize(values, sort=True)
    return pd.Categorical.from_codes(np.repeat(codes, times), uniques)


def indicator_table(*, cube: pd.DataFrame, definition: dict, by: list[str]) -> pd.DataFrame:
    """The disclosure-controlled indicator table by `by` (year and any of school, grade,
    gender), sliced from a protected cube. Hidden rows keep their group values and have
    no numbers at all."""
    by = check_table_by(by)
    indicators = definition["indicators"]
    columns = [*by, *GROUP_COLUMNS, *EXTRA_COLUMNS]
    rows = cube[cube["grouping"] == grouping_name(by)]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.sort_values(by, kind="mergesort")
    count = len(indicators)
    out: dict[str, object] = {}
    for c in by:
        values = rows[c].to_numpy()
        out[c] = _repeat(values.astype(np.int64) if c in ("year", "grade") else values, count)
    out["indicator"] = pd.Categorical.from_codes(
        np.tile(np.arange(count), len(rows)), [ind["slug"] for ind in indicators])

    def stacked(measure):
        return np.column_stack([rows[column(ind["slug"], measure)].to_numpy(dtype=float)
                                for ind in indicators]).ravel()

    n, total, squares, low = (stacked(m) for m in ("n", "total", "squares", "low"))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        sd = np.sqrt(np.clip((squares - total * total / n) / (n - 1), 0, None))
        out["n"], out["mean"] = n, mean
        out["ci_low"], out["ci_high"] = stats.t_interval(mean, sd, n)
        out["share_low"] = low / n
        out["share_low_ci_low"], out["share_low_ci_high"] = stats.wilson_interval(low, n)
        upto = [stacked(f"upto{edge}") for edge in (2, 3, 4)]
        bands = (definition["scale"]["min"], definition["scale"]["max"]) == (1, 5)
        for band, part in enumerate((upto[0], upto[1] - upto[0], upto[2] - upto[1],
                                     n - upto[2]), start=1):
            out[f"band_{band}"] = part / n if bands else np.full(len(n), np.nan)
    out["sd"], out["low"] = sd, low
    hidden = np.repeat(rows["suppressed"].to_numpy(dtype=bool), count)
    frame = pd.DataFrame(out)
    frame["suppressed"] = hidden
    for name in NUMBERS:
        values = frame[name].to_numpy(dtype=float)
        if name in ("n", "low"):
            frame[name] = pd.arrays.IntegerArray(values.astype(np.int64), hidden.copy())
        else:
            frame[name] = np.where(hidden, np.nan, values)
    return frame[columns].reset_index(drop=True)
