"""Turning analytics tables into plain rows for CSV files, exports and templates.

Suppressed numbers are pandas NA/NaN; every writer shows them as empty cells. Text that a
spreadsheet would take as a formula is quoted (see core.exports).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from rygrad.core.exports import safe_csv_text


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


def csv_cell(value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return safe_csv_text(value)  # a school name like "=HYPERLINK(…)" stays text
    return str(value)


def write_csv(frame: pd.DataFrame, columns: list[str], target: Path) -> int:
    """Write `columns` of `frame` (in that order) to a UTF-8 CSV; returns the row count."""
    with Path(target).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in frame[columns].itertuples(index=False):
            writer.writerow([csv_cell(v) for v in row])
    return len(frame)
