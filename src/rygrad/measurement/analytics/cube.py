"""The released cube of a wave: every grouping's additive totals, computed once.

Every table Rygrad publishes about a year — by school, by grade and gender, the whole year…
— is a *margin* of one table: year x school x grade x gender. So the whole set is built
once from one DuckDB scan of the finest groups, and every coarser grouping is summed from
it in numpy (counts, sums, sums of squares and band counts all add up). The cube is what a
release freezes and protects as one linked set (see `protection`); pages only slice it.

Layout ("wide"): one row per group of one year. `school`, `grade` and `gender` hold the
group's values, or NA where the row is a total over that dimension; `grouping` names the
dimensions the row is grouped by ("school,grade", "" for the whole year). Per indicator
`<slug>` the columns `<slug>:n`, `:total`, `:squares`, `:low`, `:upto2`, `:upto3`, `:upto4`.
`respondents` counts everyone in the group (answered or not), `min_n` the fewest who have
a score on any one indicator: the count disclosure control is decided on.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pyarrow as pa

from .scores import connect, quote, scores_sql

GROUP_DIMENSIONS = ("school", "grade", "gender")
MEASURES = ("n", "total", "squares", "low", "upto2", "upto3", "upto4")


def column(slug: str, measure: str) -> str:
    return f"{slug}:{measure}"


def measure_columns(definition: dict) -> list[str]:
    return [column(ind["slug"], m) for ind in definition["indicators"] for m in MEASURES]


def grouping_name(by) -> str:
    """The `grouping` value of the rows grouped by `by` (year is implied, order fixed)."""
    return ",".join(c for c in GROUP_DIMENSIONS if c in by)


def finest_groups(*, paths, definition: dict, con=None) -> pd.DataFrame:
    """One DuckDB scan: the additive totals per year x school x grade x gender."""
    if con is None:
        with connect() as own:
            return finest_groups(paths=paths, definition=definition, con=own)
    bands = definition["scale"]["min"] == 1 and definition["scale"]["max"] == 5
    parts = ["count(*)"]
    for ind in definition["indicators"]:
        s = quote(ind["slug"])
        threshold = float(ind["low_threshold"])
        # Sums and cumulative band counts: the cheapest aggregates DuckDB has; numpy
        # turns them into means, SDs and band shares.
        band_sql = (f", count_if({s} <= 2.0), count_if({s} <= 3.0), count_if({s} <= 4.0)"
                    if bands else ", 0, 0, 0")
        parts.append(f"count({s}), coalesce(sum({s}), 0), coalesce(sum({s} * {s}), 0), "
                     f"count_if({s} <= {threshold}){band_sql}")
    scores = scores_sql(paths=paths, indicators=definition["indicators"],
                        items=definition["items"], scale_min=definition["scale"]["min"],
                        scale_max=definition["scale"]["max"])
    group = "year, school, grade, gender"
    wide = con.sql(f"WITH scores AS ({scores}) SELECT {group}, {', '.join(parts)} "
                   f"FROM scores GROUP BY {group}").to_arrow_table()
    names = ["year", "school", "grade", "gender", "respondents", *measure_columns(definition)]
    frame = {}
    for index, name in enumerate(names):
        values = wide.column(index)
        if name in ("school", "gender"):
            frame[name] = values.to_pandas().astype(object)
        elif name in ("year", "grade", "respondents") or name.endswith((":n", ":low")) \
                or ":upto" in name:
            frame[name] = values.cast(pa.int64()).to_numpy(zero_copy_only=False)
        else:
            frame[name] = values.cast(pa.float64()).to_numpy(zero_copy_only=False)
    return pd.DataFrame(frame)


def cube_from_finest(finest: pd.DataFrame, definition: dict) -> pd.DataFrame:
    """Add every margin (per year, never across years) to the finest groups."""
    numbers = ["respondents", *measure_columns(definition)]
    if finest.empty:
        return pd.DataFrame(columns=["year", *GROUP_DIMENSIONS, "grouping", *numbers,
                                     "min_n"])
    parts = []
    for size in range(len(GROUP_DIMENSIONS), -1, -1):
        for by in itertools.combinations(GROUP_DIMENSIONS, size):
            keys = ["year", *by]
            summed = finest.groupby(keys, sort=True, dropna=False)[numbers].sum().reset_index()
            for dimension in GROUP_DIMENSIONS:
                if dimension not in by:
                    summed[dimension] = pd.NA
            summed["grouping"] = grouping_name(by)
            parts.append(summed)
    cube = pd.concat(parts, ignore_index=True)
    cube["grade"] = cube["grade"].astype("Int64")
    for dimension in ("school", "gender"):
        cube[dimension] = cube[dimension].astype(object)
    cube["min_n"] = cube[[column(ind["slug"], "n") for ind in definition["indicators"]]] \
        .min(axis=1).astype(np.int64)
    return cube[["year", *GROUP_DIMENSIONS, "grouping", *numbers, "min_n"]]


def cube_build(*, paths, definition: dict, con=None) -> pd.DataFrame:
    """The unprotected cube of the waves in `paths` (each year its own set of margins)."""
    if not paths:
        return cube_from_finest(pd.DataFrame(), definition)
    return cube_from_finest(finest_groups(paths=paths, definition=definition, con=con),
                            definition)
