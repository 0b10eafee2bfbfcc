"""The fault fixtures (a locked SQLite file, PostgreSQL only) shared with measurement."""

from rygrad.measurement.tests.faults import file_database, postgres  # noqa: F401
