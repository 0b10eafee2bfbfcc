"""Writes on meetings. Every change goes through one of these functions: atomic, validated
(`full_clean`) and permission-checked, so a view, the CLI and the demo follow the same
rules. Text is stored as typed (trimmed), never as HTML."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.activities.models import Activity
from rygrad.alliance.models import AgeBand, Organisation, Person
from rygrad.core.permissions import Actor

from .calendar import token_hash
from .models import (
    BRIEFING_MAX_LENGTH,
    YOUTH_GROUPS,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Decision,
    Group,
    Meeting,
    MeetingAction,
)

MEETING_FIELDS = ("title", "kind", "held_on", "starts_at", "ends_at", "place", "description",
                  "minutes")
ITEM_FIELDS = ("title", "notes", "youth_briefing", "position")
DECISION_FIELDS = ("text", "agenda_item", "activity")
ACTION_FIELDS = ("title", "owner", "due_on", "decision", "done_on")


def _require(actor: Actor, rule: str, obj, message: str) -> None:
    if not actor.can(rule, obj):
        raise ValidationError(message)


def _manage(by: Actor) -> None:
    _require(by, "meetings.manage", None, _("Only the secretariat changes meetings."))


def _clean_text(value):
    return value.strip() if isinstance(value, str) else value


def _same_initiative(initiative_id: int, field: str, obj) -> None:
    if obj is not None and obj.initiative_id != initiative_id:
        raise ValidationError({field: _("This belongs to another initiative.")})


def _check_times(meeting: Meeting) -> None:
    if meeting.starts_at and meeting.ends_at and meeting.ends_at < meeting.starts_at:
        raise ValidationError({"ends_at": _("The meeting cannot end before it starts.")})


@transaction.atomic
def meeting_create(*, initiative, by: Actor, title: str, kind: str, held_on: dt.date,
                   starts_at: dt.time | None = None, ends_at: dt.time | None = None,
                   place: str = "", description: str = "", minutes: str = "") -> Meeting:
    """Plan (or record) a meeting. A date in the future is a meeting to come."""
    _manage(by)
    meeting = Meeting(initiative=initiative, title=title.strip(), kind=kind, held_on=held_on,
                      starts_at=starts_at, ends_at=ends_at, place=place.strip(),
                      description=description.strip(), minutes=minutes.strip())
    _check_times(meeting)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: Actor, **fields) -> Meeting:
    """Change what a meeting is, or write its minutes. Its action items must still fall
    after it: a meeting cannot be moved past an action item's due date."""
    _manage(by)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(meeting, name, _clean_text(value))
    _check_times(meeting)
    if "held_on" in fields:
        earliest = meeting.actions.order_by("due_on").values_list("due_on", flat=True).first()
        if earliest is not None and earliest < meeting.held_on:
            raise ValidationError({"held_on": _(
                "An action item of this meeting is due on %(date)s, before the new date.")
                % {"date": earliest}})
    meeting.full_clean()
    meeting.save(update_fields=list(fields))
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: Actor) -> None:
    """Delete a meeting with its agenda, attendance, decisions and action items."""
    _manage(by)
    meeting.delete()


def _check_briefing(text: str) -> None:
    if len(text) > BRIEFING_MAX_LENGTH:
        raise ValidationError({"youth_briefing": _(
            "Keep the youth briefing short: at most %(max)d characters (it has %(n)d).")
            % {"max": BRIEFING_MAX_LENGTH, "n": len(text)}})


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, by: Actor, title: str, notes: str = "",
                    youth_briefing: str = "", position: int | None = None) -> AgendaItem:
    """Add a point to the agenda, last unless a position is given."""
    _manage(by)
    if position is None:
        last = meeting.items.aggregate(last=Max("position"))["last"]
        position = (last or 0) + 1
    item = AgendaItem(initiative_id=meeting.initiative_id, meeting=meeting,
                      title=title.strip(), notes=notes.strip(),
                      youth_briefing=youth_briefing.strip(), position=position)
    _check_briefing(item.youth_briefing)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by: Actor, **fields) -> AgendaItem:
    _manage(by)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(item, name, _clean_text(value))
    _check_briefing(item.youth_briefing)
    item.full_clean()
    item.save(update_fields=list(fields))
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by: Actor) -> None:
    """Remove a point from the agenda; decisions taken under it stay, without the item."""
    _manage(by)
    item.delete()


