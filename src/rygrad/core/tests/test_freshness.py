"""Signals are computed once per change of data and never served stale: the cache key is
the installation's data version (the latest audit-log entry), which every write of what a
signal counts moves — saves, deletes, links between activities and tracks, and the bulk
writes that record themselves."""

import datetime as dt

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.agenda.tests.factories import ActionItemFactory, TrackFactory
from rygrad.core.freshness import data_version
from rygrad.core.signals import computed_values

AT = dt.date(2018, 12, 31)


def _values(world):
    return computed_values(initiative=world.initiative, at=AT)


def test_a_second_dashboard_computes_no_signal(client_as, world,
                                               django_assert_max_num_queries):
    """Given a dashboard just shown, when it is shown again with no change of data, then
    the signals come from the cache: the request makes only a handful of queries, far
    fewer than the one aggregate query per signal of the first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ActivityFactory(initiative=world.initiative)
    client = client_as("member")
    url = reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug})
    with CaptureQueriesContext(connection) as first:
        client.get(url, {"at": AT.isoformat()})
    with CaptureQueriesContext(connection) as second:
        client.get(url, {"at": AT.isoformat()})
    assert len(second) <= len(first) - 10
    with django_assert_max_num_queries(8):
        client.get(url, {"at": AT.isoformat()})


def test_a_new_activity_changes_the_cached_values(world):
    """Given cached values, when an activity on no track is proposed, then the values
    read next count it."""
    before = _values(world)["agenda.activities_without_track"]
    ActivityFactory(initiative=world.initiative, proposed_on=dt.date(2018, 1, 1))
    assert _values(world)["agenda.activities_without_track"] == before + 1


def test_placing_an_activity_on_a_track_changes_the_cached_values(world):
    """Given an activity on no track and its cached count, when it is put on a track (a
    many-to-many link, no save of the activity), then the count drops by one."""
    activity = ActivityFactory(initiative=world.initiative, proposed_on=dt.date(2018, 1, 1))
    before = _values(world)["agenda.activities_without_track"]
    version = data_version()
    activity.tracks.add(TrackFactory(initiative=world.initiative))
    assert data_version() > version
    assert _values(world)["agenda.activities_without_track"] == before - 1


def test_checking_off_an_overdue_action_changes_the_cached_values(world):
    """Given an overdue action and its cached count, when it is checked off before the
    date, then it no longer counts."""
    item = ActionItemFactory(track=TrackFactory(initiative=world.initiative),
                             due_on=dt.date(2018, 6, 1))
    assert _values(world)["agenda.overdue_actions"] == 1
    item.done_on = dt.date(2018, 7, 1)
    item.save()
    assert _values(world)["agenda.overdue_actions"] == 0


def test_another_day_is_computed_for_that_day(world):
    """Given values cached for one day, when another day is asked, then that day's values
    are computed (a cache per date)."""
    ActionItemFactory(track=TrackFactory(initiative=world.initiative),
                      due_on=dt.date(2018, 6, 1))
    assert computed_values(initiative=world.initiative, at=dt.date(2018, 1, 1))[
        "agenda.overdue_actions"] == 0
    assert _values(world)["agenda.overdue_actions"] == 1


@pytest.mark.parametrize("label", [
    "initiatives.Initiative", "alliance.Organisation", "alliance.Person",
    "alliance.Membership", "agenda.Endorsement", "agenda.ActionItem", "agenda.Track",
    "activities.Activity", "activities.StageChange", "activities.DriverChange",
    "activities.Commitment", "measurement.Instrument", "measurement.Indicator",
    "measurement.Wave", "measurement.Release",
])
def test_every_model_a_signal_reads_is_in_the_audit_log(label):
    """Given the models the registered signals read, then each is registered with the
    audit log, so that a change of it moves the data version."""
    assert auditlog.contains(apps.get_model(label))

