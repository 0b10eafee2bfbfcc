"""Reads on activities: the filtered overview, one activity's full story, commitments by
sector and year, and the signals per year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from rygrad.alliance.selectors import sector_order
from rygrad.core.signals import SignalValue, evaluated_over

from .models import Activity, Commitment, CommitmentUnit, Reach
from .signals import page_signals


@dataclass(frozen=True)
class ActivityFilter:
    track: int | None = None
    no_track: bool = False  # only the activities on no track
    backbone: bool = False  # only the activities the secretariat drives
    stage: str = ""
    driver: int | None = None
    q: str = ""


def activity_list(*, initiative, filters: ActivityFilter = ActivityFilter()
                  ) -> QuerySet[Activity]:
    """The overview's activities, filtered, with their driver. Tracks and partners are
    added by `with_labels` for just the rows shown, in two more queries."""
    activities = Activity.objects.for_initiative(initiative).select_related("driver")
    if filters.track:
        activities = activities.filter(tracks=filters.track)
    if filters.no_track:
        activities = activities.filter(tracks__isnull=True)
    if filters.backbone:
        activities = activities.filter(driver__is_backbone=True)
    if filters.stage:
        activities = activities.filter(stage=filters.stage)
    if filters.driver:
        activities = activities.filter(driver=filters.driver)
    if filters.q:
        activities = activities.filter(Q(title__icontains=filters.q)
                                       | Q(description__icontains=filters.q))
    return activities.order_by("-starts_on", "title", "pk")


def visible_activities(activities: QuerySet[Activity], *, actor) -> QuerySet[Activity]:
    """Narrow a list to what `actor` may see: the activities' scope (`permissions.py`),
    the same rule as `activities.view` for one activity."""
    return actor.visible(activities)


def with_labels(activities, *, among: QuerySet[Activity] | None = None) -> list[Activity]:
    """Give each activity `track_names` and `partner_names` (the organisations committing
    to it), read as plain values in two queries — fast for 50 rows on a page and for
    20,000 in an export (`among`: the filtered queryset, used as a subquery)."""
    activities = list(activities)
    scope = ({"activity__in": among.values("pk")} if among is not None
             else {"activity_id__in": [a.pk for a in activities]})
    tracks: dict[int, list[str]] = defaultdict(list)
    for activity_id, name in (Activity.tracks.through.objects
                              .filter(**scope).order_by("track__order", "track__name")
                              .values_list("activity_id", "track__name")):
        tracks[activity_id].append(name)
    partners: dict[int, set[str]] = defaultdict(set)
    for activity_id, name in (Commitment.objects.filter(**scope)
                              .values_list("activity_id", "organisation__name").distinct()):
        partners[activity_id].add(name)
    for activity in activities:
        activity.track_names = tracks.get(activity.pk, [])
        activity.partner_names = sorted(partners.get(activity.pk, ()))
    return activities


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
            .order_by("year", sector_order("organisation__sector")))
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
    """Each signal the activities app registers at each date: [(signal, [value at each
    date])]."""
    filters = {"track": track} if track else {}
    return evaluated_over(initiative=initiative, signals=list(page_signals()), dates=dates,
                          **filters)
