"""Goals of the agenda's tracks on indicators: where the latest wave stands against the
target before the goal's year, what the survey of that year decided after it, whether the
change since the baseline year is statistically supported, and editing a goal."""

import datetime as dt

import numpy as np
import pytest
from django.urls import reverse

from rygrad.agenda.models import Track
from rygrad.measurement.goals import GoalStatus, goal_progress
from rygrad.measurement.models import IndicatorGoal
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import indicator_goal_create, indicator_goal_update
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
                          target=4.0, baseline_year=2018, by_year=2022,
                          by=installation_actor(world.initiative))
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
                          measure="share_low", target=0.1, baseline_year=2018, by_year=2022,
                          by=installation_actor(world.initiative))
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
                          target=4.0, baseline_year=2018, by_year=2022,
                          by=installation_actor(world.initiative))
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
                              target=3.0, baseline_year=2018, by_year=2022,
                              by=installation_actor(world.initiative))
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


def _goal(world, inst, track, *, target, by_year, measure="mean", baseline_year=2018):
    return indicator_goal_create(initiative=world.initiative, track=track,
                                 indicator=inst.indicators.get(slug="academic"),
                                 measure=measure, target=target,
                                 baseline_year=baseline_year, by_year=by_year,
                                 by=installation_actor(world.initiative))


def _goals_page(client_as, world) -> str:
    return client_as("member").get(reverse("measurement:goals", kwargs={
        "slug": world.initiative.slug})).content.decode()


def test_a_goal_is_judged_on_the_survey_of_its_year_not_the_latest(setup, client_as):
    """Given academic means 2.5 (2018), 4.5 (2020) and 2.5 again (2021), and a goal "mean
    at least 4.0 by 2020", when progress is read in 2022, then the goal is reached on the
    2020 wave (4.5, with its whole interval 4.34–4.66 above 4.0), not "not met" on 2021's
    2.5; and the page says the deadline passed and it was clearly reached."""
    world, inst, track = setup
    _year(world.initiative, inst, 2018, [2, 3] * 20)
    _year(world.initiative, inst, 2020, [4, 5] * 20)
    _year(world.initiative, inst, 2021, [2, 3] * 20)
    _goal(world, inst, track, target=4.0, by_year=2020)
    (progress,) = goal_progress(initiative=world.initiative, today=dt.date(2022, 3, 1))
    assert progress.status == GoalStatus.REACHED
    assert progress.year == 2020 and progress.value == pytest.approx(4.5)
    assert progress.clearly_met and progress.change == pytest.approx(2.0)
    page = _goals_page(client_as, world)
    assert "Deadline passed — clearly reached" in page
    assert "Not reached yet" not in page


def test_a_goal_met_only_on_the_estimate_is_not_called_clearly_reached(setup, client_as):
    """Given 40 pupils scoring 3 and 4 (mean 3.5, 95 % interval about 3.34–3.66) in the
    goal's year 2020 and a target of 3.4, when progress is read after 2020, then the goal is
    reached on the estimate but not clearly, and the page says it may be chance."""
    world, inst, track = setup
    _year(world.initiative, inst, 2020, [3, 4] * 20)
    _goal(world, inst, track, target=3.4, by_year=2020, baseline_year=2019)
    (progress,) = goal_progress(initiative=world.initiative, today=dt.date(2021, 1, 1))
    assert progress.status == GoalStatus.REACHED
    assert progress.met and not progress.clearly_met
    assert progress.low < 3.4 < progress.value
    page = _goals_page(client_as, world)
    assert "Deadline passed — reached" in page and "by chance alone" in page
    assert "clearly reached" not in page


def test_a_goal_missed_in_its_year_says_not_reached(setup, client_as):
    """Given academic mean 2.5 in the goal's year 2020 and a target of at least 4.0, when
    the page is opened after 2020, then it says the deadline passed and it was not
    reached (never "not reached yet")."""
    world, inst, track = setup
    _year(world.initiative, inst, 2020, [2, 3] * 20)
    _goal(world, inst, track, target=4.0, by_year=2020, baseline_year=2019)
    (progress,) = goal_progress(initiative=world.initiative, today=dt.date(2023, 5, 1))
    assert progress.status == GoalStatus.NOT_REACHED and not progress.met
    page = _goals_page(client_as, world)
    assert "Deadline passed — not reached" in page and "Not reached yet" not in page


def test_a_share_goal_reached_in_its_year_counts_a_low_share(setup):
    """Given 2 of 40 pupils (5 %) at or below the low threshold 2.0 in the goal's year 2020,
    and a goal "at most 10 % low by 2020", when progress is read after 2020, then it is
    reached on the share, 0.05."""
    world, inst, track = setup
    _year(world.initiative, inst, 2020, [2] * 2 + [4] * 38)
    _goal(world, inst, track, measure="share_low", target=0.1, by_year=2020,
          baseline_year=2019)
    (progress,) = goal_progress(initiative=world.initiative, today=dt.date(2021, 2, 1))
    assert progress.status == GoalStatus.REACHED
    assert progress.value == pytest.approx(0.05) and progress.met


