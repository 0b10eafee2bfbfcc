"""Shared lookups of the measurement CLI commands, with messages that say what to fix."""

from django.core.management.base import CommandError

from rygrad.initiatives.models import Initiative
from rygrad.measurement.models import Instrument


def get_initiative(slug: str) -> Initiative:
    try:
        return Initiative.objects.get(slug=slug)
    except Initiative.DoesNotExist:
        raise CommandError(f"No initiative with slug {slug!r}.") from None


def get_instrument(initiative: Initiative, slug: str) -> Instrument:
    instrument = Instrument.objects.for_initiative(initiative).filter(slug=slug).first()
    if instrument is None:
        known = ", ".join(Instrument.objects.for_initiative(initiative)
                          .values_list("slug", flat=True)) or "none"
        raise CommandError(f"No instrument {slug!r} in {initiative.slug} (known: {known}). "
                           "Load one with `rygrad instrument_load FILE --initiative SLUG`.")
    return instrument


def parse_by(value: str, allowed: tuple[str, ...]) -> list[str]:
    by = [part.strip() for part in value.split(",") if part.strip()] if value else []
    wrong = [part for part in by if part not in allowed]
    if wrong or len(set(by)) != len(by):
        raise CommandError(f"--by takes distinct values of {', '.join(allowed)}, "
                           f"comma-separated; got {value!r}.")
    return by
