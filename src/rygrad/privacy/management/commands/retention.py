"""`rygrad retention [--initiative S] [--apply] [--today YYYY-MM-DD]`: what is due under
each initiative's retention rules; with --apply, archive it, read the archive back, and
only then delete it (privacy.services.retention_apply_kind)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rygrad.core.tenancy import tenancy
from rygrad.privacy import services


class Command(BaseCommand):
    help = ("List what is due under each initiative's retention rules; with --apply, archive "
            "it (zip of JSON under RYGRAD_ARCHIVE_DIR, checked) and then delete it.")

    def add_arguments(self, parser):
        parser.add_argument("--initiative", help="the slug of one initiative (default: all)")
        parser.add_argument("--apply", action="store_true",
                            help="archive and delete what is due (default: only list it)")
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="count retention from this day (YYYY-MM-DD; default today)")

    def handle(self, *args, initiative=None, apply=False, today=None, **options):
        model = tenancy().model
        if initiative:
            initiatives = list(model.objects.filter(slug=initiative))
            if not initiatives:
                raise CommandError(f"No initiative with the slug {initiative!r}.")
        else:
            initiatives = list(model.objects.order_by("slug"))
        today = today or timezone.localdate()
        failures = 0
        for found in initiatives:
            for due in services.retention_due(initiative=found, today=today):
                oldest = due.oldest.isoformat() if due.oldest else "-"
                self.stdout.write(f"{found.slug}\t{due.kind.key}\t{due.months} months\t"
                                  f"before {due.cutoff.isoformat()}\t{due.count} due\t"
                                  f"oldest {oldest}")
                if not apply or not due.count:
                    continue
                try:
                    deletion = services.retention_apply_kind(
                        initiative=found, key=due.kind.key, today=today,
                        command="rygrad retention --apply")
                except services.RetentionRefused as refusal:
                    failures += 1
                    self.stderr.write(f"{found.slug}\t{due.kind.key}\t{refusal}")
                    continue
                if deletion is not None:
                    verb = "anonymised" if deletion.anonymised else "deleted"
                    self.stdout.write(f"{found.slug}\t{due.kind.key}\t{deletion.count} "
                                      f"{verb}, archived in {deletion.archive} "
                                      f"(sha256 {deletion.checksum})")
        if failures:
            raise CommandError(f"{failures} kind(s) could not be archived; nothing of them "
                               "was deleted.")
