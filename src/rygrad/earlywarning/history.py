"""Every signal's history: its value at each month end of the initiative's life, kept in a
table (`HistoryPoint`) that is never stale on a page.

The history is keyed to the data version (`core.freshness`): `HistoryState.version` says
which audit-log entries it has taken in. Taking in newer entries (`changes_take_in`) is
cheap — one query over the new entries — and marks, per signal, from which month its
points may be wrong (`dependencies`); `history_refresh` then computes just those months,
and the months that have ended since, through the registry's `compute(initiative, at)`.
Pages read the points that are right (`history_read`) and ask the background worker
(django-tasks) to compute the rest, so a page never waits for a history and never shows a
number older than its data.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone

from rygrad.core.freshness import data_version
from rygrad.core.signals import all_signals, together
from rygrad.core.tenancy import tenancy

from . import dependencies
from .models import HistoryPoint, HistoryState
from .periods import month_end, month_ends, previous_month_end


def history_span(*, initiative, today: dt.date) -> tuple[dt.date, dt.date | None]:
    """The first and last month end of the initiative's history: from the month it
    started (or was created) through the last month that has ended (None: none has)."""
    begun = initiative.started_on or timezone.localdate(initiative.created_at)
    first = month_end(begun)
    last = previous_month_end(today)
    return first, (last if last >= first else None)


def _state(initiative) -> HistoryState:
    return HistoryState.objects.get_or_create(initiative=initiative)[0]


def history_stamp(initiative) -> str:
    """What the initiative's history is as of now, in one query: the data version and
    when the history was last refreshed. Anything drawn from the history alone (the
    dashboard's trend lines) can be kept under it."""
    state, version = _state_and_version(initiative)
    refreshed = state.refreshed_at.isoformat() if state.refreshed_at else ""
    return f"{version}:{refreshed}"


def _state_and_version(initiative) -> tuple[HistoryState, int]:
    """The initiative's state and the data version, in one query. Before the first
    refresh there is no state, and a page does not write one: it gets an unsaved, empty
    state (whose every point is missing), and the version does not matter."""
    from auditlog.models import LogEntry

    latest = LogEntry.objects.order_by("-id").values("id")[:1]
    found = (HistoryState.objects.for_initiative(initiative)
             .annotate(latest=Subquery(latest)).first())
    if found is None:
        return HistoryState(initiative=initiative), 0
    return found, found.latest or 0


def _entries_since(version: int):
    from auditlog.models import LogEntry

    return (LogEntry.objects.filter(id__gt=version).order_by("id")
            .values_list("id", "content_type_id", "object_pk", "action", "changes"))


def _model_of(content_type_id: int):
    from django.contrib.contenttypes.models import ContentType

    try:
        return ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


def _other_initiatives(initiative, pending: dict) -> set[tuple[int, str]]:
    """Which of the (content type, object pk) of updates belong to another initiative:
    one query per kind of record (the entry of an update does not say whose it is)."""
    others = set()
    for (content_type_id, model), pks in pending.items():
        try:
            model._meta.get_field("initiative")
        except FieldDoesNotExist:  # no initiative: it may concern anyone
            continue
        owners = model._base_manager.filter(pk__in=list(pks)).values_list("pk", "initiative_id")
        others |= {(content_type_id, str(pk)) for pk, owner in owners if owner != initiative.pk}
    return others


def changes_take_in(*, initiative, state: HistoryState, upto: int) -> dict[str, dt.date]:
    """What the audit-log entries after `state.version` (up to `upto`) may have moved in
    this initiative's history: signal key -> the first date to recompute from. Entries of
    other initiatives' records are left out where the entry or one query per kind of
    record tells whose they are."""
    touches: list[tuple[tuple[int, str] | None, dependencies.Touch]] = []
    pending: dict[tuple[int, object], set[str]] = defaultdict(set)
    read_tables = {table for reads in state.reads.values() for table in reads}
    for entry_id, content_type_id, object_pk, action, changes in _entries_since(state.version):
        if entry_id > upto:
            break
        model = _model_of(content_type_id)
        found = [touch for touch in dependencies.entry_touches(model, action, changes)
                 if touch.table == dependencies.ANY or touch.table in read_tables]
        if not found:
            continue
        owner = (changes or {}).get("initiative")
        if model is not None and model is tenancy().model:
            if object_pk != str(initiative.pk):
                continue
        elif action in (0, 2) and isinstance(owner, list) and len(owner) == 2:
            whose = owner[1] if action == 0 else owner[0]
            if whose not in (None, "None") and whose != str(initiative.pk):
                continue
        elif model is not None and action == 1:
            pending[(content_type_id, model)].add(object_pk)
        touches += [((content_type_id, object_pk), touch) for touch in found]
    others = _other_initiatives(initiative, pending) if pending else set()
    dirty: dict[str, dt.date] = {}
    for key, reads in state.reads.items():
        for whose, touch in touches:
            if whose in others:
                continue
            moved = touch.table == dependencies.ANY or dependencies.concerns(reads, touch)
            if moved and (key not in dirty or touch.from_on < dirty[key]):
                dirty[key] = touch.from_on
    return dirty


# Beyond this many recorded changes, computing every signal again costs less than
# reading what each change touched.
MOVED_MOST_ENTRIES = 2000


def signals_moved(*, initiative, since: int, upto: int, at: dt.date) -> set[str] | None:
    """Which signals' values on `at` the changes recorded after data version `since` (up
    to `upto`) may have moved — for the dashboard's values (`core.signals.computed_values`,
    registered in apps.py). It answers from what each signal read while its history was
    computed (the same `compute` at other dates): a signal without a history yet, or one
    that read a table the audit log does not see, is always named; None when there are
    too many changes to be worth reading."""
    if upto - since > MOVED_MOST_ENTRIES:
        return None
    state = HistoryState.objects.for_initiative(initiative).first()
    if state is None or not state.reads:
        return None
    unseen = dependencies.untracked_tables()
    probe = HistoryState(initiative=initiative, version=since, reads=state.reads)
    dirty = changes_take_in(initiative=initiative, state=probe, upto=upto)
    moved = {key for key, on in dirty.items() if on <= at}
    return moved | {signal.key for signal in all_signals()
                    if signal.key not in state.reads or unseen & set(state.reads[signal.key])}


def _merge(dirty: dict[str, str], found: dict[str, dt.date]) -> dict[str, str]:
    merged = dict(dirty)
    for key, on in found.items():
        text = on.isoformat()
        if key not in merged or text < merged[key]:
            merged[key] = text
    return merged


@dataclass
class History:
    """An initiative's history as a page may show it: for each signal key the month ends
    whose value is right (`points`, oldest first) and the last month end it reaches
    (`through`); `pending` says a refresh is on its way for what is missing."""

    start: dt.date
    through: dt.date | None
    points: dict[str, list[tuple[dt.date, float | None]]] = field(default_factory=dict)
    complete_through: dict[str, dt.date | None] = field(default_factory=dict)
    pending: bool = False

    def complete(self, key: str, at: dt.date) -> bool:
        """Whether every month end of `key` before `at` is known."""
        needed = previous_month_end(at)
        if needed < self.start:
            return True
        known = self.complete_through.get(key)
        return known is not None and known >= min(needed, self.through or needed)

    def series(self, key: str, *, before: dt.date) -> list[tuple[dt.date, float | None]]:
        """The known month ends of `key` before `before`."""
        return [(on, value) for on, value in self.points.get(key, []) if on < before]


def history_read(*, initiative, at: dt.date | None = None, today: dt.date | None = None,
                 keys: list[str] | None = None) -> History:
    """The history up to `at` (default: today) as it may be shown now: changes recorded
    since it was last brought up to date are taken in first (and a refresh is queued), so
    months they may have moved are left out rather than shown wrong. A fixed handful of
    queries, whatever the number of months, signals or records."""
    today = today or timezone.localdate()
    at = at or today
    state, version = _state_and_version(initiative)
    if version > state.version and state.pk:
        # Before anything is computed, nothing can be moved: no need to read the log.
        found = (changes_take_in(initiative=initiative, state=state, upto=version)
                 if state.reads else {})
        state.dirty = _merge(state.dirty, found)
        HistoryState.objects.filter(pk=state.pk).update(version=version, dirty=state.dirty)
        state.version = version
    start, through = history_span(initiative=initiative, today=today)
    registered = [signal.key for signal in all_signals()]
    wanted = keys or registered
    complete: dict[str, dt.date | None] = {}
    for key in wanted:
        if key not in state.reads or state.start != start or state.through is None:
            complete[key] = None
            continue
        last = state.through
        if key in state.dirty:
            wrong_from = dt.date.fromisoformat(state.dirty[key])
            last = min(last, previous_month_end(wrong_from) if wrong_from > start else start)
            if wrong_from <= start:
                complete[key] = None
                continue
        complete[key] = last if last >= start else None
    points: dict[str, list] = defaultdict(list)
    known = [key for key in wanted if complete[key] is not None]
    rows = (HistoryPoint.objects.for_initiative(initiative).filter(key__in=known, on__lt=at)
            .order_by("key", "on").values_list("key", "on", "value")) if known else []
    for key, on, value in rows:
        if on <= complete[key]:
            points[key].append((on, value))
    history = History(start=start, through=through, points=dict(points),
                      complete_through=complete)
    outdated = (state.dirty or state.through != through or state.start != start
                or set(registered) - set(state.reads))
    if outdated:
        history.pending = True
        # One request per data version, month and set of signals (a capability added
        # since asks again).
        _ask_for_refresh(state, f"{version}:{through}:{zlib.crc32(' '.join(registered).encode())}")
    return history


def _ask_for_refresh(state: HistoryState, request: str) -> None:
    """Queue one background refresh per change of data or month (many views, one job),
    once the page's transaction has committed."""
    if state.requested == request:
        return
    if state.pk:  # before the first refresh there is no state to note it in
        HistoryState.objects.filter(pk=state.pk).update(requested=request)
    state.requested = request
    from .tasks import history_refresh_task

    transaction.on_commit(partial(history_refresh_task.enqueue, state.initiative_id))


@dataclass(frozen=True)
class Refreshed:
    """What one refresh did: how many values it computed, for how many signals."""

    computed: int
    signals: int


def history_refresh(*, initiative, today: dt.date | None = None, full: bool = False,
                    untracked: bool = False) -> Refreshed:
    """Bring the initiative's history up to date: take in the recorded changes, then
    compute each signal at the month ends they may have moved, the month ends that have
    ended since, and everything for a signal registered since (`full`: every month end of
    every signal, as from cold). With `untracked` (the daily check), a signal that read a
    table the audit log does not see is computed whole again: no change there can be
    taken in, so this bounds how stale it can be to a day."""
    today = today or timezone.localdate()
    state = _state(initiative)
    unseen = dependencies.untracked_tables() if untracked else frozenset()
    version = data_version()
    dirty = dict(state.dirty)
    if version > state.version and state.reads and not full:
        dirty = _merge(dirty, changes_take_in(initiative=initiative, state=state, upto=version))
    start, through = history_span(initiative=initiative, today=today)
    months = month_ends(start, through) if through else []
    todo: dict[str, list[dt.date]] = {}
    for signal in all_signals():
        key = signal.key
        if (full or key not in state.reads or state.start != start or state.through is None
                or unseen & set(state.reads[key])):
            todo[key] = months
            continue
        first = dt.date.max
        if key in dirty:
            first = dt.date.fromisoformat(dirty[key])
        if state.through < (through or state.through):
            first = min(first, state.through + dt.timedelta(days=1))
        todo[key] = [on for on in months if on >= first]
    reads = {key: dict(value) for key, value in state.reads.items()}
    computed: list[HistoryPoint] = []
    signals = {signal.key: signal for signal in all_signals()}
    wanted = {key: set(dates) for key, dates in todo.items() if dates}
    seen = {key: dependencies.Reads(None if full or key not in reads else reads[key])
            for key in wanted}
    # Month by month, every signal of the month computed together: what several signals
    # read alike (`core.signals.read_once`) is read once a month.
    for on in sorted(set().union(*wanted.values())):
        with together():
            for key, dates in wanted.items():
                if on not in dates:
                    continue
                with seen[key]:
                    value = signals[key].compute(initiative, on)
                computed.append(HistoryPoint(initiative=initiative, key=key, on=on,
                                             value=None if value is None else float(value)))
    for key, recorder in seen.items():
        reads[key] = recorder.as_json()
    _store(initiative=initiative, state=state, todo=todo, computed=computed, reads=reads,
           version=version, start=start, through=through, keys=list(signals))
    return Refreshed(computed=len(computed), signals=sum(1 for dates in todo.values() if dates))


@transaction.atomic
def _store(*, initiative, state, todo, computed, reads, version, start, through, keys) -> None:
    points = HistoryPoint.objects.for_initiative(initiative)
    points.exclude(key__in=keys).delete()
    points.filter(on__lt=start).delete()
    if through:
        points.filter(on__gt=through).delete()
    for key, dates in todo.items():
        if dates:
            points.filter(key=key, on__gte=dates[0]).delete()
    HistoryPoint.objects.bulk_create(computed, batch_size=1000)
    # The version the computation started from: entries recorded meanwhile are taken in
    # again by the next read, which is harmless; none is lost.
    HistoryState.objects.filter(pk=state.pk).update(
        version=version, start=start, through=through, dirty={},
        reads={key: value for key, value in reads.items() if key in keys},
        refreshed_at=timezone.now())
