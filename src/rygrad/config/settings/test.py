"""Tests: SQLite in memory unless DATABASE_URL points at PostgreSQL; fast hashing."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE

if "DATABASE_URL" not in os.environ:
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files are served by Django's finders in tests; WhiteNoise needs a collected root.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]

# Survey snapshots (Parquet) go to a throw-away folder, never into the checkout's var/.
RYGRAD_SURVEY_DIR = Path(tempfile.mkdtemp(prefix="rygrad-test-survey-"))
