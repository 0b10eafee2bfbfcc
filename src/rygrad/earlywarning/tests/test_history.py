"""The signal history: every month end through the registry, kept up to date by
recomputing only what a change can have moved, and never shown stale."""

import datetime as dt

import pytest

from rygrad.activities.models import Stage
from rygrad.activities.services import activity_change_driver, activity_update
from rygrad.activities.tests.factories import ActivityFactory, history
from rygrad.agenda.tests.factories import TrackFactory
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.permissions import Actor
from rygrad.core.signals import all_signals
from rygrad.earlywarning.history import history_read, history_refresh
from rygrad.earlywarning.models import HistoryPoint

TODAY = dt.date(2018, 1, 15)  # the history's "today": month ends Jan 2016 – Dec 2017
LOAD = "activities.backbone_load"


@pytest.fixture
def story(world):
    """An initiative started on 1 January 2016 with the backbone and a partner, each
    driving one activity running from 1 February 2016."""
    initiative = world.initiative
    initiative.started_on = dt.date(2016, 1, 1)
    initiative.save()
    backbone = OrganisationFactory(initiative=initiative, name="Sekretariatet",
                                   is_backbone=True)
    partner = OrganisationFactory(initiative=initiative, name="Biblioteket")
    ours = ActivityFactory(initiative=initiative, title="Læseheste", driver=backbone,
                           starts_on=dt.date(2016, 1, 10))
    theirs = ActivityFactory(initiative=initiative, title="Fodbold", driver=partner,
                             starts_on=dt.date(2016, 1, 10))
    for activity in (ours, theirs):
        history(activity, (Stage.TRIAL, dt.date(2016, 1, 20)),
                (Stage.RUNNING, dt.date(2016, 2, 1)))
    actor = Actor(user=world.users["secretariat"], initiative=initiative)
    return {"initiative": initiative, "backbone": backbone, "partner": partner,
            "ours": ours, "theirs": theirs, "actor": actor}


def _values(initiative, key):
    return dict(HistoryPoint.objects.for_initiative(initiative).filter(key=key)
                .values_list("on", "value"))


def test_the_history_holds_every_signal_at_every_month_end(story):
    """Given the initiative started in January 2016 and today 15 January 2018, when the
    history is computed, then every registered signal has a value at each of the 24 month
    ends, and backbone load is one of two running activities from February 2016 on."""
    refreshed = history_refresh(initiative=story["initiative"], today=TODAY)
    keys = [signal.key for signal in all_signals()]
    assert refreshed.computed == 24 * len(keys)
    load = _values(story["initiative"], LOAD)
    assert (min(load), max(load), len(load)) == (dt.date(2016, 1, 31), dt.date(2017, 12, 31), 24)
    assert load[dt.date(2016, 1, 31)] is None  # nothing running yet
    assert load[dt.date(2016, 2, 29)] == 0.5
    assert load[dt.date(2017, 12, 31)] == 0.5


def test_a_driver_changed_retroactively_updates_every_later_month_and_only_those(story):
    """Given a computed history, when the backbone's activity is handed to the partner
    from 15 June 2017 (recorded today), then the next refresh recomputes backbone load and
    the collaboration network's signals (a driver ties organisations on its activity)
    only, from June 2017: 0.5 through 31 May 2017 and 0 from 30 June 2017 — the same as
    computing everything again."""
    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    activity_change_driver(activity=story["ours"], organisation=story["partner"],
                           on=dt.date(2017, 6, 15), by=story["actor"])
    refreshed = history_refresh(initiative=initiative, today=TODAY)
    moved = [LOAD, *(s.key for s in all_signals() if s.key.startswith("network."))]
    # June–December 2017 of each.
    assert (refreshed.signals, refreshed.computed) == (len(moved), 7 * len(moved))
    load = _values(initiative, LOAD)
    assert load[dt.date(2017, 5, 31)] == 0.5
    assert [load[on] for on in sorted(load) if on >= dt.date(2017, 6, 30)] == [0.0] * 7
    incremental = {signal.key: _values(initiative, signal.key) for signal in all_signals()}
    history_refresh(initiative=initiative, today=TODAY, full=True)
    assert incremental == {signal.key: _values(initiative, signal.key)
                           for signal in all_signals()}


def test_a_page_never_shows_the_months_a_change_may_have_moved(story,
                                                               django_capture_on_commit_callbacks):
    """Given a computed history and a driver change from 15 June 2017, when a page reads
    the history before the refresh has run, then backbone load is known through May 2017
    only, the other signals whole, and one refresh is queued for the background worker
    (a second read queues none); once it has run, the history is whole again."""
    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    activity_change_driver(activity=story["ours"], organisation=story["partner"],
                           on=dt.date(2017, 6, 15), by=story["actor"])
    with django_capture_on_commit_callbacks() as queued:
        read = history_read(initiative=initiative, today=TODAY)
        history_read(initiative=initiative, today=TODAY)
    assert read.pending and len(queued) == 1
    assert read.complete_through[LOAD] == dt.date(2017, 5, 31)
    assert read.points[LOAD][-1] == (dt.date(2017, 5, 31), 0.5)
    assert not read.complete(LOAD, TODAY)
    assert read.complete("activities.anchored", TODAY)
    history_refresh(initiative=initiative, today=TODAY)  # the worker's turn
    again = history_read(initiative=initiative, today=TODAY)
    assert not again.pending and again.complete(LOAD, TODAY)
    assert again.points[LOAD][-1] == (dt.date(2017, 12, 31), 0.0)


