"""Reads of communication: what the public sees, what the secretariat manages, and the
numbers behind the signals."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Lower
from django.utils.timezone import localdate

from rygrad.activities.models import Activity, Stage
from rygrad.alliance.models import Person
from rygrad.core.dates import days_before

from . import catalogue
from .models import (
    SECTOR_PREFIX,
    Newsletter,
    NewsPost,
    ProviderKind,
    Resource,
    ResourceKind,
    ResourceUse,
    Segment,
    Subscriber,
)


def public_activities(*, initiative):
    """The activities the public site tells about: those running or anchored."""
    return (Activity.objects.for_initiative(initiative)
            .filter(stage__in=[Stage.RUNNING, Stage.ANCHORED]).order_by("title"))


def published_activities(*, initiative):
    """The activities their editors chose to show on the public site, with their tracks:
    only what the public pages show is read (never the description, driver or partners)."""
    return (Activity.objects.for_initiative(initiative).filter(is_public=True)
            .only("pk", "initiative_id", "title", "stage", "starts_on", "ends_on",
                  "public_story")
            .prefetch_related("tracks").order_by("-starts_on", "title"))


def published_news(*, initiative):
    return NewsPost.objects.for_initiative(initiative).filter(published_at__isnull=False)


def all_news(*, initiative):
    return NewsPost.objects.for_initiative(initiative).order_by("-published_at", "-created_at")


def sent_newsletters(*, initiative):
    return Newsletter.objects.for_initiative(initiative).filter(status=Newsletter.Status.SENT)


def newsletters_with_counts(*, initiative):
    return (Newsletter.objects.for_initiative(initiative)
            .annotate(delivered=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
                      queued=Count("deliveries")))


def subscribers(*, initiative):
    return Subscriber.objects.for_initiative(initiative).order_by("email")


def _active_at(queryset, at: dt.date):
    return queryset.filter(Q(confirmed_at__date__lte=at),
                           Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__date__gt=at))


def subscribers_at(*, initiative, at: dt.date) -> int:
    """Confirmed subscribers who had not left by the end of the day `at`."""
    return _active_at(Subscriber.objects.for_initiative(initiative), at).count()


def _registry_sectors(initiative) -> dict[str, set[str]]:
    """The sectors of the organisations the alliance registry's people (by lower-cased
    email) work for, leaving out archived organisations and anonymised people."""
    rows = (Person.objects.for_initiative(initiative)
            .filter(anonymised_at__isnull=True, organisation__archived_on__isnull=True)
            .exclude(email="").exclude(organisation__isnull=True)
            .values_list(Lower("email"), "organisation__sector"))
    sectors: dict[str, set[str]] = {}
    for email, sector in rows:
        sectors.setdefault(email, set()).add(sector)
    return sectors


def segments_of(subscriber: Subscriber, registry: dict[str, set[str]]) -> set[str]:
    """The segments a subscriber is in: their role, the sector they gave, and the sector
    of the organisation they work for in the alliance registry."""
    sectors = set(registry.get(subscriber.email.lower(), ()))
    if subscriber.sector:
        sectors.add(subscriber.sector)
    return {subscriber.segment, *(f"{SECTOR_PREFIX}{sector}" for sector in sectors)}


def newsletter_recipients(*, newsletter: Newsletter) -> list[Subscriber]:
    """The confirmed, subscribed subscribers in at least one of an issue's segments, each
    once."""
    active = (Subscriber.objects.for_initiative(newsletter.initiative)
              .filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
              .order_by("pk"))
    chosen = set(newsletter.segments)
    registry = _registry_sectors(newsletter.initiative)
    return [s for s in active if segments_of(s, registry) & chosen]


def subscribers_by_segment_over_time(*, initiative, today: dt.date
                                     ) -> tuple[list[str], list[tuple[dt.date, dict]]]:
    """Active subscribers by segment at the end of each year since the first
    confirmation, and today: the segments that ever had a subscriber (roles first, then
    sectors), and one row per date of counts by segment, with "all" for everyone."""
    people = list(Subscriber.objects.for_initiative(initiative)
                  .filter(confirmed_at__isnull=False).order_by("confirmed_at"))
    if not people:
        return [], []
    registry = _registry_sectors(initiative)
    spans = [(localdate(s.confirmed_at),
              localdate(s.unsubscribed_at) if s.unsubscribed_at else None,
              segments_of(s, registry)) for s in people]
    first_year = spans[0][0].year
    dates = [dt.date(year, 12, 31) for year in range(first_year, today.year)] + [today]
    rows = []
    for at in dates:
        counts: dict[str, int] = {"all": 0}
        for confirmed, left, member_of in spans:
            if confirmed <= at and (left is None or left > at):
                counts["all"] += 1
                for segment in member_of:
                    counts[segment] = counts.get(segment, 0) + 1
        rows.append((at, counts))
    seen = {segment for _confirmed, _left, member_of in spans for segment in member_of}
    columns = [s for s in Segment.values if s in seen] + sorted(
        s for s in seen if s.startswith(SECTOR_PREFIX))
    return columns, rows


def _days_since(latest, at: dt.date) -> int | None:
    return None if latest is None else (at - latest.date()).days


def days_since_news(*, initiative, at: dt.date) -> int | None:
    """Days from the last news published on or before `at`; None before the first."""
    latest = (published_news(initiative=initiative).filter(published_at__date__lte=at)
              .order_by("-published_at").values_list("published_at", flat=True).first())
    return _days_since(latest, at)


def days_since_newsletter(*, initiative, at: dt.date) -> int | None:
    """Days from the last issue sent on or before `at`; None before the first."""
    latest = (sent_newsletters(initiative=initiative).filter(sent_at__date__lte=at)
              .order_by("-sent_at").values_list("sent_at", flat=True).first())
    return _days_since(latest, at)


def catalogue_search(*, initiative, query: str = "", kind: str = "", setting: str = "",
                     age_band: str = "", published_only: bool = True):
    """Catalogue entries matching every Danish word of `query` in any form, and the
    filters: on PostgreSQL by its `danish` text-search configuration, elsewhere by the
    entries' Danish Snowball stems (communication.catalogue)."""
    entries = Resource.objects.for_initiative(initiative)
    if published_only:
        entries = entries.filter(is_published=True)
    if query.strip() and connection.vendor == "postgresql":
        entries = catalogue.postgres_match(entries, query)
    else:
        for stem in catalogue.stems(query):
            entries = entries.filter(search_stems__contains=f" {stem} ")
    if kind:
        entries = entries.filter(kind=kind)
    if setting:
        entries = entries.filter(setting=setting)
    if age_band:
        entries = entries.filter(age_band=age_band)
    return entries.order_by("title")


