"""Factories for initiatives (factory-boy; no fixtures). Other apps' factories build on it."""

import factory

from rygrad.initiatives.models import Initiative


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"initiative-{n}")
    name = factory.Sequence(lambda n: f"Initiative {n}")
