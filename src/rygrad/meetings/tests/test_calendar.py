"""The iCalendar feeds: the public calendar of a public initiative holds its public events
only; a person's secret address holds what their role lets them see at each fetch, also
on a private initiative, and stops when the address is replaced or the role is gone."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from rygrad.initiatives.models import RoleGrant
from rygrad.meetings.models import CalendarFeed, Kind
from rygrad.meetings.tests.factories import AgendaItemFactory, MeetingFactory


def url(world, name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def _events(response) -> dict[str, object]:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def coming(world):
    """An alliance meeting, a youth meeting and a public event to come, and a public event
    held long ago (out of the calendar)."""
    soon = timezone.localdate() + dt.timedelta(days=14)
    alliance = MeetingFactory(initiative=world.initiative, title="Alliancemøde", held_on=soon,
                              starts_at=dt.time(16), ends_at=dt.time(18, 30),
                              description="Vi taler om sommerferien.")
    AgendaItemFactory(meeting=alliance, title="Budget")
    MeetingFactory(initiative=world.initiative, title="Ungemøde", kind=Kind.YOUTH,
                   held_on=soon)
    MeetingFactory(initiative=world.initiative, title="Trivselsfest", kind=Kind.PUBLIC,
                   held_on=soon, starts_at=None, ends_at=None, place="Torvet")
    MeetingFactory(initiative=world.initiative, title="Gammel fest", kind=Kind.PUBLIC,
                   held_on=dt.date(2018, 6, 2))
    return soon


def test_the_public_calendar_holds_the_public_events_to_come(world, client, coming):
    """Given a public initiative, when a calendar program fetches its calendar without a
    login, then it holds the public event to come, as a whole-day event at its place,
    linked to its page — not the alliance or youth meeting, nor last years' event."""
    events = _events(client.get(url(world, "calendar_feed")))
    assert set(events) == {"Trivselsfest"}
    event = events["Trivselsfest"]
    assert event.decoded("dtstart") == coming
    assert event.decoded("dtend") == coming + dt.timedelta(days=1)
    assert str(event["location"]) == "Torvet"
    assert str(event["url"]).startswith("http://testserver/i/egelund/meetings/")


def test_a_members_calendar_has_their_meetings_in_utc_with_the_agenda(world, client_as,
                                                                      coming):
    """Given a member logged in, when they fetch the calendar, then it holds the alliance
    meeting from 16:00 to 18:30 Copenhagen time (written in UTC) with its description and
    agenda, and the youth meeting and the public event."""
    events = _events(client_as("member").get(url(world, "calendar_feed")))
    assert set(events) == {"Alliancemøde", "Ungemøde", "Trivselsfest"}
    alliance = events["Alliancemøde"]
    start = alliance.decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(0)
    local = timezone.localtime(start)
    assert (local.date(), local.hour, local.minute) == (coming, 16, 0)
    assert timezone.localtime(alliance.decoded("dtend")).time() == dt.time(18, 30)
    assert "Vi taler om sommerferien." in str(alliance["description"])
    assert "1. Budget" in str(alliance["description"])


def test_a_private_initiative_has_no_public_calendar(world, client, coming):
    """Given a private initiative, when the calendar is fetched without a login, then
    there is nothing there (404)."""
    world.initiative.is_public = False
    world.initiative.save()
    assert client.get(url(world, "calendar_feed")).status_code == 404


def test_the_secret_address_works_without_login_and_follows_the_role(world, client_as,
                                                                     client, coming):
    """Given a private initiative and a member who made a calendar address on the
    calendar page, when a calendar program fetches the address without a login, then it
    holds the member's meetings; once their role is taken away, the address is a 404."""
    world.initiative.is_public = False
    world.initiative.save()
    response = client_as("member").post(url(world, "calendar_address"))
    address = response.context["address"]
    assert address.startswith("http://testserver/i/egelund/meetings/calendar/")
    client.logout()
    path = address.removeprefix("http://testserver")
    assert set(_events(client.get(path))) == {"Alliancemøde", "Ungemøde", "Trivselsfest"}
    RoleGrant.objects.filter(user=world.users["member"]).delete()
    assert client.get(path).status_code == 404


def test_a_young_persons_address_holds_only_what_young_people_see(world, client_as, client,
                                                                  coming):
    """Given a young person's calendar address, when it is fetched, then it holds the
    youth meeting and the public event, not the alliance meeting."""
    path = client_as("youth").post(url(world, "calendar_address")).context["address"]
    client.logout()
    events = _events(client.get(path.removeprefix("http://testserver")))
    assert set(events) == {"Ungemøde", "Trivselsfest"}


def test_a_new_address_ends_the_old_one_and_a_wrong_secret_tells_nothing(world, client_as,
                                                                          client, coming):
    """Given a member's calendar address, when they make a new one, then the old one and a
    made-up one are 404, the new one works, and stopping it ends it too."""
    member = client_as("member")
    old = member.post(url(world, "calendar_address")).context["address"]
    new = member.post(url(world, "calendar_address")).context["address"]
    member.post(url(world, "calendar_address_remove"))
    assert client.get(new.removeprefix("http://testserver")).status_code == 404
    new = member.post(url(world, "calendar_address")).context["address"]
    client.logout()
    assert client.get(old.removeprefix("http://testserver")).status_code == 404
    assert client.get(url(world, "calendar_token_feed", token="gaet")).status_code == 404
    assert client.get(new.removeprefix("http://testserver")).status_code == 200


def test_the_address_is_shown_once_and_kept_only_as_a_hash(world, client_as, coming):
    """Given a member who made an address, when they open the calendar page again, then
    the address is not shown again (only that they have one), and the database holds no
    part of the secret in clear."""
    client = client_as("member")
    address = client.post(url(world, "calendar_address")).context["address"]
    secret = address.rstrip("/").split("/")[-1].removesuffix(".ics")
    again = client.get(url(world, "calendar_address"))
    assert again.context["address"] == "" and again.context["has_address"]
    assert secret not in again.content.decode()
    stored = CalendarFeed.objects.get()
    assert secret not in stored.token_hash and len(stored.token_hash) == 64
