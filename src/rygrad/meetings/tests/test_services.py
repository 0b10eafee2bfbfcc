"""The rules of recording meetings: who came and in which group, action items that fall
after their meeting and are ticked off once done, briefings that stay short, records
that stay inside their meeting and initiative, and who may write what."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.alliance.models import AgeBand, Person
from rygrad.core.permissions import Actor
from rygrad.meetings import selectors, services
from rygrad.meetings.models import BRIEFING_MAX_LENGTH, Attendance, Group, Kind
from rygrad.meetings.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
)

D = dt.date


def _actor(world, role):
    return Actor(user=world.users[role], initiative=world.initiative)


@pytest.fixture
def by(world):
    return _actor(world, "secretariat")


@pytest.fixture
def meeting(world):
    return MeetingFactory(initiative=world.initiative, held_on=D(2018, 3, 8))


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_only_the_secretariat_plans_a_meeting(world, by):
    """Given a member, when they plan a meeting, then it is refused; the secretariat's is
    saved with its text trimmed."""
    with pytest.raises(ValidationError):
        services.meeting_create(initiative=world.initiative, by=_actor(world, "member"),
                                title="Alliancemøde", kind=Kind.ALLIANCE, held_on=D(2018, 3, 8))
    made = services.meeting_create(initiative=world.initiative, by=by, title=" Alliancemøde ",
                                   kind=Kind.ALLIANCE, held_on=D(2018, 3, 8), place=" Rådhuset ")
    assert (made.title, made.place) == ("Alliancemøde", "Rådhuset")


def test_a_meeting_cannot_end_before_it_starts(world, by):
    """Given a meeting from 18:00 to 16:00, then it is refused on its end time."""
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_create(initiative=world.initiative, by=by, title="Møde",
                                kind=Kind.ALLIANCE, held_on=D(2018, 3, 8),
                                starts_at=dt.time(18), ends_at=dt.time(16))
    assert "ends_at" in _errors(excinfo)


def test_a_meeting_cannot_move_past_the_due_date_of_its_action_items(by, meeting):
    """Given an action item due 1 May 2018, when its meeting is moved to 1 June, then it
    is refused on the date; moving it to 1 April is fine."""
    ActionFactory(meeting=meeting, due_on=D(2018, 5, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_update(meeting=meeting, by=by, held_on=D(2018, 6, 1))
    assert "held_on" in _errors(excinfo)
    services.meeting_update(meeting=meeting, by=by, held_on=D(2018, 4, 1))
    meeting.refresh_from_db()
    assert meeting.held_on == D(2018, 4, 1)


def test_agenda_items_go_last_unless_placed_and_briefings_stay_short(by, meeting):
    """Given an agenda with one item, when two are added, then they come second and
    third; a briefing longer than the limit is refused on its field, nothing saved."""
    AgendaItemFactory(meeting=meeting, position=1)
    second = services.agenda_item_add(meeting=meeting, by=by, title="Status",
                                      youth_briefing="  Kort forklaret.  ")
    third = services.agenda_item_add(meeting=meeting, by=by, title="Budget")
    assert (second.position, third.position) == (2, 3)
    assert second.youth_briefing == "Kort forklaret." and second.has_briefing
    assert not third.has_briefing
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_add(meeting=meeting, by=by, title="Langt",
                                 youth_briefing="x" * (BRIEFING_MAX_LENGTH + 1))
    assert "youth_briefing" in _errors(excinfo)
    assert meeting.items.count() == 3


def test_a_named_young_person_is_counted_as_young_from_their_age_band(world, by, meeting):
    """Given a 16-18 year old and a child under 13 of the registry, when they are recorded
    as present without a group, then they count as a young person and a child, for their
    own organisation."""
    school = OrganisationFactory(initiative=world.initiative)
    emma = PersonFactory(initiative=world.initiative, age_band=AgeBand.AGE_16_18,
                         organisation=school)
    child = PersonFactory(initiative=world.initiative, age_band=AgeBand.UNDER_13)
    row = services.attendance_add_person(meeting=meeting, by=by, person=emma)
    assert (row.group, row.organisation) == (Group.YOUNG_PEOPLE, school)
    assert services.attendance_add_person(meeting=meeting, by=by,
                                          person=child).group == Group.CHILDREN


def test_an_adult_is_never_counted_as_young_nor_a_young_person_as_adult(world, by, meeting):
    """Given an adult and a young person, when the adult is recorded as a young person or
    the young person as a professional, then each is refused on the group; an adult
    without a group counts as a professional, and nobody is recorded twice."""
    adult = PersonFactory(initiative=world.initiative)
    young = PersonFactory(initiative=world.initiative, age_band=AgeBand.AGE_13_15)
    with pytest.raises(ValidationError) as excinfo:
        services.attendance_add_person(meeting=meeting, by=by, person=adult,
                                       group=Group.YOUNG_PEOPLE)
    assert "group" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.attendance_add_person(meeting=meeting, by=by, person=young,
                                       group=Group.PROFESSIONALS)
    assert "group" in _errors(excinfo)
    row = services.attendance_add_person(meeting=meeting, by=by, person=adult)
    assert row.group == Group.PROFESSIONALS
    with pytest.raises(ValidationError) as excinfo:
        services.attendance_add_person(meeting=meeting, by=by, person=adult)
    assert "person" in _errors(excinfo)


def test_a_person_of_another_initiative_is_refused(world, by, meeting):
    stranger = PersonFactory(initiative=world.other_initiative)
    with pytest.raises(ValidationError) as excinfo:
        services.attendance_add_person(meeting=meeting, by=by, person=stranger)
    assert "person" in _errors(excinfo)
    assert not Attendance.objects.exists()


def test_counts_by_group_are_set_changed_and_removed(by, meeting):
    """Given 12 young people and 3 professionals counted, when the counts are set to 14
    young people and 0 professionals, then there is one row of 14 young people; a negative
    number is refused on its group and changes nothing."""
    services.attendance_set_counts(meeting=meeting, by=by, counts={
        Group.YOUNG_PEOPLE: 12, Group.PROFESSIONALS: 3})
    services.attendance_set_counts(meeting=meeting, by=by, counts={
        Group.YOUNG_PEOPLE: 14, Group.PROFESSIONALS: 0})
    rows = list(meeting.attendance.values_list("group", "count"))
    assert rows == [(Group.YOUNG_PEOPLE, 14)]
    with pytest.raises(ValidationError) as excinfo:
        services.attendance_set_counts(meeting=meeting, by=by, counts={Group.PARENTS: -1})
    assert Group.PARENTS in _errors(excinfo)
    summary = selectors.meeting_record(meeting=meeting)["summary"]
    assert (summary.total, summary.youth) == (14, 14)


def test_a_decision_stays_inside_its_meeting_and_initiative(world, by, meeting):
    """Given an agenda item of another meeting and an activity of another initiative,
    when a decision names either, then it is refused on that field."""
    elsewhere = AgendaItemFactory(meeting=MeetingFactory(initiative=world.initiative))
    with pytest.raises(ValidationError) as excinfo:
        services.decision_record(meeting=meeting, by=by, text="Ja", agenda_item=elsewhere)
    assert "agenda_item" in _errors(excinfo)
    foreign = ActivityFactory(initiative=world.other_initiative)
    with pytest.raises(ValidationError) as excinfo:
        services.decision_record(meeting=meeting, by=by, text="Ja", activity=foreign)
    assert "activity" in _errors(excinfo)
    activity = ActivityFactory(initiative=world.initiative, title="Læseheste")
    decision = services.decision_record(meeting=meeting, by=by, text="Læseheste afprøves.",
                                        activity=activity)
    assert list(activity.meeting_decisions.all()) == [decision]


def test_an_action_item_falls_due_after_its_meeting(world, by, meeting):
    """Given a meeting on 8 March 2018, when an action item is due on 1 March, then it is
    refused on the due date; a decision of another meeting is refused too."""
    owner = PersonFactory(initiative=world.initiative)
    with pytest.raises(ValidationError) as excinfo:
        services.action_create(meeting=meeting, by=by, title="Referat", owner=owner,
                               due_on=D(2018, 3, 1))
    assert "due_on" in _errors(excinfo)
    other = DecisionFactory(meeting=MeetingFactory(initiative=world.initiative))
    with pytest.raises(ValidationError) as excinfo:
        services.action_create(meeting=meeting, by=by, title="Referat", owner=owner,
                               due_on=D(2018, 4, 1), decision=other)
    assert "decision" in _errors(excinfo)


def test_an_action_item_is_ticked_off_once_on_a_day_that_has_come(by, meeting):
    """Given an open action item of a meeting on 8 March 2018, when it is marked done
    tomorrow or before the meeting, then it is refused on the date; done on 1 April it is
    done, and marking it again is refused."""
    action = ActionFactory(meeting=meeting, due_on=D(2018, 4, 15))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for on in (tomorrow, D(2018, 3, 1)):
        with pytest.raises(ValidationError) as excinfo:
            services.action_complete(action=action, by=by, on=on)
        assert "done_on" in _errors(excinfo)
    services.action_complete(action=action, by=by, on=D(2018, 4, 1))
    action.refresh_from_db()
    assert action.done_on == D(2018, 4, 1)
    with pytest.raises(ValidationError):
        services.action_complete(action=action, by=by, on=D(2018, 4, 2))


def test_a_member_ticks_off_only_their_own_organisations_action_items(world, meeting):
    """Given a member linked to a person of the football club, when they mark the club's
    action item done, then it is; the school's action item, and any as a partner, is
    refused."""
    club = OrganisationFactory(initiative=world.initiative, name="Egelund Boldklub")
    Person.objects.create(initiative=world.initiative, name="Lars", organisation=club,
                          user=world.users["member"])
    theirs = ActionFactory(meeting=meeting, due_on=D(2018, 4, 1),
                           owner=PersonFactory(initiative=world.initiative, organisation=club))
    school = ActionFactory(meeting=meeting, due_on=D(2018, 4, 1))
    member = _actor(world, "member")
    services.action_complete(action=theirs, by=member, on=D(2018, 4, 1))
    with pytest.raises(ValidationError):
        services.action_complete(action=school, by=member, on=D(2018, 4, 1))
    with pytest.raises(ValidationError):
        services.action_complete(action=school, by=_actor(world, "partner"),
                                 on=D(2018, 4, 1))
    school.refresh_from_db()
    assert school.done_on is None


def test_a_new_calendar_address_ends_the_old_one(world):
    """Given a member's calendar address, when they make a new one, then the old secret
    leads nowhere and the new one to them; removing it ends that one too."""
    member = _actor(world, "member")
    old = services.calendar_address_new(initiative=world.initiative, by=member)
    new = services.calendar_address_new(initiative=world.initiative, by=member)
    assert old != new
    assert selectors.calendar_feed_holder(initiative=world.initiative, token=old) is None
    assert selectors.calendar_feed_holder(initiative=world.initiative,
                                          token=new) == world.users["member"]
    assert selectors.calendar_feed_holder(initiative=world.other_initiative,
                                          token=new) is None
    services.calendar_address_remove(initiative=world.initiative, by=member)
    assert selectors.calendar_feed_holder(initiative=world.initiative, token=new) is None


def test_the_public_has_no_calendar_address(world):
    with pytest.raises(ValidationError):
        services.calendar_address_new(initiative=world.initiative,
                                      by=Actor.anonymous(world.initiative))
