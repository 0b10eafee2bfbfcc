"""The meetings signals on a constructed year of meetings, with the figures worked out by
hand: which meetings fall in "the last 12 months to the date", who counts as young, which
action items are overdue on the date."""

import datetime as dt

import pytest

from rygrad.alliance.models import AgeBand
from rygrad.core.permissions import Actor
from rygrad.core.signals import get_signal
from rygrad.meetings.models import Group, Kind
from rygrad.meetings.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    PersonFactory,
)

D = dt.date
AT = D(2018, 6, 30)  # the year to the date: 1 July 2017 to 30 June 2018


def _value(key, initiative, at=AT):
    return get_signal(key).compute(initiative, at)


@pytest.fixture
def year(world):
    """Alliance meetings A (2017-09-14) and B (2018-03-08) inside the year, C exactly a
    year before the date (outside), D on the date (inside), E the day after (outside); a
    youth meeting Y inside the year (not an alliance meeting); and an alliance meeting of
    another initiative inside the year."""
    i = world.initiative
    meetings = {
        "A": MeetingFactory(initiative=i, held_on=D(2017, 9, 14)),
        "B": MeetingFactory(initiative=i, held_on=D(2018, 3, 8)),
        "C": MeetingFactory(initiative=i, held_on=D(2017, 6, 30)),
        "D": MeetingFactory(initiative=i, held_on=AT),
        "E": MeetingFactory(initiative=i, held_on=D(2018, 7, 1)),
        "Y": MeetingFactory(initiative=i, held_on=D(2018, 1, 10), kind=Kind.YOUTH),
        "other": MeetingFactory(initiative=world.other_initiative, held_on=D(2018, 1, 11)),
    }
    return meetings


def test_youth_attendance_share_counts_named_and_counted_young_people(world, year):
    """Given A with a named adult, a named young person, 2 young people and 5
    professionals counted (9 people, 3 young); B with 1 child and 9 professionals counted
    (10, 1 young); D with 2 young people and 2 professionals (4, 2 young); and young
    people at C, E, the youth meeting and the other initiative's meeting, when the share
    is computed on 30 June 2018, then it is (3 + 1 + 2) / (9 + 10 + 4) = 6/23."""
    i = world.initiative
    adult = PersonFactory(initiative=i)
    young = PersonFactory(initiative=i, age_band=AgeBand.AGE_16_18)
    AttendanceFactory(meeting=year["A"], person=adult, group=Group.PROFESSIONALS)
    AttendanceFactory(meeting=year["A"], person=young, group=Group.YOUNG_PEOPLE)
    AttendanceFactory(meeting=year["A"], group=Group.YOUNG_PEOPLE, count=2)
    AttendanceFactory(meeting=year["A"], group=Group.PROFESSIONALS, count=5)
    AttendanceFactory(meeting=year["B"], group=Group.CHILDREN, count=1)
    AttendanceFactory(meeting=year["B"], group=Group.PROFESSIONALS, count=9)
    AttendanceFactory(meeting=year["D"], group=Group.YOUNG_PEOPLE, count=2)
    AttendanceFactory(meeting=year["D"], group=Group.PROFESSIONALS, count=2)
    for outside in ("C", "E", "Y", "other"):
        AttendanceFactory(meeting=year[outside], group=Group.YOUNG_PEOPLE, count=10)
    assert _value("meetings.youth_attendance_share", i) == pytest.approx(6 / 23)


def test_youth_attendance_share_is_empty_without_attendance(world, year):
    """Given meetings without recorded attendance, then there is no share (not zero)."""
    assert _value("meetings.youth_attendance_share", world.initiative) is None


def test_youth_briefed_share_counts_the_alliance_agenda_items_of_the_year(world, year):
    """Given A with 3 items (1 briefed), B with 2 (both briefed), D with 1 (not briefed),
    and briefed items at C (a year before), E (after), the youth meeting and the other
    initiative, when the share is computed on 30 June 2018, then it is (1 + 2 + 0) /
    (3 + 2 + 1) = 1/2; on 31 December 2017 the year holds C and A: (1 + 1) / (1 + 3) = 1/2
    too, and on 1 July 2017 only C: 1/1."""
    briefed = "Vi skal tale om sommerferien."
    AgendaItemFactory(meeting=year["A"], youth_briefing=briefed)
    AgendaItemFactory(meeting=year["A"])
    AgendaItemFactory(meeting=year["A"])
    AgendaItemFactory(meeting=year["B"], youth_briefing=briefed)
    AgendaItemFactory(meeting=year["B"], youth_briefing=briefed)
    AgendaItemFactory(meeting=year["D"])
    for outside in ("C", "E", "Y", "other"):
        AgendaItemFactory(meeting=year[outside], youth_briefing=briefed)
    assert _value("meetings.youth_briefed_share", world.initiative) == 0.5
    assert _value("meetings.youth_briefed_share", world.initiative, at=D(2017, 12, 31)) == 0.5
    assert _value("meetings.youth_briefed_share", world.initiative, at=D(2017, 7, 1)) == 1


