"""`rygrad signals_history` and `rygrad signals_check`: what they print, and their refusals;
and looking back on the demo, the dates the guide's table gives."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from rygrad.activities.models import Stage
from rygrad.activities.tests.factories import ActivityFactory, history
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.earlywarning.periods import month_end

LOAD = "activities.backbone_load"


def _run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def driven(world):
    """Started a year ago; the secretariat drives the one activity, running from the
    start of the third month: backbone load none, none, then 100 % (in warning)."""
    today = timezone.localdate()
    start = today.replace(year=today.year - 1, day=1)
    third = (start + dt.timedelta(days=62)).replace(day=1)
    world.initiative.started_on = start
    world.initiative.save()
    backbone = OrganisationFactory(initiative=world.initiative, is_backbone=True)
    activity = ActivityFactory(initiative=world.initiative, driver=backbone, starts_on=start)
    history(activity, (Stage.RUNNING, third))
    return {"start": start, "third": third}


def test_the_history_as_csv_has_every_month_end_judged(world, driven):
    """Given the initiative above, when its history is printed as CSV, then backbone load
    has a row per month end and today, empty for the first two month ends and 1.0 in
    warning from the third on, against the threshold 0.5."""
    rows = [row for row in csv.DictReader(io.StringIO(_run(
        "signals_history", initiative="egelund", format="csv"))) if row["key"] == LOAD]
    assert len(rows) == 13
    assert [row["value"] for row in rows[:3]] == ["", "", "1.0"]
    assert rows[2]["date"] == month_end(driven["third"]).isoformat()
    assert {(row["threshold"], row["warning"]) for row in rows[2:]} == {("0.5", "true")}


def test_the_history_as_json_gives_points_and_crossings_and_quarters(world, driven):
    """Given the initiative above, when printed as JSON every quarter, then backbone load
    has the quarter ends and today, and one crossing: entering at its third month end."""
    payload = json.loads(_run("signals_history", initiative="egelund", format="json",
                              every="quarter"))
    load = next(item for item in payload if item["key"] == LOAD)
    dates = [dt.date.fromisoformat(point["date"]) for point in load["points"]]
    assert all(on.month % 3 == 0 for on in dates[:-1]) and dates[-1] == timezone.localdate()
    assert [(c["entered"], c["value"]) for c in load["crossings"]] == [(True, 1.0)]


def test_the_text_names_each_crossing(world, driven):
    """Given the initiative above, when printed as text, then backbone load is marked as
    in warning and its entering is dated."""
    text = _run("signals_history", initiative="egelund")
    assert f"WARNING {LOAD}" in text
    assert "entered warning: 100 % (threshold 50 %)" in text


def test_the_history_command_refuses_bad_input(world):
    """Given no initiative "nowhere", a month 13 and a date after today, then each is
    refused with a message naming it."""
    with pytest.raises(CommandError, match="nowhere"):
        _run("signals_history", initiative="nowhere")
    with pytest.raises(CommandError, match="2019-13"):
        _run("signals_history", initiative="egelund", start="2019-13")
    with pytest.raises(CommandError, match="future"):
        _run("signals_history", initiative="egelund", end="2999-01-01")


def test_the_first_check_notes_where_each_signal_stands_and_prints_no_crossing(world, driven):
    """Given the initiative above, when the check runs for the first time, then it prints
    no crossing (it only notes where each signal stands); an unknown initiative is
    refused."""
    first = _run("signals_check", initiative="egelund")
    assert "egelund: 0 crossing(s)" in first
    with pytest.raises(CommandError, match="nowhere"):
        _run("signals_check", initiative="nowhere")


@pytest.mark.django_db
def test_looking_back_on_the_demo_flags_dig_s_problems_when_the_guide_says():
    """Given the demo (+DIG's story), when its history is printed, then the crossings are
    those of the early-warning guide's table: backbone load from February 2017, trials
    that stopped from November 2016, cross-sector activities from June 2017, and young
    people in the alliance back within their threshold from March 2017."""
    from rygrad.core.demo import demo_build

    demo_build()
    payload = {item["key"]: item for item in json.loads(
        _run("signals_history", initiative="demo", format="json"))}

    def first_entered(key):
        return next(c["date"] for c in payload[key]["crossings"] if c["entered"])

    assert first_entered(LOAD) == "2017-02-28"
    assert first_entered("activities.trials_stopped_share") == "2016-11-30"
    assert first_entered("activities.cross_sector_share") == "2017-06-30"
    assert first_entered("measurement.lowest_band_share") == "2017-01-31"
    youth = payload["alliance.youth_members"]["crossings"]
    assert [(c["date"], c["entered"]) for c in youth] == [
        ("2015-09-30", True), ("2017-03-31", False)]
