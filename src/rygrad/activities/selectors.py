"""Reads on activities: the filtered overview, one activity's full story, commitments by
sector and year, and the signals per year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from rygrad.alliance.selectors import sector_order
from rygrad.core.freshness import data_version, kept
from rygrad.core.signals import SignalValue, evaluated_over

from .models import Activity, Commitment, CommitmentUnit, Reach
from .signals import page_signals

KEPT_SECONDS = 24 * 3600  # a result kept for a data version that has moved on


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


def labels_of(scope: dict) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The track names and the partner names (organisations committing) of the activities
    in `scope` (a filter on `activity`), as {activity id: names}, read as plain values in
    two queries."""
    tracks: dict[int, list[str]] = defaultdict(list)
    for activity_id, name in (Activity.tracks.through.objects
                              .filter(**scope).order_by("track__order", "track__name")
                              .values_list("activity_id", "track__name")):
        tracks[activity_id].append(name)
    partners: dict[int, list[str]] = defaultdict(list)
    # Ordered by the pair itself, so that DISTINCT is over the pair (the model's own
    # ordering would make every commitment distinct) and each list comes sorted.
    for activity_id, name in (Commitment.objects.filter(**scope)
                              .order_by("activity_id", "organisation__name")
                              .values_list("activity_id", "organisation__name").distinct()):
        partners[activity_id].append(name)
    return tracks, partners


def with_labels(activities) -> list[Activity]:
    """Give each activity of a page `track_names` and `partner_names`, in two queries."""
    activities = list(activities)
    tracks, partners = labels_of({"activity_id__in": [a.pk for a in activities]})
    for activity in activities:
        activity.track_names = tracks.get(activity.pk, [])
        activity.partner_names = partners.get(activity.pk, [])
    return activities


OVERVIEW_FIELDS = ("pk", "title", "stage", "driver__name", "starts_on", "ends_on",
                   "recurrence", "age_groups", "settings")


def overview_rows(activities: QuerySet[Activity]):
    """Every activity of the filtered queryset as a plain dict of `OVERVIEW_FIELDS` with
    `track_names` and `partner_names` — no model objects, so that an export of 20,000
    costs what fetching its rows costs (the labels come in two queries, the queryset
    used as a subquery)."""
    tracks, partners = labels_of({"activity__in": activities.values("pk")})
    for row in activities.values(*OVERVIEW_FIELDS).iterator(chunk_size=2000):
        row["track_names"] = tracks.get(row["pk"], [])
        row["partner_names"] = partners.get(row["pk"], [])
        yield row


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
    """Hours and money committed per year (the year a commitment starts) and sector; read
    once per change of data (a sum over every commitment: 100 ms at 100,000)."""
    def compute():
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

    return kept("activities.commitments", [initiative.pk, track, data_version()], compute,
                seconds=KEPT_SECONDS)


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
