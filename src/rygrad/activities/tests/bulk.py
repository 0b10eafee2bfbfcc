"""Many activities at once (bulk inserts), for query-budget tests and the benchmark."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from rygrad.activities.models import (
    Activity,
    Commitment,
    CommitmentKind,
    CommitmentUnit,
    DriverChange,
    Stage,
    StageChange,
)
from rygrad.alliance.models import Organisation, Sector

STORIES = [
    [Stage.PROPOSED], [Stage.PROPOSED, Stage.TRIAL], [Stage.PROPOSED, Stage.TRIAL, Stage.RUNNING],
    [Stage.PROPOSED, Stage.TRIAL, Stage.STOPPED],
    [Stage.PROPOSED, Stage.TRIAL, Stage.RUNNING, Stage.ANCHORED],
]


def bulk_activities(*, initiative, count: int, commitments_each: int = 0, seed: int = 1,
                    tracks=(), batch: int = 2000) -> None:
    """Create `count` activities with stage and driver histories and commitments, using a
    handful of organisations (one of them the backbone)."""
    rng = random.Random(seed)
    organisations = list(Organisation.objects.for_initiative(initiative))
    if not organisations:
        organisations = Organisation.objects.bulk_create([
            Organisation(initiative=initiative, name=f"Org {i}", is_backbone=i == 0,
                         sector=list(Sector.values)[i % len(Sector.values)])
            for i in range(12)])
    for start in range(0, count, batch):
        size = min(batch, count - start)
        stories = [rng.choice(STORIES) for _ in range(size)]
        starts = [dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(1800))
                  for _ in range(size)]
        activities = Activity.objects.bulk_create([
            Activity(initiative=initiative, title=f"Aktivitet {start + i}", starts_on=starts[i],
                     stage=stories[i][-1], driver=rng.choice(organisations))
            for i in range(size)])
        stages, drivers, commitments, links = [], [], [], []
        for activity, story, on in zip(activities, stories, starts, strict=True):
            dates = [on + dt.timedelta(days=90 * k) for k in range(len(story))]
            for k, stage in enumerate(story):
                stages.append(StageChange(
                    initiative=initiative, activity=activity, stage=stage, changed_on=dates[k],
                    until=dates[k + 1] if k + 1 < len(dates) else None))
            drivers.append(DriverChange(initiative=initiative, activity=activity,
                                        organisation=activity.driver, from_on=on))
            for _ in range(commitments_each):
                commitments.append(Commitment(
                    initiative=initiative, activity=activity,
                    organisation=rng.choice(organisations), kind=CommitmentKind.STAFF_HOURS,
                    amount=Decimal(rng.randrange(5, 200)), unit=CommitmentUnit.HOURS,
                    starts_on=on))
            if tracks:
                links.append(Activity.tracks.through(activity_id=activity.pk,
                                                     track_id=rng.choice(tracks).pk))
        StageChange.objects.bulk_create(stages)
        DriverChange.objects.bulk_create(drivers)
        Commitment.objects.bulk_create(commitments)
        Activity.tracks.through.objects.bulk_create(links)