def group_of(person: Person) -> str | None:
    """The group a named person is counted in when their age band says it: children under
    13, young people from 13 to 24; None for an adult (whose group the secretariat says)."""
    if person.age_band == AgeBand.UNDER_13:
        return Group.CHILDREN
    if person.age_band != AgeBand.ADULT:
        return Group.YOUNG_PEOPLE
    return None


@transaction.atomic
def attendance_add_person(*, meeting: Meeting, by: Actor, person: Person,
                          organisation: Organisation | None = None,
                          group: str = "") -> Attendance:
    """Record that `person` came, for `organisation` (their own by default). A young
    person is counted in their age band's group; an adult in `group` (professionals when
    none is given), never in a young group."""
    _manage(by)
    _same_initiative(meeting.initiative_id, "person", person)
    _same_initiative(meeting.initiative_id, "organisation", organisation)
    if Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError({"person": _("%(name)s is already recorded as present.")
                               % {"name": person}})
    own = group_of(person)
    if own is not None and group and group != own:
        raise ValidationError({"group": _(
            "%(name)s is a young person in the registry and is counted as “%(group)s”.")
            % {"name": person, "group": Group(own).label}})
    if own is None and group in YOUTH_GROUPS:
        raise ValidationError({"group": _(
            "%(name)s is an adult in the registry; change their age band there first.")
            % {"name": person}})
    row = Attendance(initiative_id=meeting.initiative_id, meeting=meeting, person=person,
                     organisation=organisation or person.organisation,
                     group=own or group or Group.PROFESSIONALS, count=1)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def attendance_set_counts(*, meeting: Meeting, by: Actor,
                          counts: dict[str, int]) -> list[Attendance]:
    """Set how many came without names, per group (0 or None: none of that group)."""
    _manage(by)
    unknown = set(counts) - set(Group.values)
    if unknown:
        raise ValidationError(_("Unknown group: %(groups)s.") % {"groups": ", ".join(
            sorted(unknown))})
    kept = []
    for group, count in counts.items():
        if count is not None and count < 0:
            raise ValidationError({group: _("A number of people cannot be negative.")})
        existing = Attendance.objects.filter(meeting=meeting, person__isnull=True,
                                             group=group).first()
        if not count:
            if existing is not None:
                existing.delete()
            continue
        if existing is None:
            existing = Attendance(initiative_id=meeting.initiative_id, meeting=meeting,
                                  group=group, count=count)
            existing.full_clean()
            existing.save()
        elif existing.count != count:
            existing.count = count
            existing.save(update_fields=["count"])
        kept.append(existing)
    return kept


@transaction.atomic
def attendance_remove(*, attendance: Attendance, by: Actor) -> None:
    _manage(by)
    attendance.delete()


def _check_decision(decision: Decision) -> None:
    _same_initiative(decision.initiative_id, "activity", decision.activity)
    if decision.agenda_item is not None and decision.agenda_item.meeting_id != (
            decision.meeting_id):
        raise ValidationError({"agenda_item": _("The agenda item is from another meeting.")})


