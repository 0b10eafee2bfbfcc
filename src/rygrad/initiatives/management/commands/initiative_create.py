"""rygrad initiative_create --slug S --name N [--municipality M]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rygrad.initiatives.services import initiative_create


class Command(BaseCommand):
    help = "Create an initiative on this installation."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="Short name used in URLs, e.g. lejre.")
        parser.add_argument("--name", required=True, help="The initiative's full name.")
        parser.add_argument("--municipality", default="")

    def handle(self, *args, slug, name, municipality, **options):
        try:
            initiative = initiative_create(slug=slug, name=name, municipality=municipality)
        except ValidationError as error:
            messages = "; ".join(f"{field}: {' '.join(errs)}"
                                 for field, errs in error.message_dict.items())
            raise CommandError(messages) from None
        self.stdout.write(self.style.SUCCESS(
            f"Created initiative {initiative.name!r} at /i/{initiative.slug}/"))
