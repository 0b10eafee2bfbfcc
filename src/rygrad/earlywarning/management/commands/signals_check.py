"""rygrad signals_check [--initiative SLUG] [--date YYYY-MM-DD] [--base-url URL]"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rygrad.core.tenancy import tenancy

from ...notices import notice_text, signals_check


class Command(BaseCommand):
    help = ("The daily check: find the signals that entered or left warning since the last "
            "check, notify the secretariat and the alliance's chair, and queue the email "
            "digests and the histories' refresh for the background worker.")

    def add_arguments(self, parser):
        parser.add_argument("--initiative", help="Check this initiative only (its slug).")
        parser.add_argument("--date", help="Check as of this date, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--base-url", default="",
            help="Start of the links in the emails, e.g. https://rygrad.egelund.dk "
                 "(default: the first of CSRF_TRUSTED_ORIGINS).")

    def handle(self, *args, initiative=None, date=None, base_url="", **options):
        Initiative = tenancy().model
        chosen = None
        if initiative:
            chosen = list(Initiative.objects.filter(slug=initiative))
            if not chosen:
                raise CommandError(f"No initiative with slug {initiative!r}.")
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date in the form YYYY-MM-DD.") from None
        origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or [""]
        results = signals_check(today=today, base_url=base_url or origins[0],
                                initiatives=chosen)
        for checked in results:
            for crossing in checked.crossings:
                self.stdout.write(f"{checked.initiative.slug}: {notice_text(crossing)}")
            self.stdout.write(f"{checked.initiative.slug}: {len(checked.crossings)} crossing(s), "
                              f"{checked.notified} notice(s).")
