"""Reads of communication: what the public sees, what the secretariat manages, and the
numbers behind the signals."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum

from rygrad.activities.models import Activity, Stage
from rygrad.core.dates import days_before

from . import catalogue
from .models import Newsletter, NewsPost, Resource, ResourceUse, Subscriber


def public_activities(*, initiative):
    """The activities the public site tells about: those running or anchored."""
    return (Activity.objects.for_initiative(initiative)
            .filter(stage__in=[Stage.RUNNING, Stage.ANCHORED]).order_by("title"))


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


def subscribers_by_segment_at(*, initiative, at: dt.date) -> dict[str, int]:
    rows = (_active_at(Subscriber.objects.for_initiative(initiative), at)
            .values("segment").annotate(n=Count("pk")))
    return {row["segment"]: row["n"] for row in rows}


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
    """Catalogue entries matching every Danish stem of `query` and the filters."""
    entries = Resource.objects.for_initiative(initiative)
    if published_only:
        entries = entries.filter(is_published=True)
    for stem in catalogue.stems(query):
        entries = entries.filter(search_stems__contains=f" {stem} ")
    if kind:
        entries = entries.filter(kind=kind)
    if setting:
        entries = entries.filter(setting=setting)
    if age_band:
        entries = entries.filter(age_band=age_band)
    return entries.order_by("title")


def catalogue_views(*, initiative, at: dt.date, days: int = 30) -> int:
    """Views of catalogue entries in the `days` days up to and including `at`."""
    return (ResourceUse.objects.for_initiative(initiative)
            .filter(on__gt=days_before(at, days), on__lte=at)
            .aggregate(total=Sum("views"))["total"] or 0)
