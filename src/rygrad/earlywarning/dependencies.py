"""What a signal reads, and which of its months a change of data can have moved.

A signal is a function of the database (`core.signals.register_signal` asks that of every
signal). While the history computes a signal, every SQL statement it runs is read for the
tables and columns it names (`Reads`); a change the audit log recorded (`Touch`: a table,
a column, and the earliest date the change can matter from) then concerns only the
signals that read that column of that table — a renamed activity moves no signal, a driver
changed retroactively moves backbone load from the date of the change on.

This is sound for the same reason a build tool's dependency tracking is: a signal that
did not read a column last time takes the same path through the same data, so it cannot
read it this time either, unless something it did read has changed — and that change is
itself a touch. Dates follow one rule of the domain: *a record counts in no signal before
the earliest of its dates* (a membership from its start, a stage from the day it was
reached, an action item from its deadline). A change of a date therefore matters from the
earlier of its old and new value; a new or deleted record from its earliest date; a change
of anything else (a sector, a track, an organisation made the backbone) may matter at any
time, so it reaches back to the beginning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models

ANY = "*"
# The start of time for a change that may matter at any date.
BEGINNING = dt.date.min

# Table references in FROM and JOIN, with the alias Django gives a table in a subquery or
# a second join of the same table (U0, T3, V0 ...).
_FROM = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"(?:\s+(?:AS\s+)?"?([A-Z]\d+)"?)?', re.IGNORECASE)
# A qualified column: "table"."column" or U0."column".
_QUALIFIED = re.compile(r'(?:"(\w+)"|\b([A-Za-z]\w*))\."(\w+)"')
_QUOTED = re.compile(r'"(\w+)"')


def known_tables() -> frozenset[str]:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def sql_reads(sql: str, tables: frozenset[str]) -> dict[str, set[str]]:
    """The tables one statement reads and the columns it names in each. A column whose
    table cannot be told (an unknown qualifier, no qualifier) counts for every table of the
    statement: a dependency too many costs a recomputation, one too few a wrong number."""
    aliases: dict[str, str] = {}
    for table, alias in _FROM.findall(sql):
        if table in tables:
            aliases[table] = table
            if alias:
                aliases[alias] = table
    named = set(aliases.values())
    reads: dict[str, set[str]] = {table: set() for table in named}
    qualified_spans = []
    for match in _QUALIFIED.finditer(sql):
        qualifier, column = match.group(1) or match.group(2), match.group(3)
        qualified_spans.append(match.span())
        table = aliases.get(qualifier) or (qualifier if qualifier in tables else None)
        if table:
            reads.setdefault(table, set()).add(column)
        else:
            for table in named:
                reads[table].add(column)
    rest = sql
    for begin, end in reversed(qualified_spans):
        rest = rest[:begin] + " " + rest[end:]
    loose = {name for name in _QUOTED.findall(rest) if name not in tables}
    for table in named:
        reads[table] |= loose
    return reads


class Reads:
    """Everything one signal read, merged over the months it was computed for."""

    def __init__(self, initial: dict[str, list[str]] | None = None):
        self.tables: dict[str, set[str]] = defaultdict(set)
        for table, columns in (initial or {}).items():
            self.tables[table] |= set(columns)
        self._known = known_tables()

    def __enter__(self) -> Reads:
        self._wrapper = connection.execute_wrapper(self._record)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)

    def _record(self, execute, sql, params, many, context):
        for table, columns in sql_reads(sql, self._known).items():
            self.tables[table] |= columns
        return execute(sql, params, many, context)

    def as_json(self) -> dict[str, list[str]]:
        return {table: sorted(columns) for table, columns in sorted(self.tables.items())}


@dataclass(frozen=True)
class Touch:
    """What one recorded change may have moved: a column of a table (`ANY`: the rows as a
    whole, when records are created or deleted) from a date on."""

    table: str
    column: str
    from_on: dt.date


def concerns(reads: dict[str, list[str]], touch: Touch) -> bool:
    """Whether a signal that read `reads` can be moved by `touch`."""
    columns = reads.get(touch.table)
    if columns is None:
        return False
    return touch.column == ANY or ANY in columns or touch.column in columns


def _date(text) -> dt.date | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) == 10 else None
    except ValueError:
        return None


def _is_date_field(field) -> bool:
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


def _through_tables(model) -> list[str]:
    return [field.remote_field.through._meta.db_table
            for field in model._meta.many_to_many]


def _pointing_tables(model) -> list[str]:
    """Tables of the models that point at `model` (the rows a bulk change belongs to)."""
    return [rel.related_model._meta.db_table for rel in model._meta.related_objects
            if rel.one_to_many or rel.one_to_one]


def entry_touches(model, action: int, changes: dict | None) -> list[Touch]:
    """What one audit-log entry (`action`: 0 create, 1 update, 2 delete) may have moved.
    An entry whose model is gone touches everything from the beginning."""
    if model is None:
        return [Touch(ANY, ANY, BEGINNING)]
    table = model._meta.db_table
    changes = changes or {}
    if action in (0, 2):
        side = 1 if action == 0 else 0
        dates = []
        for name, change in changes.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if _is_date_field(field) and isinstance(change, list) and len(change) == 2:
                dates.append(_date(change[side]))
        dates = [on for on in dates if on is not None]
        touches = [Touch(table, ANY, min(dates) if dates else BEGINNING)]
        if action == 2:  # a deleted record takes its many-to-many rows with it, unlogged
            touches += [Touch(through, ANY, BEGINNING) for through in _through_tables(model)]
        return touches
    if action != 1:
        return []
    touches = []
    for name, change in changes.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            # A bulk change recorded under a name of its own on the record its rows belong
            # to (`core.freshness.record_bulk_change`): any table pointing at it.
            touches.append(Touch(table, ANY, BEGINNING))
            touches += [Touch(t, ANY, BEGINNING) for t in _pointing_tables(model)]
            continue
        if isinstance(change, dict) and change.get("type") == "m2m":
            touches.append(Touch(field.remote_field.through._meta.db_table, ANY, BEGINNING))
        elif not field.concrete:
            # An update names a reverse relation only when the rows on the other side were
            # written in bulk and recorded here (`record_bulk_change`): a wave's population.
            if field.is_relation and field.related_model is not None:
                touches.append(Touch(field.related_model._meta.db_table, ANY, BEGINNING))
        elif _is_date_field(field) and isinstance(change, list) and len(change) == 2:
            dates = [on for on in map(_date, change) if on is not None]
            touches.append(Touch(table, field.column, min(dates) if dates else BEGINNING))
        else:
            touches.append(Touch(table, field.column, BEGINNING))
    return touches


def untracked_tables() -> frozenset[str]:
    """Tables whose changes the audit log does not record: neither a registered model's
    nor the link table of one's many-to-many field. A signal should not read one (the
    dashboard's cache relies on it too, `core.freshness`); if it does, only a full
    recomputation can see its changes."""
    from auditlog.registry import auditlog

    tracked = set()
    for model in auditlog.get_models():
        tracked.add(model._meta.db_table)
        tracked |= set(_through_tables(model))
    return known_tables() - tracked
