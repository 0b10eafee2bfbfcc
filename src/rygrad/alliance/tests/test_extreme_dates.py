"""Pages that look back in time (`?at=`) answer any date in the calendar, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.alliance import selectors

from .factories import MembershipFactory


@pytest.mark.parametrize("at", ["0001-01-01", "0001-12-31", "9999-12-31"])
@pytest.mark.parametrize(("url_name", "query"), [
    ("initiatives:dashboard", {}),
    ("alliance:overview", {}),
    ("alliance:overview", {"format": "csv"}),
])
def test_a_page_as_of_the_first_or_last_day_of_the_calendar_answers(at, url_name, query,
                                                                     world, client_as):
    """Given members in the registry, when the secretariat opens the dashboard or the
    alliance overview as of 0001-01-01 or 9999-12-31, then the page answers (the
    newcomers' year before the first day of the calendar is not computed into an
    overflow)."""
    MembershipFactory(initiative=world.initiative)
    url = reverse(url_name, kwargs={"slug": world.initiative.slug})
    response = client_as("secretariat").get(url, {"at": at, **query})
    assert response.status_code == 200


def test_newcomers_in_the_first_year_of_the_calendar_are_counted(world):
    """Given a seat that started on 0001-03-01, when newcomers are counted as of
    0001-06-01, then that person is one (the window is cut at the calendar's start)."""
    seat = MembershipFactory(initiative=world.initiative, started_on=dt.date(1, 3, 1),
                             ended_on=None)
    newcomers = selectors.joined_in_year_before(initiative=world.initiative,
                                                at=dt.date(1, 6, 1))
    assert list(newcomers) == [seat.person]
