"""The signals registry: each capability registers the numbers that tell how far the
initiative has come, so the dashboard, the CLI and the learning report collect them
without importing every app's models (after Decidim's ``register_stat``).

A *signal* is a number about one initiative as of a date (``compute(initiative, at)``),
filed under one of the six conditions or the three stages of change. It may carry a
warning threshold: the dashboard shows signals in warning first. An initiative may
override the threshold per signal key (``Initiative.signal_thresholds``).

Besides the signals, three small registries let an app add to what the dashboard and the
nudges show without the initiatives app importing it: *drill-downs* (declared with a
signal: the records behind its number today), *trend providers* (a signal's path over
time, drawn on the dashboard; the early-warning app provides it) and *warning recipients*
(who hears when a signal enters or leaves warning besides the secretariat; the alliance
app names the chair of the alliance group).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class Condition(models.TextChoices):
    """The six conditions of collective impact and the three stages of change."""

    AGENDA = "agenda", _("Common agenda")
    ACTIVITIES = "activities", _("Mutually reinforcing activities")
    BACKBONE = "backbone", _("Backbone secretariat")
    COMMUNICATION = "communication", _("Continuous communication")
    INVOLVEMENT = "involvement", _("User involvement")
    MEASUREMENT = "measurement", _("Shared measurement")
    EARLY = "early", _("Early changes")
    SYSTEMS = "systems", _("Systems changes")
    POPULATION = "population", _("Population changes")


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    SHARE = "share", _("share")
    DAYS = "days", _("days")
    HOURS = "hours", _("hours")
    DKK = "dkk", _("DKK")


# What the dashboard says under a condition no installed capability measures yet: where
# its numbers will come from. Conditions not named here fall back to a general sentence.
NOT_YET_MEASURED = {
    Condition.COMMUNICATION: _("Measured by the communication capability (news, newsletters "
                               "and their reach), which comes later."),
    Condition.EARLY: _("Measured by the evaluation capability (new cross-sector ties in the "
                       "collaboration network and the change register), which comes later."),
    Condition.SYSTEMS: _("Measured by the evaluation capability (lasting changes in "
                         "institutions, with evidence, in the change register), which comes "
                         "later."),
}


def not_yet_measured(condition: Condition) -> str:
    """Why a condition has no signal yet, in words for the dashboard."""
    return NOT_YET_MEASURED.get(condition, _("Nothing is measured here yet."))


@dataclass(frozen=True)
class SignalLink:
    """Where to act on a signal: the page (or filtered list) behind the number, shown on
    the dashboard to those the permission `rule` allows. `query(initiative)` gives the
    list's filters, e.g. the activities on no track."""

    url_name: str
    rule: str
    query: Callable[[object], dict] | None = None

    def url(self, initiative) -> str:
        url = reverse(self.url_name, kwargs={"slug": initiative.slug})
        query = {k: v for k, v in (self.query(initiative) if self.query else {}).items()
                 if v not in (None, "")}
        return f"{url}?{urlencode(query)}" if query else url


@dataclass(frozen=True)
class DrilldownRow:
    """One record behind a signal's number: what it is (`label`, linked to `url`), a short
    `detail`, and the way to act on it (`action`, a verb, at `action_url`) when the actor
    may."""

    label: str
    url: str = ""
    detail: str = ""
    action: str = ""
    action_url: str = ""


@dataclass(frozen=True)
class Drilldown:
    """What drives a signal today, declared by the app that registers it: `rows(actor,
    limit)` gives at most `limit` rows the actor may see and how many there are in all
    (the signal's `link` leads to the whole list). Shown on the signal's own page."""

    title: str
    rows: Callable[[object, int], tuple[list[DrilldownRow], int]]


