"""The numbers behind the activities signals, as of a date.

Stage and driver history are stored as dated spans (`changed_on`/`from_on` up to `until`),
so "the stage at `at`" is the span that began on or before `at` and had not ended by then.
Each measure is one or two aggregate queries answered from covering indexes, whatever the
number of activities, so the dashboard stays fast at 20,000 activities
(bench/activities.py). The backbone is looked up by a subquery, never joined per row.
"""

from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from rygrad.alliance.models import Organisation

from .models import Activity, Commitment, DriverChange, Stage, StageChange

ALIVE = (Stage.PROPOSED, Stage.TRIAL, Stage.RUNNING)


def _span_open(at: dt.date) -> Q:
    return Q(until__isnull=True) | Q(until__gt=at)


def _backbone(initiative):
    return Organisation.objects.filter(initiative=initiative, is_backbone=True).values("pk")


def stages_at(*, initiative, at: dt.date, track: int | None = None,
              stages=tuple(Stage.values)) -> QuerySet[StageChange]:
    """One row per activity that existed on `at` and was in one of `stages` that day."""
    spans = StageChange.objects.filter(initiative=initiative, stage__in=list(stages),
                                       changed_on__lte=at).filter(_span_open(at))
    if track:
        spans = spans.filter(activity__tracks=track)
    return spans


def commitments_at(*, initiative, at: dt.date, track: int | None = None):
    """Commitments in force on `at`."""
    commitments = Commitment.objects.filter(initiative=initiative, starts_on__lte=at).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=at))
    if track:
        commitments = commitments.filter(activity__tracks=track)
    return commitments


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def backbone_load(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Share of the activities running on `at` whose driver on `at` was the backbone."""
    backbone_drives = DriverChange.objects.filter(
        _span_open(at), activity=OuterRef("activity"), from_on__lte=at,
        organisation__in=_backbone(initiative))
    counts = stages_at(initiative=initiative, at=at, track=track,
                       stages=[Stage.RUNNING]).aggregate(
        total=Count("pk"), backbone=Count("pk", filter=Exists(backbone_drives)))
    return _share(counts["backbone"], counts["total"])


def cross_sector_share(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Share of running activities with commitments in force from two or more sectors,
    the backbone not counted."""
    running = stages_at(initiative=initiative, at=at, track=track, stages=[Stage.RUNNING])
    total = running.count()
    if not total:
        return None
    cross = (
        commitments_at(initiative=initiative, at=at)
        .filter(activity__in=running.values("activity"))
        .exclude(organisation__in=_backbone(initiative))
        .values("activity").annotate(sectors=Count("organisation__sector", distinct=True))
        .filter(sectors__gte=2).count()
    )
    return cross / total


def anchored(*, initiative, at: dt.date, track: int | None = None) -> int:
    return stages_at(initiative=initiative, at=at, track=track, stages=[Stage.ANCHORED]).count()


def trials_stopped_share(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Of the activities that were tried and had ended by `at` (stopped or anchored), the
    share that stopped. A re-opened activity is not ended, so it does not count."""
    was_tried = StageChange.objects.filter(activity=OuterRef("activity"), stage=Stage.TRIAL,
                                           changed_on__lte=at)
    counts = stages_at(initiative=initiative, at=at, track=track,
                       stages=[Stage.STOPPED, Stage.ANCHORED]).filter(
        Exists(was_tried)).aggregate(
        total=Count("pk"), stopped=Count("pk", filter=Q(stage=Stage.STOPPED)))
    return _share(counts["stopped"], counts["total"])


def days_to_anchor(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Median days from an activity's first trial to its anchoring, over the activities
    anchored on `at`."""
    first_trial = (StageChange.objects.filter(activity=OuterRef("activity"), stage=Stage.TRIAL)
                   .order_by("changed_on").values("changed_on")[:1])
    rows = (stages_at(initiative=initiative, at=at, track=track, stages=[Stage.ANCHORED])
            .annotate(trial_on=Subquery(first_trial)).values_list("changed_on", "trial_on"))
    days = [(anchored_on - trial_on).days for anchored_on, trial_on in rows
            if trial_on is not None and trial_on <= anchored_on]
    return float(statistics.median(days)) if days else None


def partner_commitment_share(*, initiative, at: dt.date,
                             track: int | None = None) -> float | None:
    """Of the commitments in force on `at`, the share made by organisations other than the
    backbone (each commitment counts once, whatever its kind)."""
    in_force = commitments_at(initiative=initiative, at=at, track=track)
    total = in_force.count()
    if not total:
        return None
    backbone = in_force.filter(organisation__in=_backbone(initiative)).count()
    return (total - backbone) / total


def without_track(*, initiative, at: dt.date) -> int:
    """Activities proposed, in trial or running on `at` that are on no track."""
    on_a_track = Activity.tracks.through.objects.filter(activity_id=OuterRef("activity"))
    return stages_at(initiative=initiative, at=at, stages=ALIVE).filter(
        ~Exists(on_a_track)).count()
