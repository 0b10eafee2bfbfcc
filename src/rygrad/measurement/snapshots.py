"""Columnar snapshots of a wave's responses, the files DuckDB reads.

The database stays the source of truth. Two kinds of file live in the survey folder, each
named by a random token and never rewritten:

- the *draft* snapshot of a wave (`Wave.snapshot_token`), rebuilt on the next read after the
  responses change — read only by the secretariat's review page;
- a *release* (`Release.token`): the frozen copy of the responses as published
  (`<token>.parquet`), its protected cube of every grouping (`<token>.cube.parquet`) and
  the results computed from them when it was published (`stored`). Everything outside
  the review page reads releases only, and of them only the stored results and the cube's
  response counts.

Files are never removed while a request may read them: a draft snapshot that is no longer
current is swept away only after an hour (`snapshot_sweep`), and releases stay.
"""

from __future__ import annotations

import functools
import re
import shutil
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings

from .models import Release, Response, Wave
from .packing import unpack

SWEEP_AFTER_SECONDS = 3600
TOKEN = re.compile(r"[0-9a-f]{32}")


def snapshot_dir() -> Path:
    """Where snapshots live (setting RYGRAD_SURVEY_DIR, default VAR_DIR/survey)."""
    directory = Path(getattr(settings, "RYGRAD_SURVEY_DIR", settings.VAR_DIR / "survey"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def snapshot_table(*, year: int, school, grade, gender, values: np.ndarray,
                   codes: list[str]) -> pa.Table:
    """The snapshot's columns; items are nullable int8 (null = not answered)."""
    n = len(school)
    columns = {
        "year": pa.array(np.full(n, year, dtype=np.int16)),
        "school": pa.array(school, type=pa.string()),
        "grade": pa.array(np.asarray(grade, dtype=np.int16)),
        "gender": pa.array(gender, type=pa.string()),
    }
    for index, code in enumerate(codes):
        column = values[:, index]
        columns[code] = pa.array(column, type=pa.int8(), mask=column < 0)
    return pa.table(columns)


def _write(table: pa.Table, path: Path) -> None:
    """Write under a temporary name and rename: a reader never sees half a file."""
    partial = path.with_suffix(".partial")
    pq.write_table(table, partial, compression="zstd")
    partial.replace(path)


def snapshot_write(*, wave: Wave, table: pa.Table) -> str:
    """Write a draft snapshot file and return its token (the caller stores it)."""
    token = uuid.uuid4().hex
    _write(table, snapshot_dir() / f"{token}.parquet")
    return token


def snapshot_sweep(*, max_age: float = SWEEP_AFTER_SECONDS) -> int:
    """Remove draft snapshots no wave uses any more, and the files of publications that
    never became a release, once nobody has touched them for `max_age` seconds. A file
    named by a release's token is never removed here."""
    keep = set(Wave.objects.exclude(snapshot_token="").values_list("snapshot_token", flat=True))
    keep |= set(Release.objects.values_list("token", flat=True))
    removed = 0
    cutoff = time.time() - max_age
    for path in snapshot_dir().iterdir():
        tokens = set(TOKEN.findall(path.name))
        try:
            fresh = path.stat().st_mtime >= cutoff
        except FileNotFoundError:  # another sweep was first
            continue
        if not tokens or tokens <= keep or fresh:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed


def wave_snapshot_path(*, wave: Wave) -> Path:
    """The wave's draft snapshot, rebuilt from the database when missing or outdated.

    The token is stored only if no response changed while the file was being built
    (`response_version` still the one read first), so an older build can never overwrite
    a newer one's token.
    """
    current = Wave.objects.filter(pk=wave.pk).values_list(
        "snapshot_token", "response_version").first()
    token, version = current if current else ("", 0)
    if token:
        path = snapshot_dir() / f"{token}.parquet"
        if path.exists():
            wave.snapshot_token = token
            return path
    rows = list(
        Response.objects.filter(wave=wave).order_by("id")  # random ids: no submission order
        .values_list("school", "grade", "gender", "answers")
    )
    codes = wave.instrument.item_codes
    schools, grades, genders, answers = (list(c) for c in zip(*rows, strict=True)) if rows \
        else ([], [], [], [])
    table = snapshot_table(year=wave.year, school=schools, grade=grades, gender=genders,
                           values=unpack(answers, len(codes)), codes=codes)
    token = snapshot_write(wave=wave, table=table)
    Wave.objects.filter(pk=wave.pk, response_version=version).update(snapshot_token=token)
    wave.snapshot_token = token
    return snapshot_dir() / f"{token}.parquet"


def release_paths(token: str) -> tuple[Path, Path]:
    """The frozen responses and the protected cube of a release."""
    directory = snapshot_dir()
    return directory / f"{token}.parquet", directory / f"{token}.cube.parquet"


def release_write(*, responses: Path, cube: pd.DataFrame) -> str:
    """Freeze a copy of the responses and the protected cube under a new token."""
    token = uuid.uuid4().hex
    frozen, cube_path = release_paths(token)
    partial = frozen.with_suffix(".partial")
    shutil.copyfile(responses, partial)
    partial.replace(frozen)
    _write(pa.Table.from_pandas(cube, preserve_index=False), cube_path)
    return token


COUNT_COLUMNS = ["year", "school", "grade", "gender", "grouping", "respondents",
                 "suppressed"]


def _cube_frame(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    frame = pq.read_table(path, columns=columns).to_pandas()
    frame["grade"] = frame["grade"].astype("Int64")
    for column in ("school", "gender"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), pd.NA)
    return frame


def release_cube(token: str) -> pd.DataFrame:
    """A release's whole protected cube, read when the next release of its wave is
    checked against it."""
    return _cube_frame(release_paths(token)[1])


@functools.lru_cache(maxsize=128)
def _counts(directory: str, token: str) -> pd.DataFrame:
    return _cube_frame(Path(directory) / f"{token}.cube.parquet", COUNT_COLUMNS)


def release_counts(token: str) -> pd.DataFrame:
    """Respondents per group of a release and whether the group is hidden (the cube's
    count columns). Releases never change, so each is read once per process; callers
    must not modify the frame."""
    return _counts(str(snapshot_dir()), token)
