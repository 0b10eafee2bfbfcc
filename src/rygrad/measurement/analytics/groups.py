"""The indicator table: one row per group and indicator, with n, mean and its t-interval,
the share at or below the indicator's low threshold with its Wilson interval, the shares in
the four bands of a 1-5 scale, and disclosure control applied to every row."""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def aggregate(*, paths, definition: dict, by: list[str], con=None) -> pd.DataFrame:
    """Per group and indicator: n, mean, sd, count at/below the threshold, band counts."""
    con = con or connect()
    indicators = definition["indicators"]
    bands = definition["scale"]["min"] == 1 and definition["scale"]["max"] == 5
    parts = []
    for ind in indicators:
        s = quote(ind["slug"])
        threshold = float(ind["low_threshold"])
        band_sql = (f", count_if({s} <= 2.0), count_if({s} > 2.0 AND {s} <= 3.0), "
                    f"count_if({s} > 3.0 AND {s} <= 4.0), count_if({s} > 4.0)") if bands \
            else ", NULL, NULL, NULL, NULL"
        parts.append(f"count({s}), avg({s}), stddev_samp({s}), count_if({s} <= {threshold})"
                     f"{band_sql}")
    group = ", ".join(quote(c) for c in by)
    select = (group + ", " if by else "") + ", ".join(parts)
    sql = (f"WITH scores AS ({scores_sql(paths=paths, indicators=indicators, items=definition['items'], scale_min=definition['scale']['min'], scale_max=definition['scale']['max'])}) "  # noqa: E501
           f"SELECT {select} FROM scores" + (f" GROUP BY {group}" if by else ""))
    wide = con.sql(sql).to_arrow_table()
    width = 8
    frames = []
    for index, ind in enumerate(indicators):
        base = len(by) + index * width
        columns = {c: wide.column(i).to_numpy(zero_copy_only=False)
                   for i, c in enumerate(by)}
        for offset, name in enumerate(["n", "mean", "sd", "low", "b1", "b2", "b3", "b4"]):
            columns[name] = wide.column(base + offset).to_numpy(zero_copy_only=False)
        frame = pd.DataFrame(columns)
        frame.insert(len(by), "indicator", ind["slug"])
        frames.append(frame[frame["n"] > 0])
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for column in ("n", "low"):
        result[column] = result[column].astype(np.int64)
    return result


def indicator_table(*, paths, definition: dict, by: list[str], k: int,
                    con=None) -> pd.DataFrame:
    """The disclosure-controlled indicator table by `by` (any of year, school, grade,
    gender). Suppressed rows keep their group values and have NaN in every number."""
    by = check_by(by)
    indicator_order = {ind["slug"]: i for i, ind in enumerate(definition["indicators"])}
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
    frame["suppressed"] = suppress(frame, by=by, k=k)
    frame["_order"] = frame["indicator"].map(indicator_order)
    frame = frame.sort_values([*by, "_order"], kind="mergesort").drop(columns="_order")
    frame = frame.reset_index(drop=True)
    hidden = frame["suppressed"].to_numpy()
    frame["n"] = frame["n"].astype("Int64")
    frame["low"] = frame["low"].astype("Int64")
    frame.loc[hidden, NUMBERS] = pd.NA
    return frame[[*by, *GROUP_COLUMNS, "sd", "low", "band_1", "band_2", "band_3", "band_4"]]
