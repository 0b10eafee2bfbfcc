"""Stage changes keep their history, and impossible or unauthorised ones are refused with
a message a person can act on."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rygrad.activities import services
from rygrad.activities.models import Stage, StageChange
from rygrad.activities.tests.factories import ActivityFactory, OrganisationFactory
from rygrad.alliance.models import Person
from rygrad.core.permissions import Actor

D = dt.date


@pytest.fixture
def actors(world):
    return {role: Actor(user=world.users[role], initiative=world.initiative)
            for role in ("partner", "member", "secretariat")}


@pytest.fixture
def activity(world):
    return ActivityFactory(initiative=world.initiative, proposed_on=D(2016, 1, 1))


def test_a_full_life_keeps_every_stage_with_its_dates(activity, actors):
    """Given a proposed activity, when the secretariat moves it to trial, running and
    anchored with a decision, then the history holds four spans that follow each other."""
    by = actors["secretariat"]
    services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2016, 3, 1), by=by)
    services.activity_change_stage(activity=activity, to=Stage.RUNNING, on=D(2016, 9, 1), by=by)
    services.activity_change_stage(
        activity=activity, to=Stage.ANCHORED, on=D(2018, 1, 15), by=by,
        decision="Indgår i bibliotekets driftsbudget fra 2018.", decided_by="Kulturudvalget")
    spans = list(StageChange.objects.filter(activity=activity)
                 .values_list("stage", "changed_on", "until"))
    assert spans == [
        ("proposed", D(2016, 1, 1), D(2016, 3, 1)),
        ("trial", D(2016, 3, 1), D(2016, 9, 1)),
        ("running", D(2016, 9, 1), D(2018, 1, 15)),
        ("anchored", D(2018, 1, 15), None),
    ]
    activity.refresh_from_db()
    assert activity.stage == Stage.ANCHORED


def test_anchoring_straight_from_proposed_is_refused(activity, actors):
    """Given a proposed activity, when someone anchors it, then it is refused with a message
    naming the allowed moves, and nothing is written."""
    with pytest.raises(ValidationError) as error:
        services.activity_change_stage(activity=activity, to=Stage.ANCHORED, on=D(2016, 2, 1),
                                       by=actors["secretariat"], decision="x", decided_by="y")
    message = error.value.message_dict["to"][0]
    assert "fra “Foreslået” til “Forankret”" in message
    assert "Prøvehandling, Stoppet" in message
    assert StageChange.objects.filter(activity=activity).count() == 1


def test_anchoring_needs_the_decision_and_who_made_it(activity, actors):
    """Given an activity in trial, when it is anchored without a decision, then both missing
    fields are named and the trial span stays open."""
    by = actors["secretariat"]
    services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2016, 3, 1), by=by)
    with pytest.raises(ValidationError) as error:
        services.activity_change_stage(activity=activity, to=Stage.ANCHORED, on=D(2017, 1, 1),
                                       by=by)
    assert set(error.value.message_dict) == {"decision", "decided_by"}
    assert StageChange.objects.get(activity=activity, stage=Stage.TRIAL).until is None


def test_stopping_needs_a_reason_and_reopening_a_note(activity, actors):
    """Given a trial, when it is stopped without a reason it is refused; stopped with one, it
    can be re-opened only with a note."""
    by = actors["secretariat"]
    services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2016, 3, 1), by=by)
    with pytest.raises(ValidationError) as error:
        services.activity_change_stage(activity=activity, to=Stage.STOPPED, on=D(2016, 6, 1),
                                       by=by)
    assert "reason" in error.value.message_dict
    services.activity_change_stage(activity=activity, to=Stage.STOPPED, on=D(2016, 6, 1), by=by,
                                   reason="Ingen frivillige meldte sig.")
    with pytest.raises(ValidationError) as error:
        services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2017, 1, 1),
                                       by=by)
    assert "note" in error.value.message_dict
    services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2017, 1, 1), by=by,
                                   note="Biblioteket vil prøve igen med nye frivillige.")
    assert [s.stage for s in activity.stage_changes.order_by("changed_on")] == [
        "proposed", "trial", "stopped", "trial"]


def test_a_change_dated_before_the_last_one_is_refused(activity, actors):
    by = actors["secretariat"]
    services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2016, 3, 1), by=by)
    with pytest.raises(ValidationError) as error:
        services.activity_change_stage(activity=activity, to=Stage.RUNNING, on=D(2016, 2, 1),
                                       by=by)
    assert "2016-03-01" in error.value.message_dict["on"][0]


def test_only_the_secretariat_and_the_driving_organisations_members_change_the_stage(
        world, activity, actors):
    """Given a member and a partner who represent no organisation, they are refused; once
    the member represents the driving organisation, they may."""
    for role in ("partner", "member"):
        with pytest.raises(ValidationError) as error:
            services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2016, 3, 1),
                                           by=actors[role])
        assert "Kun sekretariatet" in error.value.messages[0]
    Person.objects.create(initiative=world.initiative, name="Lars", user=world.users["member"],
                          organisation=activity.driver)
    member = Actor(user=world.users["member"], initiative=world.initiative)
    services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=D(2016, 3, 1),
                                   by=member)
    assert activity.stage_changes.count() == 2


def test_a_driver_change_closes_the_old_driver_and_keeps_it(world, activity, actors):
    """Given an activity driven by one organisation, when the secretariat hands it to a
    school, then both drivers are in the history with their dates."""
    school = OrganisationFactory(initiative=world.initiative, name="Egelund Skole")
    first = activity.driver
    services.activity_change_driver(activity=activity, organisation=school, on=D(2017, 8, 1),
                                    by=actors["secretariat"])
    rows = list(activity.driver_changes.order_by("from_on")
                .values_list("organisation_id", "from_on", "until"))
    assert rows == [(first.pk, D(2016, 1, 1), D(2017, 8, 1)), (school.pk, D(2017, 8, 1), None)]
    with pytest.raises(ValidationError):
        services.activity_change_driver(activity=activity, organisation=school,
                                        on=D(2017, 9, 1), by=actors["secretariat"])


def test_a_stage_change_dated_after_today_is_refused_and_nothing_changes(activity, actors):
    """Given a proposed activity, when the secretariat records a trial starting tomorrow,
    then the date is refused (a change is recorded once it has happened), and the activity
    is still proposed with one stage in its history — so no signal counts a plan."""
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.activity_change_stage(activity=activity, to=Stage.TRIAL, on=tomorrow,
                                       by=actors["secretariat"])
    assert "on" in refused.value.message_dict
    activity.refresh_from_db()
    assert activity.stage == Stage.PROPOSED
    assert activity.stage_changes.count() == 1
    services.activity_change_stage(activity=activity, to=Stage.TRIAL,
                                   on=timezone.localdate(), by=actors["secretariat"])
    activity.refresh_from_db()
    assert activity.stage == Stage.TRIAL


def test_a_driver_change_dated_after_today_is_refused(activity, actors, world):
    """Given an activity, when the secretariat hands it to another organisation from next
    month, then the date is refused and the driver stays."""
    from django.utils import timezone

    other = OrganisationFactory(initiative=world.initiative)
    driver = activity.driver
    with pytest.raises(ValidationError) as refused:
        services.activity_change_driver(
            activity=activity, organisation=other, by=actors["secretariat"],
            on=timezone.localdate() + dt.timedelta(days=31))
    assert "on" in refused.value.message_dict
    activity.refresh_from_db()
    assert activity.driver == driver


@pytest.mark.parametrize("current", list(Stage.values))
def test_the_stage_form_offers_exactly_the_allowed_moves(world, actors, current):
    """Given an activity in each stage, when the stage form is built, then its choices are
    the moves the service allows from there — and each of them is accepted by the service,
    each other stage refused."""
    from rygrad.activities.forms import StageForm

    form = StageForm(actor=actors["secretariat"], current=current)
    offered = {value for value, _label in form.fields["to"].choices}
    accepted = set()
    path = {Stage.PROPOSED: [], Stage.TRIAL: [Stage.TRIAL],
            Stage.RUNNING: [Stage.TRIAL, Stage.RUNNING],
            Stage.ANCHORED: [Stage.TRIAL, Stage.ANCHORED], Stage.STOPPED: [Stage.STOPPED]}
    reasons = {"decision": "Budget", "decided_by": "Udvalget", "reason": "Ingen tid"}
    for to in Stage.values:
        activity = ActivityFactory(initiative=world.initiative, proposed_on=D(2016, 1, 1))
        for month, stage in enumerate(path[current], start=2):
            services.activity_change_stage(activity=activity, to=stage, on=D(2016, month, 1),
                                           by=actors["secretariat"], **reasons)
        try:
            services.activity_change_stage(
                activity=activity, to=to, on=D(2017, 1, 1), by=actors["secretariat"],
                note="Igen", **reasons)
        except ValidationError as error:
            assert "to" in error.message_dict, error.message_dict
        else:
            accepted.add(to)
    assert offered == accepted
    assert offered
