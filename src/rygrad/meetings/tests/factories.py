"""Factories for meetings: a meeting, its agenda items, attendance (named or by count),
decisions and action items. They write the rows directly (no permission checks), for
building worlds and constructed histories in tests."""

import datetime as dt

import factory

from rygrad.alliance.tests.factories import OrganisationFactory, PersonFactory
from rygrad.initiatives.tests.factories import InitiativeFactory
from rygrad.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Group,
    Kind,
    Meeting,
    MeetingAction,
)

__all__ = ["ActionFactory", "AgendaItemFactory", "AttendanceFactory", "DecisionFactory",
           "InitiativeFactory", "MeetingFactory", "OrganisationFactory", "PersonFactory"]


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Alliancemøde {n}")
    kind = Kind.ALLIANCE
    held_on = dt.date(2017, 3, 9)
    starts_at = dt.time(16, 0)
    ends_at = dt.time(18, 0)
    place = "Egelund Rådhus, mødelokale 2"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    initiative = factory.SelfAttribute("meeting.initiative")
    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Punkt {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    """By default a count of professionals; pass `person=` for a named attendee (then
    give their group)."""

    class Meta:
        model = Attendance

    initiative = factory.SelfAttribute("meeting.initiative")
    meeting = factory.SubFactory(MeetingFactory)
    group = Group.PROFESSIONALS
    count = 1


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    initiative = factory.SelfAttribute("meeting.initiative")
    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Beslutning {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAction

    initiative = factory.SelfAttribute("meeting.initiative")
    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Opgave {n}")
    owner = factory.SubFactory(PersonFactory, initiative=factory.SelfAttribute("..initiative"))
    due_on = dt.date(2017, 6, 1)