@dataclass(frozen=True)
class Signal:
    """One number that tells how far an initiative has come — backbone load, youth in the
    alliance, a supported change in the survey — registered by the app that owns the data
    it counts (`register_signal`). `compute(initiative, at, **filters)` gives the value as
    of a date (None when there is nothing to count yet); the dashboard, the CLI and the
    learning report read every registered signal without importing the apps."""

    key: str
    label: str
    condition: Condition
    unit: Unit
    compute: Callable[..., float | int | None]
    explanation: str
    # Warn when the value is above (`warn_above=True`) or below the threshold.
    threshold: float | None = None
    warn_above: bool = True
    # The secretariat may set this signal's threshold per initiative (the thresholds page,
    # `initiatives:thresholds`). Declared at registration; by default a signal with a
    # default threshold is settable and one without is not.
    settable: bool = False
    # The page behind the number (see SignalLink).
    link: SignalLink | None = None
    # The records behind the number today (see Drilldown); without one, the signal's page
    # offers its `link`.
    drilldown: Drilldown | None = None

    def link_for(self, actor) -> str | None:
        """The link to act on this signal, when there is one the actor may follow."""
        if self.link is None or actor.initiative is None or not actor.can(self.link.rule):
            return None
        return self.link.url(actor.initiative)

    def format(self, value) -> str:
        """A value as people read it: shares in whole per cent, counts with grouping."""
        from django.utils.formats import number_format

        if value is None:
            return "–"
        if self.unit == Unit.SHARE:
            return f"{number_format(round(value * 100), decimal_pos=0)} %"
        if isinstance(value, float) and not value.is_integer():
            return number_format(value, decimal_pos=1)
        return number_format(int(value), force_grouping=True)

    def threshold_for(self, initiative) -> float | None:
        overrides = getattr(initiative, "signal_thresholds", None) or {}
        if self.key in overrides and overrides[self.key] is not None:
            return float(overrides[self.key])
        return self.threshold

    def evaluate(self, initiative, at: dt.date, **filters) -> SignalValue:
        """Compute the value (with the filters a capability's page applies, e.g. a
        track) and judge it against the initiative's threshold."""
        return self.judge(initiative, self.compute(initiative, at, **filters))

    def judge(self, initiative, value) -> SignalValue:
        """The value against this initiative's threshold: in warning or not."""
        threshold = self.threshold_for(initiative)
        return SignalValue(signal=self, value=value, threshold=threshold,
                           warning=self.is_warning(value, threshold))

    def is_warning(self, value, threshold) -> bool:
        """Whether `value` is past `threshold` in this signal's direction (never when
        either is missing) — the one comparison behind every warning, then and now."""
        if value is None or threshold is None:
            return False
        return value > threshold if self.warn_above else value < threshold


@dataclass(frozen=True)
class SignalValue:
    signal: Signal
    value: float | int | None
    threshold: float | None
    warning: bool

    @property
    def display(self) -> str:
        return self.signal.format(self.value)

    @property
    def threshold_display(self) -> str:
        return self.signal.format(self.threshold)

    def as_dict(self) -> dict:
        return {
            "key": self.signal.key,
            "label": str(self.signal.label),
            "value": self.value,
            "unit": str(self.signal.unit.value),
            "warning": self.warning,
            "explanation": str(self.signal.explanation),
        }


_REGISTRY: dict[str, Signal] = {}


def register_signal(
    key: str, *, label, condition: Condition, unit: Unit, explanation,
    threshold: float | None = None, warn_above: bool = True, settable: bool | None = None,
    link: SignalLink | None = None, drilldown: Drilldown | None = None,
):
    """Decorator: register ``compute(initiative, at, **filters)`` as the signal `key`.

    `settable` declares whether an initiative may set its own threshold (default: when
    there is a default `threshold`); a signal without a direction that means "worse"
    declares `settable=False`. `link` names the page where one acts on the signal, and
    `drilldown` the records behind its number today (see Drilldown).

    `compute` reads the database only (or files the database names, such as a survey
    release): the early-warning app keeps each signal's history and recomputes a month
    only when a record the signal read for it has changed (`earlywarning.dependencies`).
    """

    def register(compute):
        if key in _REGISTRY:
            raise ValueError(f"Signal {key!r} is registered twice.")
        _REGISTRY[key] = Signal(
            key=key, label=label, condition=condition, unit=unit, compute=compute,
            explanation=explanation, threshold=threshold, warn_above=warn_above,
            settable=threshold is not None if settable is None else settable, link=link,
            drilldown=drilldown,
        )
        return compute

    return register


def all_signals() -> list[Signal]:
    return list(_REGISTRY.values())


def get_signal(key: str) -> Signal:
    return _REGISTRY[key]


def settable_signals() -> list[Signal]:
    """The signals whose threshold an initiative may set, in registration order."""
    return [signal for signal in _REGISTRY.values() if signal.settable]


# How long computed values stay in the cache at most; any change of data replaces them
# sooner (see `computed_values`).
VALUES_TIMEOUT = 24 * 60 * 60

