"""Reads on activities: the filtered overview, one activity's full story, commitments by
sector and year, and the signals per year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from rygrad.core.signals import SignalValue, get_signal

from .models import Activity, Commitment, CommitmentUnit, Reach

SIGNAL_KEYS = [
    "activities.backbone_load", "activities.cross_sector_share", "activities.anchored",
    "activities.trials_stopped_share", "activities.days_to_anchor",
    "activities.partner_commitment_share", "agenda.activities_without_track",
]


@dataclass(frozen=True)
class ActivityFilter:
    track: int | None = None
    stage: str = ""
    driver: int | None = None
    q: str = ""


def activity_list(*, initiative, filters: ActivityFilter = ActivityFilter(),
                  with_partners: bool = True) -> QuerySet[Activity]:
    """The overview's activities, filtered; driver, tracks and partners come in a fixed
    number of queries however many rows there are."""
    activities = Activity.objects.for_initiative(initiative).select_related("driver")
    if filters.track:
        activities = activities.filter(tracks=filters.track)
    if filters.stage:
        activities = activities.filter(stage=filters.stage)
    if filters.driver:
        activities = activities.filter(driver=filters.driver)
    if filters.q:
        activities = activities.filter(Q(title__icontains=filters.q)
                                       | Q(description__icontains=filters.q))
    activities = activities.prefetch_related("tracks").order_by("-starts_on", "title", "pk")
    if with_partners:
        activities = activities.prefetch_related(Prefetch(
            "commitments", queryset=Commitment.objects.select_related("organisation")))
    return activities


def partner_names(activity: Activity) -> list[str]:
    """Committing organisations of an activity (from the prefetched commitments)."""
    return sorted({c.organisation.name for c in activity.commitments.all()})


def activity_story(*, activity: Activity) -> dict:
    """Everything on an activity's page: its histories, commitments, reach and learning."""
    reach = list(Reach.objects.filter(activity=activity))
    totals: dict[str, int] = defaultdict(int)
    for row in reach:
        totals[row.get_group_display()] += row.participants
    return {
        "stages": activity.stage_changes.select_related("anchored_in", "recorded_by")
        .order_by("changed_on", "pk"),
        "drivers": activity.driver_changes.select_related("organisation")
        .order_by("from_on", "pk"),
        "commitments": activity.commitments.select_related("organisation")
        .order_by("starts_on", "pk"),
        "reach": reach,
        "reach_totals": sorted(totals.items()),
        "notes": activity.learning_notes.select_related("author"),
    }


def commitments_by_year_and_sector(*, initiative, track: int | None = None) -> list[dict]:
    """Hours and money committed per year (the year a commitment starts) and sector."""
    commitments = Commitment.objects.for_initiative(initiative)
    if track:
        commitments = commitments.filter(activity__tracks=track)
    rows = (commitments.annotate(year=ExtractYear("starts_on"))
            .values("year", "organisation__sector", "organisation__is_backbone")
            .annotate(hours=Sum("amount", filter=Q(unit=CommitmentUnit.HOURS)),
                      money=Sum("amount", filter=Q(unit=CommitmentUnit.DKK)))
            .order_by("year", "organisation__sector"))
    return [{"year": r["year"], "sector": r["organisation__sector"],
             "backbone": r["organisation__is_backbone"],
             "hours": r["hours"] or 0, "money": r["money"] or 0} for r in rows]


def year_ends(*, initiative, today: dt.date) -> list[dt.date]:
    """31 December of each year from the first activity to last year, and today."""
    first = Activity.objects.for_initiative(initiative).order_by("starts_on").values_list(
        "starts_on", flat=True).first()
    start_year = min(first.year, (initiative.started_on or first).year) if first else today.year
    ends = [dt.date(year, 12, 31) for year in range(start_year, today.year)]
    return [*ends, today]


def signal_series(*, initiative, dates: list[dt.date], track: int | None = None
                  ) -> list[tuple[object, list[SignalValue]]]:
    """Each activities signal at each date: [(signal, [value at each date])]."""
    filters = {"track": track} if track else {}
    return [(get_signal(key), [get_signal(key).evaluate(initiative, at, **filters)
                               for at in dates]) for key in SIGNAL_KEYS]
