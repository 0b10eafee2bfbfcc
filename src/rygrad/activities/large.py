"""The activities of a large initiative (`rygrad generate_large`, see core/large.py).

A full initiative has 1,000 activities proposed over its life, each driven by one of its
own organisations (schools, clubs and the municipality most often), on one or two of its
tracks, with the history the services would have recorded: stage changes as dated spans
(proposed, then trial, running, anchored or stopped, never in the future), a handover of
the driver for about one in seven, two to four commitments, and reach for those that ran.
Written with bulk_create in batches.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from rygrad.agenda.models import Track
from rygrad.alliance.models import Organisation, Sector

from .models import (
    Activity,
    Commitment,
    CommitmentKind,
    CommitmentUnit,
    DriverChange,
    Reach,
    ReachGroup,
    Recurrence,
    Setting,
    Stage,
    StageChange,
    TargetAge,
)

FULL_ACTIVITIES = 1000
BATCH = 2000
# The path an activity took, and how often (most never get past a trial).
STORIES = [
    ([Stage.PROPOSED], 12), ([Stage.PROPOSED, Stage.TRIAL], 18),
    ([Stage.PROPOSED, Stage.TRIAL, Stage.RUNNING], 30),
    ([Stage.PROPOSED, Stage.TRIAL, Stage.STOPPED], 20),
    ([Stage.PROPOSED, Stage.TRIAL, Stage.RUNNING, Stage.ANCHORED], 12),
    ([Stage.PROPOSED, Stage.TRIAL, Stage.RUNNING, Stage.STOPPED], 8),
]
# Who drives activities, by sector (relative weights).
DRIVERS = {Sector.SCHOOL: 6, Sector.ASSOCIATION: 6, Sector.MUNICIPALITY: 5, Sector.DAYCARE: 4,
           Sector.YOUTH: 2, Sector.BUSINESS: 1, Sector.OTHER: 1, Sector.NATIONAL: 1,
           Sector.RESEARCH: 1}
KINDS = [(CommitmentKind.STAFF_HOURS, CommitmentUnit.HOURS, 10, 400),
         (CommitmentKind.MONEY, CommitmentUnit.DKK, 2000, 150000),
         (CommitmentKind.VENUE, CommitmentUnit.DAYS, 1, 60),
         (CommitmentKind.VOLUNTEERS, CommitmentUnit.PERSONS, 1, 25),
         (CommitmentKind.MATERIALS, CommitmentUnit.ITEMS, 5, 500)]
WHAT = ["Læsevenner", "Lektiecafé", "Åben hal", "Fællesspisning", "Ungebussen", "Legepatrulje",
        "Klassetrivsel", "Forældrenetværk", "Sommerlejr", "Venskabsklasser", "Natteravne",
        "Kodeklub", "Madskole", "Fritidsjob", "Mentorordning", "Musik for alle", "Naturbørn"]


def build_large(initiative, rng, scale) -> None:
    today = timezone.localdate()
    started = initiative.started_on
    organisations = list(Organisation.objects.for_initiative(initiative))
    weights = [DRIVERS.get(o.sector, 1) for o in organisations]
    tracks = list(Track.objects.for_initiative(initiative))
    count = scale.count(FULL_ACTIVITIES)
    span = max(1, (today - started).days - 30)
    for begin in range(0, count, BATCH):
        size = min(BATCH, count - begin)
        plans = []
        for number in range(begin, begin + size):
            story = rng.choices([s for s, _w in STORIES], [w for _s, w in STORIES])[0]
            proposed = started + dt.timedelta(days=rng.randrange(span))
            dates = [proposed]
            for _stage in story[1:]:
                nxt = dates[-1] + dt.timedelta(days=rng.randrange(30, 400))
                if nxt > today:
                    break
                dates.append(nxt)
            story = story[:len(dates)]
            trial = dates[1] if len(dates) > 1 else None
            ends = dates[-1] if story[-1] == Stage.STOPPED else None
            driver = rng.choices(organisations, weights)[0]
            handover = successor = None
            if rng.random() < 0.15 and (today - proposed).days > 60:
                handover = proposed + dt.timedelta(days=rng.randrange(30, (today - proposed).days))
                successor = rng.choices(organisations, weights)[0]
            plans.append((story, dates, (driver, handover, successor), Activity(
                initiative=initiative, title=f"{rng.choice(WHAT)} {number + 1}",
                description="Et forsøg med at skabe fællesskab for flere børn.",
                driver=successor or driver, starts_on=trial or proposed, ends_on=ends,
                stage=story[-1],
                age_groups=sorted(rng.sample(list(TargetAge.values), rng.choice([1, 1, 2]))),
                settings=sorted(rng.sample(list(Setting.values), rng.choice([1, 1, 2]))),
                recurrence=rng.choice(list(Recurrence.values)))))
        activities = Activity.objects.bulk_create([plan[3] for plan in plans],
                                                  batch_size=BATCH)
        stages, drivers, commitments, links, reach = [], [], [], [], []
        for (story, dates, (driver, handover, successor), _a), activity in zip(
                plans, activities, strict=True):
            for k, stage in enumerate(story):
                extra = {}
                if stage == Stage.STOPPED:
                    extra["reason"] = "Det lykkedes ikke at finde frivillige nok."
                elif stage == Stage.ANCHORED:
                    extra = {"decision": "Indsatsen videreføres i den faste drift.",
                             "decided_by": "Byrådet", "anchored_in": driver}
                stages.append(StageChange(
                    initiative=initiative, activity=activity, stage=stage,
                    changed_on=dates[k], until=dates[k + 1] if k + 1 < len(dates) else None,
                    **extra))
            drivers.append(DriverChange(initiative=initiative, activity=activity,
                                        organisation=driver, from_on=dates[0], until=handover))
            if handover:
                drivers.append(DriverChange(initiative=initiative, activity=activity,
                                            organisation=successor, from_on=handover,
                                            note="Overdraget"))
            for _ in range(rng.randint(2, 4)):
                kind, unit, low, high = rng.choice(KINDS)
                starts = dates[min(1, len(dates) - 1)]
                commitments.append(Commitment(
                    initiative=initiative, activity=activity,
                    organisation=rng.choices(organisations, weights)[0], kind=kind, unit=unit,
                    amount=Decimal(rng.randrange(low, high)), starts_on=starts,
                    ends_on=activity.ends_on))
            for track in rng.sample(tracks, rng.choice([1, 1, 2])):
                links.append(Activity.tracks.through(activity_id=activity.pk,
                                                     track_id=track.pk))
            if Stage.RUNNING in story:
                for _ in range(rng.randint(1, 3)):
                    on = dates[2] + dt.timedelta(days=rng.randrange(0, 300))
                    if on <= (activity.ends_on or today):
                        reach.append(Reach(initiative=initiative, activity=activity,
                                           occurred_on=on, group=rng.choice(ReachGroup.values),
                                           participants=rng.randint(5, 120)))
        StageChange.objects.bulk_create(stages, batch_size=BATCH)
        DriverChange.objects.bulk_create(drivers, batch_size=BATCH)
        Commitment.objects.bulk_create(commitments, batch_size=BATCH)
        Activity.tracks.through.objects.bulk_create(links, batch_size=BATCH)
        Reach.objects.bulk_create(reach, batch_size=BATCH)
