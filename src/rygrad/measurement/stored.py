"""The stored results of releases: what every page, signal, export and CLI command reads.

A release's statistics are computed once, when its wave is published (`releases`), and
stored in the survey folder beside its frozen responses and cube, named by release tokens
and never rewritten:

- `<token>.tables/`: the indicator table of every grouping of the year (one Parquet file
  per grouping: n, mean and its t-interval, the share low and its Wilson interval, the
  bands; hidden rows keep their group and have no numbers) and `summary.json` (the year's
  count of pupils in the lowest band of any indicator);
- `<earlier>.<later>.changes/`: the change tables between two releases of one instrument,
  the earlier year first, one file per grouping (Welch and two-proportion tests with
  Benjamini-Hochberg q-values over each whole table).

Each folder is written under a temporary name and renamed into place, so a reader finds a
complete one or none. A new release has a new token, so its files never replace a file a
reader holds; pages find the current ones through `Wave.release_token`, which publishing
switches in one transaction once every file is written. Files never change, so each is
read once per process.
"""

from __future__ import annotations

import functools
import itertools
import json
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .analytics.cube import GROUP_DIMENSIONS
from .snapshots import snapshot_dir

# Every grouping of a year's tables: the dimensions besides the year, in their fixed order.
GROUPINGS = [by for size in range(len(GROUP_DIMENSIONS) + 1)
             for by in itertools.combinations(GROUP_DIMENSIONS, size)]


def _file_name(dimensions) -> str:
    return "-".join(dimensions) or "all"


def tables_path(token: str) -> Path:
    return snapshot_dir() / f"{token}.tables"


def changes_path(earlier: str, later: str) -> Path:
    return snapshot_dir() / f"{earlier}.{later}.changes"


def _write_folder(target: Path, frames: dict[tuple, pd.DataFrame],
                  summary: dict | None = None) -> None:
    """Write one Parquet file per grouping into a temporary folder and rename it to
    `target`; when another process wrote the same folder first, keep theirs."""
    partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.partial")
    partial.mkdir(parents=True)
    for dimensions, frame in frames.items():
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False),
                       partial / f"{_file_name(dimensions)}.parquet", compression="zstd")
    if summary is not None:
        (partial / "summary.json").write_text(json.dumps(summary))
    try:
        partial.rename(target)
    except OSError:  # already there: the same numbers, written by another process
        shutil.rmtree(partial, ignore_errors=True)
        if not target.is_dir():
            raise


def tables_write(token: str, tables: dict[tuple, pd.DataFrame], *, summary: dict) -> None:
    """Store a release's indicator tables (one per grouping, as `indicator_table` gives
    them by year and the grouping) and its summary."""
    _write_folder(tables_path(token), tables, summary)


def changes_write(earlier: str, later: str, changes: dict[tuple, pd.DataFrame]) -> None:
    """Store the change tables (one per grouping) between two releases."""
    _write_folder(changes_path(earlier, later), changes)


def changes_stored(earlier: str, later: str) -> bool:
    return changes_path(earlier, later).is_dir()


# A national year's finest table is some 15 MB in memory; most groupings are far smaller.
@functools.lru_cache(maxsize=64)
def _read(folder: str, name: str) -> pd.DataFrame:
    return pq.read_table(Path(folder) / f"{name}.parquet").to_pandas()


def _grouping_frame(folder: Path, by) -> pd.DataFrame:
    dimensions = tuple(d for d in GROUP_DIMENSIONS if d in by)
    unknown = [d for d in by if d not in ("year", *GROUP_DIMENSIONS)]
    if unknown or len(set(by)) != len(by):
        raise ValueError(f"Not a grouping of the stored tables: {by}.")
    return _read(str(folder), _file_name(dimensions))


def release_table(token: str, by) -> pd.DataFrame:
    """The stored indicator table of a release grouped by `by` (besides the year; any
    order), with its dimensions in their fixed order. Shared: callers must not modify
    it."""
    return _grouping_frame(tables_path(token), by)


def release_changes(earlier: str, later: str, by) -> pd.DataFrame:
    """The stored change table between two releases grouped by `by` (any order), with its
    dimensions in their fixed order. Shared: callers must not modify it."""
    return _grouping_frame(changes_path(earlier, later), by)


@functools.lru_cache(maxsize=256)
def _summary(folder: str) -> dict:
    return json.loads((Path(folder) / "summary.json").read_text())


def release_summary(token: str) -> dict:
    """What else publishing stored about the year (see `releases.release_summary_build`)."""
    return _summary(str(tables_path(token)))

