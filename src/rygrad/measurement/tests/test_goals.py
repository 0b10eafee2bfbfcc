"""Goals of the agenda's tracks on indicators: where the latest wave stands against the
target, and whether the change since the baseline year is statistically supported."""

import numpy as np
import pytest
from django.urls import reverse

from rygrad.agenda.models import Track
from rygrad.measurement.goals import goal_progress
from rygrad.measurement.models import IndicatorGoal
from rygrad.measurement.services import indicator_goal_create
from rygrad.measurement.survey_file import SurveyData

from .factories import import_data, instrument


def _year(initiative, inst, year, academic: list[int]):
    """Pupils answering 3 on social items and `academic` values on a1 and a2."""
    n = len(academic)
    values = np.full((n, 5), 3, dtype=np.int8)
    values[:, 3] = academic
    values[:, 4] = academic
    import_data(initiative, inst, year, SurveyData(
        school=["A"] * n, grade=np.full(n, 5), gender=["girl"] * n, values=values))


@pytest.fixture
def setup(world):
    inst = instrument(world.initiative)
    track = Track.objects.create(initiative=world.initiative, name="Trivsel i skolen")
    return world, inst, track


def test_a_goal_shows_the_latest_value_and_supported_progress(setup):
    """Given academic scores of 2 and 3 (mean 2.5) in 2018 and 4 and 5 (mean 4.5) in 2020
    for 40 pupils, and a goal "mean at least 4.0 by 2022 from 2018", when progress is read,
    then the latest is 4.5 with its t-interval, the goal is clearly met, and the rise of 2.0
    is statistically supported."""
    world, inst, track = setup
    _year(world.initiative, inst, 2018, [2, 3] * 20)
    _year(world.initiative, inst, 2020, [4, 5] * 20)
    indicator_goal_create(initiative=world.initiative, track=track,
                          indicator=inst.indicators.get(slug="academic"), measure="mean",
                          target=4.0, baseline_year=2018, by_year=2022)
    (progress,) = goal_progress(initiative=world.initiative)
    assert progress.year == 2020 and progress.value == pytest.approx(4.5)
    half = 2.0226909 * 0.5063697 / np.sqrt(40)  # t(0.975, 39) * sd / sqrt(n)
    assert (progress.low, progress.high) == pytest.approx((4.5 - half, 4.5 + half), rel=1e-5)
    assert progress.met and progress.clearly_met
    assert progress.change == pytest.approx(2.0) and progress.direction == 1


def test_a_share_goal_counts_a_fall_as_progress_and_no_change_as_none(setup):
    """Given the same share low (academic <= 2.0) in both years, and a goal "at most 10 %
    low", when progress is read, then it is not met (50 %) and there is no supported change
    (direction 0)."""
    world, inst, track = setup
    _year(world.initiative, inst, 2018, [2, 4] * 20)
    _year(world.initiative, inst, 2019, [2, 4] * 20)
    indicator_goal_create(initiative=world.initiative, track=track,
                          indicator=inst.indicators.get(slug="academic"),
                          measure="share_low", target=0.1, baseline_year=2018, by_year=2022)
    (progress,) = goal_progress(initiative=world.initiative)
    assert progress.value == pytest.approx(0.5) and not progress.met
    assert progress.direction == 0


def test_goal_targets_are_checked_and_tracks_must_be_this_initiatives(setup, client_as):
    """Given the goal form, when a share target of 5 is sent, then it is refused on the
    target field; when another initiative's track is sent, then it is not a choice."""
    world, inst, track = setup
    other = Track.objects.create(initiative=world.other_initiative, name="Andet spor")
    client = client_as("secretariat")
    url = reverse("measurement:goal_create", kwargs={"slug": world.initiative.slug})
    data = {"track": track.pk, "indicator": inst.indicators.get(slug="social").pk,
            "measure": "share_low", "target": 5, "baseline_year": 2018, "by_year": 2022}
    page = client.post(url, data)
    assert "A share is a number from 0 to 1" in page.content.decode()
    page = client.post(url, {**data, "track": other.pk, "target": 0.05})
    assert "Select a valid choice" in page.content.decode()
    assert client.post(url, {**data, "target": 0.05}).status_code == 302
    assert IndicatorGoal.objects.get().target == 0.05


def test_the_goals_page_says_when_nothing_is_published(setup, client_as):
    """Given a goal on an indicator without answers, when the page is opened, then it says
    there is no published number yet."""
    world, inst, track = setup
    indicator_goal_create(initiative=world.initiative, track=track,
                          indicator=inst.indicators.get(slug="social"), measure="mean",
                          target=4.0, baseline_year=2018, by_year=2022)
    page = client_as("member").get(reverse("measurement:goals",
                                           kwargs={"slug": world.initiative.slug}))
    assert "No published number yet" in page.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_the_goals_page_queries_do_not_grow_with_goals(setup, client_as,
                                                       django_assert_max_num_queries, count):
    """Given 1 or 6 goals on one instrument with two years, when the goals page is opened,
    then the same small number of queries is enough."""
    world, inst, track = setup
    _year(world.initiative, inst, 2018, [2, 3] * 10)
    _year(world.initiative, inst, 2019, [3, 4] * 10)
    for index in range(count):
        other = Track.objects.create(initiative=world.initiative, name=f"Spor {index}")
        indicator_goal_create(initiative=world.initiative, track=other,
                              indicator=inst.indicators.get(slug="academic"), measure="mean",
                              target=3.0, baseline_year=2018, by_year=2022)
    client = client_as("member")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("measurement:goals", kwargs={"slug": world.initiative.slug}))
    assert page.content.decode().count("Statistically supported progress") == count


def test_the_headline_of_an_indicator_for_other_apps(setup):
    """Given academic means 2.5 (2018) and 4.5 (2020), when the headline is read, then it
    gives 2020's mean and a supported rise of 2.0 since 2018."""
    from rygrad.measurement.selectors import indicator_headline

    world, inst, track = setup
    _year(world.initiative, inst, 2018, [2, 3] * 20)
    _year(world.initiative, inst, 2020, [4, 5] * 20)
    headline = indicator_headline(indicator=inst.indicators.get(slug="academic"))
    assert headline["year"] == 2020 and headline["mean"] == pytest.approx(4.5)
    assert headline["change"]["diff"] == pytest.approx(2.0)
    assert headline["change"]["significant"]