def test_youth_briefed_share_is_empty_without_agenda_items(world, year):
    assert _value("meetings.youth_briefed_share", world.initiative) is None


def test_overdue_actions_are_due_before_the_date_and_not_done_by_then(world, year):
    """Given action items of A due 29 June 2018 and open (overdue), due on the date and
    open (not yet), due 1 May and done on the date (done by then), due 1 May and done 15
    July (overdue on the date), due 1 May and done 20 April (done), and an open overdue
    one of another initiative, when overdue items are counted on 30 June 2018, then there
    are 2; on 20 July the two still open (the third was done by then); on 1 May none (due
    on the date is not yet overdue)."""
    a = year["A"]
    ActionFactory(meeting=a, due_on=D(2018, 6, 29))
    ActionFactory(meeting=a, due_on=AT)
    ActionFactory(meeting=a, due_on=D(2018, 5, 1), done_on=AT)
    ActionFactory(meeting=a, due_on=D(2018, 5, 1), done_on=D(2018, 7, 15))
    ActionFactory(meeting=a, due_on=D(2018, 5, 1), done_on=D(2018, 4, 20))
    ActionFactory(meeting=year["other"], due_on=D(2018, 5, 1))
    assert _value("meetings.overdue_actions", world.initiative) == 2
    assert _value("meetings.overdue_actions", world.initiative, at=D(2018, 7, 20)) == 2
    assert _value("meetings.overdue_actions", world.initiative, at=D(2018, 5, 1)) == 0


def test_the_thresholds_warn_in_the_direction_that_is_worse(world):
    """Given the default thresholds, then 10 % young people and 40 % briefed items warn
    (too few), 20 % and 60 % do not; one overdue action item warns, none does not."""
    i = world.initiative
    attendance = get_signal("meetings.youth_attendance_share")
    briefed = get_signal("meetings.youth_briefed_share")
    overdue = get_signal("meetings.overdue_actions")
    assert attendance.judge(i, 0.10).warning and not attendance.judge(i, 0.20).warning
    assert briefed.judge(i, 0.40).warning and not briefed.judge(i, 0.60).warning
    assert overdue.judge(i, 1).warning and not overdue.judge(i, 0).warning


def test_the_signals_link_members_to_the_list_behind_the_number(world):
    """Given the dashboard's links, then a member is led to the alliance meetings and to
    the overdue action items; a young person, who may see neither, gets no link."""
    member = Actor(user=world.users["member"], initiative=world.initiative)
    youth = Actor(user=world.users["youth"], initiative=world.initiative)
    attendance = get_signal("meetings.youth_attendance_share")
    overdue = get_signal("meetings.overdue_actions")
    assert attendance.link_for(member) == "/i/egelund/meetings/?kind=alliance"
    assert overdue.link_for(member) == "/i/egelund/meetings/actions/?status=overdue"
    assert attendance.link_for(youth) is None
    assert overdue.link_for(youth) is None


def test_the_overdue_drilldown_lists_todays_overdue_items_with_the_way_to_tick_them_off(
        world):
    """Given one action item overdue today and one not yet due, when the secretariat
    reads the drill-down, then it lists the overdue one with its owner and a link to mark
    it done; a young person gets no rows."""
    from django.utils import timezone

    today = timezone.localdate()
    meeting = MeetingFactory(initiative=world.initiative, held_on=today - dt.timedelta(60))
    late = ActionFactory(meeting=meeting, due_on=today - dt.timedelta(days=3),
                         title="Finde lokale")
    ActionFactory(meeting=meeting, due_on=today + dt.timedelta(days=3))
    drilldown = get_signal("meetings.overdue_actions").drilldown
    secretariat = Actor(user=world.users["secretariat"], initiative=world.initiative)
    rows, total = drilldown.rows(secretariat, 10)
    assert total == 1
    assert [row.label for row in rows] == ["Finde lokale"]
    assert str(late.owner) in rows[0].detail
    assert rows[0].action_url == f"/i/egelund/meetings/actions/{late.pk}/done/"
    youth = Actor(user=world.users["youth"], initiative=world.initiative)
    assert drilldown.rows(youth, 10) == ([], 0)
