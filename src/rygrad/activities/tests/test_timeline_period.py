"""The timeline limited to a period: by default the initiative's active years, otherwise
the years chosen in the address; a period that is not valid is named on the form."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rygrad.activities.tests.factories import ActivityFactory

D = dt.date


@pytest.fixture
def activities(world):
    """An initiative started in 2016; one activity over before it (2014-2015), one in
    2017-2018 and one running since 2019."""
    world.initiative.started_on = D(2016, 9, 1)
    world.initiative.save(update_fields=["started_on"])
    for title, starts, ends in [("Før starten", D(2014, 3, 1), D(2015, 6, 30)),
                                ("Lektiecafé", D(2017, 2, 1), D(2018, 6, 30)),
                                ("Ungebussen", D(2019, 8, 1), None)]:
        ActivityFactory(initiative=world.initiative, title=title, starts_on=starts,
                        ends_on=ends)
    return world


def _timeline(client, world, **query):
    return client.get(reverse("activities:timeline", kwargs={"slug": world.initiative.slug}),
                      query)


def _titles(response) -> list[str]:
    return sorted(row[0] for row in response.context["table"].rows)


def test_by_default_the_timeline_covers_the_initiatives_active_years(activities, client_as):
    """Given an initiative started in 2016, when a member opens the timeline, then it covers
    2016 to this year: the activity that ended before the start is left out, and the form
    shows the years it covers."""
    response = _timeline(client_as("member"), activities)
    period = response.context["period"]
    assert (period.first, period.last) == (2016, timezone.localdate().year)
    assert _titles(response) == ["Lektiecafé", "Ungebussen"]
    form = response.context["period_form"]
    assert (form["year_from"].value(), form["year_to"].value()) == (
        "2016", str(timezone.localdate().year))
    assert "2014" in dict(form.fields["year_from"].choices).values()


def test_a_chosen_period_shows_the_activities_running_in_it(activities, client_as):
    """Given the three activities, when a member limits the timeline to 2018-2018, then
    only the activity running in 2018 is shown and the chart's axis ends with the period;
    choosing 2014-2015 shows the one before the start."""
    client = client_as("member")
    response = _timeline(client, activities, year_from="2018", year_to="2018")
    assert _titles(response) == ["Lektiecafé"]
    assert "2018" in response.context["svg"]
    assert _titles(_timeline(client, activities, year_from="2014",
                             year_to="2015")) == ["Før starten"]


def test_the_period_combines_with_the_other_filters(activities, client_as):
    """Given the period 2017-2025 and a search for "bus", then only Ungebussen is shown."""
    response = _timeline(client_as("member"), activities, year_from="2017", year_to="2025",
                         q="bus")
    assert _titles(response) == ["Ungebussen"]


def test_a_last_year_before_the_first_is_named_and_the_default_used(activities, client_as):
    """Given a period from 2019 to 2017, when the timeline is opened, then the form names
    the last year, and the default last year (this year) is used with 2019."""
    response = _timeline(client_as("member"), activities, year_from="2019", year_to="2017")
    assert "year_to" in response.context["period_form"].errors
    period = response.context["period"]
    assert (period.first, period.last) == (2019, timezone.localdate().year)
    assert _titles(response) == ["Ungebussen"]


def test_a_year_outside_the_choices_is_named_and_the_default_used(activities, client_as):
    """Given a from-year of 1990 (before any activity), then the form names it and the
    default first year is used."""
    response = _timeline(client_as("member"), activities, year_from="1990")
    assert "year_from" in response.context["period_form"].errors
    assert response.context["period"].first == 2016


def test_without_a_start_date_the_active_years_begin_with_the_first_activity(world,
                                                                             client_as):
    """Given an initiative with no start date whose first activity began in 2015, then the
    timeline's default period begins in 2015."""
    ActivityFactory(initiative=world.initiative, starts_on=D(2015, 5, 1))
    response = _timeline(client_as("member"), world)
    assert response.context["period"].first == 2015