# What signals computed together have read (`read_once`), while they are (`together`).
_TOGETHER: ContextVar[dict | None] = ContextVar("rygrad_signals_together", default=None)
T = TypeVar("T")


@contextmanager
def together() -> Iterator[None]:
    """Compute several signals as one piece of work: within it, what two signals read the
    same way (`read_once`) is read once. Outside it every signal reads for itself, so a
    single signal is never answered from an older reading."""
    if _TOGETHER.get() is not None:
        yield
        return
    token = _TOGETHER.set({})
    try:
        yield
    finally:
        _TOGETHER.reset(token)


def read_once(key: tuple, read: Callable[[], T]) -> T:
    """What `read()` returns, read once for all signals computed `together` that ask with
    the same `key` (which must name everything the reading depends on: the initiative,
    the date, any filter) — e.g. the six ideas signals share one reading of every idea.
    The result is shared: callers must not change it.

    A signal that gets the shared result has still read what it says: the statements the
    reading ran are told again to whoever watches the connection's statements (the
    history's record of what each signal reads), without running them."""
    found = _TOGETHER.get()
    if found is None:
        return read()
    if key in found:
        value, statements = found[key]
        _retell(statements)
        return value
    statements = []

    def note(execute, sql, params, many, context):
        statements.append((sql, params, many, context))
        return execute(sql, params, many, context)

    from django.db import connection

    with connection.execute_wrapper(note):
        value = read()
    found[key] = (value, statements)
    return value


def _retell(statements: list) -> None:
    """Pass `statements` through the connection's execute wrappers as if they ran, with
    nothing executed at the end."""
    from django.db import connection

    def nothing(sql, params, many, context):
        return None

    executor = nothing
    for wrapper in reversed(connection.execute_wrappers):
        executor = partial(wrapper, executor)
    for sql, params, many, context in statements:
        executor(sql, params, many, context)


def computed_values(*, initiative, at: dt.date) -> dict[str, float | int | None]:
    """Every registered signal's value for `initiative` on `at`, never older than the
    data: kept in the shared cache with the installation's data version
    (`core.freshness`), which every write of a record moves. When the data has moved
    since, only the signals the changes may have moved are computed again — a registered
    *mover* (the early-warning app, which knows what each signal reads) names them — and
    without one, every signal is. Thresholds are not part of it: they are applied when
    the values are evaluated."""
    from django.core.cache import cache

    from .freshness import data_version

    created = getattr(initiative, "created_at", None)
    key = f"rygrad:signals:{initiative.pk}:{created.timestamp() if created else ''}:{at}"
    version = data_version()
    kept = cache.get(key)
    if kept is not None and set(kept[1]) != set(_REGISTRY):
        kept = None  # a signal registered or gone since
    if kept is not None and kept[0] == version:
        return kept[1]
    moved = None
    if kept is not None and kept[0] < version:
        moved = _moved(initiative=initiative, since=kept[0], upto=version, at=at)
    values = dict(kept[1]) if moved is not None else {}
    with together():
        for name, signal in _REGISTRY.items():
            if moved is None or name in moved:
                values[name] = signal.compute(initiative, at)
    cache.set(key, (version, values), VALUES_TIMEOUT)
    return values


# Movers: `mover(*, initiative, since, upto, at)` -> the keys of the signals whose value on
# `at` the changes recorded after data version `since` up to `upto` may have moved, or
# None when it cannot tell (then every signal is computed again).
_MOVERS: list[Callable[..., set[str] | None]] = []


def register_mover(mover: Callable[..., set[str] | None]):
    """Register a function that tells which signals a change of data may have moved, so
    the dashboard's values are computed again only where they can have changed."""
    if mover not in _MOVERS:
        _MOVERS.append(mover)
    return mover


def _moved(*, initiative, since: int, upto: int, at: dt.date) -> set[str] | None:
    for mover in _MOVERS:
        found = mover(initiative=initiative, since=since, upto=upto, at=at)
        if found is not None:
            return found
    return None


def evaluated_over(*, initiative, signals: list[Signal], dates: list[dt.date],
                   **filters) -> list[tuple[Signal, list[SignalValue]]]:
    """Each of `signals` at each of `dates` (with a page's `filters`, e.g. a track),
    judged against the initiative's thresholds: [(signal, [value at each date])]. The
    values are computed once per change of data, like `computed_values`, and kept under
    the data version, the dates and the filters."""
    from .freshness import data_version, kept

    created = getattr(initiative, "created_at", None)
    shape = [initiative.pk, str(created), [s.key for s in signals],
             [at.isoformat() for at in dates], filters, data_version()]
    def compute():
        with together():
            return [[signal.compute(initiative, at, **filters) for at in dates]
                    for signal in signals]

    values = kept("signals-over", shape, compute, seconds=VALUES_TIMEOUT)
    return [(signal, [signal.judge(initiative, value) for value in row])
            for signal, row in zip(signals, values, strict=True)]


