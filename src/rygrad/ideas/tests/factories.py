"""Factories for ideas. `IdeaFactory` makes an idea with the first status a real one has
(*new*, on the day it came in); `answered()` then writes a constructed history of
published status changes in one go, bypassing permission checks, for signal tests."""

from __future__ import annotations

import datetime as dt

import factory

from rygrad.ideas.models import (
    Idea,
    Moderation,
    Source,
    Status,
    StatusChange,
    SubmitterGroup,
    Support,
)
from rygrad.initiatives.models import Role
from rygrad.initiatives.tests.factories import InitiativeFactory

__all__ = ["IdeaFactory", "InitiativeFactory", "answered", "SupportFactory"]


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Idé {n}")
    source = Source.HACKATHON
    submitter_group = SubmitterGroup.YOUNG_PERSON
    submitted_on = dt.date(2017, 3, 1)
    moderation = Moderation.APPROVED
    status = Status.NEW

    @factory.post_generation
    def first_change(self, create, value, **kwargs):
        StatusChange.objects.create(initiative=self.initiative, idea=self, status=Status.NEW,
                                    changed_on=self.submitted_on, decided_role=Role.PUBLIC)

    @factory.post_generation
    def tracks(self, create, value, **kwargs):
        if value:
            self.tracks.set(value)


def answered(idea: Idea, *steps) -> Idea:
    """Append published changes `(status, date, answer, owner)` (owner may be left out)."""
    for step in steps:
        status, on, answer, owner = (*step, None)[:4]
        StatusChange.objects.create(initiative=idea.initiative, idea=idea, status=status,
                                    changed_on=on, answer=answer, owner=owner)
        idea.status = status
        idea.owner = owner if status in (Status.ADOPTED, Status.REALISED) else None
    idea.save(update_fields=["status", "owner"])
    return idea


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    initiative = factory.SelfAttribute("idea.initiative")
    idea = factory.SubFactory(IdeaFactory)
    supported_on = dt.date(2017, 4, 1)