@transaction.atomic
def decision_record(*, meeting: Meeting, by: Actor, text: str,
                    agenda_item: AgendaItem | None = None,
                    activity: Activity | None = None) -> Decision:
    """Record what the meeting decided, under an agenda item and with the activity it
    started or changed, when there is one."""
    _manage(by)
    decision = Decision(initiative_id=meeting.initiative_id, meeting=meeting,
                        text=text.strip(), agenda_item=agenda_item, activity=activity)
    _check_decision(decision)
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, by: Actor, **fields) -> Decision:
    _manage(by)
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(decision, name, _clean_text(value))
    _check_decision(decision)
    decision.full_clean()
    decision.save(update_fields=list(fields))
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, by: Actor) -> None:
    """Delete a decision; its action items stay, without it."""
    _manage(by)
    decision.delete()


def _check_action(action: MeetingAction, today: dt.date) -> None:
    _same_initiative(action.initiative_id, "owner", action.owner)
    meeting = action.meeting
    if action.decision is not None and action.decision.meeting_id != meeting.pk:
        raise ValidationError({"decision": _("The decision is from another meeting.")})
    if action.due_on < meeting.held_on:
        raise ValidationError({"due_on": _("An action item cannot be due before its meeting "
                                           "(%(date)s).") % {"date": meeting.held_on}})
    _check_done_on(action, action.done_on, today)


def _check_done_on(action: MeetingAction, on: dt.date | None, today: dt.date) -> None:
    if on is None:
        return
    if on > today:
        raise ValidationError({"done_on": _("An action item is marked done once it is done: "
                                            "the date cannot be in the future.")})
    if on < action.meeting.held_on:
        raise ValidationError({"done_on": _("An action item cannot be done before its meeting "
                                            "(%(date)s).") % {"date": action.meeting.held_on}})


@transaction.atomic
def action_create(*, meeting: Meeting, by: Actor, title: str, owner: Person,
                  due_on: dt.date, decision: Decision | None = None) -> MeetingAction:
    """An action item: what, who, by when (on or after the meeting)."""
    _manage(by)
    action = MeetingAction(initiative_id=meeting.initiative_id, meeting=meeting,
                           title=title.strip(), owner=owner, due_on=due_on, decision=decision)
    _check_action(action, timezone.localdate())
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: MeetingAction, by: Actor, **fields) -> MeetingAction:
    """Change an action item: what, who, when due, and when done (empty: open again)."""
    _manage(by)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(action, name, _clean_text(value))
    _check_action(action, timezone.localdate())
    action.full_clean()
    action.save(update_fields=list(fields))
    return action


@transaction.atomic
def action_delete(*, action: MeetingAction, by: Actor) -> None:
    _manage(by)
    action.delete()


@transaction.atomic
def action_complete(*, action: MeetingAction, by: Actor, on: dt.date) -> MeetingAction:
    """Tick off an action item as done on `on` (not in the future, not before its
    meeting): the secretariat, or a member of the owner's organisation."""
    _require(by, "meetings.complete_action", action,
             _("Only the secretariat or a member of the owner's organisation may mark this "
               "action item as done."))
    if action.done_on is not None:
        raise ValidationError(_("This action item was already marked done on %(date)s.")
                              % {"date": action.done_on})
    _check_done_on(action, on, timezone.localdate())
    action.done_on = on
    action.save(update_fields=["done_on"])
    return action


@transaction.atomic
def calendar_address_new(*, initiative, by: Actor) -> str:
    """A new secret calendar address for the actor (the old one stops working). Returns
    the secret, which is kept only as a hash: show it to them now."""
    _require(by, "meetings.calendar_address", None,
             _("You need a role in the initiative to have a calendar address."))
    if not by.is_authenticated:
        raise ValidationError(_("Log in to get a calendar address."))
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(initiative=initiative, user=by.user).delete()
    feed = CalendarFeed(initiative=initiative, user=by.user, token_hash=token_hash(token))
    feed.save()
    return token


@transaction.atomic
def calendar_address_remove(*, initiative, by: Actor) -> None:
    """End the actor's calendar address: calendars that use it get nothing any more."""
    if by.is_authenticated:
        CalendarFeed.objects.filter(initiative=initiative, user=by.user).delete()

