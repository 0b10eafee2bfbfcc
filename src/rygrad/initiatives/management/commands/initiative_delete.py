"""rygrad initiative_delete --slug S --yes"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rygrad.initiatives.models import Initiative
from rygrad.initiatives.services import initiative_delete


class Command(BaseCommand):
    help = "Delete an initiative and everything recorded in it (cannot be undone)."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument("--yes", action="store_true",
                            help="Confirm; without it nothing is deleted.")

    def handle(self, *args, slug, yes, **options):
        try:
            initiative = Initiative.objects.get(slug=slug)
        except Initiative.DoesNotExist:
            raise CommandError(f"No initiative with slug {slug!r}.") from None
        if not yes:
            raise CommandError(
                f"This deletes {initiative.name!r} with all its data. Add --yes to confirm.")
        try:
            initiative_delete(initiative=initiative)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Deleted initiative {slug!r}."))
