"""Turning analytics tables into plain rows for the CLI's files, exports and templates.

Suppressed numbers are pandas NA/NaN; every writer shows them as empty cells. The files
themselves are written by core.exports, the one tabular writer (and its formula guard):
the CLI in its machine format, the pages in the people's format.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from rygrad.core.exports import MACHINE_CSV, Table, table_write_csv


def plain(value):
    """A table value as plain Python: None for missing, int/float/bool/str otherwise."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def frame_rows(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    return [[plain(v) for v in row] for row in frame[columns].itertuples(index=False)]


def write_csv(frame: pd.DataFrame, columns: list[str], target: Path) -> int:
    """Write `columns` of `frame` (in that order, headed by their names) to `target` in
    the machine format (core.exports.MACHINE_CSV: UTF-8 without a byte-order mark, commas,
    decimal points, true/false); returns the row count."""
    table = Table(title=Path(target).stem, columns=columns, rows=frame_rows(frame, columns))
    return table_write_csv(table, target, dialect=MACHINE_CSV)
