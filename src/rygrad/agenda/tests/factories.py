"""Factories for the agenda; initiatives and organisations come from their own apps."""

import datetime as dt

import factory

from rygrad.agenda.models import ActionItem, Endorsement, KnowledgeDocument, Track, Vision
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.initiatives.tests.factories import InitiativeFactory

__all__ = ["InitiativeFactory", "OrganisationFactory", "TrackFactory", "VisionFactory"]


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Spor {n}")
    goal = "Flere børn har et fællesskab i fritiden."


class VisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vision

    initiative = factory.SubFactory(InitiativeFactory)
    problem = "For mange børn er ensomme."
    vision = "Alle børn har et fællesskab."
    adopted_on = dt.date(2016, 6, 1)


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory,
                                      initiative=factory.SelfAttribute("..initiative"))
    endorsed_on = dt.date(2016, 6, 1)


class KnowledgeDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeDocument

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Vidensgrundlag {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    initiative = factory.SelfAttribute("track.initiative")
    track = factory.SubFactory(TrackFactory)
    what = factory.Sequence(lambda n: f"Handling {n}")
    due_on = dt.date(2017, 6, 1)
