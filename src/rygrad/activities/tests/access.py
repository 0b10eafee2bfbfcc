"""The activities' rows of the permission matrix. The world's partner and member represent
no organisation, so object rules refuse them where an organisation is needed."""

from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.core.testing import MEMBER_UP, PARTNER_UP, SECRETARIAT_UP, AccessCase


def setup(world):
    activity = ActivityFactory(initiative=world.initiative)
    return {"activity": activity, "commitment": CommitmentFactory(activity=activity)}


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


CASES = [
    AccessCase("activities:list", MEMBER_UP),
    AccessCase("activities:list", MEMBER_UP, query="format=csv"),
    AccessCase("activities:list", MEMBER_UP, query="format=xlsx"),
    AccessCase("activities:list", MEMBER_UP, query="format=docx"),
    AccessCase("activities:timeline", MEMBER_UP),
    AccessCase("activities:signals", MEMBER_UP),
    AccessCase("activities:create", MEMBER_UP),
    AccessCase("activities:detail", MEMBER_UP, kwargs=_pk("activity")),
    AccessCase("activities:edit", SECRETARIAT_UP, kwargs=_pk("activity")),
    AccessCase("activities:stage_change", SECRETARIAT_UP, kwargs=_pk("activity")),
    AccessCase("activities:driver_change", SECRETARIAT_UP, kwargs=_pk("activity")),
    AccessCase("activities:commitment_create", MEMBER_UP, kwargs=_pk("activity")),
    AccessCase("activities:commitment_edit", SECRETARIAT_UP, kwargs=_pk("commitment")),
    AccessCase("activities:reach_add", SECRETARIAT_UP, kwargs=_pk("activity")),
    AccessCase("activities:note_add", SECRETARIAT_UP, kwargs=_pk("activity")),
]

# PARTNER_UP is imported for the object-dependent rows added in test_permissions.py.
__all__ = ["CASES", "PARTNER_UP", "setup"]
