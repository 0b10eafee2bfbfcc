"""rygrad indicators --initiative SLUG --instrument SLUG --by year,school --output F.csv

Reads published waves only; every table is by year."""

from django.core.management.base import BaseCommand, CommandError

from rygrad.measurement.analytics import GROUP_COLUMNS, PooledYears
from rygrad.measurement.analytics.groups import DIMENSIONS
from rygrad.measurement.output import write_csv
from rygrad.measurement.selectors import group_table

from ._common import get_initiative, get_instrument, parse_by


class Command(BaseCommand):
    help = ("Write the disclosure-controlled indicator table: <by columns>, indicator, n, "
            "mean, ci_low, ci_high, share_low, share_low_ci_low, share_low_ci_high, "
            "suppressed.")

    def add_arguments(self, parser):
        parser.add_argument("--initiative", required=True)
        parser.add_argument("--instrument", required=True)
        parser.add_argument("--by", default="year",
                            help="Comma-separated: year and any of school, grade, gender "
                                 "(always with year: years are never added together).")
        parser.add_argument("--output", required=True, help="The CSV file to write.")

    def handle(self, *args, initiative, instrument, by, output, **options):
        the_initiative = get_initiative(initiative)
        the_instrument = get_instrument(the_initiative, instrument)
        columns = parse_by(by, DIMENSIONS)
        try:
            table = group_table(initiative=the_initiative, instrument=the_instrument,
                                by=columns)
        except PooledYears as error:
            raise CommandError(str(error)) from None
        count = write_csv(table, [*columns, *GROUP_COLUMNS], output)
        hidden = int(table["suppressed"].sum()) if count else 0
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {count} rows to {output} ({hidden} suppressed)."))
