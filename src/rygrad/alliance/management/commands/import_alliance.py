"""rygrad import_alliance FILE --initiative SLUG [--kind organisations|people]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rygrad.alliance.importing import COLUMNS, alliance_import
from rygrad.initiatives.models import Initiative


class Command(BaseCommand):
    help = ("Import organisations or people into an initiative's alliance registry from a "
            "CSV or .xlsx file. All or nothing: any problem and nothing is written.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8) or one-sheet .xlsx file.")
        parser.add_argument("--initiative", required=True, help="The initiative's slug.")
        parser.add_argument("--kind", choices=sorted(COLUMNS), default="",
                            help="What the file holds (default: organisations when it has "
                                 "a sector column, otherwise people).")

    def handle(self, *args, file, initiative, kind="", **options):
        try:
            the_initiative = Initiative.objects.get(slug=initiative)
        except Initiative.DoesNotExist:
            raise CommandError(f"No initiative with slug {initiative!r}.") from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {file}.")
        result = alliance_import(initiative=the_initiative, data=path.read_bytes(),
                                 filename=path.name, kind=kind)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(result.problems)} problem(s); nothing was imported.")
        self.stdout.write(self.style.SUCCESS(
            f"Imported {result.kind}: {result.created} created, {result.updated} updated, "
            f"{result.memberships} membership(s) added or changed."))
