"""The signal "overdue actions": items of the action plans due before the date and not
done by then, as of any date."""

import datetime as dt

import pytest

from rygrad.agenda.tests.factories import ActionItemFactory, TrackFactory
from rygrad.core.signals import get_signal

D = dt.date


@pytest.fixture
def items(world):
    track = TrackFactory(initiative=world.initiative)
    return [
        ActionItemFactory(track=track, due_on=D(2017, 6, 1)),                    # open
        ActionItemFactory(track=track, due_on=D(2017, 6, 1), done_on=D(2017, 9, 1)),
        ActionItemFactory(track=track, due_on=D(2017, 6, 1), done_on=D(2017, 5, 1)),
        ActionItemFactory(track=track, due_on=D(2018, 1, 1)),                    # open
        ActionItemFactory(track=track, due_on=None),                             # no date
    ]


@pytest.mark.parametrize(("at", "expected"), [
    (D(2017, 6, 1), 0),   # due that day: not yet overdue
    (D(2017, 6, 2), 2),   # the open one and the one done in September
    (D(2017, 9, 1), 1),   # done that day: no longer overdue
    (D(2018, 1, 2), 2),   # the second open item is now late too
])
def test_overdue_actions_as_of_a_date(world, items, at, expected):
    """Given items due 1 June 2017 (open, done in September, done early), one due on
    1 January 2018 and one without a date, when the signal is computed on a date, then it
    counts the items due before it and not done by it."""
    value = get_signal("agenda.overdue_actions").evaluate(world.initiative, at)
    assert value.value == expected
    assert value.warning == (expected > 0)


def test_another_initiatives_overdue_items_do_not_count(world, items):
    """Given overdue items in Egelund, then Andeby's signal is 0."""
    value = get_signal("agenda.overdue_actions").evaluate(world.other_initiative,
                                                          D(2019, 1, 1))
    assert value.value == 0
