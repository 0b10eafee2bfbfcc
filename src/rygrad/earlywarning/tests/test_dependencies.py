"""What a signal reads, read from its SQL, and what a recorded change touches: the two
halves of recomputing only what a change can have moved."""

import datetime as dt

from rygrad.activities.models import Activity, DriverChange, StageChange
from rygrad.earlywarning.dependencies import ANY, BEGINNING, Touch, concerns, entry_touches
from rygrad.earlywarning.dependencies import sql_reads as reads_of
from rygrad.measurement.models import Wave

TABLES = frozenset({"activities_stagechange", "activities_driverchange",
                    "alliance_organisation", "activities_activity_tracks"})


def test_a_statement_names_its_tables_and_their_columns_through_aliases():
    """Given backbone load's SQL (a subquery aliased V0 inside another aliased U0), then
    each table's columns are found under it, not under the others."""
    sql = ('SELECT COUNT("activities_stagechange"."id") FILTER (WHERE EXISTS(SELECT 1 FROM '
           '"activities_driverchange" V0 WHERE (V0."until" IS NULL AND V0."activity_id" = '
           '("activities_stagechange"."activity_id") AND V0."organisation_id" IN (SELECT '
           'U0."id" AS "pk" FROM "alliance_organisation" U0 WHERE U0."is_backbone")))) '
           'FROM "activities_stagechange" WHERE "activities_stagechange"."changed_on" <= %s')
    found = reads_of(sql, TABLES)
    assert {"id", "activity_id", "changed_on"} <= found["activities_stagechange"]
    assert {"until", "activity_id", "organisation_id"} <= found["activities_driverchange"]
    assert {"id", "is_backbone"} <= found["alliance_organisation"]
    assert "is_backbone" not in found["activities_stagechange"]
    assert "activities_activity_tracks" not in found


def test_a_column_of_an_unknown_qualifier_counts_for_every_table_of_the_statement():
    """Given a column whose qualifier is no table or alias of the statement, then it is
    counted for each of its tables: one dependency too many, never one too few."""
    found = reads_of('SELECT X9."stage" FROM "activities_stagechange" WHERE 1', TABLES)
    assert "stage" in found["activities_stagechange"]


def test_a_new_record_touches_its_table_from_its_earliest_date():
    """Given a driver span created from 15 June 2017, then it touches the driver changes'
    rows from that day."""
    changes = {"id": ["None", "4"], "from_on": ["None", "2017-06-15"], "note": ["None", ""]}
    assert entry_touches(DriverChange, 0, changes) == [
        Touch("activities_driverchange", ANY, dt.date(2017, 6, 15))]


def test_a_changed_date_touches_its_column_from_the_earlier_of_old_and_new():
    """Given a stage span's end moved from 2019 back to 2018, then the column is touched
    from 2018; a changed stage (no date) from the beginning."""
    assert entry_touches(StageChange, 1, {"until": ["2019-03-01", "2018-05-01"]}) == [
        Touch("activities_stagechange", "until", dt.date(2018, 5, 1))]
    assert entry_touches(StageChange, 1, {"stage": ["trial", "running"]}) == [
        Touch("activities_stagechange", "stage", BEGINNING)]


def test_a_changed_link_touches_the_link_table_and_a_foreign_key_its_column():
    """Given an activity put on a track (a many-to-many change) and its driver changed,
    then the first touches the link table from the beginning, the second the driver
    column."""
    m2m = {"tracks": {"type": "m2m", "operation": "add", "objects": ["Spor 1"]}}
    assert entry_touches(Activity, 1, m2m) == [
        Touch("activities_activity_tracks", ANY, BEGINNING)]
    assert entry_touches(Activity, 1, {"driver": ["1", "2"]}) == [
        Touch("activities_activity", "driver_id", BEGINNING)]


def test_a_bulk_change_touches_the_rows_that_belong_to_the_record():
    """Given a wave's population replaced in bulk (recorded on the wave under the name of
    its population's relation), then the population counts are touched; under a name of
    its own, the wave and every table pointing at waves."""
    touched = {touch.table for touch in entry_touches(Wave, 1, {"population": ["1", "2"]})}
    assert touched == {"measurement_populationcount"}
    touched = {touch.table for touch in entry_touches(Wave, 1, {"imported": ["1", "2"]})}
    assert {"measurement_wave", "measurement_populationcount"} <= touched


def test_a_signal_is_concerned_only_by_what_it_read():
    """Given a signal that read the stage spans' stage and dates, then a change of a span's
    note does not concern it, a change of its stage or a new span does."""
    read = {"activities_stagechange": ["activity_id", "changed_on", "stage", "until"]}
    assert not concerns(read, Touch("activities_stagechange", "note", BEGINNING))
    assert concerns(read, Touch("activities_stagechange", "stage", BEGINNING))
    assert concerns(read, Touch("activities_stagechange", ANY, BEGINNING))
    assert not concerns(read, Touch("alliance_membership", ANY, BEGINNING))


def test_a_reading_shared_by_signals_computed_together_counts_as_read_by_each(world):
    """Given two signals computed together that read the organisations the same way,
    when the second gets the first's reading, then the database is asked once and both
    records of what they read name the organisations' table and its columns."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rygrad.alliance.models import Organisation
    from rygrad.core.signals import read_once, together
    from rygrad.earlywarning.dependencies import Reads

    def names():
        return list(Organisation.objects.for_initiative(world.initiative)
                    .values_list("name", flat=True))

    key = ("names", world.initiative.pk)
    with CaptureQueriesContext(connection) as asked, together():
        with Reads() as first:
            read_once(key, names)
        with Reads() as second:
            read_once(key, names)
    assert len([q for q in asked.captured_queries if "alliance_organisation" in q["sql"]]) == 1
    assert first.as_json() == second.as_json()
    assert "name" in second.as_json()["alliance_organisation"]
