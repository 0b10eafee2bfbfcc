"""The numbers behind the activities signals, as of a date.

Stage and driver history are stored as dated spans (`changed_on`/`from_on` up to `until`),
so "the stage at `at`" is the span that began on or before `at` and had not ended by then.
Each measure is one or two aggregate queries, whatever the number of activities, so the
dashboard stays fast at 20,000 activities.
"""

from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from .models import Commitment, DriverChange, Stage, StageChange

ALIVE = (Stage.PROPOSED, Stage.TRIAL, Stage.RUNNING)


def _span_open(at: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gt": at})


def stages_at(*, initiative, at: dt.date, track: int | None = None) -> QuerySet[StageChange]:
    """One row per activity that existed on `at`: the stage span it was in that day."""
    spans = StageChange.objects.for_initiative(initiative).filter(
        _span_open(at), changed_on__lte=at)
    if track:
        spans = spans.filter(activity__tracks=track)
    return spans


def _in_force(at: dt.date) -> Q:
    return Q(starts_on__lte=at) & (Q(ends_on__isnull=True) | Q(ends_on__gte=at))


def commitments_at(*, initiative, at: dt.date, track: int | None = None):
    commitments = Commitment.objects.for_initiative(initiative).filter(_in_force(at))
    if track:
        commitments = commitments.filter(activity__tracks=track)
    return commitments


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def backbone_load(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Share of the activities running on `at` whose driver on `at` was the backbone."""
    backbone_drives = DriverChange.objects.filter(
        _span_open(at), activity=OuterRef("activity"), organisation__is_backbone=True,
        from_on__lte=at)
    counts = stages_at(initiative=initiative, at=at, track=track).filter(
        stage=Stage.RUNNING).aggregate(
        total=Count("pk"), backbone=Count("pk", filter=Exists(backbone_drives)))
    return _share(counts["backbone"], counts["total"])


def cross_sector_share(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Share of running activities with commitments in force from two or more sectors,
    the backbone not counted."""
    running = stages_at(initiative=initiative, at=at, track=track).filter(stage=Stage.RUNNING)
    total = running.count()
    if not total:
        return None
    cross = (
        commitments_at(initiative=initiative, at=at)
        .filter(activity_id__in=running.values("activity_id"), organisation__is_backbone=False)
        .values("activity_id").annotate(sectors=Count("organisation__sector", distinct=True))
        .filter(sectors__gte=2).count()
    )
    return cross / total


def anchored(*, initiative, at: dt.date, track: int | None = None) -> int:
    return stages_at(initiative=initiative, at=at, track=track).filter(
        stage=Stage.ANCHORED).count()


def trials_stopped_share(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Of the activities that were tried and had ended by `at` (stopped or anchored), the
    share that stopped. A re-opened activity is not ended, so it does not count."""
    was_tried = StageChange.objects.filter(activity=OuterRef("activity"), stage=Stage.TRIAL,
                                           changed_on__lte=at)
    counts = stages_at(initiative=initiative, at=at, track=track).filter(
        Exists(was_tried), stage__in=[Stage.STOPPED, Stage.ANCHORED]).aggregate(
        total=Count("pk"), stopped=Count("pk", filter=Q(stage=Stage.STOPPED)))
    return _share(counts["stopped"], counts["total"])


def days_to_anchor(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Median days from an activity's first trial to its anchoring, over the activities
    anchored on `at`."""
    first_trial = (StageChange.objects.filter(activity=OuterRef("activity"), stage=Stage.TRIAL)
                   .order_by("changed_on", "pk").values("changed_on")[:1])
    rows = (stages_at(initiative=initiative, at=at, track=track)
            .filter(stage=Stage.ANCHORED).annotate(trial_on=Subquery(first_trial))
            .values_list("changed_on", "trial_on"))
    days = [(anchored_on - trial_on).days for anchored_on, trial_on in rows
            if trial_on is not None and trial_on <= anchored_on]
    return float(statistics.median(days)) if days else None


def partner_commitment_share(*, initiative, at: dt.date,
                             track: int | None = None) -> float | None:
    """Of the commitments in force on `at`, the share made by organisations other than the
    backbone (each commitment counts once, whatever its kind)."""
    counts = commitments_at(initiative=initiative, at=at, track=track).aggregate(
        total=Count("pk"), partners=Count("pk", filter=Q(organisation__is_backbone=False)))
    return _share(counts["partners"], counts["total"])


def without_track(*, initiative, at: dt.date) -> int:
    """Activities proposed, in trial or running on `at` that are on no track."""
    return stages_at(initiative=initiative, at=at).filter(
        stage__in=ALIVE, activity__tracks__isnull=True).count()
