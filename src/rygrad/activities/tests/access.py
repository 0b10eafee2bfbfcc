"""The activities' rows of the permission matrix. The world's member represents no
organisation, so rules that need the driving organisation refuse them; the partner
represents one organisation that commits to one activity (the `extra` rows), and the
`LISTINGS` pin what a partner and a member find on every page that lists activities."""

from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.agenda.tests.factories import TrackFactory
from rygrad.alliance.models import Person
from rygrad.core.testing import (
    MEMBER_UP,
    PARTNER_UP,
    SECRETARIAT_UP,
    AccessCase,
    ListingCase,
)


def setup(world):
    activity = ActivityFactory(initiative=world.initiative, title="Læseheste i biblioteket")
    # The partner's organisation commits to a second activity: there, and only there, the
    # partner may see the activity, change the commitment and add to its log.
    theirs = ActivityFactory(initiative=world.initiative, title="Fodbold for alle")
    track = TrackFactory(initiative=world.initiative)
    activity.tracks.add(track)
    theirs.tracks.add(track)
    commitment = CommitmentFactory(activity=theirs)
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=commitment.organisation)
    return {"activity": activity, "commitment": CommitmentFactory(activity=activity),
            "theirs": theirs, "their_commitment": commitment, "track": track}


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


CASES = [
    AccessCase("activities:list", PARTNER_UP),
    AccessCase("activities:list", PARTNER_UP, query="format=csv"),
    AccessCase("activities:list", PARTNER_UP, query="format=xlsx"),
    AccessCase("activities:list", PARTNER_UP, query="format=docx"),
    AccessCase("activities:timeline", PARTNER_UP),
    AccessCase("activities:signals", MEMBER_UP),
    AccessCase("activities:create", MEMBER_UP),
    AccessCase("activities:detail", MEMBER_UP, kwargs=_pk("activity"),
               extra=(("partner", _pk("theirs"), True),)),
    AccessCase("activities:edit", SECRETARIAT_UP, kwargs=_pk("activity")),
    AccessCase("activities:stage_change", SECRETARIAT_UP, kwargs=_pk("activity")),
    AccessCase("activities:driver_change", SECRETARIAT_UP, kwargs=_pk("activity")),
    AccessCase("activities:commitment_create", MEMBER_UP, kwargs=_pk("activity"),
               extra=(("partner", _pk("theirs"), True),)),
    AccessCase("activities:commitment_edit", SECRETARIAT_UP, kwargs=_pk("commitment"),
               extra=(("partner", _pk("their_commitment"), True),)),
    AccessCase("activities:reach_add", SECRETARIAT_UP, kwargs=_pk("activity"),
               extra=(("partner", _pk("theirs"), True),)),
    AccessCase("activities:note_add", SECRETARIAT_UP, kwargs=_pk("activity"),
               extra=(("partner", _pk("theirs"), True),)),
    AccessCase("activities:delete", SECRETARIAT_UP, kwargs=_pk("activity")),
]


def _titles(world, objects):
    return {name: objects[name].title for name in ("activity", "theirs")}


def _track(world, objects):
    return {"pk": objects["track"].pk}


# Every page and export that lists activities, as a partner (their organisation's activity
# only) and as a member (both).
_LISTING_PAGES = [
    ("activities:list", "", None), ("activities:list", "format=csv", None),
    ("activities:list", "format=xlsx", None), ("activities:list", "format=docx", None),
    ("activities:timeline", "", None), ("agenda:track_detail", "", _track),
]
LISTINGS = [
    ListingCase(url_name, role, marks=_titles, sees=frozenset(sees), kwargs=kwargs,
                query=query)
    for url_name, query, kwargs in _LISTING_PAGES
    for role, sees in (("partner", {"theirs"}), ("member", {"activity", "theirs"}))
]
