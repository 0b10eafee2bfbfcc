"""Measurement tests write their Parquet snapshots into a temporary folder."""

import pytest

from .faults import file_database, postgres  # noqa: F401 - fixtures for the fault tests


@pytest.fixture(autouse=True)
def survey_dir(settings, tmp_path):
    settings.RYGRAD_SURVEY_DIR = tmp_path / "survey"
    return settings.RYGRAD_SURVEY_DIR


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English (the source language); Danish is tested apart."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
