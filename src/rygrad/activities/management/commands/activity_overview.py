"""rygrad activity_overview --initiative SLUG [--track ID] [--stage S] --format csv|xlsx|docx
--output FILE: the activity overview as a file, with the same rows and columns as the page."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rygrad.activities.documents import table_to_docx
from rygrad.activities.models import Stage
from rygrad.activities.overview import overview_table
from rygrad.activities.selectors import ActivityFilter, activity_list
from rygrad.agenda.models import Track
from rygrad.core.exports import table_to_csv, table_to_xlsx
from rygrad.initiatives.models import Initiative


class Command(BaseCommand):
    help = "Write the activity overview (aktivitetsoversigt) to a CSV, Excel or Word file."

    def add_arguments(self, parser):
        parser.add_argument("--initiative", required=True, help="The initiative's slug.")
        parser.add_argument("--track", type=int, help="Only activities on this track (id).")
        parser.add_argument("--stage", choices=Stage.values, help="Only activities in this stage.")
        parser.add_argument("--format", choices=["csv", "xlsx", "docx"], default="xlsx")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--language", choices=["da", "en"], default="da")

    def handle(self, *args, initiative, track=None, stage=None, format="xlsx", output=None,
               language="da", **options):
        the_initiative = Initiative.objects.filter(slug=initiative).first()
        if the_initiative is None:
            raise CommandError(f"No initiative with slug {initiative!r}.")
        the_track = None
        if track is not None:
            the_track = Track.objects.for_initiative(the_initiative).filter(pk=track).first()
            if the_track is None:
                raise CommandError(f"--track {track}: no such track in {initiative!r}.")
        with translation.override(language):
            rows = activity_list(initiative=the_initiative,
                                 filters=ActivityFilter(track=track, stage=stage or ""))
            table = overview_table(rows)
            parts = [f"{the_track}" if the_track else "", dict(Stage.choices)[stage]
                     if stage else ""]
            description = " · ".join(str(p) for p in parts if p) or str(table.title)
            if format == "csv":
                data = ("\ufeff" + table_to_csv(table)).encode("utf-8")
            elif format == "xlsx":
                data = table_to_xlsx(table)
            else:
                data = table_to_docx(table, description=description)
        Path(output).write_bytes(data)
        self.stdout.write(f"{len(table.rows)} activities written to {output}.")
