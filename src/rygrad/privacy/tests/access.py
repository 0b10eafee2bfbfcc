"""The privacy app's rows of the permission matrix: a person's data and the retention rules
are the secretariat's (and operators'); every login has its own data page."""

from rygrad.alliance.tests.factories import PersonFactory
from rygrad.core.testing import SECRETARIAT_UP, AccessCase

LOGGED_IN = frozenset({"youth", "partner", "member", "secretariat", "operator", "stranger"})


def setup(world):
    return {"person": PersonFactory(initiative=world.initiative, name="Vibeke Holm",
                                    email="vibeke@example.org")}


def _person(world, objects):
    return {"pk": objects["person"].pk}


CASES = [
    AccessCase("privacy:overview", SECRETARIAT_UP),
    AccessCase("privacy:person_export", SECRETARIAT_UP, kwargs=_person),
    AccessCase("privacy:person_erase", SECRETARIAT_UP, kwargs=_person),
    AccessCase("privacy_account:my_data", LOGGED_IN, in_initiative=False),
    AccessCase("privacy_account:my_data_download", LOGGED_IN, in_initiative=False),
]
