"""rygrad import_survey FILE --initiative SLUG --instrument SLUG --year YEAR [--replace]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import WaveHasResponses, survey_import
from rygrad.measurement.survey_file import SurveyFileError

from ._common import get_initiative, get_instrument


class Command(BaseCommand):
    help = ("Import a survey file (CSV, Excel or Parquet: columns school, grade, gender and "
            "one per item code) into the instrument's wave of a year, all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--initiative", required=True)
        parser.add_argument("--instrument", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--period", default="", help="Optional label of a new wave.")
        parser.add_argument("--replace", action="store_true",
                            help="Replace the wave's answers without asking.")

    def handle(self, *args, file, initiative, instrument, year, period="", replace=False,
               **options):
        the_initiative = get_initiative(initiative)
        the_instrument = get_instrument(the_initiative, instrument)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {file}.")
        arguments = dict(initiative=the_initiative, instrument=the_instrument, year=year,
                         path=path, filename=path.name, period=period,
                         by=installation_actor(the_initiative))
        try:
            try:
                result = survey_import(**arguments, replace=replace)
            except WaveHasResponses as existing:
                if not self._confirm(existing):
                    raise CommandError(
                        f"Nothing imported: {existing.wave} already has {existing.count} "
                        "responses. Run again with --replace to replace them.") from None
                result = survey_import(**arguments, replace=True)
        except SurveyFileError as error:
            more = error.total - len(error.problems)
            lines = [str(p) for p in error.problems]
            if more > 0:
                lines.append(f"... and {more} more problems.")
            raise CommandError("Nothing imported. " + "\n  ".join(["", *lines])) from None
        replaced = f" (replaced {result.replaced})" if result.replaced else ""
        self.stdout.write(self.style.SUCCESS(
            f"Imported {result.created} responses into {result.wave}{replaced}."))

    def _confirm(self, existing: WaveHasResponses) -> bool:
        if not sys.stdin.isatty():
            return False
        answer = input(f"{existing.wave} already has {existing.count} responses. "
                       "Replace them? [y/N] ")
        return answer.strip().lower() in {"y", "yes", "j", "ja"}
