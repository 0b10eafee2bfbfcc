import datetime as dt

import factory
from django.utils import timezone

from rygrad.communication.catalogue import stem_column
from rygrad.communication.models import (
    Newsletter,
    NewsPost,
    Resource,
    ResourceKind,
    Segment,
    Setting,
    Subscriber,
)


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    title = factory.Sequence(lambda n: f"Nyhed {n}")
    summary = "Kort om nyheden"
    body = "Læseheste i **alle** børnehaver."
    published_at = factory.LazyFunction(timezone.now)


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"abonnent{n}@example.org")
    segment = Segment.PUBLIC
    consent_text = "Ja tak"
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    subject = factory.Sequence(lambda n: f"Nyhedsbrev {n}")
    intro = "Hej alle"
    segments = factory.LazyFunction(lambda: list(Segment.values))


def sent(newsletter, at=None):
    newsletter.status = Newsletter.Status.SENT
    newsletter.sent_at = at or timezone.now() - dt.timedelta(days=1)
    newsletter.save()
    return newsletter


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    kind = ResourceKind.METHOD
    title = factory.Sequence(lambda n: f"Metode {n}")
    description = "Legende læring i børnehaven"
    setting = Setting.DAYCARE
    search_stems = factory.LazyAttribute(lambda o: stem_column(o.title, o.description))
