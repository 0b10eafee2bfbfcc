"""rygrad signals_history --initiative SLUG [--from D] [--to D] [--every month|quarter]
[--format text|csv|json]"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from rygrad.core.exports import MACHINE_CSV, Table, table_to_csv
from rygrad.core.tenancy import tenancy

from ...history import history_read, history_refresh
from ...judging import crossings
from ...periods import EVERY, month_end
from ...stories import stories_at


def _date(text: str, option: str, *, end: bool) -> dt.date:
    """YYYY-MM-DD, or YYYY-MM for the month's first (`--from`) or last day (`--to`)."""
    try:
        if len(text) == 7:
            first = dt.date.fromisoformat(f"{text}-01")
            return month_end(first) if end else first
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a date in the form YYYY-MM-DD "
                           f"or YYYY-MM.") from None


class Command(BaseCommand):
    help = ("Print every signal of an initiative at each month (or quarter) end, judged "
            "against the threshold in force then, and when each crossed its threshold.")

    def add_arguments(self, parser):
        parser.add_argument("--initiative", required=True, help="The initiative's slug.")
        parser.add_argument("--from", dest="start",
                            help="First date, YYYY-MM-DD or YYYY-MM (default: the start).")
        parser.add_argument("--to", dest="end",
                            help="Last date, YYYY-MM-DD or YYYY-MM (default: today).")
        parser.add_argument("--every", choices=EVERY, default="month")
        parser.add_argument("--format", choices=["text", "csv", "json"], default="text")

    def handle(self, *args, initiative, start=None, end=None, every="month", format="text",
               **options):
        Initiative = tenancy().model
        try:
            the_initiative = Initiative.objects.get(slug=initiative)
        except Initiative.DoesNotExist:
            raise CommandError(f"No initiative with slug {initiative!r}.") from None
        from django.utils import timezone

        today = timezone.localdate()
        last = _date(end, "--to", end=True) if end else today
        first = _date(start, "--from", end=False) if start else None
        if last > today:
            raise CommandError(f"--to {end!r} is in the future; signals are known up to today.")
        if first and first > last:
            raise CommandError("--from is after --to.")
        history_refresh(initiative=the_initiative, today=today)
        history = history_read(initiative=the_initiative, at=last, today=today)
        stories = stories_at(initiative=the_initiative, at=last, history=history)

        def shown(story):
            return [point for point in story.points
                    if (first is None or point.on >= first)
                    and (every == "month" or point is story.latest or point.on.month % 3 == 0)]

        if format == "json":
            payload = [{
                "key": story.signal.key, "label": str(story.signal.label),
                "unit": str(story.signal.unit.value), "warn_above": story.signal.warn_above,
                "points": [{"date": p.on.isoformat(), "value": p.value,
                            "threshold": p.threshold, "warning": p.warning}
                           for p in shown(story)],
                "crossings": [{"date": c.on.isoformat(), "entered": c.entered,
                               "value": c.value, "threshold": c.threshold}
                              for c in crossings(story.points)
                              if first is None or c.on >= first],
            } for story in stories]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if format == "csv":
            table = Table(title="signals_history",
                          columns=["key", "date", "value", "threshold", "warning"],
                          rows=[[story.signal.key, p.on, p.value, p.threshold, p.warning]
                                for story in stories for p in shown(story)])
            self.stdout.write(table_to_csv(table, dialect=MACHINE_CSV), ending="")
            return
        self._text(stories, first)

    def _text(self, stories, first) -> None:
        """Per signal: when it entered and left warning, and where it stands."""
        for story in stories:
            signal = story.signal
            found = [c for c in crossings(story.points) if first is None or c.on >= first]
            head = "WARNING " if story.latest.warning else ""
            self.stdout.write(f"{head}{signal.key}: {story.display}  ({signal.label})")
            if not found:
                self.stdout.write("  never in warning")
            for crossing in found:
                way = "entered warning" if crossing.entered else "back within"
                self.stdout.write(
                    f"  {crossing.on.isoformat()}  {way}: {signal.format(crossing.value)} "
                    f"(threshold {signal.format(crossing.threshold)})")
