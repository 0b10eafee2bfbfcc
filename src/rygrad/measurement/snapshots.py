"""Columnar snapshots of a wave's responses, the files DuckDB reads.

The database stays the source of truth; each wave has one Parquet file (year, school, grade,
gender, one int8 column per item) named by `Wave.snapshot_token`. Anything that changes the
responses clears the token, and `wave_snapshot_path` rebuilds the file on the next read.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.db import transaction

from .models import Response, Wave
from .packing import unpack


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


def snapshot_write(*, wave: Wave, table: pa.Table) -> str:
    """Write a snapshot file and return its token (the caller stores it on the wave)."""
    token = uuid.uuid4().hex
    pq.write_table(table, snapshot_dir() / f"{token}.parquet", compression="zstd")
    return token


def snapshot_discard(token: str) -> None:
    """Remove an outdated snapshot once the change that outdated it is committed."""
    if token:
        path = snapshot_dir() / f"{token}.parquet"
        transaction.on_commit(lambda: path.unlink(missing_ok=True))


def wave_snapshot_path(*, wave: Wave) -> Path:
    """The wave's Parquet snapshot, rebuilt from the database when missing or outdated."""
    if wave.snapshot_token:
        path = snapshot_dir() / f"{wave.snapshot_token}.parquet"
        if path.exists():
            return path
    rows = list(
        Response.objects.filter(wave=wave).values_list("school", "grade", "gender", "answers")
    )
    codes = wave.instrument.item_codes
    schools, grades, genders, answers = (list(c) for c in zip(*rows, strict=True)) if rows \
        else ([], [], [], [])
    table = snapshot_table(year=wave.year, school=schools, grade=grades, gender=genders,
                           values=unpack(answers, len(codes)), codes=codes)
    token = snapshot_write(wave=wave, table=table)
    Wave.objects.filter(pk=wave.pk).update(snapshot_token=token)
    wave.snapshot_token = token
    return snapshot_dir() / f"{token}.parquet"
