"""The demo initiative's activities, 2016-2019 (see demo_data.py for the story).

Everything goes through the services, as the secretariat, so the demo's histories are
exactly what the pages and signals would record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rygrad.agenda.demo import ORGANISATIONS, secretariat_actor
from rygrad.agenda.models import Track
from rygrad.alliance.models import Organisation, Sector

from . import services
from .demo_data import ACTIVITIES, ANCHORS, BB, LEARNING, PROPOSED_ON, PUBLIC_STORIES, REACH

EXTRA_SECTORS = {"Egelund Gymnastikforening": Sector.ASSOCIATION}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class _Organisations(dict):
    """Organisations by name, found (the alliance demo makes them) or created on first use."""

    def __init__(self, initiative):
        super().__init__()
        self.initiative = initiative

    def __missing__(self, name: str) -> Organisation:
        sector = ORGANISATIONS.get(name) or EXTRA_SECTORS[name]
        organisation, _created = Organisation.objects.get_or_create(
            initiative=self.initiative, name=name,
            defaults={"sector": sector, "is_backbone": name == BB})
        self[name] = organisation
        return organisation


def build(initiative, rng) -> None:
    by = secretariat_actor(initiative)
    organisations = _Organisations(initiative)
    tracks = {t.name: t for t in Track.objects.for_initiative(initiative)}
    made = {}
    for row in ACTIVITIES:
        made[row[0]] = _activity(initiative, by, organisations, tracks, rng, *row)
    for title, occurrences in REACH.items():
        for on, group, participants in occurrences:
            services.reach_record(activity=made[title], occurred_on=_date(on), group=group,
                                  participants=participants, by=by)
    for title, on, tried, learned in LEARNING:
        services.learning_note_add(activity=made[title], written_on=_date(on), tried=tried,
                                   learned=learned, by=by)
    # A few activities are told on the public site, each with a story written for it.
    for title, story in PUBLIC_STORIES.items():
        services.activity_update(activity=made[title], by=by, is_public=True,
                                 public_story=story)


def _activity(initiative, by, organisations, tracks, rng, title, description, track_names,
              ages, settings, recurrence, driver, handovers, story, commitments):
    first = next((_date(on) for stage, on, _text in story if stage == "trial"), None)
    proposed_on = _date(PROPOSED_ON.get(title)) or first - dt.timedelta(days=rng.randrange(20, 70))
    ended = _date(story[-1][1]) if story and story[-1][0] == "stopped" else None
    activity = services.activity_create(
        initiative=initiative, by=by, title=title, description=description,
        driver=organisations[driver], starts_on=first or proposed_on, ends_on=ended,
        tracks=[tracks[name] for name in track_names if name in tracks],
        age_groups=ages, settings=settings, recurrence=recurrence, proposed_on=proposed_on)
    previous = "proposed"
    for stage, on, text in story:
        extra = {}
        if stage == "stopped":
            extra["reason"] = text
        elif stage == "anchored":
            details = ANCHORS[title]
            extra = {"decision": text, "decided_by": details["decided_by"],
                     "anchored_in": organisations[details["anchored_in"]]}
        elif text or previous == "stopped":
            extra["note"] = text
        services.activity_change_stage(activity=activity, to=stage, on=_date(on), by=by,
                                       **extra)
        previous = stage
    for name, on, note in handovers:
        services.activity_change_driver(activity=activity, organisation=organisations[name],
                                        on=_date(on), by=by, note=note)
    for name, kind, amount, unit, starts, ends in commitments:
        services.commitment_create(
            activity=activity, organisation=organisations[name], kind=kind,
            amount=Decimal(amount), unit=unit, starts_on=_date(starts), ends_on=_date(ends),
            by=by)
    _backbone_hours(activity, by, organisations, rng, driver, handovers, first or proposed_on,
                    ended)
    return activity


def _backbone_hours(activity, by, organisations, rng, driver, handovers, start, end):
    """The secretariat's own hours while it drives the activity (it always commits some)."""
    periods = []
    if driver == BB:
        periods.append((start, _date(handovers[0][1]) - dt.timedelta(days=1)
                        if handovers else end))
    for index, (name, on, _note) in enumerate(handovers):
        if name == BB:
            until = handovers[index + 1][1] if index + 1 < len(handovers) else None
            periods.append((_date(on), _date(until) or end))
    for begins, ends in periods:
        if ends is not None and ends < begins:
            continue
        services.commitment_create(
            activity=activity, organisation=organisations[BB], kind="staff_hours",
            amount=Decimal(rng.randrange(40, 300, 10)), unit="hours", starts_on=begins,
            ends_on=ends, by=by)
