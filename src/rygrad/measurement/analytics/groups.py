"""The indicator table: one row per group and indicator, with n, mean and its t-interval,
the share at or below the indicator's low threshold with its Wilson interval, the shares in
the four bands of a 1-5 scale, and disclosure control applied to every row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from . import stats
from .disclosure import suppress
from .scores import connect, quote, scores_sql

DIMENSIONS = ("year", "school", "grade", "gender")
# Bands of a 1-5 scale: 1.0-2.0, 2.1-3.0, 3.1-4.0, 4.1-5.0 (a score above 2.0 up to 3.0 is
# in the second band, and so on).
BAND_EDGES = (2.0, 3.0, 4.0)
BAND_LABELS = ("1.0–2.0", "2.1–3.0", "3.1–4.0", "4.1–5.0")
GROUP_COLUMNS = ["indicator", "n", "mean", "ci_low", "ci_high", "share_low",
                 "share_low_ci_low", "share_low_ci_high", "suppressed"]
NUMBERS = ["n", "mean", "sd", "ci_low", "ci_high", "low", "share_low", "share_low_ci_low",
           "share_low_ci_high", "band_1", "band_2", "band_3", "band_4"]


def check_by(by: list[str], allowed=DIMENSIONS) -> list[str]:
    unknown = [c for c in by if c not in allowed]
    if unknown or len(set(by)) != len(by):
        raise ValueError(f"--by takes distinct values of {', '.join(allowed)}; got {by}.")
    return list(by)


def _repeat(values: np.ndarray, times: int):
    """Each group value once per indicator; text as a categorical (codes, not strings), which
    keeps 600,000 group-indicator rows cheap to build, group, merge and sort."""
    if values.dtype.kind in "iuf":
        return np.repeat(values, times)
    codes, uniques = pd.factorize(values, sort=True)
    return pd.Categorical.from_codes(np.repeat(codes, times), uniques)


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    """An Arrow column as float64 with NaN for NULL, without a detour through objects."""
    if column.type != pa.float64():
        column = column.cast(pa.float64())
    return column.to_numpy(zero_copy_only=False)


def aggregate(*, paths, definition: dict, by: list[str], con=None) -> pd.DataFrame:
    """Per group and indicator: n, mean, sd, count at/below the threshold, band counts.

    One DuckDB scan computes every indicator side by side (one row per group, in group
    order); numpy then interleaves them into one row per group and indicator, already in
    the table's order, so nothing has to be sorted again in Python.
    """
    con = con or connect()
    indicators = definition["indicators"]
    bands = definition["scale"]["min"] == 1 and definition["scale"]["max"] == 5
    parts = []
    for ind in indicators:
        s = quote(ind["slug"])
        threshold = float(ind["low_threshold"])
        # Sums rather than avg/stddev and cumulative band counts: the cheapest aggregates
        # DuckDB has; numpy turns them into means, SDs and band shares.
        band_sql = (f", count_if({s} <= 2.0), count_if({s} <= 3.0), count_if({s} <= 4.0)"
                    if bands else ", NULL, NULL, NULL")
        parts.append(f"count({s}), sum({s}), sum({s} * {s}), count_if({s} <= {threshold})"
                     f"{band_sql}")
    group = ", ".join(quote(c) for c in by)
    select = (group + ", " if by else "") + ", ".join(parts)
    scores = scores_sql(paths=paths, indicators=indicators, items=definition["items"],
                        scale_min=definition["scale"]["min"],
                        scale_max=definition["scale"]["max"])
    sql = (f"WITH scores AS ({scores}) SELECT {select} FROM scores"
           + (f" GROUP BY {group} ORDER BY {group}" if by else ""))
    wide = con.sql(sql).to_arrow_table()
    count = len(indicators)
    names = ["n", "total", "squares", "low", "upto2", "upto3", "upto4"]
    columns: dict[str, object] = {
        c: _repeat(wide.column(i).to_numpy(zero_copy_only=False), count)
        for i, c in enumerate(by)}
    columns["indicator"] = pd.Categorical.from_codes(
        np.tile(np.arange(count), wide.num_rows), [ind["slug"] for ind in indicators])
    for offset, name in enumerate(names):
        stacked = [_floats(wide.column(len(by) + index * len(names) + offset))
                   for index in range(count)]
        columns[name] = np.column_stack(stacked).ravel()
    n, total = columns.pop("n"), columns.pop("total")
    squares = columns.pop("squares")
    with np.errstate(invalid="ignore", divide="ignore"):
        columns["n"] = n
        columns["mean"] = total / n
        variance = (squares - total * total / n) / (n - 1)
        columns["sd"] = np.sqrt(np.clip(variance, 0, None))
    upto = [columns.pop(f"upto{edge}") for edge in (2, 3, 4)]
    columns["b1"], columns["b2"] = upto[0], upto[1] - upto[0]
    columns["b3"], columns["b4"] = upto[2] - upto[1], n - upto[2]
    frame = pd.DataFrame(columns)
    frame = frame[frame["n"].to_numpy() > 0].reset_index(drop=True)
    for column in ("n", "low"):
        frame[column] = frame[column].astype(np.int64)
    return frame


def indicator_table(*, paths, definition: dict, by: list[str], k: int,
                    con=None) -> pd.DataFrame:
    """The disclosure-controlled indicator table by `by` (any of year, school, grade,
    gender). Suppressed rows keep their group values and have NaN in every number."""
    by = check_by(by)
    if not paths:
        return pd.DataFrame(columns=[*by, *GROUP_COLUMNS, "sd", "low", "band_1", "band_2",
                                     "band_3", "band_4"])
    frame = aggregate(paths=paths, definition=definition, by=by, con=con)
    n = frame["n"].to_numpy(dtype=float)
    frame["ci_low"], frame["ci_high"] = stats.t_interval(frame["mean"], frame["sd"], n)
    frame["share_low"] = frame["low"] / n
    frame["share_low_ci_low"], frame["share_low_ci_high"] = stats.wilson_interval(
        frame["low"], n)
    for band in range(1, 5):
        frame[f"band_{band}"] = frame.pop(f"b{band}").astype(float) / n
    hidden = suppress(frame, by=by, k=k)
    frame["suppressed"] = hidden
    for column in NUMBERS:
        if column in ("n", "low"):
            frame[column] = pd.arrays.IntegerArray(frame[column].to_numpy(), hidden.copy())
        else:
            frame[column] = np.where(hidden, np.nan, frame[column].to_numpy(dtype=float))
    return frame[[*by, *GROUP_COLUMNS, "sd", "low", "band_1", "band_2", "band_3", "band_4"]]
