"""Reads on meetings: the filtered list (with its counts in the same query), one meeting's
record, the action items, and the youth briefings of the coming alliance meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .calendar import token_hash
from .models import (
    YOUTH_GROUPS,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Decision,
    Group,
    Kind,
    Meeting,
    MeetingAction,
)


@dataclass(frozen=True)
class MeetingFilter:
    kind: str = ""
    year: int | None = None
    # "upcoming" (today and later), "past" (before today) or "" (all).
    period: str = ""
    q: str = ""


def _sum_attendance(**condition) -> Coalesce:
    people = (Attendance.objects.filter(meeting=OuterRef("pk"), **condition)
              .values("meeting").annotate(total=Sum("count")).values("total"))
    return Coalesce(Subquery(people, output_field=IntegerField()), Value(0))


def _count_items(**condition) -> Coalesce:
    items = (AgendaItem.objects.filter(meeting=OuterRef("pk")).filter(**condition)
             .values("meeting").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(items, output_field=IntegerField()), Value(0))


def with_counts(meetings: QuerySet) -> QuerySet:
    """Each meeting with its number of agenda items, items with a youth briefing, people
    who came and young people among them — one query for the whole page, however many
    rows."""
    return meetings.annotate(
        item_count=_count_items(),
        briefed_count=_count_items(youth_briefing__gt=""),
        attendee_count=_sum_attendance(),
        youth_count=_sum_attendance(group__in=YOUTH_GROUPS),
    )


def meeting_list(*, initiative, filters: MeetingFilter, today: dt.date) -> QuerySet:
    """The initiative's meetings with `filters` applied, newest first (upcoming ones in
    date order, nearest first). Narrow it with `actor.visible` before showing it."""
    meetings = Meeting.objects.for_initiative(initiative)
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.year:
        meetings = meetings.filter(held_on__year=filters.year)
    if filters.q:
        meetings = meetings.filter(Q(title__icontains=filters.q) | Q(place__icontains=filters.q))
    if filters.period == "upcoming":
        return with_counts(meetings.filter(held_on__gte=today)).order_by(
            "held_on", "starts_at", "pk")
    if filters.period == "past":
        meetings = meetings.filter(held_on__lt=today)
    return with_counts(meetings).order_by("-held_on", "-starts_at", "-pk")


def meeting_years(*, initiative) -> list[int]:
    """The years with a meeting, newest first (the list's year filter)."""
    return sorted({d.year for d in Meeting.objects.for_initiative(initiative)
                   .dates("held_on", "year")}, reverse=True)


@dataclass(frozen=True)
class GroupCount:
    group: str
    label: str
    count: int
    is_youth: bool


@dataclass(frozen=True)
class AttendanceSummary:
    """Who came, by group (named people counted in their group), in `Group` order."""

    groups: list[GroupCount]

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def youth(self) -> int:
        return sum(g.count for g in self.groups if g.is_youth)


def attendance_summary(rows) -> AttendanceSummary:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.group] = totals.get(row.group, 0) + row.count
    return AttendanceSummary(groups=[
        GroupCount(group=value, label=str(label), count=totals[value],
                   is_youth=value in YOUTH_GROUPS)
        for value, label in Group.choices if value in totals])


def meeting_record(*, meeting: Meeting) -> dict:
    """Everything on one meeting's page, in a fixed number of queries."""
    items = list(AgendaItem.objects.filter(meeting=meeting))
    attendance = list(Attendance.objects.filter(meeting=meeting)
                      .select_related("person", "organisation"))
    decisions = list(Decision.objects.filter(meeting=meeting)
                     .select_related("activity", "agenda_item"))
    actions = list(MeetingAction.objects.filter(meeting=meeting)
                   .select_related("owner", "owner__organisation", "decision"))
    return {
        "items": items,
        "briefed": sum(1 for item in items if item.has_briefing),
        "named": [row for row in attendance if row.person_id],
        "counted": [row for row in attendance if not row.person_id],
        "summary": attendance_summary(attendance),
        "decisions": decisions,
        "actions": actions,
    }


@dataclass(frozen=True)
class ActionFilter:
    # "open", "overdue", "done" or "" (all).
    status: str = ""
    organisation: int | None = None
    meeting: int | None = None


def actions_filtered(*, initiative, filters: ActionFilter, today: dt.date) -> QuerySet:
    """The meetings' action items: open ones first by due date, then done ones."""
    actions = (MeetingAction.objects.for_initiative(initiative)
               .select_related("meeting", "owner", "owner__organisation", "decision"))
    if filters.status == "open":
        actions = actions.filter(done_on__isnull=True)
    elif filters.status == "overdue":
        actions = actions.filter(done_on__isnull=True, due_on__lt=today)
    elif filters.status == "done":
        actions = actions.filter(done_on__isnull=False)
    if filters.organisation:
        actions = actions.filter(owner__organisation=filters.organisation)
    if filters.meeting:
        actions = actions.filter(meeting=filters.meeting)
    return actions.order_by(F("done_on").asc(nulls_first=True), "due_on", "pk")


def overdue_actions(*, initiative, today: dt.date) -> QuerySet:
    """Action items due before today and still open, the oldest first."""
    return actions_filtered(initiative=initiative, filters=ActionFilter(status="overdue"),
                            today=today)


def upcoming_briefings(*, initiative, today: dt.date, limit: int = 10) -> list[Meeting]:
    """The next alliance meetings (today and later), each with its agenda items
    (`meeting.agenda`) — what a young member reads to prepare."""
    meetings = list(Meeting.objects.for_initiative(initiative)
                    .filter(kind=Kind.ALLIANCE, held_on__gte=today)
                    .order_by("held_on", "starts_at", "pk")[:limit])
    items: dict[int, list[AgendaItem]] = {meeting.pk: [] for meeting in meetings}
    for item in AgendaItem.objects.filter(meeting__in=meetings):
        items[item.meeting_id].append(item)
    for meeting in meetings:
        meeting.agenda = items[meeting.pk]
    return meetings


def calendar_meetings(*, initiative, actor, today: dt.date, days_back: int = 30) -> QuerySet:
    """The meetings of the calendar feed: what `actor` may see, from `days_back` days ago
    on (so a meeting just held stays in the calendar a while), with their agenda."""
    meetings = actor.visible(Meeting.objects.for_initiative(initiative)).filter(
        held_on__gte=today - dt.timedelta(days=days_back))
    return meetings.order_by("held_on", "starts_at", "pk").prefetch_related("items")


def calendar_feed_holder(*, initiative, token: str):
    """The user whose secret calendar address `token` is, or None."""
    feed = (CalendarFeed.objects.for_initiative(initiative)
            .filter(token_hash=token_hash(token)).select_related("user").first())
    return feed.user if feed is not None else None


def calendar_feed_holder_exists(*, initiative, user) -> bool:
    """Whether `user` has a secret calendar address in the initiative."""
    return (getattr(user, "is_authenticated", False)
            and CalendarFeed.objects.for_initiative(initiative).filter(user=user).exists())
