"""The ideas of a large initiative (`rygrad generate_large`, see core/large.py).

A full initiative has 10,000 ideas, most from children and young people (on the web form,
at youth meetings, hackathons and the Youth bus), more in recent years than in the first.
Ideas sent on the web without an account were moderated (a few still wait, a few were
rejected); of the approved ones about half have moved on from *new* — under review,
adopted or realised by one of the initiative's organisations, parked or declined — each
step a published status change with its public answer, dated after the one before and
never in the future. Written with bulk_create in batches, numbered 1, 2, … in the order
they came in, as the services number them.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rygrad.agenda.models import Track
from rygrad.alliance.models import AgeBand, Organisation
from rygrad.core.tenancy import Role

from .models import Idea, Moderation, Source, Status, StatusChange, SubmitterGroup

FULL_IDEAS = 10_000
BATCH = 5000
SOURCES = {Source.WEB: 45, Source.YOUTH_MEETING: 15, Source.HACKATHON: 10,
           Source.YOUTH_BUS: 10, Source.WORKSHOP: 10, Source.ALLIANCE_MEETING: 5,
           Source.OTHER: 5}
GROUPS = {SubmitterGroup.CHILD: 20, SubmitterGroup.YOUNG_PERSON: 45, SubmitterGroup.PARENT: 12,
          SubmitterGroup.PROFESSIONAL: 12, SubmitterGroup.VOLUNTEER: 6,
          SubmitterGroup.POLITICIAN: 2, SubmitterGroup.OTHER: 3}
AGES = {SubmitterGroup.CHILD: [AgeBand.UNDER_13],
        SubmitterGroup.YOUNG_PERSON: [AgeBand.AGE_13_15, AgeBand.AGE_16_18, AgeBand.AGE_19_24]}
# Where an approved idea ended, and how often.
PATHS = [([], 50), ([Status.UNDER_REVIEW], 12), ([Status.UNDER_REVIEW, Status.ADOPTED], 10),
         ([Status.UNDER_REVIEW, Status.ADOPTED, Status.REALISED], 8), ([Status.PARKED], 10),
         ([Status.UNDER_REVIEW, Status.DECLINED], 10)]
ANSWERS = {Status.UNDER_REVIEW: "Tak! Alliancen ser på idéen på næste møde.",
           Status.ADOPTED: "Idéen er vedtaget, og en partner har taget den.",
           Status.REALISED: "Nu er det sket – tak for idéen!",
           Status.PARKED: "God idé, men vi har ikke kræfter til den lige nu.",
           Status.DECLINED: "Vi kan desværre ikke gennemføre idéen."}
WISHES = ["Flere {thing} i {place}", "Et sted hvor man kan {verb} efter skole",
          "Gratis {thing} for alle børn", "{thing} i frikvarteret", "Lad de unge {verb}",
          "Bedre {thing} om aftenen", "En app til at {verb}"]
THINGS = ["bænke", "lys", "fodboldbaner", "værksteder", "busser", "koncerter", "legepladser",
          "lektiecaféer", "cykelstier", "madpakker", "e-sportsklubber", "svømmetimer"]
VERBS = ["mødes", "spille musik", "lave lektier", "være kreative", "bestemme mere",
         "finde nye venner", "dyrke sport", "hænge ud"]
PLACES = ["parken", "byen", "skolen", "hallen", "biblioteket", "klubben"]
NICKNAMES = ["", "", "", "Emma", "Noah", "Frida", "Ali", "Liv", "Oliver", "Sara", "Magnus"]


def _title(rng) -> str:
    return rng.choice(WISHES).format(thing=rng.choice(THINGS), verb=rng.choice(VERBS),
                                     place=rng.choice(PLACES)).capitalize()


def _day(rng, start: dt.date, today: dt.date) -> dt.date:
    """A day in the initiative's life, later days likelier (more ideas as it grows)."""
    span = max(1, (today - start).days)
    return start + dt.timedelta(days=int(span * rng.random() ** 0.6))


def build_large(initiative, rng, scale) -> None:
    today = timezone.localdate()
    start = initiative.started_on
    owners = list(Organisation.objects.for_initiative(initiative).only("pk"))
    tracks = list(Track.objects.for_initiative(initiative).only("pk"))
    count = scale.count(FULL_IDEAS)
    days = sorted(_day(rng, start, today) for _ in range(count))
    for begin in range(0, count, BATCH):
        plans, ideas = [], []
        for number in range(begin + 1, min(count, begin + BATCH) + 1):
            on = days[number - 1]
            source = rng.choices(list(SOURCES), list(SOURCES.values()))[0]
            group = rng.choices(list(GROUPS), list(GROUPS.values()))[0]
            moderation = Moderation.APPROVED
            if source == Source.WEB:
                moderation = rng.choices([Moderation.APPROVED, Moderation.PENDING,
                                          Moderation.REJECTED], [85, 10, 5])[0]
            path = []
            if moderation == Moderation.APPROVED:
                path = rng.choices([p for p, _w in PATHS], [w for _p, w in PATHS])[0]
            steps, last = [], on
            for status in path:
                last = last + dt.timedelta(days=rng.randrange(7, 200))
                if last > today:
                    break
                steps.append((status, last))
            status = steps[-1][0] if steps else Status.NEW
            owner = (rng.choice(owners) if status in (Status.ADOPTED, Status.REALISED)
                     else None)
            plans.append((steps, owner))
            ideas.append(Idea(
                initiative=initiative, number=number, title=_title(rng),
                description="" if rng.random() < 0.4 else
                "Det ville gøre det sjovere at være barn og ung her.",
                source=source, submitter_group=group, submitted_on=on,
                age_band=rng.choice(AGES.get(group, [AgeBand.ADULT, ""])),
                nickname=rng.choice(NICKNAMES) if source == Source.WEB else "",
                moderation=moderation, status=status, owner=owner))
        ideas = Idea.objects.bulk_create(ideas, batch_size=BATCH)
        changes, links = [], []
        for idea, (steps, owner) in zip(ideas, plans, strict=True):
            changes.append(StatusChange(initiative=initiative, idea=idea, status=Status.NEW,
                                        changed_on=idea.submitted_on, decided_role=Role.PUBLIC))
            for status, on in steps:
                changes.append(StatusChange(
                    initiative=initiative, idea=idea, status=status, changed_on=on,
                    answer=ANSWERS[status], decided_role=rng.choice(
                        [Role.SECRETARIAT, Role.MEMBER]),
                    owner=owner if status in (Status.ADOPTED, Status.REALISED) else None))
            for track in rng.sample(tracks, rng.choice([0, 1, 1, 2])):
                links.append(Idea.tracks.through(idea_id=idea.pk, track_id=track.pk))
        StatusChange.objects.bulk_create(changes, batch_size=BATCH)
        Idea.tracks.through.objects.bulk_create(links, batch_size=BATCH)
