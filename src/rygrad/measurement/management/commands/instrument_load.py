"""rygrad instrument_load FILE --initiative SLUG: create or update a survey instrument."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rygrad.measurement.forms import json_refuse_unstorable
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import instrument_load

from ._common import get_initiative


class Command(BaseCommand):
    help = "Create or update a survey instrument from its JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The instrument's JSON file.")
        parser.add_argument("--initiative", required=True, help="The initiative's slug.")

    def handle(self, *args, file, initiative, **options):
        the_initiative = get_initiative(initiative)
        try:
            definition = json.loads(Path(file).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{file} is not valid JSON: {error}.") from None
        except RecursionError:
            raise CommandError(f"{file} is nested too deeply to be an instrument.") from None
        try:
            json_refuse_unstorable(definition)  # too deep, or a NUL the database refuses
            instrument = instrument_load(initiative=the_initiative, definition=definition,
                                         by=installation_actor(the_initiative))
        except ValidationError as error:
            raise CommandError("The instrument was not loaded:\n  " + "\n  ".join(
                error.messages)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {instrument.slug}: {len(instrument.items)} items, "
            f"{instrument.indicators.count()} indicators."))