def test_describing_an_activity_recomputes_nothing(story):
    """Given a computed history, when an activity's description is changed, then nothing
    is recomputed: no signal reads it."""
    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    activity_update(activity=story["theirs"], by=story["actor"], description="Hver tirsdag")
    assert history_refresh(initiative=initiative, today=TODAY).computed == 0


def test_putting_an_activity_on_a_track_recomputes_the_signals_that_read_tracks(story):
    """Given a computed history, when an activity is put on a track (which has no date:
    it may matter in any month), then activities on no track is recomputed for all 24
    months and nothing else."""
    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    story["theirs"].tracks.add(TrackFactory(initiative=initiative))
    refreshed = history_refresh(initiative=initiative, today=TODAY)
    assert (refreshed.signals, refreshed.computed) == (1, 24)
    assert _values(initiative, "agenda.activities_without_track")[dt.date(2017, 12, 31)] == 1


def test_a_change_in_another_initiative_recomputes_nothing_here(story, world):
    """Given a computed history, when an activity of the other initiative changes driver,
    then nothing of this initiative's history is recomputed."""
    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    other = world.other_initiative
    elsewhere = ActivityFactory(initiative=other, starts_on=dt.date(2016, 3, 1))
    activity_change_driver(
        activity=elsewhere, organisation=OrganisationFactory(initiative=other),
        on=dt.date(2016, 5, 1), by=Actor(user=world.users["operator"], initiative=other))
    assert history_refresh(initiative=initiative, today=TODAY).computed == 0


def test_a_new_month_end_is_computed_once_it_has_passed(story):
    """Given a history computed on 15 January 2018, when it is refreshed on 2 February,
    then each signal is computed once more, at 31 January 2018."""
    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    refreshed = history_refresh(initiative=initiative, today=dt.date(2018, 2, 2))
    assert refreshed.computed == len(all_signals())
    assert dt.date(2018, 1, 31) in _values(initiative, LOAD)


def test_reading_a_fresh_history_takes_a_fixed_handful_of_queries(
        story, django_assert_max_num_queries):
    """Given a history up to date, when a page reads it, then it takes two queries (the
    state with the data version, and the points), however many months and signals."""
    history_refresh(initiative=story["initiative"], today=TODAY)
    with django_assert_max_num_queries(2):
        read = history_read(initiative=story["initiative"], today=TODAY)
    assert not read.pending


def test_the_daily_refresh_recomputes_whole_a_signal_that_read_an_unlogged_table(story):
    """Given a computed history in which the response rate read the population counts
    (written in bulk, outside the audit log), when the daily check's refresh runs, then
    that signal is computed again for every month end, as is the weakest condition of the
    assessment (its anonymous answers are not in the audit log either); the others are
    not."""
    from rygrad.earlywarning.models import HistoryState

    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    state = HistoryState.objects.get(initiative=initiative)
    state.reads["measurement.response_rate"]["measurement_populationcount"] = ["*"]
    state.save(update_fields=["reads"])
    refreshed = history_refresh(initiative=initiative, today=TODAY, untracked=True)
    # measurement.response_rate and evaluation.weakest_condition, 24 month ends each.
    assert (refreshed.signals, refreshed.computed) == (2, 48)
    assert history_refresh(initiative=initiative, today=TODAY).computed == 0


def test_a_threshold_changed_in_the_log_judges_the_months_after_it_only(story):
    """Given backbone load 0.5 at every month end and its threshold lowered to 0.4 by the
    secretariat on 15 March 2017 (the audit log's entry, dated then), when the story is
    told on 15 January 2018, then the month ends through February 2017 are within 0.5 and
    from 31 March 2017 in warning against 0.4: in warning since March 2017."""
    from auditlog.models import LogEntry

    from rygrad.earlywarning.stories import stories_at
    from rygrad.initiatives.services import signal_thresholds_set

    initiative = story["initiative"]
    history_refresh(initiative=initiative, today=TODAY)
    signal_thresholds_set(initiative=initiative, thresholds={LOAD: 0.4}, by=story["actor"])
    LogEntry.objects.filter(changes__has_key="signal_thresholds").update(
        timestamp=dt.datetime(2017, 3, 15, 12, tzinfo=dt.UTC))
    read = history_read(initiative=initiative, at=TODAY, today=TODAY)
    [load] = [s for s in stories_at(initiative=initiative, at=TODAY, history=read)
              if s.signal.key == LOAD]
    by_date = {point.on: (point.threshold, point.warning) for point in load.points}
    assert by_date[dt.date(2017, 2, 28)] == (0.5, False)
    assert by_date[dt.date(2017, 3, 31)] == (0.4, True)
    assert load.standing.warning and load.standing.since == dt.date(2017, 3, 31)
