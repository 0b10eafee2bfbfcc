"""A signal's story up to a date, as the pages tell it: its judged points (each month end
and the date itself), where it stands (in warning since, back within since), and how much
it moved in the year before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from rygrad.core.dates import year_before
from rygrad.core.signals import Signal, Unit, all_signals, computed_values

from .history import History, history_read
from .judging import Point, Standing, Thresholds, judge, standing, thresholds_of
from .periods import month_label, point_label


@dataclass(frozen=True)
class Story:
    """`points` are the month ends before `at` and `at` itself, each judged against the
    threshold in force then. A story that is not `complete` waits for the history to be
    brought up to date and tells nothing about the past."""

    signal: Signal
    at: dt.date
    points: list[Point]
    complete: bool

    @property
    def latest(self) -> Point:
        return self.points[-1]

    @property
    def display(self) -> str:
        return self.signal.format(self.latest.value)

    @property
    def threshold_display(self) -> str:
        return self.signal.format(self.latest.threshold)

    @property
    def standing(self) -> Standing:
        return standing(self.points)

    @property
    def year_ago(self) -> Point | None:
        """The last point on or before the same date a year before `at`."""
        before = year_before(self.at)
        earlier = [point for point in self.points if point.on <= before]
        return earlier[-1] if earlier else None

    @property
    def since_text(self) -> str:
        """In words: since when it has been in warning, or back within its threshold."""
        if not self.complete:
            return ""
        where = self.standing
        if where.warning:
            return _("In warning since %(month)s") % {"month": month_label(where.since)}
        if where.back:
            return _("Back within its threshold since %(month)s") % {
                "month": month_label(where.since)}
        return ""

    @property
    def change(self) -> float | None:
        then = self.year_ago
        if then is None or then.value is None or self.latest.value is None:
            return None
        return self.latest.value - then.value

    @property
    def change_text(self) -> str:
        """How much it moved since a year before, in the signal's unit, and since when."""
        if not self.complete:
            return ""
        then = self.year_ago
        if then is None or then.value is None or self.latest.value is None:
            return ""
        return _("%(change)s since %(date)s") % {
            "change": format_change(self.signal, self.change),
            "date": formats.date_format(then.on, "DATE_FORMAT")}

    @property
    def worse(self) -> bool | None:
        """Whether the year's change went the way the warning points (None: no change, or
        a signal for which neither way is worse)."""
        directed = self.signal.settable or self.signal.threshold is not None
        if not self.change or not directed:
            return None
        return (self.change > 0) == self.signal.warn_above

    @property
    def has_values(self) -> bool:
        return any(point.value is not None for point in self.points)

    @property
    def has_threshold(self) -> bool:
        return any(point.threshold is not None for point in self.points)

    @property
    def standing_text(self) -> str:
        """Where it stands, always in words: since when, or never in warning, or that it
        has no threshold or no value yet."""
        if not self.complete:
            return ""
        if self.since_text:
            return self.since_text
        if not self.has_values:
            return _("No value yet")
        if not self.has_threshold:
            return _("No threshold")
        return _("Never in warning")

    def year_end_text(self) -> str:
        """The values at each year end and at `at`, for screen readers."""
        last_of_year: dict[int, Point] = {}
        for point in self.points[:-1]:
            last_of_year[point.on.year] = point
        shown = [point for year, point in sorted(last_of_year.items())
                 if point.on.month == 12] + [self.latest]
        return "; ".join(f"{point_label(point.on)}: {self.signal.format(point.value)}"
                         for point in shown)


def format_change(signal: Signal, change: float) -> str:
    """A difference as people read it: percentage points for shares, the unit otherwise,
    always with its sign."""
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    size = abs(change)
    if signal.unit == Unit.SHARE:
        points = formats.number_format(round(size * 100), decimal_pos=0)
        return _("%(sign)s%(points)s percentage points") % {"sign": sign, "points": points}
    if isinstance(size, float) and not size.is_integer():
        number = formats.number_format(size, decimal_pos=1)
    else:
        number = formats.number_format(int(size), force_grouping=True)
    if signal.unit == Unit.DAYS:
        return _("%(sign)s%(number)s days") % {"sign": sign, "number": number}
    if signal.unit == Unit.HOURS:
        return _("%(sign)s%(number)s hours") % {"sign": sign, "number": number}
    if signal.unit == Unit.DKK:
        return _("%(sign)s%(number)s DKK") % {"sign": sign, "number": number}
    return f"{sign}{number}"


def stories_at(*, initiative, at: dt.date, history: History | None = None,
               thresholds: Thresholds | None = None, signals: list[Signal] | None = None,
               live: dict | None = None) -> list[Story]:
    """Every signal's story up to `at` (or those of `signals`), in registration order;
    `live` are the values on `at` when the caller has them (`computed_values`). The
    thresholds' history is read only when some story reaches into the past."""
    history = history or history_read(initiative=initiative, at=at)
    if live is None:
        live = computed_values(initiative=initiative, at=at)
    chosen = signals or all_signals()
    if thresholds is None:
        past = any(history.complete(signal.key, at) for signal in chosen)
        thresholds = thresholds_of(initiative) if past else Thresholds(
            current=dict(initiative.signal_thresholds or {}))
    stories = []
    for signal in chosen:
        complete = history.complete(signal.key, at)
        series = history.series(signal.key, before=at) if complete else []
        series.append((at, live.get(signal.key)))
        stories.append(Story(signal=signal, at=at, points=judge(signal, series, thresholds),
                             complete=complete))
    return stories
