"""Reads of the evaluation, above all the assessment's results.

The answers are anonymous to the group, so every number shown rests on at least
`MIN_ANSWERS` answers, and none can be derived from the others:

- a round's results are shown only once it has closed, and a closed round takes no more
  answers (`services.round_update` keeps its dates), so there is no "before and after one
  answer" to compare;
- every answer rates every statement of its round, so all aggregates of a round rest on
  the same answers;
- a sector with fewer than `MIN_ANSWERS` answers is not shown, and when the sectors not
  shown would together hold fewer than `MIN_ANSWERS` answers (so that the total minus the
  sectors shown would give them away), the smallest shown sectors are left out too until
  they hold at least that many. The number of answers of a sector not shown is not shown.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from rygrad.alliance.models import Sector

from .models import (
    CONDITION_CHOICES,
    MIN_ANSWERS,
    Change,
    Evidence,
    Rating,
    Round,
    RoundComment,
    Statement,
)


@dataclass
class Aggregate:
    """Mean and standard deviation (the spread: how far members disagree) of answers'
    scores on a 1-4 scale, over `n` answers."""

    n: int
    mean: float
    sd: float


@dataclass
class ConditionResult:
    condition: str
    label: str
    total: Aggregate
    by_sector: dict[str, Aggregate]
    change: float | None = None
    statements: list[tuple[Statement, Aggregate]] = field(default_factory=list)


@dataclass
class RoundResults:
    round: Round
    n: int
    shown: bool
    sectors: list[tuple[str, str, int]]  # shown sectors: (value, label, answers)
    hidden_sectors: bool  # some answers are in sectors not shown
    conditions: list[ConditionResult]
    comments: dict[str, list[str]]
    previous: Round | None = None

    def condition(self, key: str) -> ConditionResult | None:
        return next((c for c in self.conditions if c.condition == key), None)


def _aggregate(values: list[float]) -> Aggregate:
    return Aggregate(n=len(values), mean=statistics.fmean(values),
                     sd=statistics.pstdev(values) if len(values) > 1 else 0.0)


def shown_sectors(counts: dict[str, int], minimum: int = MIN_ANSWERS) -> set[str]:
    """The sectors whose aggregates may be shown beside the total: each with at least
    `minimum` answers, and the rest together with none or at least `minimum` answers."""
    shown = {sector for sector, n in counts.items() if n >= minimum}
    rest = sum(n for sector, n in counts.items() if sector not in shown)
    while 0 < rest < minimum and shown:
        smallest = min(shown, key=lambda sector: (counts[sector], sector))
        shown.discard(smallest)
        rest += counts[smallest]
    return shown


def rounds_of(*, initiative):
    return Round.objects.for_initiative(initiative).order_by("opens_on", "pk")


def statements_of(*, initiative):
    return Statement.objects.for_initiative(initiative).order_by("position", "pk")


def previous_round(round: Round) -> Round | None:
    return (Round.objects.for_initiative(round.initiative)
            .filter(closes_on__lt=round.opens_on).order_by("-closes_on", "-pk").first())


def _condition_scores(round: Round):
    """Per answer: its sector, and per condition the mean of its ratings; and per
    statement, the scores it got."""
    ratings = (Rating.objects.filter(response__round=round)
               .values_list("response_id", "response__sector", "statement_id",
                            "statement__condition", "score"))
    per_answer: dict = defaultdict(lambda: defaultdict(list))
    sector_of: dict = {}
    per_statement: dict[int, list[int]] = defaultdict(list)
    for response, sector, statement, condition, score in ratings:
        per_answer[response][condition].append(score)
        sector_of[response] = sector
        per_statement[statement].append(score)
    return per_answer, sector_of, per_statement


def round_results(*, round: Round, today: dt.date, with_change: bool = True) -> RoundResults:
    """The round's results as the group may see them: nothing while it is open or when it
    has fewer than `MIN_ANSWERS` answers; otherwise each condition's mean and spread, by
    sector where that is safe, and the change from the previous round."""
    per_answer, sector_of, per_statement = _condition_scores(round)
    n = len(per_answer)
    shown = round.is_closed(today) and n >= MIN_ANSWERS
    sector_labels = dict(Sector.choices)
    if not shown:
        return RoundResults(round=round, n=n, shown=False, sectors=[], hidden_sectors=False,
                            conditions=[], comments={})
    counts: dict[str, int] = defaultdict(int)
    for sector in sector_of.values():
        counts[sector] += 1
    visible = shown_sectors(counts)
    sectors = [(value, sector_labels[value], counts[value])
               for value in Sector.values if value in visible]
    statements = list(round.statements.order_by("position", "pk"))
    previous = previous_round(round) if with_change else None
    before = (round_results(round=previous, today=today, with_change=False)
              if previous else None)
    conditions = []
    for key, label in CONDITION_CHOICES:
        values = [statistics.fmean(scores[key]) for scores in per_answer.values()
                  if scores.get(key)]
        if not values:
            continue
        by_sector = {}
        for sector in visible:
            sector_values = [statistics.fmean(per_answer[r][key]) for r, s in sector_of.items()
                             if s == sector and per_answer[r].get(key)]
            by_sector[sector] = _aggregate(sector_values)
        result = ConditionResult(
            condition=key, label=str(label), total=_aggregate(values), by_sector=by_sector,
            statements=[(s, _aggregate(per_statement[s.pk])) for s in statements
                        if s.condition == key and per_statement.get(s.pk)])
        earlier = before.condition(key) if before and before.shown else None
        if earlier is not None:
            result.change = result.total.mean - earlier.total.mean
        conditions.append(result)
    comments: dict[str, list[str]] = defaultdict(list)
    for comment in RoundComment.objects.filter(round=round).order_by("condition", "text"):
        comments[comment.condition].append(comment.text)
    return RoundResults(round=round, n=n, shown=True, sectors=sectors,
                        hidden_sectors=len(visible) < len(counts), conditions=conditions,
                        comments=dict(comments), previous=previous)


def latest_results(*, initiative, at: dt.date) -> RoundResults | None:
    """The results of the latest round that had closed by `at` and can be shown."""
    for round in (Round.objects.for_initiative(initiative).filter(closes_on__lt=at)
                  .order_by("-closes_on", "-pk")):
        results = round_results(round=round, today=at, with_change=False)
        if results.shown:
            return results
    return None


def condition_trend(*, initiative, today: dt.date) -> list[tuple[Round, list[float | None]]]:
    """Each shown round with its mean per condition (in the order of the conditions; None
    where a condition was not asked), for the trend table."""
    rows = []
    for round in rounds_of(initiative=initiative).filter(closes_on__lt=today):
        results = round_results(round=round, today=today, with_change=False)
        if results.shown:
            means = {c.condition: c.total.mean for c in results.conditions}
            rows.append((round, [means.get(key) for key, _label in CONDITION_CHOICES]))
    return rows


def evidence_of(*, initiative, condition: str = "", direction: str = ""):
    items = (Evidence.objects.for_initiative(initiative)
             .prefetch_related("activities", "meetings", "ideas"))
    if condition:
        items = items.filter(condition=condition)
    if direction:
        items = items.filter(direction=direction)
    return items


def changes_of(*, initiative, stage: str = ""):
    changes = (Change.objects.for_initiative(initiative)
               .prefetch_related("organisations", "activities", "evidence"))
    return changes.filter(stage=stage) if stage else changes


def condition_means_at(*, initiative, at: dt.date) -> tuple[int | None, list[tuple[str, float]]]:
    """The latest round closed before `at` with at least `MIN_ANSWERS` answers (its id),
    and its mean per condition, lowest first — the same means as `round_results` (each
    answer's mean for the condition, averaged over the answers), read in one query."""
    from django.db.models import Count, Subquery

    latest = (Round.objects.for_initiative(initiative).filter(closes_on__lt=at)
              .annotate(answers=Count("responses", distinct=True))
              .filter(answers__gte=MIN_ANSWERS).order_by("-closes_on", "-pk"))
    rows = list(Rating.objects.filter(response__round=Subquery(latest.values("pk")[:1]))
                .values_list("response__round_id", "response_id", "statement__condition",
                             "score"))
    if not rows:
        return None, []
    per_answer: dict = defaultdict(lambda: defaultdict(list))
    for _round, response, condition, score in rows:
        per_answer[condition][response].append(score)
    means = [(key, statistics.fmean(statistics.fmean(scores)
                                    for scores in per_answer[key].values()))
             for key, _label in CONDITION_CHOICES if per_answer.get(key)]
    return rows[0][0], sorted(means, key=lambda pair: (pair[1], pair[0]))


def evidence_count_at(*, initiative, at: dt.date) -> int:
    """Evidence items observed in the 12 months up to `at`."""
    from rygrad.core.dates import year_before

    return (Evidence.objects.for_initiative(initiative)
            .filter(observed_on__gt=year_before(at), observed_on__lte=at).count())


def systems_changes_at(*, initiative, at: dt.date) -> int:
    """Systems changes in the register that had occurred by `at`."""
    return (Change.objects.for_initiative(initiative)
            .filter(stage="systems", occurred_on__lte=at).count())
