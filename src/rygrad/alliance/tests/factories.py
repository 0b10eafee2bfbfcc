"""Factories for the alliance registry (factory-boy; no fixtures)."""

import datetime as dt

import factory

from rygrad.alliance.models import (
    AgeBand,
    Membership,
    MembershipRole,
    Organisation,
    Partnership,
    Person,
    Sector,
)
from rygrad.initiatives.tests.factories import InitiativeFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = Sector.ASSOCIATION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(
        OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    age_band = AgeBand.ADULT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    initiative = factory.SubFactory(InitiativeFactory)
    person = factory.SubFactory(PersonFactory, initiative=factory.SelfAttribute("..initiative"))
    organisation = factory.LazyAttribute(lambda m: m.person.organisation)
    role = MembershipRole.MEMBER
    started_on = dt.date(2016, 1, 1)
    ended_on = None


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    initiative = factory.SubFactory(InitiativeFactory)
    organisation_a = factory.SubFactory(
        OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    organisation_b = factory.SubFactory(
        OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    started_on = dt.date(2017, 3, 1)
