"""The activities' rows of the permission matrix. The world's member represents no
organisation, so rules that need the driving organisation refuse them; the partner
represents one organisation that commits to one activity (the `extra` rows)."""

from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.alliance.models import Person
from rygrad.core.testing import MEMBER_UP, PARTNER_UP, SECRETARIAT_UP, AccessCase


def setup(world):
    activity = ActivityFactory(initiative=world.initiative)
    # The partner's organisation commits to a second activity: there, and only there, the
    # partner may see the activity, change the commitment and add to its log.
    theirs = ActivityFactory(initiative=world.initiative)
    commitment = CommitmentFactory(activity=theirs)
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=commitment.organisation)
    return {"activity": activity, "commitment": CommitmentFactory(activity=activity),
            "theirs": theirs, "their_commitment": commitment}


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
]
