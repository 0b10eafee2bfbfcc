"""Backup and restore: the database, the uploaded files and the survey folder in one
archive (`rygrad backup`), put back by `rygrad restore`. Works on the database and the
storage as a whole, never on a capability's models."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    name = "rygrad.backup"
    label = "backup"
    verbose_name = _("Backup and restore")
