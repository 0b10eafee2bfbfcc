"""rygrad demo [--no-serve] [--port N]: migrate, (re)build the demo initiative, serve it."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from rygrad.core.demo import DEMO_PASSWORD, demo_build


class Command(BaseCommand):
    help = "Build the demo initiative (slug 'demo') and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Build only; do not serve.")
        parser.add_argument("--port", default="8000", help="Port to serve on (default 8000).")

    def handle(self, *args, no_serve=False, port="8000", **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Building the demo initiative…")
        initiative, logins = demo_build()
        url = f"http://127.0.0.1:{port}/i/{initiative.slug}/"
        self.stdout.write(self.style.SUCCESS(f"Demo initiative ready: {initiative.name}"))
        self.stdout.write(f"\n  {url}\n\n  Logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"    {login.role:<16} {login.email}")
        self.stdout.write("")
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
