"""Communication's settings are checked when the settings load: a wrongly written review
date of the accessibility statement stops start-up with a message naming the variable,
instead of making /was a server error for every visitor."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config/settings/base.py"


def _settings_with(monkeypatch, **env) -> dict:
    monkeypatch.delenv("CACHE_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


@pytest.mark.parametrize("written", ["15-09-2025", "2025-13-01", "15. september 2025", ""])
def test_a_wrongly_written_review_date_stops_with_a_message_naming_it(monkeypatch, written):
    """Given RYGRAD_ACCESSIBILITY_REVIEWED not written as a date YYYY-MM-DD, when the
    settings load, then they stop with ImproperlyConfigured naming the variable, the
    expected form and what was written."""
    with pytest.raises(ImproperlyConfigured) as refused:
        _settings_with(monkeypatch, RYGRAD_ACCESSIBILITY_REVIEWED=written)
    message = str(refused.value)
    assert "RYGRAD_ACCESSIBILITY_REVIEWED" in message and "YYYY-MM-DD" in message
    assert repr(written) in message


def test_a_well_written_review_date_is_kept(monkeypatch):
    """Given a date written YYYY-MM-DD, when the settings load, then it is kept as given."""
    loaded = _settings_with(monkeypatch, RYGRAD_ACCESSIBILITY_REVIEWED="2025-09-15")
    assert loaded["RYGRAD_ACCESSIBILITY_REVIEWED"] == "2025-09-15"
