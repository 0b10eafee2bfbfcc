"""Respondent scores, computed inside DuckDB from the waves' Parquet snapshots.

A respondent's score on an indicator is the mean of the items they answered, reverse-coded
items flipped (min + max - value), and only when they answered at least half of the
indicator's items; otherwise the score is NULL and the respondent is not counted.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb

# Nothing may be fetched from the internet at run time: use only what the wheel has built in.
DUCKDB_CONFIG = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}

# One in-memory DuckDB database per process (opening one costs 15-40 ms of CPU); each use
# gets its own cursor of it, which DuckDB makes safe to use from its own thread (gunicorn
# threads, the test live server). A forked child opens its own: a database is not shared
# across fork.
_lock = threading.Lock()
_database: tuple[int, duckdb.DuckDBPyConnection] | None = None
_used = 0


def connect() -> duckdb.DuckDBPyConnection:
    """A fresh cursor of the process's DuckDB database, for one use (one thread). Close it
    when done (`with connect() as con:`), or leave it to the garbage collector."""
    global _database, _used
    with _lock:
        if _database is None or _database[0] != os.getpid():
            _database = (os.getpid(), duckdb.connect(":memory:", config=DUCKDB_CONFIG))
        _used += 1
        return _database[1].cursor()


def duckdb_uses() -> int:
    """How many DuckDB cursors this process has handed out: a page that reads only stored
    results hands out none (the tests count them)."""
    return _used


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def score_expression(*, items: list[str], reverse: set[str], scale_min: int,
                     scale_max: int) -> str:
    """SQL for one indicator's score of one respondent (NULL under the half-answered rule)."""
    flip = scale_min + scale_max
    values = [f"({flip} - {quote(code)})" if code in reverse else f"{quote(code)}"
              for code in items]
    answered = " + ".join(f"({quote(code)} IS NOT NULL)::INTEGER" for code in items)
    total = " + ".join(f"coalesce({value}, 0)" for value in values)
    return (f"CASE WHEN 2 * ({answered}) >= {len(items)} "
            f"THEN ({total})::DOUBLE / ({answered}) END")


def scores_sql(*, paths: list[Path], indicators: list[dict], items: list[dict],
               scale_min: int, scale_max: int) -> str:
    """A SELECT giving year, school, grade, gender and one score column per indicator
    (named by the indicator's slug) for every respondent in the snapshots."""
    reverse = {item["code"] for item in items if item.get("reverse")}
    files = "[" + ", ".join(literal(str(p)) for p in paths) + "]"
    columns = ",\n  ".join(
        f"{score_expression(items=ind['items'], reverse=reverse, scale_min=scale_min, scale_max=scale_max)}"  # noqa: E501
        f" AS {quote(ind['slug'])}" for ind in indicators
    )
    return (f"SELECT year, school, grade, gender,\n  {columns}\n"
            f"FROM read_parquet({files}, union_by_name = true)")
