"""The meetings' rows of the permission matrix. The world's initiative is public, so its
public event and the calendar feed are open to anonymous visitors; the youth meeting to
young people and partners; the alliance meeting and workshop to members and up. The
member is linked to a person of one organisation, whose action item (and only that one)
they may tick off. `LISTINGS` pin which meetings each role finds on the list, in its
exports and in the calendar feed."""

import datetime as dt

from django.utils import timezone

from rygrad.alliance.models import Person
from rygrad.alliance.tests.factories import OrganisationFactory, PersonFactory
from rygrad.core.testing import (
    EVERYONE,
    MEMBER_UP,
    SECRETARIAT_UP,
    YOUTH_UP,
    AccessCase,
    ListingCase,
)
from rygrad.meetings.calendar import token_hash
from rygrad.meetings.models import CalendarFeed, Group, Kind
from rygrad.meetings.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
)

TOKEN = "hemmelig-kalender-adresse-til-medlemmet"


def setup(world):
    i = world.initiative
    soon = timezone.localdate() + dt.timedelta(days=10)
    meeting = MeetingFactory(initiative=i, title="Alliancemoede i marts", held_on=soon)
    item = AgendaItemFactory(meeting=meeting, youth_briefing="Vi taler om sommerferien.")
    organisation = OrganisationFactory(initiative=i, name="Egelund Skole")
    theirs = OrganisationFactory(initiative=i, name="Egelund Boldklub")
    Person.objects.create(initiative=i, name="Lars", organisation=theirs,
                          user=world.users["member"])
    attendee = PersonFactory(initiative=i, name="Birgitte", organisation=organisation)
    attendance = AttendanceFactory(meeting=meeting, person=attendee,
                                   organisation=organisation)
    AttendanceFactory(meeting=meeting, group=Group.YOUNG_PEOPLE, count=2)
    decision = DecisionFactory(meeting=meeting)
    action = ActionFactory(meeting=meeting, owner=attendee, due_on=soon)
    their_action = ActionFactory(meeting=meeting, due_on=soon,
                                 owner=PersonFactory(initiative=i, organisation=theirs))
    CalendarFeed.objects.create(initiative=i, user=world.users["member"],
                                token_hash=token_hash(TOKEN))
    return {
        "meeting": meeting, "item": item, "attendance": attendance, "decision": decision,
        "action": action, "their_action": their_action,
        "youth": MeetingFactory(initiative=i, title="Ungemoede om fritid", kind=Kind.YOUTH,
                                held_on=soon),
        "public": MeetingFactory(initiative=i, title="Trivselsfest paa torvet",
                                 kind=Kind.PUBLIC, held_on=soon),
        "workshop": MeetingFactory(initiative=i, title="Vaerksted om data",
                                   kind=Kind.WORKSHOP, held_on=soon),
    }


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


CASES = [
    AccessCase("meetings:list", EVERYONE),
    AccessCase("meetings:list", EVERYONE, query="format=csv"),
    AccessCase("meetings:list", EVERYONE, query="format=xlsx"),
    AccessCase("meetings:create", SECRETARIAT_UP),
    AccessCase("meetings:detail", MEMBER_UP, kwargs=_pk("meeting"),
               extra=(("youth", _pk("youth"), True), ("partner", _pk("youth"), True),
                      ("anonymous", _pk("youth"), False), ("anonymous", _pk("public"), True),
                      ("stranger", _pk("public"), True), ("youth", _pk("workshop"), False),
                      ("partner", _pk("workshop"), False))),
    AccessCase("meetings:edit", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("meetings:delete", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("meetings:item_add", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("meetings:item_edit", SECRETARIAT_UP, kwargs=_pk("item")),
    AccessCase("meetings:item_delete", SECRETARIAT_UP, kwargs=_pk("item")),
    AccessCase("meetings:attendance", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("meetings:attendance_counts", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("meetings:attendance_remove", SECRETARIAT_UP, kwargs=_pk("attendance")),
    AccessCase("meetings:decision_add", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("meetings:decision_edit", SECRETARIAT_UP, kwargs=_pk("decision")),
    AccessCase("meetings:decision_delete", SECRETARIAT_UP, kwargs=_pk("decision")),
    AccessCase("meetings:action_add", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("meetings:actions", MEMBER_UP),
    AccessCase("meetings:actions", MEMBER_UP, query="status=overdue&format=csv"),
    AccessCase("meetings:actions", MEMBER_UP, query="format=xlsx"),
    AccessCase("meetings:action_edit", SECRETARIAT_UP, kwargs=_pk("action")),
    AccessCase("meetings:action_delete", SECRETARIAT_UP, kwargs=_pk("action")),
    AccessCase("meetings:action_done", SECRETARIAT_UP, kwargs=_pk("action"),
               extra=(("member", _pk("their_action"), True),)),
    AccessCase("meetings:briefings", YOUTH_UP),
    AccessCase("meetings:calendar_address", YOUTH_UP),
    AccessCase("meetings:calendar_address_remove", YOUTH_UP),
    AccessCase("meetings:calendar_feed", EVERYONE),
    # The secret address is the key: whoever holds it gets the member's calendar.
    AccessCase("meetings:calendar_token_feed", EVERYONE,
               kwargs=lambda world, objects: {"token": TOKEN}),
]


def _titles(world, objects):
    return {name: objects[name].title for name in ("meeting", "youth", "public", "workshop")}


_LISTING_PAGES = [("meetings:list", ""), ("meetings:list", "format=csv"),
                  ("meetings:list", "format=xlsx"), ("meetings:calendar_feed", "")]
LISTINGS = [
    ListingCase(url_name, role, marks=_titles, sees=frozenset(sees), query=query)
    for url_name, query in _LISTING_PAGES
    for role, sees in (("youth", {"youth", "public"}), ("partner", {"youth", "public"}),
                       ("stranger", {"public"}),
                       ("member", {"meeting", "youth", "public", "workshop"}))
]
