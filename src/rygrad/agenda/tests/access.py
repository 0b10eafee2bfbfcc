"""The agenda's rows of the permission matrix: partners and up read, the secretariat writes."""

from django.core.files.base import ContentFile

from rygrad.agenda.models import KnowledgeVersion
from rygrad.agenda.tests.factories import (
    ActionItemFactory,
    EndorsementFactory,
    KnowledgeDocumentFactory,
    OrganisationFactory,
    TrackFactory,
)
from rygrad.alliance.models import Person
from rygrad.core.testing import PARTNER_UP, SECRETARIAT_UP, AccessCase


def setup(world):
    track = TrackFactory(initiative=world.initiative)
    document = KnowledgeDocumentFactory(initiative=world.initiative)
    version = KnowledgeVersion.objects.create(
        initiative=world.initiative, document=document, number=1, body="Viden",
        file_name="notat.txt")
    version.file.save("notat.txt", ContentFile(b"notat"), save=True)
    # The partner represents the organisation responsible for one item: they may check
    # that one off, and no other.
    club = OrganisationFactory(initiative=world.initiative)
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=club)
    return {
        "track": track, "document": document, "version": version,
        "item": ActionItemFactory(track=track,
                                  organisation=OrganisationFactory(initiative=world.initiative)),
        "their_item": ActionItemFactory(track=track, organisation=club),
        "endorsement": EndorsementFactory(initiative=world.initiative, organisation=club),
    }


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


CASES = [
    AccessCase("agenda:overview", PARTNER_UP),
    AccessCase("agenda:vision_edit", SECRETARIAT_UP),
    AccessCase("agenda:endorsement_add", SECRETARIAT_UP),
    AccessCase("agenda:endorsement_remove", SECRETARIAT_UP, kwargs=_pk("endorsement")),
    AccessCase("agenda:track_create", SECRETARIAT_UP),
    AccessCase("agenda:track_detail", PARTNER_UP, kwargs=_pk("track")),
    AccessCase("agenda:track_edit", SECRETARIAT_UP, kwargs=_pk("track")),
    AccessCase("agenda:track_delete", SECRETARIAT_UP, kwargs=_pk("track")),
    AccessCase("agenda:knowledge_delete", SECRETARIAT_UP, kwargs=_pk("document")),
    AccessCase("agenda:action_create", SECRETARIAT_UP, kwargs=_pk("track")),
    # Only the secretariat and the responsible organisation's people may check an item off.
    AccessCase("agenda:action_edit", SECRETARIAT_UP, kwargs=_pk("item")),
    AccessCase("agenda:action_list", PARTNER_UP),
    AccessCase("agenda:action_list", PARTNER_UP, query="format=csv"),
    AccessCase("agenda:action_list", PARTNER_UP, query="format=xlsx"),
    AccessCase("agenda:action_check", SECRETARIAT_UP, kwargs=_pk("item"),
               extra=(("partner", _pk("their_item"), True),)),
    AccessCase("agenda:knowledge_list", PARTNER_UP),
    AccessCase("agenda:knowledge_create", SECRETARIAT_UP),
    AccessCase("agenda:knowledge_detail", PARTNER_UP, kwargs=_pk("document")),
    AccessCase("agenda:knowledge_edit", SECRETARIAT_UP, kwargs=_pk("document")),
    AccessCase("agenda:knowledge_file", PARTNER_UP, kwargs=_pk("version")),
]
