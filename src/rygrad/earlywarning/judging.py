"""Judging a history: each point against the threshold in force on its date, when a signal
crossed its threshold, and since when it has been in warning (or back within it).

Plain functions of plain data — a list of (date, value) and the thresholds over time — so
the dates can be worked out by hand in the tests. Thresholds over time come from the audit
log: every change of `Initiative.signal_thresholds` is a log entry with the old and the new
overrides, dated by when the secretariat saved them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.utils import timezone

from rygrad.core.signals import Signal


@dataclass(frozen=True)
class ThresholdChange:
    """The initiative's overrides as saved on `on` (in force from that day), and who
    saved them (a user id, or None)."""

    on: dt.date
    before: dict
    after: dict
    by: int | None = None


@dataclass(frozen=True)
class Thresholds:
    """An initiative's thresholds over time: the overrides in force before the first
    recorded change (`initial`), each change since, and the overrides in force now
    (`current`, which wins from the last change on — also when the log is incomplete)."""

    initial: dict = field(default_factory=dict)
    changes: tuple[ThresholdChange, ...] = ()
    current: dict | None = None

    def overrides_on(self, on: dt.date) -> dict:
        overrides = self.initial
        for change in self.changes:
            if change.on <= on:
                overrides = change.after
        if self.current is not None and (not self.changes or self.changes[-1].on <= on):
            overrides = self.current
        return overrides

    def for_signal(self, signal: Signal, on: dt.date) -> float | None:
        """The threshold of `signal` in force on `on`."""
        value = self.overrides_on(on).get(signal.key)
        return float(value) if value is not None else signal.threshold

    def changes_of(self, signal: Signal) -> list[tuple[dt.date, float | None, float | None,
                                                       int | None]]:
        """When `signal`'s own threshold changed: (date, from, to, by)."""
        rows = []
        for change in self.changes:
            before, after = change.before.get(signal.key), change.after.get(signal.key)
            if before != after:
                rows.append((change.on,
                             float(before) if before is not None else signal.threshold,
                             float(after) if after is not None else signal.threshold,
                             change.by))
        return rows


def _overrides(text) -> dict:
    if text in (None, "None", ""):
        return {}
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def thresholds_of(initiative) -> Thresholds:
    """The initiative's thresholds over time, read from its audit log in one query."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    entries = (LogEntry.objects
               .filter(content_type=ContentType.objects.get_for_model(type(initiative)),
                       object_pk=str(initiative.pk), changes__has_key="signal_thresholds")
               .order_by("id").values_list("timestamp", "changes", "actor_id"))
    changes = []
    for timestamp, recorded, actor_id in entries:
        before, after = recorded["signal_thresholds"]
        changes.append(ThresholdChange(on=timezone.localdate(timestamp),
                                       before=_overrides(before), after=_overrides(after),
                                       by=actor_id))
    initial = changes[0].before if changes else {}
    return Thresholds(initial=initial, changes=tuple(changes),
                      current=dict(initiative.signal_thresholds or {}))


@dataclass(frozen=True)
class Point:
    """One point of a history, judged: the value, the threshold in force then, and
    whether the value was in warning against it."""

    on: dt.date
    value: float | None
    threshold: float | None
    warning: bool


def judge(signal: Signal, series: list[tuple[dt.date, float | None]],
          thresholds: Thresholds) -> list[Point]:
    """Each (date, value) against the threshold in force on its date."""
    points = []
    for on, value in series:
        threshold = thresholds.for_signal(signal, on)
        points.append(Point(on=on, value=value, threshold=threshold,
                            warning=signal.is_warning(value, threshold)))
    return points


@dataclass(frozen=True)
class Crossing:
    """The first point on the other side: `entered` warning, or left it, on `on`."""

    on: dt.date
    entered: bool
    value: float | None
    threshold: float | None


def crossings(points: list[Point]) -> list[Crossing]:
    """Every point whose warning differs from the point before (the first point is a
    crossing when it is in warning: the signal started there)."""
    found = []
    before = False
    for point in points:
        if point.warning != before:
            found.append(Crossing(on=point.on, entered=point.warning, value=point.value,
                                  threshold=point.threshold))
        before = point.warning
    return found


@dataclass(frozen=True)
class Standing:
    """Where a signal stands at the last point: in warning `since` the first point of the
    run it is in, or back within its threshold `since` the first point after its last
    warning, or never in warning (`since` None)."""

    warning: bool
    since: dt.date | None

    @property
    def back(self) -> bool:
        return not self.warning and self.since is not None


def standing(points: list[Point]) -> Standing:
    if not points:
        return Standing(warning=False, since=None)
    found = crossings(points)
    if not found:
        return Standing(warning=False, since=None)
    return Standing(warning=points[-1].warning, since=found[-1].on)


def years_in_warning(points: list[Point]) -> dict[int, bool]:
    """For each year, whether the signal was in warning at its last point."""
    last: dict[int, bool] = {}
    for point in points:
        last[point.on.year] = point.warning
    return last
