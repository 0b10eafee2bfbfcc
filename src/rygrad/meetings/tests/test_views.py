"""The meetings pages: the list with its filters, exports and query budget; what each role
reads on a meeting's page; text shown as typed; recording a meeting through its forms;
the action items with their budget and ticking one off."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from rygrad.alliance.models import AgeBand, Person
from rygrad.meetings.models import (
    AgendaItem,
    Attendance,
    Group,
    Kind,
    Meeting,
    MeetingAction,
)
from rygrad.meetings.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
)

D = dt.date


def url(world, name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def _csv(response) -> list[str]:
    return b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()


@pytest.fixture
def three(world):
    """An alliance meeting in 2017, a youth meeting in 2018 and a public event to come."""
    i = world.initiative
    return (MeetingFactory(initiative=i, title="Alliancemøde", held_on=D(2017, 3, 9)),
            MeetingFactory(initiative=i, title="Ungemøde", kind=Kind.YOUTH,
                           held_on=D(2018, 10, 10), place="Fællesrådet"),
            MeetingFactory(initiative=i, title="Trivselsfest", kind=Kind.PUBLIC,
                           held_on=timezone.localdate() + dt.timedelta(days=5)))


def test_the_list_filters_by_kind_year_period_and_word(world, client_as, three):
    """Given three meetings, when a member filters, then each filter keeps the right ones."""
    client = client_as("member")

    def titles(**query):
        return [m.title for m in client.get(url(world, "list"), query)
                .context["page"].object_list]

    assert titles() == ["Trivselsfest", "Ungemøde", "Alliancemøde"]
    assert titles(kind="youth") == ["Ungemøde"]
    assert titles(year="2017") == ["Alliancemøde"]
    assert titles(period="upcoming") == ["Trivselsfest"]
    assert titles(period="past") == ["Ungemøde", "Alliancemøde"]
    assert titles(q="fællesråd") == ["Ungemøde"]


def test_a_young_person_is_offered_only_the_kinds_they_may_see(world, client_as, three):
    """Given a young person, when they open the list, then the kind filter offers youth
    meetings and public events; asking for alliance meetings is refused on the filter and
    shows no alliance meeting."""
    client = client_as("youth")
    form = client.get(url(world, "list")).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["", "youth", "public"]
    response = client.get(url(world, "list"), {"kind": "alliance"})
    assert response.context["form"].errors["kind"]
    assert [m.title for m in response.context["page"].object_list] == ["Trivselsfest",
                                                                        "Ungemøde"]


def test_the_exports_hold_the_filtered_rows_with_their_counts(world, client_as, three):
    """Given the alliance meeting with 2 agenda items (1 briefed) and 12 who came (3
    young), when the list filtered on 2017 is exported, then the CSV and the Excel file
    hold that one row with those numbers."""
    alliance = three[0]
    AgendaItemFactory(meeting=alliance, youth_briefing="Kort.")
    AgendaItemFactory(meeting=alliance)
    AttendanceFactory(meeting=alliance, group=Group.PROFESSIONALS, count=9)
    AttendanceFactory(meeting=alliance, group=Group.YOUNG_PEOPLE, count=3)
    client = client_as("member")
    lines = _csv(client.get(url(world, "list"), {"year": "2017", "format": "csv"}))
    assert len(lines) == 2
    assert lines[1].split(";")[:3] == ["Alliancemøde", "Alliancemøde", "2017-03-09"]
    assert lines[1].split(";")[-4:] == ["2", "1", "12", "3"]
    book = load_workbook(io.BytesIO(client.get(url(world, "list"), {
        "year": "2017", "format": "xlsx"}).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Titel"
    assert rows[1][-4:] == (2, 1, 12, 3)


def test_text_that_looks_like_a_formula_is_exported_as_text(world, client_as):
    """Given a meeting titled like a formula, when the list is exported as CSV, then the
    title is written behind a quote so a spreadsheet shows it as text."""
    MeetingFactory(initiative=world.initiative, title='=HYPERLINK("http://x","klik")')
    lines = _csv(client_as("member").get(url(world, "list"), {"format": "csv"}))
    row = next(csv.reader(lines[1:], delimiter=";"))
    assert row[0] == '\'=HYPERLINK("http://x","klik")'


def _bulk_meetings(world, count):
    i = world.initiative
    meetings = Meeting.objects.bulk_create(
        Meeting(initiative=i, title=f"Møde {n}", kind=Kind.ALLIANCE,
                held_on=D(2016, 1, 1) + dt.timedelta(days=n)) for n in range(count))
    AgendaItem.objects.bulk_create(
        AgendaItem(initiative=i, meeting=m, title="Punkt", youth_briefing="Kort.")
        for m in meetings)
    Attendance.objects.bulk_create(
        Attendance(initiative=i, meeting=m, group=Group.YOUNG_PEOPLE, count=2)
        for m in meetings)
    owner = PersonFactory(initiative=i)
    MeetingAction.objects.bulk_create(
        MeetingAction(initiative=i, meeting=m, title="Opgave", owner=owner,
                      due_on=m.held_on + dt.timedelta(days=30)) for m in meetings)


@pytest.mark.parametrize("count", [10, 200])
def test_the_list_and_its_exports_stay_within_their_query_budget(
        world, client_as, count, django_assert_max_num_queries):
    """Given 10 or 200 meetings, each with an agenda item, attendance and an action item,
    when the list and its exports are shown, then each takes the same handful of
    queries."""
    _bulk_meetings(world, count)
    client = client_as("member")
    for query in ({}, {"format": "csv"}, {"format": "xlsx"}):
        with django_assert_max_num_queries(12):
            response = client.get(url(world, "list"), query)
            if response.streaming:
                b"".join(response.streaming_content)


@pytest.mark.parametrize("count", [10, 200])
def test_the_action_items_stay_within_their_query_budget(
        world, client_as, count, django_assert_max_num_queries):
    """Given 10 or 200 action items, when the secretariat lists and exports them, then
    each takes the same handful of queries."""
    _bulk_meetings(world, count)
    client = client_as("secretariat")
    for query in ({}, {"status": "overdue"}, {"format": "csv"}, {"format": "xlsx"}):
        with django_assert_max_num_queries(12):
            response = client.get(url(world, "actions"), query)
            if response.streaming:
                b"".join(response.streaming_content)


@pytest.mark.parametrize("count", [2, 40])
def test_a_meetings_page_stays_within_its_query_budget(
        world, client_as, count, django_assert_max_num_queries):
    """Given a meeting with 2 or 40 agenda items, named attendees, decisions and action
    items, when the secretariat opens it, then it takes the same number of queries."""
    meeting = MeetingFactory(initiative=world.initiative)
    for _n in range(count):
        AgendaItemFactory(meeting=meeting)
        person = PersonFactory(initiative=world.initiative)
        AttendanceFactory(meeting=meeting, person=person, organisation=person.organisation)
        DecisionFactory(meeting=meeting)
        ActionFactory(meeting=meeting, owner=person)
    client = client_as("secretariat")
    with django_assert_max_num_queries(25):
        assert client.get(url(world, "detail", pk=meeting.pk)).status_code == 200


@pytest.fixture
def youth_meeting(world):
    """A youth meeting with a briefed agenda item, a named young person, 12 young people
    counted, minutes, a decision and an action item."""
    meeting = MeetingFactory(initiative=world.initiative, kind=Kind.YOUTH, title="Ungemøde",
                             minutes="Referat: Malik foreslog en madklub.")
    AgendaItemFactory(meeting=meeting, title="Madklub", notes="Intern note om budget",
                      youth_briefing="Skal vi have en madklub?")
    malik = PersonFactory(initiative=world.initiative, name="Malik Hemmelig",
                          age_band=AgeBand.AGE_16_18)
    AttendanceFactory(meeting=meeting, person=malik, group=Group.YOUNG_PEOPLE)
    AttendanceFactory(meeting=meeting, group=Group.YOUNG_PEOPLE, count=12)
    DecisionFactory(meeting=meeting, text="Madklubben afprøves i foråret.")
    ActionFactory(meeting=meeting, title="Finde et køkken", owner=PersonFactory(
        initiative=world.initiative, name="Gitte Ansvarlig"))
    return meeting


def test_a_young_person_reads_a_youth_meeting_without_names_minutes_or_actions(
        world, client_as, youth_meeting):
    """Given the youth meeting, when a young person opens it, then they read the agenda
    with its briefing, the decision and how many came (13, all young), but no name, no
    minutes, no internal note and no action item; a member reads them all."""
    text = client_as("youth").get(url(world, "detail", pk=youth_meeting.pk)).content.decode()
    assert "Skal vi have en madklub?" in text
    assert "Madklubben afprøves i foråret." in text
    assert ">13<" in text
    for hidden in ("Malik Hemmelig", "Referat: Malik", "Intern note", "Finde et køkken",
                   "Gitte Ansvarlig"):
        assert hidden not in text
    text = client_as("member").get(url(world, "detail", pk=youth_meeting.pk)).content.decode()
    for shown in ("Malik Hemmelig", "Referat: Malik", "Intern note", "Finde et køkken"):
        assert shown in text


def test_what_people_typed_is_shown_as_text(world, client_as):
    """Given a meeting whose title, minutes and briefing hold HTML, when its page is shown,
    then the tags are escaped, never run."""
    meeting = MeetingFactory(initiative=world.initiative, title="<script>alert(1)</script>",
                             minutes="<b>fed</b>")
    AgendaItemFactory(meeting=meeting, youth_briefing="<img src=x onerror=alert(2)>")
    text = client_as("member").get(url(world, "detail", pk=meeting.pk)).content.decode()
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text
    assert "<b>fed</b>" not in text and "<img src=x" not in text


def test_the_alliance_meeting_page_shows_which_items_had_a_youth_briefing(world, client_as):
    """Given an alliance meeting with 3 agenda items, 1 of them briefed, when its page is
    shown, then it says the young members had a briefing for 1 of 3 items and marks the
    other two."""
    meeting = MeetingFactory(initiative=world.initiative)
    AgendaItemFactory(meeting=meeting, youth_briefing="Kort forklaret.")
    AgendaItemFactory(meeting=meeting)
    AgendaItemFactory(meeting=meeting)
    response = client_as("member").get(url(world, "detail", pk=meeting.pk))
    text = response.content.decode()
    assert (response.context["briefed"], len(response.context["items"])) == (1, 3)
    assert text.count('class="badge"') == 2


def test_the_secretariat_plans_a_meeting_and_sees_a_refusal_beside_its_field(
        world, client_as):
    """Given the secretariat, when they plan a meeting that ends before it starts, then
    the form shows it beside the end time and nothing is saved; corrected, the meeting is
    saved and its page opens."""
    client = client_as("secretariat")
    data = {"title": "Alliancemøde", "kind": "alliance", "held_on": "2019-03-14",
            "starts_at": "18:00", "ends_at": "16:00", "place": "Rådhuset"}
    response = client.post(url(world, "create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]
    assert not Meeting.objects.exists()
    response = client.post(url(world, "create"), {**data, "ends_at": "19:00"})
    meeting = Meeting.objects.get()
    assert response["Location"] == url(world, "detail", pk=meeting.pk)


def test_the_secretariat_records_agenda_attendance_decision_and_action(world, client_as):
    """Given a meeting, when the secretariat adds a briefed agenda item, a named young
    person, counts by group, a decision and an action item through the forms, then all
    are recorded."""
    meeting = MeetingFactory(initiative=world.initiative, held_on=D(2018, 3, 8))
    emma = PersonFactory(initiative=world.initiative, name="Emma",
                         age_band=AgeBand.AGE_16_18)
    client = client_as("secretariat")
    client.post(url(world, "item_add", pk=meeting.pk),
                {"title": "Budget", "youth_briefing": "Hvor skal pengene bruges?"})
    client.post(url(world, "attendance", pk=meeting.pk), {"person": emma.pk})
    client.post(url(world, "attendance_counts", pk=meeting.pk),
                {"professionals": "9", "young_people": "2"})
    item = meeting.items.get()
    client.post(url(world, "decision_add", pk=meeting.pk),
                {"text": "Budgettet godkendes.", "agenda_item": item.pk})
    client.post(url(world, "action_add", pk=meeting.pk),
                {"title": "Sende budgettet ud", "owner": emma.pk, "due_on": "2018-04-01"})
    assert item.youth_briefing == "Hvor skal pengene bruges?"
    assert sorted(meeting.attendance.values_list("group", "count")) == [
        ("professionals", 9), ("young_people", 1), ("young_people", 2)]
    assert meeting.decisions.get().agenda_item == item
    assert meeting.actions.get().owner == emma


def test_a_member_ticks_off_their_action_item_from_the_list(world, client_as):
    """Given an overdue action item of the member's organisation, when they mark it done
    from the overdue list, then it is done today and they are back on the list."""
    club = OrganisationFactory(initiative=world.initiative)
    Person.objects.create(initiative=world.initiative, name="Lars", organisation=club,
                          user=world.users["member"])
    today = timezone.localdate()
    meeting = MeetingFactory(initiative=world.initiative, held_on=today - dt.timedelta(60))
    action = ActionFactory(meeting=meeting, due_on=today - dt.timedelta(days=5),
                           owner=PersonFactory(initiative=world.initiative, organisation=club))
    client = client_as("member")
    listing = url(world, "actions") + "?status=overdue"
    page = client.get(listing)
    assert action.pk in page.context["completable"]
    response = client.post(url(world, "action_done", pk=action.pk),
                           {"on": today.isoformat(), "next": listing})
    assert response["Location"] == listing
    action.refresh_from_db()
    assert action.done_on == today
    assert list(client.get(listing).context["page"].object_list) == []


def test_ticking_off_never_leads_away_from_the_site(world, client_as):
    """Given a `next` address on another site, when an action item is marked done, then
    the secretariat lands on the meeting instead."""
    meeting = MeetingFactory(initiative=world.initiative, held_on=D(2018, 3, 8))
    action = ActionFactory(meeting=meeting, due_on=D(2018, 4, 1))
    response = client_as("secretariat").post(url(world, "action_done", pk=action.pk), {
        "on": "2018-04-01", "next": "https://evil.example.org/"})
    assert response["Location"].startswith(url(world, "detail", pk=meeting.pk))


def test_the_briefings_page_shows_the_coming_alliance_meetings_agenda(world, client_as):
    """Given an alliance meeting to come with a briefed and an unbriefed item, and one
    held, when a young person opens the youth briefings, then they read the coming one's
    items with the briefing, and nothing of the one held."""
    today = timezone.localdate()
    coming = MeetingFactory(initiative=world.initiative, held_on=today + dt.timedelta(9))
    AgendaItemFactory(meeting=coming, title="Sommerferien",
                      youth_briefing="Hvad skal der ske i sommerferien?")
    AgendaItemFactory(meeting=coming, title="Budgettet")
    held = MeetingFactory(initiative=world.initiative, held_on=today - dt.timedelta(9))
    AgendaItemFactory(meeting=held, title="Gammelt punkt")
    text = client_as("youth").get(url(world, "briefings")).content.decode()
    assert "Hvad skal der ske i sommerferien?" in text and "Budgettet" in text
    assert "Gammelt punkt" not in text
