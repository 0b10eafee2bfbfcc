"""rygrad restore PATH [--yes]: put the database, the uploaded files and the survey folder
back as a backup holds them (docs/deploy.md, "Backup and restore")."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from rygrad.backup.database import ENGINES
from rygrad.backup.errors import BackupError
from rygrad.backup.files import survey_dir
from rygrad.backup.services import backup_restore


class Command(BaseCommand):
    help = ("Restore a backup written by `rygrad backup`: replaces the whole database, the "
            "uploaded files and the survey folder. Stop Rygrad (web and task workers) first.")

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="PATH", help="The backup archive (.tar).")
        parser.add_argument("--yes", action="store_true",
                            help="Restore without asking for confirmation.")

    def _confirm(self, manifest: dict) -> bool:
        name = connection.settings_dict.get("NAME")
        self.stdout.write(
            f"This replaces the whole {ENGINES[manifest['engine']]} database {name}, every "
            f"uploaded file and the survey folder {survey_dir()} with the backup made "
            f"{manifest['created']} (Rygrad {manifest['rygrad_version']}). Whatever was "
            "changed since is lost.")
        try:
            answer = input("Type yes to restore: ")
        except EOFError:
            answer = ""
        return answer.strip().lower() in {"yes", "ja"}

    def handle(self, *args, archive, yes=False, **options):
        try:
            result = backup_restore(path=Path(archive),
                                    confirm=(lambda manifest: True) if yes else self._confirm)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if result is None:
            raise CommandError("Nothing was restored (not confirmed; --yes restores without "
                               "asking).")
        tables = result.manifest["tables"]
        self.stdout.write(
            f"Restored the backup made {result.manifest['created']}: {len(tables)} tables "
            f"({sum(tables.values())} rows, every count checked), {result.media_written} "
            f"uploaded files ({result.media_removed} added since removed) and "
            f"{result.survey_files} survey files.")
        if result.migrations_missing:
            self.stdout.write(
                f"The backup predates {len(result.migrations_missing)} migrations of this "
                "version: run `rygrad migrate` before starting Rygrad.")
