"""rygrad generate_large --scale N: build the large initiatives large-01 … for load tests."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from rygrad.core.large import MAX_SCALE, PASSWORD, Scale, large_build


class Command(BaseCommand):
    help = (f"Build large seeded initiatives (large-01, …) for load tests: scale 1 to "
            f"{MAX_SCALE}; at {MAX_SCALE}, 50 initiatives, 5,000 organisations, 50,000 "
            "activities, 500,000 ideas and 2,000,000 survey responses. Replaces the large "
            "initiatives of an earlier run.")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1,
                            help=f"1 (one initiative at half size) to {MAX_SCALE} (default 1).")

    def handle(self, *args, scale=1, **options):
        try:
            chosen = Scale(scale)
        except ValueError as error:
            raise CommandError(str(error)) from error
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Building {chosen.initiatives} initiative(s) at scale {scale} "
                          f"({chosen.share:.0%} of a full one each)…")
        result = large_build(scale=scale, progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(
            f"Made {len(result.initiatives)} initiative(s) in {result.seconds:.1f} s:"))
        for table, rows in result.counts.items():
            self.stdout.write(f"  {rows:>12,}  {table}")
        first = result.initiatives[0]
        self.stdout.write(f"\nLogins (password {PASSWORD}): sekretariat@<slug>.rygrad.example "
                          f"and medlem@<slug>.rygrad.example, e.g. "
                          f"sekretariat@{first.slug}.rygrad.example for /i/{first.slug}/.")
