"""Progress of the tracks' indicator goals: where a goal stands against its target, in
words that stay true after its deadline, and whether the change since the baseline year is
statistically supported.

A goal is judged on the survey of its own year (`by_year`): once that wave has a published
number the goal is reached or not, whatever later waves say. Before that the latest
published wave shows whether it is on track. When the goal's year is over (after
31 December) without a published number for it, the goal can no longer be judged, and the
status says so rather than "not reached yet". This is where the common agenda meets
population changes; the evaluation's learning report reads the same `goal_progress`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from .models import GoalMeasure, IndicatorGoal
from .selectors import change_table, group_table, years_with_answers


class GoalStatus(StrEnum):
    """Where a goal stands; the words are in the goals template."""

    NO_NUMBER = "no_number"  # before the deadline, no published number yet
    ON_TRACK = "on_track"  # before the deadline, the latest estimate meets the target
    NOT_YET = "not_yet"  # before the deadline, the latest estimate falls short
    REACHED = "reached"  # the survey of the goal's year meets the target
    NOT_REACHED = "not_reached"  # the survey of the goal's year falls short
    NO_RESULT = "no_result"  # the goal's year is over without a published number for it


@dataclass(frozen=True)
class GoalProgress:
    goal: IndicatorGoal
    status: GoalStatus = GoalStatus.NO_NUMBER
    # The wave the figure is from: the goal's year once judged, else the latest published.
    year: int | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    met: bool | None = None
    # The whole 95 % interval is on the right side of the target (not only the estimate).
    clearly_met: bool = False
    # The goal's year has answers whose number is not published (hidden or not released).
    by_year_answered: bool = False
    change: float | None = None
    q_value: float | None = None
    # +1 supported progress, -1 supported setback, 0 no supported change, None not known.
    direction: int | None = None


def goal_status(*, figure_year: int | None, met: bool | None, by_year: int,
                today: dt.date) -> GoalStatus:
    """The status in words that stay true: the survey of the goal's year decides; a goal
    whose year is over without that survey's number is not "not reached yet"."""
    if figure_year == by_year:
        return GoalStatus.REACHED if met else GoalStatus.NOT_REACHED
    if today.year > by_year:
        return GoalStatus.NO_RESULT
    if figure_year is None:
        return GoalStatus.NO_NUMBER
    return GoalStatus.ON_TRACK if met else GoalStatus.NOT_YET


def goal_progress(*, initiative, today: dt.date | None = None) -> list[GoalProgress]:
    """Every goal of the initiative with its status on `today` (the local date unless a
    test gives one), the figure it rests on and the change since the baseline year; numbers
    hidden by disclosure control stay unknown (None)."""
    today = today or timezone.localdate()
    goals = list(IndicatorGoal.objects.for_initiative(initiative).select_related(
        "track", "indicator__instrument"))
    tables, changes, years = {}, {}, {}
    result = []
    for goal in goals:
        instrument = goal.indicator.instrument
        if instrument.pk not in years:
            years[instrument.pk] = years_with_answers(initiative=initiative,
                                                      instrument=instrument)
            tables[instrument.pk] = group_table(initiative=initiative, instrument=instrument,
                                                by=["year"]) if years[instrument.pk] else None
        table = tables[instrument.pk]
        answered = goal.by_year in years[instrument.pk]
        rows = None if table is None else table[
            (table["indicator"] == goal.indicator.slug) & ~table["suppressed"]]
        if rows is None or rows.empty:
            result.append(GoalProgress(goal=goal, by_year_answered=answered, status=goal_status(
                figure_year=None, met=None, by_year=goal.by_year, today=today)))
            continue
        judged = rows[rows["year"] == goal.by_year]
        figure = judged.iloc[0] if not judged.empty else rows.iloc[-1]
        share = goal.measure == GoalMeasure.SHARE_LOW
        value = float(figure["share_low" if share else "mean"])
        low = float(figure["share_low_ci_low" if share else "ci_low"])
        high = float(figure["share_low_ci_high" if share else "ci_high"])
        met = value <= goal.target if share else value >= goal.target
        clearly = high <= goal.target if share else low >= goal.target
        year = int(figure["year"])
        change, q, direction = _change(initiative=initiative, goal=goal, year=year,
                                       share=share, years=years[instrument.pk], cache=changes)
        result.append(GoalProgress(
            goal=goal, year=year, value=value, low=low, high=high, met=met,
            clearly_met=clearly, by_year_answered=answered, change=change, q_value=q,
            direction=direction, status=goal_status(figure_year=year, met=met,
                                                    by_year=goal.by_year, today=today)))
    return result


def _change(*, initiative, goal, year: int, share: bool, years: list[int], cache: dict):
    """(change, q-value, direction) from the baseline year to `year`, or Nones when the
    baseline year has no answers or the change is hidden; one change table per pair."""
    instrument = goal.indicator.instrument
    if goal.baseline_year not in years or goal.baseline_year >= year:
        return None, None, None
    key = (instrument.pk, goal.baseline_year, year)
    if key not in cache:
        cache[key] = change_table(initiative=initiative, instrument=instrument,
                                  year_from=goal.baseline_year, year_to=year, by=[])
    row = cache[key][cache[key]["indicator"] == goal.indicator.slug]
    if row.empty:
        return None, None, None
    row = row.iloc[0]
    if share:
        change = float(row["share_low_to"] - row["share_low_from"])
        q, supported = float(row["share_q_value"]), bool(row["share_significant"])
        good = change < 0
    else:
        change = float(row["diff"])
        q, supported = float(row["q_value"]), bool(row["significant"])
        good = change > 0
    return change, q, (1 if good else -1) if supported else 0