def test_a_goal_without_a_survey_in_its_year_says_so_once_the_year_is_over(setup, client_as):
    """Given surveys in 2018 and 2019 only (mean 4.5, above the target 4.0) and a goal by
    2020, when progress is read on 31 December 2020, then it is on track on 2019's figure;
    when read on 1 January 2021, then the deadline has passed with no survey result for
    2020 (the 2019 figure still shown), and the page says so."""
    world, inst, track = setup
    _year(world.initiative, inst, 2018, [2, 3] * 20)
    _year(world.initiative, inst, 2019, [4, 5] * 20)
    _goal(world, inst, track, target=4.0, by_year=2020)
    (before,) = goal_progress(initiative=world.initiative, today=dt.date(2020, 12, 31))
    assert before.status == GoalStatus.ON_TRACK and before.year == 2019
    (after,) = goal_progress(initiative=world.initiative, today=dt.date(2021, 1, 1))
    assert after.status == GoalStatus.NO_RESULT and after.year == 2019
    assert not after.by_year_answered
    page = _goals_page(client_as, world)
    assert "Deadline passed — no survey result for 2020" in page


def test_a_goal_short_of_its_target_before_its_year_is_not_reached_yet(setup):
    """Given academic mean 2.5 in 2019 and a goal "at least 4.0 by 2021", when progress is
    read in 2020, then it is not reached yet (and not judged)."""
    world, inst, track = setup
    _year(world.initiative, inst, 2019, [2, 3] * 20)
    _goal(world, inst, track, target=4.0, by_year=2021)
    (progress,) = goal_progress(initiative=world.initiative, today=dt.date(2020, 6, 1))
    assert progress.status == GoalStatus.NOT_YET and progress.year == 2019


def test_a_goal_whose_year_is_hidden_by_disclosure_control_is_not_judged(setup, client_as):
    """Given a 2019 survey of 40 pupils and a 2020 survey of only 2 (below any k, so its
    number is hidden), and a goal by 2020, when progress is read after 2020, then there is
    no result for 2020 although it has answers, and the page says the number is hidden."""
    world, inst, track = setup
    _year(world.initiative, inst, 2019, [4, 5] * 20)
    _year(world.initiative, inst, 2020, [1, 1])
    _goal(world, inst, track, target=4.0, by_year=2020)
    (progress,) = goal_progress(initiative=world.initiative, today=dt.date(2021, 6, 1))
    assert progress.status == GoalStatus.NO_RESULT and progress.by_year_answered
    assert progress.year == 2019
    page = _goals_page(client_as, world)
    assert "Deadline passed — no published result for 2020" in page


def test_the_secretariat_edits_a_goal_and_the_page_shows_the_new_target(setup, client_as):
    """Given a goal "mean at least 4.0 by 2022", when the secretariat opens its edit page,
    then the form shows the current target; when it sends target 3.5 by 2024, then the goal
    is changed (same row) and the audit log records the change."""
    from auditlog.models import LogEntry

    world, inst, track = setup
    goal = _goal(world, inst, track, target=4.0, by_year=2022)
    client = client_as("secretariat")
    url = reverse("measurement:goal_edit", kwargs={"slug": world.initiative.slug,
                                                    "pk": goal.pk})
    assert 'value="4.0"' in client.get(url).content.decode()
    data = {"track": track.pk, "indicator": goal.indicator_id, "measure": "mean",
            "target": 3.5, "baseline_year": 2018, "by_year": 2024}
    assert client.post(url, data).status_code == 302
    goal.refresh_from_db()
    assert (goal.target, goal.by_year) == (3.5, 2024)
    assert IndicatorGoal.objects.count() == 1
    assert LogEntry.objects.get_for_object(goal).filter(
        action=LogEntry.Action.UPDATE).exists()


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"measure": "share_low", "target": 5}, "target", "A share is a number from 0 to 1"),
    ({"target": 9}, "target", "The target must be on the scale 1–5"),
    ({"by_year": 2017}, "by_year", "must come after the baseline year"),
])
def test_an_edit_is_checked_as_when_the_goal_was_set(setup, client_as, change, field,
                                                     message):
    """Given a goal "mean at least 4.0 from 2018 by 2022", when an edit with an impossible
    target or year is sent, then the page names the problem and the goal is unchanged."""
    world, inst, track = setup
    goal = _goal(world, inst, track, target=4.0, by_year=2022)
    url = reverse("measurement:goal_edit", kwargs={"slug": world.initiative.slug,
                                                    "pk": goal.pk})
    data = {"track": track.pk, "indicator": goal.indicator_id, "measure": "mean",
            "target": 4.0, "baseline_year": 2018, "by_year": 2022, **change}
    page = client_as("secretariat").post(url, data)
    assert page.status_code == 200 and message in page.content.decode()
    assert field in page.context["form"].errors
    goal.refresh_from_db()
    assert (goal.measure, goal.target, goal.by_year) == ("mean", 4.0, 2022)


def test_a_goal_cannot_be_moved_to_another_initiatives_indicator(setup):
    """Given a goal and an instrument of another initiative, when the service is asked to
    point the goal at that instrument's indicator, then it refuses and nothing is saved."""
    from django.core.exceptions import ValidationError

    world, inst, track = setup
    goal = _goal(world, inst, track, target=4.0, by_year=2022)
    foreign = instrument(world.other_initiative).indicators.get(slug="academic")
    with pytest.raises(ValidationError, match="another initiative"):
        indicator_goal_update(goal=goal, track=track, indicator=foreign, measure="mean",
                              target=4.0, baseline_year=2018, by_year=2022,
                              by=installation_actor(goal.initiative))
    assert IndicatorGoal.objects.get(pk=goal.pk).indicator.initiative == world.initiative
