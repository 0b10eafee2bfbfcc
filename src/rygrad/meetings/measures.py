"""The numbers behind the meetings signals, each as of a date and in one aggregate query.

"The last 12 months to `at`" are the meetings held after the same day a year earlier and
on or before `at` (a meeting exactly a year before falls out, one on `at` counts)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum

from rygrad.core.dates import year_before

from .models import YOUTH_GROUPS, AgendaItem, Attendance, Kind, MeetingAction


def _alliance_meetings_in_year(at: dt.date, prefix: str) -> Q:
    return Q(**{f"{prefix}kind": Kind.ALLIANCE, f"{prefix}held_on__gt": year_before(at),
                f"{prefix}held_on__lte": at})


def youth_attendance_share(*, initiative, at: dt.date) -> float | None:
    """Of everybody who came to the alliance meetings of the last 12 months (named people
    and those counted by group), the share who were children or young people. None when
    no attendance is recorded in that year."""
    totals = Attendance.objects.for_initiative(initiative).filter(
        _alliance_meetings_in_year(at, "meeting__")).aggregate(
        everyone=Sum("count"), young=Sum("count", filter=Q(group__in=YOUTH_GROUPS)))
    if not totals["everyone"]:
        return None
    return (totals["young"] or 0) / totals["everyone"]


def youth_briefed_share(*, initiative, at: dt.date) -> float | None:
    """Of the agenda items of the alliance meetings of the last 12 months, the share that
    carried a youth briefing. None when there was no such item."""
    counts = AgendaItem.objects.for_initiative(initiative).filter(
        _alliance_meetings_in_year(at, "meeting__")).aggregate(
        items=Count("pk"), briefed=Count("pk", filter=Q(youth_briefing__gt="")))
    if not counts["items"]:
        return None
    return counts["briefed"] / counts["items"]


def overdue_actions_at(*, initiative, at: dt.date) -> int:
    """Action items due before `at` and not done by `at` (done later, or still open)."""
    return MeetingAction.objects.for_initiative(initiative).filter(
        Q(done_on__isnull=True) | Q(done_on__gt=at), due_on__lt=at).count()
