"""Writes on the alliance registry. Views, the import, the CLI and the demo all change the
registry through these functions: atomic, validated with `full_clean`, and refusing
references to another initiative's records."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.core.deletion import deletion_plan

from .models import AgeBand, Membership, MembershipRole, Organisation, Partnership, Person

ORGANISATION_FIELDS = ("name", "sector", "parent", "is_backbone", "description", "website")
PERSON_FIELDS = ("name", "organisation", "title", "email", "age_band", "user")
MEMBERSHIP_FIELDS = ("organisation", "role", "started_on", "ended_on", "end_reason")
PARTNERSHIP_FIELDS = ("organisation_a", "organisation_b", "started_on", "ended_on",
                      "description")


def _same_initiative(initiative_id: int, **related) -> None:
    for field, obj in related.items():
        if obj is not None and obj.initiative_id != initiative_id:
            raise ValidationError({field: _("This belongs to another initiative.")})


def _parent_cycle(organisation: Organisation, parent: Organisation | None) -> bool:
    """True when making `parent` the parent of `organisation` would close a loop."""
    seen = set()
    while parent is not None and parent.pk not in seen:
        if organisation.pk is not None and parent.pk == organisation.pk:
            return True
        seen.add(parent.pk)
        parent = parent.parent
    return False


def _check_organisation(organisation: Organisation) -> None:
    """Clear messages for the two registry-wide rules (instead of naming a constraint)."""
    others = Organisation.objects.for_initiative(organisation.initiative_id).exclude(
        pk=organisation.pk)
    if others.filter(name__iexact=organisation.name).exists():
        raise ValidationError({"name": _("An organisation named “%(name)s” is already in the "
                                         "registry.") % {"name": organisation.name}})
    if organisation.is_backbone and others.filter(is_backbone=True).exists():
        raise ValidationError({"is_backbone": _("Another organisation is already marked as "
                                                "the backbone secretariat.")})


def _apply(obj, fields: tuple[str, ...], changes: dict) -> list[str]:
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"Cannot change {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, changes[name])
    return changed


@transaction.atomic
def organisation_create(*, initiative, name: str, sector: str,
                        parent: Organisation | None = None, is_backbone: bool = False,
                        description: str = "", website: str = "") -> Organisation:
    """Add an organisation to the registry (it joins the alliance group only through a
    person's membership)."""
    _same_initiative(initiative.pk, parent=parent)
    organisation = Organisation(initiative=initiative, name=name.strip(), sector=sector,
                                parent=parent, is_backbone=is_backbone,
                                description=description, website=website)
    _check_organisation(organisation)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **changes) -> Organisation:
    """Change an organisation's details; a parent may not be the organisation itself or one
    of its own children (the tree must stay a tree)."""
    _same_initiative(organisation.initiative_id, parent=changes.get("parent"))
    if "parent" in changes and _parent_cycle(organisation, changes["parent"]):
        raise ValidationError({"parent": _("An organisation cannot be placed under itself "
                                           "or under one of its own units.")})
    changed = _apply(organisation, ORGANISATION_FIELDS, changes)
    if changed:
        _check_organisation(organisation)
        organisation.full_clean()
        organisation.save(update_fields=changed)
    return organisation


def _require_secretariat(by) -> None:
    if not by.can("alliance.delete"):
        raise ValidationError(_("Only the secretariat deletes or archives organisations."))


@transaction.atomic
def organisation_delete(*, organisation: Organisation, by) -> None:
    """Delete an organisation no other record points to (with its partnerships). One that
    activities, seats, commitments or endorsements name is archived instead
    (`organisation_archive`): deleting it would rewrite their history."""
    _require_secretariat(by)
    if not deletion_plan(organisation).can_delete:
        raise ValidationError(_("Other records point to this organisation; archive it "
                                "instead."))
    organisation.delete()


@transaction.atomic
def organisation_archive(*, organisation: Organisation, by, on: dt.date | None = None
                         ) -> Organisation:
    """Archive an organisation: it keeps its history (the activities it drove, its seats)
    but is no longer listed or offered in forms. `organisation_restore` undoes it."""
    _require_secretariat(by)
    if organisation.archived_on is None:
        organisation.archived_on = on or timezone.localdate()
        organisation.save(update_fields=["archived_on"])
    return organisation


@transaction.atomic
def organisation_restore(*, organisation: Organisation, by) -> Organisation:
    """Bring an archived organisation back into lists and forms."""
    _require_secretariat(by)
    if organisation.archived_on is not None:
        organisation.archived_on = None
        organisation.save(update_fields=["archived_on"])
    return organisation