def signals_evaluate(*, initiative, at: dt.date,
                     values: dict | None = None) -> list[SignalValue]:
    """Every registered signal for `initiative` as of `at` (from `values` when the caller
    has them from `computed_values`), warnings first."""
    if values is None:
        values = computed_values(initiative=initiative, at=at)
    evaluated = [signal.judge(initiative, values[key]) for key, signal in _REGISTRY.items()]
    return sorted(evaluated, key=lambda v: not v.warning)


# Trend providers: `provider(*, actor, at, values)` -> {signal key: HTML}, a signal's path
# up to `at` as the dashboard shows it under the value (the early-warning app registers
# one); `values` are the signals' values on `at` (`computed_values`), which the dashboard
# has already.
_TREND_PROVIDERS: list[Callable[..., dict[str, str]]] = []


def register_trend_provider(provider: Callable[..., dict[str, str]]):
    """Register a function giving each signal's trend (safe HTML) for the dashboard, so
    the initiatives app shows it without importing the app that keeps the history."""
    if provider not in _TREND_PROVIDERS:
        _TREND_PROVIDERS.append(provider)
    return provider


def signal_trends(*, actor, at: dt.date, values: dict) -> dict[str, str]:
    """Every registered provider's trends for `actor`'s initiative as of `at`, by key."""
    trends: dict[str, str] = {}
    for provider in _TREND_PROVIDERS:
        trends.update(provider(actor=actor, at=at, values=values))
    return trends


# Warning recipients: `provider(initiative)` -> user ids who hear when a signal of the
# initiative enters or leaves warning, besides its secretariat (the alliance app names the
# chair of the alliance group, whom only it knows).
_RECIPIENT_PROVIDERS: list[Callable[[object], set[int]]] = []


def warning_recipient_provider(provider: Callable[[object], set[int]]):
    """Register a function naming more people (user ids) to tell of warnings."""
    if provider not in _RECIPIENT_PROVIDERS:
        _RECIPIENT_PROVIDERS.append(provider)
    return provider


def warning_recipients(initiative) -> set[int]:
    """The user ids every registered provider names for `initiative`."""
    ids: set[int] = set()
    for provider in _RECIPIENT_PROVIDERS:
        ids |= set(provider(initiative))
    return ids


@dataclass(frozen=True)
class Card:
    """One condition or stage on the dashboard: its signals (warnings first), each with the
    link the actor may follow to act on it and its trend (when a provider gives one), or
    why nothing is measured there yet."""

    condition: Condition
    values: list[tuple[SignalValue, str | None]]
    trends: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[SignalValue, str | None, str | None]]:
        """Each signal with its link and its trend."""
        return [(value, link, self.trends.get(value.signal.key))
                for value, link in self.values]

    @property
    def has_warning(self) -> bool:
        return any(value.warning for value, _link in self.values)

    @property
    def not_yet_measured(self) -> str:
        return not_yet_measured(self.condition)


def dashboard_cards(*, actor, at: dt.date) -> list[Card]:
    """The dashboard's cards for `actor`'s initiative as of `at`, with the trends."""
    computed = computed_values(initiative=actor.initiative, at=at)
    trends = signal_trends(actor=actor, at=at, values=computed)
    return [Card(condition=condition,
                 values=[(value, value.signal.link_for(actor)) for value in values],
                 trends=trends)
            for condition, values in signals_by_condition(initiative=actor.initiative, at=at,
                                                          values=computed)]


def signals_by_condition(*, initiative, at: dt.date, values: dict | None = None
                         ) -> list[tuple[Condition, list[SignalValue]]]:
    """Signals grouped under the six conditions and three stages, in that order.

    Within a group, signals in warning come first; a condition with no signal is still
    listed so the dashboard shows where nothing is measured yet.
    """
    values = signals_evaluate(initiative=initiative, at=at, values=values)
    return [
        (condition, [v for v in values if v.signal.condition == condition])
        for condition in Condition
    ]
