"""Writes on activities. Every change goes through one of these functions: atomic,
validated (`full_clean`) and permission-checked, so a view, the CLI and the demo all
follow the same rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.alliance.models import Organisation
from rygrad.core.permissions import Actor

from .models import (
    Activity,
    Commitment,
    CommitmentKind,
    CommitmentUnit,
    DriverChange,
    LearningNote,
    Reach,
    Stage,
    StageChange,
)

# The moves an activity may make; everything else is refused.
TRANSITIONS: dict[str, set[str]] = {
    Stage.PROPOSED: {Stage.TRIAL, Stage.STOPPED},
    Stage.TRIAL: {Stage.RUNNING, Stage.ANCHORED, Stage.STOPPED},
    Stage.RUNNING: {Stage.ANCHORED, Stage.STOPPED},
    Stage.STOPPED: {Stage.TRIAL, Stage.PROPOSED},
    Stage.ANCHORED: {Stage.STOPPED},
}

# Kinds whose unit is fixed, so hours and money can be added up across partners.
FIXED_UNITS = {CommitmentKind.STAFF_HOURS: CommitmentUnit.HOURS,
               CommitmentKind.MONEY: CommitmentUnit.DKK}

ACTIVITY_FIELDS = ("title", "description", "age_groups", "settings", "starts_on", "ends_on",
                   "recurrence", "is_public", "public_story")


def _require(actor: Actor, rule: str, obj, message: str) -> None:
    if not actor.can(rule, obj):
        raise ValidationError(message)


def _same_initiative(activity: Activity, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.initiative_id != activity.initiative_id:
        raise ValidationError(_("The organisation belongs to another initiative."))


@transaction.atomic
def activity_create(
    *, initiative, by: Actor, title: str, driver: Organisation, starts_on: dt.date,
    description: str = "", tracks=(), age_groups=(), settings=(), ends_on: dt.date | None = None,
    recurrence: str = "once", proposed_on: dt.date | None = None, is_public: bool = False,
    public_story: str = "",
) -> Activity:
    """Propose an activity. Its history starts here: stage *proposed* and its first driver,
    both from `proposed_on` (default today)."""
    _require(by, "activities.create", None, _("You may not propose activities."))
    if driver.initiative_id != initiative.pk:
        raise ValidationError(_("The driver belongs to another initiative."))
    _require(by, "activities.propose_driven_by", driver,
             _("Members may only propose activities their own organisation drives."))
    on = proposed_on or timezone.localdate()
    activity = Activity(
        initiative=initiative, title=title, description=description, driver=driver,
        starts_on=starts_on, ends_on=ends_on, recurrence=recurrence,
        age_groups=list(age_groups), settings=list(settings), stage=Stage.PROPOSED,
        is_public=is_public, public_story=public_story,
    )
    activity.full_clean()
    activity.save()
    if tracks:
        if any(track.initiative_id != initiative.pk for track in tracks):
            raise ValidationError(_("A track belongs to another initiative."))
        activity.tracks.set(tracks)
    user = by.user if by.is_authenticated else None
    StageChange.objects.create(initiative=initiative, activity=activity, stage=Stage.PROPOSED,
                               changed_on=on, recorded_by=user)
    DriverChange.objects.create(initiative=initiative, activity=activity, organisation=driver,
                                from_on=on, recorded_by=user)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by: Actor, tracks=None, **fields) -> Activity:
    """Change what an activity is (not its stage or driver, which keep a history)."""
    _require(by, "activities.edit", activity, _("You may not edit this activity."))
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(activity, name, list(value) if name in ("age_groups", "settings") else value)
    activity.full_clean()
    activity.save(update_fields=list(fields))
    if tracks is not None:
        if any(track.initiative_id != activity.initiative_id for track in tracks):
            raise ValidationError(_("A track belongs to another initiative."))
        activity.tracks.set(tracks)
    return activity


def _current_stage(activity: Activity) -> StageChange:
    return activity.stage_changes.order_by("-changed_on", "-pk").first()


@transaction.atomic
def activity_change_stage(
    *, activity: Activity, to: str, on: dt.date, by: Actor, note: str = "",
    decision: str = "", decided_by: str = "", anchored_in: Organisation | None = None,
    reason: str = "",
) -> StageChange:
    """Move the activity to stage `to` on date `on`, keeping the history.

    Anchoring needs the decision and who made it; stopping needs a reason; re-opening a
    stopped activity needs a note. Only the secretariat and members of the driving
    organisation may do it. Refusals are ValidationErrors with a message for people.
    """
    _require(by, "activities.edit", activity,
             _("Only the secretariat or a member of the driving organisation may change the "
               "stage of this activity."))
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    current = _current_stage(activity)
    labels = dict(Stage.choices)
    if to not in labels:
        raise ValidationError({"to": _("Unknown stage “%(stage)s”.") % {"stage": to}})
    if to not in TRANSITIONS[current.stage]:
        raise ValidationError({"to": _(
            "An activity cannot go from “%(from)s” to “%(to)s”. From “%(from)s” it can go to: "
            "%(allowed)s.") % {
                "from": labels[current.stage], "to": labels[to],
                "allowed": ", ".join(str(labels[s]) for s in Stage.values
                                     if s in TRANSITIONS[current.stage]),
        }})
    if on < current.changed_on:
        raise ValidationError({"on": _(
            "The date must be on or after the last change of stage (%(date)s).") % {
                "date": current.changed_on.isoformat()}})
    _refuse_future(on)
    errors = {}
    if to == Stage.ANCHORED:
        if not decision.strip():
            errors["decision"] = _("Describe the decision that anchored the activity.")
        if not decided_by.strip():
            errors["decided_by"] = _("Say who made the decision.")
    if to == Stage.STOPPED and not reason.strip():
        errors["reason"] = _("Give the reason the activity stopped.")
    if current.stage == Stage.STOPPED and not note.strip():
        errors["note"] = _("Say why the activity is re-opened.")
    if errors:
        raise ValidationError(errors)
    _same_initiative(activity, anchored_in)
    change = StageChange(
        initiative_id=activity.initiative_id, activity=activity, stage=to, changed_on=on,
        note=note, decision=decision, decided_by=decided_by, reason=reason,
        anchored_in=anchored_in if to == Stage.ANCHORED else None,
        recorded_by=by.user if by.is_authenticated else None,
    )
    change.full_clean()
    current.until = on
    current.save(update_fields=["until"])
    change.save()
    activity.stage = to
    activity.save(update_fields=["stage"])
    return change


def _refuse_future(on: dt.date) -> None:
    """A change of stage or driver is history, recorded once it has happened: a future
    date would count in the signals before the change is real (and the history could not
    be changed back if the plan changed), so it is refused."""
    today = timezone.localdate()
    if on > today:
        raise ValidationError({"on": _(
            "A change is recorded once it has happened: the date cannot be after today "
            "(%(today)s).") % {"today": today.isoformat()}})


@transaction.atomic
def activity_change_driver(
    *, activity: Activity, organisation: Organisation, on: dt.date, by: Actor, note: str = "",
) -> DriverChange:
    """Hand the activity to another driver from `on`. The earlier driver stays in the history,
    so the backbone load as of an earlier date is still right."""
    _require(by, "activities.edit", activity, _("You may not change the driver of this activity."))
    _same_initiative(activity, organisation)
    current = activity.driver_changes.order_by("-from_on", "-pk").first()
    if current.organisation_id == organisation.pk:
        raise ValidationError({"organisation": _("%(org)s already drives this activity.") % {
            "org": organisation.name}})
    if on < current.from_on:
        raise ValidationError({"on": _(
            "The date must be on or after the last change of driver (%(date)s).") % {
                "date": current.from_on.isoformat()}})
    _refuse_future(on)
    change = DriverChange(initiative_id=activity.initiative_id, activity=activity,
                          organisation=organisation, from_on=on, note=note,
                          recorded_by=by.user if by.is_authenticated else None)
    change.full_clean()
    current.until = on
    current.save(update_fields=["until"])
    change.save()
    activity.driver = organisation
    activity.save(update_fields=["driver"])
    return change


def _check_commitment(commitment: Commitment) -> None:
    fixed = FIXED_UNITS.get(commitment.kind)
    if fixed and commitment.unit != fixed:
        raise ValidationError({"unit": _("%(kind)s are counted in %(unit)s.") % {
            "kind": commitment.get_kind_display(), "unit": fixed.label}})
    _same_initiative(commitment.activity, commitment.organisation)
    commitment.full_clean()


@transaction.atomic
def commitment_create(
    *, activity: Activity, organisation: Organisation, kind: str, amount: Decimal, unit: str,
    starts_on: dt.date, by: Actor, ends_on: dt.date | None = None, note: str = "",
) -> Commitment:
    """Record an organisation's binding commitment of resources to the activity."""
    commitment = Commitment(initiative_id=activity.initiative_id, activity=activity,
                            organisation=organisation, kind=kind, amount=amount, unit=unit,
                            starts_on=starts_on, ends_on=ends_on, note=note)
    _require(by, "activities.commit", commitment,
             _("You may only commit your own organisation's resources."))
    _check_commitment(commitment)
    commitment.save()
    return commitment


