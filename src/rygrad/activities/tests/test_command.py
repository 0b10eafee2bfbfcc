"""`rygrad activity_overview` writes the same rows as the page."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from rygrad.activities.models import Stage
from rygrad.activities.tests.factories import ActivityFactory, InitiativeFactory, history


def test_the_command_writes_the_filtered_overview_to_excel(db, tmp_path):
    """Given a running and a proposed activity, when the overview of running activities is
    written, then the sheet holds the header and the running one only."""
    initiative = InitiativeFactory(slug="egelund")
    history(ActivityFactory(initiative=initiative, title="Læseheste"),
            (Stage.TRIAL, dt.date(2016, 3, 1)), (Stage.RUNNING, dt.date(2016, 9, 1)))
    ActivityFactory(initiative=initiative, title="Hackathon")
    output = tmp_path / "oversigt.xlsx"
    call_command("activity_overview", initiative="egelund", stage="running", format="xlsx",
                 output=str(output))
    rows = list(load_workbook(output).active.iter_rows(values_only=True))
    assert [r[0] for r in rows] == ["Titel", "Læseheste"]


def test_an_unknown_initiative_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No initiative"):
        call_command("activity_overview", initiative="nowhere", output=str(tmp_path / "x"))
