"""rygrad indicator_changes --initiative S --instrument S --from Y0 --to Y1 --by school
--output F.csv"""

from django.core.management.base import BaseCommand, CommandError

from rygrad.measurement.analytics import CHANGE_COLUMNS, YearsOutOfOrder
from rygrad.measurement.output import write_csv
from rygrad.measurement.selectors import change_table, years_with_answers

from ._common import get_initiative, get_instrument, parse_by


class Command(BaseCommand):
    help = ("Write the change of every indicator between two years per published group, "
            "with Welch and two-proportion tests and Benjamini-Hochberg q-values.")

    def add_arguments(self, parser):
        parser.add_argument("--initiative", required=True)
        parser.add_argument("--instrument", required=True)
        parser.add_argument("--from", dest="year_from", required=True, type=int)
        parser.add_argument("--to", dest="year_to", required=True, type=int)
        parser.add_argument("--by", default="",
                            help="Comma-separated: any of school, grade, gender (empty: all).")
        parser.add_argument("--output", required=True, help="The CSV file to write.")

    def handle(self, *args, initiative, instrument, year_from, year_to, by, output, **options):
        the_initiative = get_initiative(initiative)
        the_instrument = get_instrument(the_initiative, instrument)
        columns = parse_by(by, ("school", "grade", "gender"))
        years = years_with_answers(initiative=the_initiative, instrument=the_instrument)
        for year in (year_from, year_to):
            if year not in years:
                raise CommandError(f"{the_instrument.slug} has no published wave for {year} "
                                   f"(published years: {years or 'none'}).")
        try:
            table = change_table(initiative=the_initiative, instrument=the_instrument,
                                 year_from=year_from, year_to=year_to, by=columns)
        except YearsOutOfOrder as error:
            raise CommandError(str(error)) from None
        count = write_csv(table, [*columns, *CHANGE_COLUMNS], output)
        significant = int(table["significant"].sum()) if count else 0
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {count} rows to {output} ({significant} significant changes of mean)."))