@transaction.atomic
def commitment_update(*, commitment: Commitment, by: Actor, **fields) -> Commitment:
    """Change a commitment (for example end it, or correct the amount)."""
    _require(by, "activities.commit", commitment,
             _("You may only change your own organisation's commitments."))
    allowed = {"kind", "amount", "unit", "starts_on", "ends_on", "note"}
    if set(fields) - allowed:
        raise ValueError(f"Not editable here: {sorted(set(fields) - allowed)}")
    for name, value in fields.items():
        setattr(commitment, name, value)
    _check_commitment(commitment)
    commitment.save(update_fields=list(fields))
    return commitment


@transaction.atomic
def reach_record(*, activity: Activity, occurred_on: dt.date, group: str, participants: int,
                 by: Actor) -> Reach:
    """Record how many of a group took part in one occurrence."""
    _require(by, "activities.contribute", activity, _("You may not record reach here."))
    reach = Reach(initiative_id=activity.initiative_id, activity=activity,
                  occurred_on=occurred_on, group=group, participants=participants)
    reach.full_clean()
    reach.save()
    return reach


@transaction.atomic
def learning_note_add(*, activity: Activity, written_on: dt.date, tried: str, learned: str,
                      by: Actor) -> LearningNote:
    """Add to the learning log: what we tried and what we learned, failures included."""
    _require(by, "activities.contribute", activity, _("You may not write in this learning log."))
    note = LearningNote(initiative_id=activity.initiative_id, activity=activity,
                        written_on=written_on, tried=tried, learned=learned,
                        author=by.user if by.is_authenticated else None)
    note.full_clean()
    note.save()
    return note



@transaction.atomic
def activity_delete(*, activity: Activity, by: Actor) -> None:
    """Delete an activity with its stage and driver history, commitments, reach and
    learning log (the confirmation page lists them). For activities recorded by mistake:
    an activity that ended is stopped, not deleted, so the signals keep its history. Only
    the secretariat deletes; the audit log keeps a record of the deletion."""
    _require(by, "activities.delete", activity,
             _("Only the secretariat deletes activities."))
    activity.delete()
