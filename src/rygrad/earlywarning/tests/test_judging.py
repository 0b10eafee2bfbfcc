"""Crossing dates, "in warning since" and "back within its threshold since", worked out by
hand on constructed histories — including a threshold changed halfway."""

import datetime as dt

from rygrad.core.signals import Condition, Signal, Unit
from rygrad.earlywarning.judging import (
    ThresholdChange,
    Thresholds,
    crossings,
    judge,
    standing,
)
from rygrad.earlywarning.periods import month_ends


def _signal(*, threshold=0.5, warn_above=True, key="test.load"):
    return Signal(key=key, label="Load", condition=Condition.BACKBONE, unit=Unit.SHARE,
                  compute=lambda initiative, at, **f: None, explanation="",
                  threshold=threshold, warn_above=warn_above)


def _series(values, first=dt.date(2016, 1, 31)):
    ends = month_ends(first, dt.date(2030, 1, 1))
    return list(zip(ends, values, strict=False))


def test_a_signal_rising_past_its_threshold_is_in_warning_since_the_first_month_above():
    """Given backbone load 0.30, 0.45, 0.50, 0.55, 0.70 at the ends of January to May
    2016 and a threshold of 0.5 (above warns; 0.50 itself does not), when judged, then it
    crossed on 30 April (0.55 > 0.5) and stands in warning since 30 April 2016."""
    signal = _signal()
    points = judge(signal, _series([0.30, 0.45, 0.50, 0.55, 0.70]), Thresholds())
    assert [p.warning for p in points] == [False, False, False, True, True]
    assert [(c.on, c.entered) for c in crossings(points)] == [(dt.date(2016, 4, 30), True)]
    assert standing(points).warning
    assert standing(points).since == dt.date(2016, 4, 30)


def test_back_within_the_threshold_since_the_first_month_after_the_last_warning():
    """Given 0.6 (Jan), 0.7 (Feb), 0.4 (Mar), 0.8 (Apr), 0.3 (May), 0.2 (Jun) 2016 against
    0.5, then it entered on 31 Jan, left 31 Mar, entered 30 Apr, left 31 May, and stands
    back within its threshold since 31 May 2016."""
    signal = _signal()
    points = judge(signal, _series([0.6, 0.7, 0.4, 0.8, 0.3, 0.2]), Thresholds())
    assert [(c.on, c.entered) for c in crossings(points)] == [
        (dt.date(2016, 1, 31), True), (dt.date(2016, 3, 31), False),
        (dt.date(2016, 4, 30), True), (dt.date(2016, 5, 31), False)]
    where = standing(points)
    assert not where.warning and where.back
    assert where.since == dt.date(2016, 5, 31)


def test_a_signal_never_in_warning_stands_nowhere():
    """Given values below the threshold throughout (and a month with no value), then no
    crossing, not in warning, not back."""
    points = judge(_signal(), _series([0.1, None, 0.2]), Thresholds())
    assert crossings(points) == []
    assert standing(points).since is None and not standing(points).back


def test_a_missing_value_is_not_a_warning():
    """Given 0.9 (Jan), no value (Feb), 0.9 (Mar) 2016, then it left warning on 29 Feb
    and entered again on 31 Mar: in warning since 31 March."""
    points = judge(_signal(), _series([0.9, None, 0.9]), Thresholds())
    assert [(c.on, c.entered) for c in crossings(points)] == [
        (dt.date(2016, 1, 31), True), (dt.date(2016, 2, 29), False),
        (dt.date(2016, 3, 31), True)]
    assert standing(points).since == dt.date(2016, 3, 31)


def test_a_signal_that_warns_below_counts_a_fall_under_the_threshold():
    """Given sectors represented 6, 5, 4, 4, 5 (Jan–May 2017) with 5 as the threshold
    below which it warns, then it entered on 31 Mar and is back since 31 May 2017."""
    signal = _signal(threshold=5, warn_above=False)
    points = judge(signal, _series([6, 5, 4, 4, 5], first=dt.date(2017, 1, 31)), Thresholds())
    assert [(c.on, c.entered) for c in crossings(points)] == [
        (dt.date(2017, 3, 31), True), (dt.date(2017, 5, 31), False)]
    assert standing(points).back and standing(points).since == dt.date(2017, 5, 31)


def test_a_threshold_changed_halfway_judges_each_month_by_the_threshold_then():
    """Given load 0.55 every month of January to June 2018 and a default threshold of 0.5,
    and the secretariat raising it to 0.6 on 15 March 2018, then January and February are
    in warning (0.55 > 0.5), and from 31 March on it is back within (0.55 < 0.6): entered
    31 Jan, back since 31 March 2018 — with today's threshold alone, it would never have
    warned."""
    signal = _signal()
    thresholds = Thresholds(changes=(ThresholdChange(
        on=dt.date(2018, 3, 15), before={}, after={"test.load": 0.6}),),
        current={"test.load": 0.6})
    points = judge(signal, _series([0.55] * 6, first=dt.date(2018, 1, 31)), thresholds)
    assert [p.threshold for p in points] == [0.5, 0.5, 0.6, 0.6, 0.6, 0.6]
    assert [(c.on, c.entered) for c in crossings(points)] == [
        (dt.date(2018, 1, 31), True), (dt.date(2018, 3, 31), False)]
    assert standing(points).back and standing(points).since == dt.date(2018, 3, 31)


def test_a_threshold_lowered_halfway_starts_a_warning_on_the_month_it_applies():
    """Given load 0.45 from July to December 2018, a threshold of 0.5 set back to 0.4 on
    31 October 2018 (in force that day), then it is in warning since 31 October 2018."""
    signal = _signal()
    thresholds = Thresholds(
        initial={"test.load": 0.5},
        changes=(ThresholdChange(on=dt.date(2018, 10, 31), before={"test.load": 0.5},
                                 after={"test.load": 0.4}),),
        current={"test.load": 0.4})
    points = judge(signal, _series([0.45] * 6, first=dt.date(2018, 7, 31)), thresholds)
    assert [(c.on, c.entered) for c in crossings(points)] == [(dt.date(2018, 10, 31), True)]
    assert standing(points).warning and standing(points).since == dt.date(2018, 10, 31)


def test_the_current_threshold_wins_after_the_last_recorded_change():
    """Given a log whose last change set 0.6 but an initiative that holds 0.7 now (a change
    the log missed), then months after that change are judged against 0.7."""
    thresholds = Thresholds(changes=(ThresholdChange(
        on=dt.date(2018, 1, 1), before={}, after={"test.load": 0.6}),),
        current={"test.load": 0.7})
    assert thresholds.for_signal(_signal(), dt.date(2017, 12, 31)) == 0.5
    assert thresholds.for_signal(_signal(), dt.date(2018, 6, 30)) == 0.7


def test_a_threshold_history_lists_only_this_signals_changes():
    """Given two saves, one changing another signal only, then the signal's threshold
    history has the one change, from the default to its new value."""
    thresholds = Thresholds(changes=(
        ThresholdChange(on=dt.date(2018, 1, 1), before={}, after={"other": 3}),
        ThresholdChange(on=dt.date(2019, 1, 1), before={"other": 3},
                        after={"other": 3, "test.load": 0.7}, by=4)))
    assert thresholds.changes_of(_signal()) == [(dt.date(2019, 1, 1), 0.5, 0.7, 4)]
