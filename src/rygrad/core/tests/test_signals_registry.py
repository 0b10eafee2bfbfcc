"""The signals registry: thresholds, per-initiative overrides, ordering and the CLI."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rygrad.core.signals import Condition, Signal, Unit, signals_by_condition


def _signal(value, *, threshold=None, warn_above=True, key="test.value"):
    return Signal(key=key, label="Test", condition=Condition.AGENDA, unit=Unit.SHARE,
                  compute=lambda initiative, at, **f: value, explanation="Why",
                  threshold=threshold, warn_above=warn_above)


def test_warning_above_and_below_threshold(world):
    at = dt.date(2020, 1, 1)
    assert _signal(0.6, threshold=0.5).evaluate(world.initiative, at).warning
    assert not _signal(0.5, threshold=0.5).evaluate(world.initiative, at).warning
    assert _signal(1, threshold=2, warn_above=False).evaluate(world.initiative, at).warning
    assert not _signal(None, threshold=0.5).evaluate(world.initiative, at).warning
    assert not _signal(0.9).evaluate(world.initiative, at).warning


def test_initiative_override_replaces_the_default_threshold(world):
    """Given a default threshold of 0.5, when the initiative sets 0.8, then 0.6 is fine."""
    world.initiative.signal_thresholds = {"test.value": 0.8}
    value = _signal(0.6, threshold=0.5).evaluate(world.initiative, dt.date(2020, 1, 1))
    assert value.threshold == 0.8
    assert not value.warning


def test_every_condition_and_stage_is_listed_even_without_signals(world):
    groups = signals_by_condition(initiative=world.initiative, at=dt.date(2020, 1, 1))
    assert [condition for condition, _values in groups] == list(Condition)


def test_signals_command_prints_json_with_the_documented_keys(world):
    out = StringIO()
    call_command("signals", initiative="egelund", at="2019-12-31", format="json", stdout=out)
    payload = json.loads(out.getvalue())
    assert isinstance(payload, list)
    for item in payload:
        assert set(item) == {"key", "label", "value", "unit", "warning", "explanation"}
    # warnings come first
    flags = [item["warning"] for item in payload]
    assert flags == sorted(flags, reverse=True)


def test_signals_command_names_a_bad_date_and_an_unknown_initiative(world):
    with pytest.raises(CommandError, match="2019-13-01"):
        call_command("signals", initiative="egelund", at="2019-13-01")
    with pytest.raises(CommandError, match="nowhere"):
        call_command("signals", initiative="nowhere")


def test_values_and_thresholds_are_shown_as_people_read_them():
    from django.utils import translation

    share = _signal(2 / 3, threshold=0.5)
    count = Signal(key="c", label="C", condition=Condition.AGENDA, unit=Unit.COUNT,
                   compute=lambda i, at: 1234, explanation="")
    with translation.override("da"):
        assert share.format(2 / 3) == "67 %"
        assert share.format(0.5) == "50 %"
        assert count.format(1234) == "1.234"
        assert count.format(None) == "–"


def test_read_once_reads_once_per_key_while_signals_are_computed_together():
    """Inside `together` a reading with the same key is shared and one with another key is
    not; a nested `together` is the same piece of work; outside it every call reads."""
    from rygrad.core.signals import read_once, together

    calls = []

    def read(name):
        calls.append(name)
        return [name]

    with together():
        first = read_once(("k", 1), lambda: read("a"))
        with together():
            again = read_once(("k", 1), lambda: read("b"))
        other = read_once(("k", 2), lambda: read("c"))
    assert first is again and first == ["a"]
    assert other == ["c"]
    read_once(("k", 1), lambda: read("d"))
    read_once(("k", 1), lambda: read("e"))
    assert calls == ["a", "c", "d", "e"]
