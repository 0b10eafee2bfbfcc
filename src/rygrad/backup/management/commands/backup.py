"""rygrad backup [--output PATH]: the database, the uploaded files and the survey folder
in one archive (docs/deploy.md, "Backup and restore")."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rygrad.backup.database import ENGINES
from rygrad.backup.errors import BackupError
from rygrad.backup.services import backup_create


class Command(BaseCommand):
    help = ("Write a backup: the database, every uploaded file and the survey folder in one "
            "archive with a manifest of checksums. Safe while Rygrad runs.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", metavar="PATH",
            help="The archive to write, or a folder to write rygrad-backup-<time>.tar into "
                 "(default: the current folder).")

    def handle(self, *args, output=None, **options):
        try:
            result = backup_create(output=Path(output) if output else None)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        size = result.path.stat().st_size
        self.stdout.write(
            f"Backup written to {result.path} ({size / 1_000_000:.1f} MB): the "
            f"{ENGINES[manifest['engine']]} database ({len(manifest['tables'])} tables, "
            f"{sum(manifest['tables'].values())} rows), {manifest['media_files']} uploaded "
            f"files and {manifest['survey_files']} survey files.")
