"""rygrad signals --initiative SLUG [--at YYYY-MM-DD] [--format json|text]"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rygrad.core.signals import signals_evaluate
from rygrad.core.tenancy import tenancy


class Command(BaseCommand):
    help = "Print every registered signal of an initiative as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--initiative", required=True, help="The initiative's slug.")
        parser.add_argument("--at", help="As of this date, YYYY-MM-DD (default: today).")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, initiative, at=None, format="text", **options):
        Initiative = tenancy().model
        try:
            the_initiative = Initiative.objects.get(slug=initiative)
        except Initiative.DoesNotExist:
            raise CommandError(f"No initiative with slug {initiative!r}.") from None
        try:
            as_of = dt.date.fromisoformat(at) if at else timezone.localdate()
        except ValueError:
            raise CommandError(f"--at {at!r} is not a date in the form YYYY-MM-DD.") from None
        values = signals_evaluate(initiative=the_initiative, at=as_of)
        if format == "json":
            self.stdout.write(json.dumps([v.as_dict() for v in values], ensure_ascii=False,
                                         indent=2))
            return
        for value in values:
            flag = "WARNING " if value.warning else ""
            self.stdout.write(f"{flag}{value.signal.key}: {value.display}  ({value.signal.label})")
