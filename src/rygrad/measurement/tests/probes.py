"""Watching what a request computes, without replacing anything: a profile hook records
every call into the survey statistics, and DuckDB's own count says how many cursors were
handed out."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rygrad.measurement import analytics
from rygrad.measurement.analytics.scores import duckdb_uses

_ANALYTICS = Path(analytics.__file__).parent
# Whole modules that only compute: intervals and tests, the cube's scan, the protection.
_COMPUTING = {str(_ANALYTICS / f"{name}.py") for name in ("stats", "cube", "protection")}
# The functions that build tables out of a cube (the rest of those modules only check
# arguments: check_by, check_years).
_BUILDING = {(str(_ANALYTICS / "groups.py"), "indicator_table"),
             (str(_ANALYTICS / "changes.py"), "indicator_changes"),
             (str(_ANALYTICS / "scores.py"), "scores_sql")}


@dataclass
class Computed:
    calls: list[str] = field(default_factory=list)
    duckdb: int = 0


@contextmanager
def computing():
    """Record, for the block, the statistics functions called in this thread (the test
    client runs the view in it) and the DuckDB cursors this process handed out."""
    seen = Computed()

    def profile(frame, event, _arg):
        if event != "call":
            return
        code = frame.f_code
        if code.co_name == "<module>":  # an import, not a computation
            return
        if code.co_filename in _COMPUTING or (code.co_filename, code.co_name) in _BUILDING:
            seen.calls.append(f"{Path(code.co_filename).stem}.{code.co_name}")

    before = duckdb_uses()
    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(previous)
        seen.duckdb = duckdb_uses() - before
