"""The `rygrad` console command: the project's manage.py."""

import os
import sys
from pathlib import Path

# Commands that only read or write source files; they must not create var/ where they run.
_NO_DATABASE = {"makemessages", "compilemessages", "help", "version", "--help", "--version"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rygrad.config.settings.dev")
    import django
    from django.conf import settings
    from django.core.management import execute_from_command_line

    django.setup()
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and command not in _NO_DATABASE:
        # The embedded database lives in var/; create it so a first command just works.
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