@transaction.atomic
def person_create(*, initiative, name: str, organisation: Organisation | None = None,
                  title: str = "", email: str = "", age_band: str = AgeBand.ADULT,
                  user=None) -> Person:
    """Register a person with as little data as their role needs."""
    _same_initiative(initiative.pk, organisation=organisation)
    person = Person(initiative=initiative, name=name.strip(), organisation=organisation,
                    title=title, email=email, age_band=age_band, user=user)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, **changes) -> Person:
    _same_initiative(person.initiative_id, organisation=changes.get("organisation"))
    if person.anonymised_at is not None:
        raise ValidationError(_("This person has been anonymised and cannot be edited."))
    changed = _apply(person, PERSON_FIELDS, changes)
    if changed:
        person.full_clean()
        person.save(update_fields=changed)
    return person


def former_member_label(person: Person) -> str:
    """What an erased person is called where their history remains: "Former member no. 12,
    Egelund Skole" (the number tells two former members of one organisation apart)."""
    if person.organisation_id:
        return _("Former member no. %(number)s, %(organisation)s") % {
            "number": person.pk, "organisation": person.organisation.name}
    return _("Former member no. %(number)s") % {"number": person.pk}


@transaction.atomic
def person_anonymise(*, person: Person) -> Person:
    """Erase a person while keeping the alliance's history: their seats, dates, organisation
    and age band stay (the numbers over time must not change), but name, title, email and
    login go. This cannot be undone."""
    if person.anonymised_at is not None:
        return person
    person.name = former_member_label(person)
    person.title = ""
    person.email = ""
    person.user = None
    person.anonymised_at = timezone.now()
    person.full_clean()
    person.save(update_fields=["name", "title", "email", "user", "anonymised_at"])
    return person


@transaction.atomic
def membership_start(*, person: Person, organisation: Organisation,
                     role: str = MembershipRole.MEMBER, started_on: dt.date,
                     ended_on: dt.date | None = None, end_reason: str = "") -> Membership:
    """Give a person a seat in the alliance group, representing an organisation."""
    _same_initiative(person.initiative_id, organisation=organisation)
    membership = Membership(initiative_id=person.initiative_id, person=person,
                            organisation=organisation, role=role, started_on=started_on,
                            ended_on=ended_on, end_reason=end_reason)
    _check_dates(membership)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, **changes) -> Membership:
    _same_initiative(membership.initiative_id, organisation=changes.get("organisation"))
    changed = _apply(membership, MEMBERSHIP_FIELDS, changes)
    if changed:
        _check_dates(membership)
        membership.full_clean()
        membership.save(update_fields=changed)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, on: dt.date, reason: str = "") -> Membership:
    """End a seat: `on` is the last day of membership."""
    if membership.ended_on is not None:
        raise ValidationError(_("This membership has already ended."))
    membership.ended_on = on
    membership.end_reason = reason
    _check_dates(membership)
    membership.full_clean()
    membership.save(update_fields=["ended_on", "end_reason"])
    return membership


def _check_dates(membership: Membership) -> None:
    """The end is not before the start, and a person holds at most one seat for the same
    organisation on any day (otherwise they would be counted twice in its history)."""
    if membership.ended_on is not None and membership.ended_on < membership.started_on:
        raise ValidationError({"ended_on": _("The end date is before the start date.")})
    overlapping = Membership.objects.filter(
        person_id=membership.person_id, organisation_id=membership.organisation_id,
        started_on__lte=membership.ended_on or dt.date.max,
    ).exclude(pk=membership.pk).exclude(ended_on__lt=membership.started_on).first()
    if overlapping is not None:
        raise ValidationError({"started_on": _(
            "%(person)s already holds a seat for %(organisation)s from %(start)s to %(end)s; "
            "end that seat first.") % {
            "person": membership.person.name, "organisation": membership.organisation.name,
            "start": overlapping.started_on.isoformat(),
            "end": overlapping.ended_on.isoformat() if overlapping.ended_on else "–"}})


@transaction.atomic
def partnership_create(*, initiative, organisation_a: Organisation,
                       organisation_b: Organisation, started_on: dt.date,
                       ended_on: dt.date | None = None, description: str = "") -> Partnership:
    """Record an explicit, agreed partnership between two organisations (an early change)."""
    _same_initiative(initiative.pk, organisation_a=organisation_a,
                     organisation_b=organisation_b)
    partnership = Partnership(initiative=initiative, organisation_a=organisation_a,
                              organisation_b=organisation_b, started_on=started_on,
                              ended_on=ended_on, description=description)
    _check_partnership(partnership)
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_update(*, partnership: Partnership, **changes) -> Partnership:
    _same_initiative(partnership.initiative_id, organisation_a=changes.get("organisation_a"),
                     organisation_b=changes.get("organisation_b"))
    changed = _apply(partnership, PARTNERSHIP_FIELDS, changes)
    if changed:
        _check_partnership(partnership)
        partnership.full_clean()
        partnership.save(update_fields=changed)
    return partnership


def _check_partnership(partnership: Partnership) -> None:
    if partnership.organisation_a_id == partnership.organisation_b_id:
        raise ValidationError({"organisation_b": _("A partnership needs two different "
                                                   "organisations.")})
    if partnership.ended_on is not None and partnership.ended_on < partnership.started_on:
        raise ValidationError({"ended_on": _("The end date is before the start date.")})
