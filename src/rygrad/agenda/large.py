"""The common agenda of a large initiative (`rygrad generate_large`, see core/large.py):
the vision and five strategic tracks, one of them cross-cutting, each with a few action
items owned by the alliance's organisations."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rygrad.alliance.models import Organisation

from .models import ActionItem, Track, Vision

TRACKS = [
    ("Trivsel i skole og dagtilbud", "Alle børn trives i skolen og i dagtilbuddet.", False),
    ("Fællesskaber i fritiden", "Flere børn deltager i et fritidsfællesskab.", False),
    ("Tidlig indsats", "Mistrivsel opdages og mødes tidligt.", False),
    ("Forældre som ressource", "Forældre støtter hinandens børn.", False),
    ("Unge viser vejen", "De unge er med til at beslutte og gøre.", True),
]
ACTIONS = ["Kortlægge tilbud til børn 6-12 år", "Holde fælles temadag for personalet",
           "Afprøve en ny model for overgange", "Samle erfaringer fra de første forsøg",
           "Invitere de unge til at vurdere indsatsen", "Skrive en fælles plan for næste år"]


def build_large(initiative, rng, scale) -> None:
    started = initiative.started_on
    Vision.objects.create(
        initiative=initiative, problem=initiative.problem_summary,
        vision="Alle børn og unge har et fællesskab, de hører til i.",
        adopted_on=started + dt.timedelta(days=rng.randrange(60, 400)))
    tracks = Track.objects.bulk_create([
        Track(initiative=initiative, name=name, goal=goal, is_cross_cutting=cross, order=order)
        for order, (name, goal, cross) in enumerate(TRACKS)])
    organisations = list(Organisation.objects.for_initiative(initiative).only("pk"))
    today = timezone.localdate()
    items = []
    for track in tracks:
        for what in rng.sample(ACTIONS, 3):
            due = started + dt.timedelta(days=rng.randrange(100, max(101, (today - started).days
                                                                      + 365)))
            done = due - dt.timedelta(days=rng.randrange(0, 60)) if due < today and \
                rng.random() < 0.7 else None
            items.append(ActionItem(initiative=initiative, track=track, what=what,
                                    organisation=rng.choice(organisations), due_on=due,
                                    done_on=done))
    ActionItem.objects.bulk_create(items)