def offers_by_provider(*, initiative) -> list[tuple[str, list[tuple[str, list[Resource]]]]]:
    """The published offers for the offers page: by kind of provider (municipal units,
    then associations, then others), then by provider, then by title."""
    offers = (Resource.objects.for_initiative(initiative)
              .filter(is_published=True, kind=ResourceKind.OFFER)
              .order_by("provider", "title"))
    groups: dict[str, dict[str, list[Resource]]] = {kind: {} for kind in ProviderKind.values}
    for offer in offers:
        kind = offer.provider_kind or ProviderKind.OTHER
        groups[kind].setdefault(offer.provider, []).append(offer)
    return [(kind, list(providers.items())) for kind, providers in groups.items() if providers]


def action_guides(*, initiative):
    return (Resource.objects.for_initiative(initiative)
            .filter(is_published=True, kind=ResourceKind.ACTION_GUIDE).order_by("title"))


def catalogue_use(*, initiative, at: dt.date, days: int = 30) -> int:
    """Views of catalogue entries and downloads of their attachments in the `days` days
    up to and including `at`."""
    return (ResourceUse.objects.for_initiative(initiative)
            .filter(on__gt=days_before(at, days), on__lte=at)
            .aggregate(total=Sum(F("views") + F("downloads")))["total"] or 0)
