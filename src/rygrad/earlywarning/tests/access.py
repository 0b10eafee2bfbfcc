"""The early warning's rows of the permission matrix: its pages are for those who see the
dashboard's signals (partners and up); the drill-down of backbone load lists only the
activities a role may see (`LISTINGS`)."""

from rygrad.activities.models import Stage
from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.alliance.models import Person
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.testing import PARTNER_UP, AccessCase, ListingCase

LOAD = "activities.backbone_load"


def setup(world):
    """Two running activities the secretariat drives; the partner's organisation commits
    to one of them ("theirs"), so the partner may see that one only."""
    initiative = world.initiative
    backbone = OrganisationFactory(initiative=initiative, name="Sekretariatet",
                                   is_backbone=True)
    ours = ActivityFactory(initiative=initiative, title="Læseheste i dagtilbud",
                           driver=backbone, stage=Stage.RUNNING)
    theirs = ActivityFactory(initiative=initiative, title="Ungebussen på skolerne",
                             driver=backbone, stage=Stage.RUNNING)
    commitment = CommitmentFactory(activity=theirs)
    Person.objects.create(initiative=initiative, name="Hanne",
                          user=world.users["partner"], organisation=commitment.organisation)
    return {"ours": ours, "theirs": theirs}


def _key(key):
    return lambda world, objects: {"key": key}


CASES = [
    AccessCase("earlywarning:overview", PARTNER_UP),
    AccessCase("earlywarning:overview", PARTNER_UP, query="format=csv"),
    AccessCase("earlywarning:overview", PARTNER_UP, query="format=xlsx"),
    AccessCase("earlywarning:signal", PARTNER_UP, kwargs=_key(LOAD)),
    AccessCase("earlywarning:signal", PARTNER_UP, kwargs=_key(LOAD), query="format=csv"),
    AccessCase("earlywarning:path", PARTNER_UP),
    AccessCase("earlywarning:notices", PARTNER_UP),
    AccessCase("earlywarning:notices_read", PARTNER_UP, method="post"),
]


def _titles(world, objects):
    return {name: objects[name].title for name in ("ours", "theirs")}


LISTINGS = [
    ListingCase("earlywarning:signal", "partner", marks=_titles, sees=frozenset({"theirs"}),
                kwargs=_key(LOAD)),
    ListingCase("earlywarning:signal", "member", marks=_titles,
                sees=frozenset({"ours", "theirs"}), kwargs=_key(LOAD)),
]
