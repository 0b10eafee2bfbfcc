"""Progress of the tracks' indicator goals: the latest published value against the target,
and whether the change since the baseline year is statistically supported.

This is where the common agenda meets population changes; the evaluation's learning
report reads the same `goal_progress`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import GoalMeasure, IndicatorGoal
from .selectors import change_table, group_table, years_with_answers


@dataclass(frozen=True)
class GoalProgress:
    goal: IndicatorGoal
    year: int | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    met: bool | None = None
    clearly_met: bool = False
    change: float | None = None
    q_value: float | None = None
    # +1 supported progress, -1 supported setback, 0 no supported change, None not known.
    direction: int | None = None


def goal_progress(*, initiative) -> list[GoalProgress]:
    """Every goal of the initiative with its latest published value and its change since
    the baseline year; numbers hidden by disclosure control stay unknown (None)."""
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
        if table is None:
            result.append(GoalProgress(goal=goal))
            continue
        rows = table[(table["indicator"] == goal.indicator.slug) & ~table["suppressed"]]
        if rows.empty:
            result.append(GoalProgress(goal=goal))
            continue
        latest = rows.iloc[-1]
        share = goal.measure == GoalMeasure.SHARE_LOW
        value = float(latest["share_low" if share else "mean"])
        low = float(latest["share_low_ci_low" if share else "ci_low"])
        high = float(latest["share_low_ci_high" if share else "ci_high"])
        met = value <= goal.target if share else value >= goal.target
        clearly = high <= goal.target if share else low >= goal.target
        year = int(latest["year"])
        change = q = direction = None
        if goal.baseline_year in years[instrument.pk] and goal.baseline_year < year:
            key = (instrument.pk, goal.baseline_year, year)
            if key not in changes:
                changes[key] = change_table(initiative=initiative, instrument=instrument,
                                            year_from=goal.baseline_year, year_to=year, by=[])
            row = changes[key][changes[key]["indicator"] == goal.indicator.slug]
            if not row.empty:
                row = row.iloc[0]
                if share:
                    change = float(row["share_low_to"] - row["share_low_from"])
                    q, supported = float(row["share_q_value"]), bool(row["share_significant"])
                    good = change < 0
                else:
                    change = float(row["diff"])
                    q, supported = float(row["q_value"]), bool(row["significant"])
                    good = change > 0
                direction = (1 if good else -1) if supported else 0
        result.append(GoalProgress(goal=goal, year=year, value=value, low=low, high=high,
                                   met=met, clearly_met=clearly, change=change, q_value=q,
                                   direction=direction))
    return result
