"""rygrad report --initiative SLUG --format html|pdf|docx --language da|en
[--from YYYY-MM-DD --to YYYY-MM-DD] --output FILE: the learning report as a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rygrad.evaluation.report.content import default_period
from rygrad.evaluation.report.output import FORMATS, LANGUAGES, report_file
from rygrad.initiatives.models import Initiative


def _date(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date: write it as YYYY-MM-DD, "
                           "e.g. 2019-12-31.") from None


class Command(BaseCommand):
    help = ("Write the learning report (the six conditions, the changes and the signals "
            "in warning) for a period as an HTML, PDF or Word file.")

    def add_arguments(self, parser):
        parser.add_argument("--initiative", required=True, help="The initiative's slug.")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--language", choices=LANGUAGES, default="da")
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                            help="First day of the period (default: the initiative's start).")
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD",
                            help="Last day of the period (default: today).")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, initiative, format="pdf", language="da", start=None, end=None,
               output=None, **options):
        if format not in FORMATS:
            raise CommandError(f"--format {format!r}: choose one of {', '.join(FORMATS)}.")
        if language not in LANGUAGES:
            raise CommandError(f"--language {language!r}: choose one of "
                               f"{', '.join(LANGUAGES)}.")
        the_initiative = Initiative.objects.filter(slug=initiative).first()
        if the_initiative is None:
            raise CommandError(f"No initiative with slug {initiative!r}.")
        first, last = default_period(the_initiative)
        start, end = _date("--from", start) or first, _date("--to", end) or last
        if start > end:
            raise CommandError(f"--from {start} is after --to {end}: the period must run "
                               "forwards.")
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"--output {output}: the folder {target.parent} does not "
                               "exist.")
        try:
            data = report_file(initiative=the_initiative, start=start, end=end,
                               language=language, format=format)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        target.write_bytes(data)
        self.stdout.write(f"The learning report {start}–{end} ({language}, {format}) "
                          f"written to {output}.")
