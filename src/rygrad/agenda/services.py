"""Writes on the common agenda: the vision and who endorsed it, knowledge base versions,
tracks and their action plans. Each is atomic, validated and permission-checked."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.alliance.models import Organisation
from rygrad.core.media import clean_file_name
from rygrad.core.permissions import Actor
from rygrad.core.uploads import check_upload

from .models import (
    ActionItem,
    Endorsement,
    KnowledgeDocument,
    KnowledgeVersion,
    TextFormat,
    Track,
    Vision,
)

KNOWLEDGE_KINDS = ("pdf", "docx", "xlsx", "odt", "text")
KNOWLEDGE_MAX_BYTES = 20 * 1024 * 1024


def _require(actor: Actor, rule: str, obj=None) -> None:
    if not actor.can(rule, obj):
        raise ValidationError(_("Only the secretariat may change the common agenda."))


def _user(actor: Actor):
    return actor.user if actor.is_authenticated else None


def _own(initiative, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.initiative_id != initiative.pk:
        raise ValidationError(_("The organisation belongs to another initiative."))


@transaction.atomic
def vision_save(*, initiative, by: Actor, problem: str, vision: str,
                adopted_on: dt.date | None = None) -> Vision:
    """Write the problem statement and the vision (there is one of each per initiative)."""
    _require(by, "agenda.edit")
    record, _created = Vision.objects.get_or_create(initiative=initiative)
    record.problem, record.vision, record.adopted_on = problem, vision, adopted_on
    record.full_clean()
    record.save(update_fields=["problem", "vision", "adopted_on", "updated_at"])
    return record


@transaction.atomic
def endorsement_add(*, initiative, by: Actor, organisation: Organisation, endorsed_on: dt.date,
                    note: str = "") -> Endorsement:
    """Record that an organisation stood behind the vision on a date."""
    _require(by, "agenda.edit")
    _own(initiative, organisation)
    if Endorsement.objects.for_initiative(initiative).filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("%(org)s has already endorsed the vision.") % {
            "org": organisation.name}})
    endorsement = Endorsement(initiative=initiative, organisation=organisation,
                              endorsed_on=endorsed_on, note=note)
    endorsement.full_clean()
    endorsement.save()
    return endorsement


@transaction.atomic
def endorsement_remove(*, endorsement: Endorsement, by: Actor) -> None:
    """Take back an endorsement recorded by mistake (an organisation that withdraws keeps
    its record until the secretariat removes it here)."""
    _require(by, "agenda.edit")
    endorsement.delete()


def validate_knowledge_file(upload) -> None:
    """Accept the document formats a secretariat works in, by their content (core.uploads:
    a page renamed .pdf is refused, whatever it is called), up to 20 MB."""
    if upload is None:
        return
    check_upload(upload, field="file", label=_("File"), kinds=KNOWLEDGE_KINDS,
                 max_bytes=KNOWLEDGE_MAX_BYTES)


@transaction.atomic
def knowledge_document_create(*, initiative, by: Actor, title: str, body: str = "",
                              file=None, sources: str = "", change_note: str = ""
                              ) -> KnowledgeDocument:
    """Start a knowledge base document with its first version."""
    _require(by, "agenda.edit")
    document = KnowledgeDocument(initiative=initiative, title=title)
    document.full_clean()
    document.save()
    knowledge_version_add(document=document, by=by, body=body, file=file, sources=sources,
                          change_note=change_note)
    return document


@transaction.atomic
def knowledge_version_add(*, document: KnowledgeDocument, by: Actor, body: str, file=None,
                          sources: str = "", change_note: str = "", title: str | None = None
                          ) -> KnowledgeVersion:
    """Add a version; earlier versions stay as they were. `body` is Markdown, kept as it
    was written and rendered safe on the page (`KnowledgeVersion.body_html`). Without a
    new file, the version keeps the previous version's file."""
    _require(by, "agenda.edit")
    validate_knowledge_file(file)
    if title is not None and title != document.title:
        document.title = title
        document.full_clean()
        document.save(update_fields=["title"])
    previous = document.versions.order_by("-number").first()
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = KnowledgeVersion(
        initiative_id=document.initiative_id, document=document, number=number,
        body=body, body_format=TextFormat.MARKDOWN, sources=sources.strip(),
        change_note=change_note, created_by=_user(by),
    )
    if file is not None:
        # Stored under a random name (models.knowledge_upload_to); the person's own name
        # is what the download is called.
        version.file, version.file_name = file, clean_file_name(file.name)
    elif previous is not None and previous.file:
        version.file, version.file_name = previous.file.name, previous.file_name
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def track_save(*, initiative, by: Actor, name: str, goal: str = "",
               is_cross_cutting: bool = False, order: int = 0,
               track: Track | None = None) -> Track:
    """Create a track, or change one when `track` is given."""
    _require(by, "agenda.edit")
    if track is None:
        track = Track(initiative=initiative)
    elif track.initiative_id != initiative.pk:
        raise ValidationError(_("The track belongs to another initiative."))
    track.name, track.goal = name, goal
    track.is_cross_cutting, track.order = is_cross_cutting, order
    track.full_clean()
    track.save()
    return track


@transaction.atomic
def knowledge_document_delete(*, document: KnowledgeDocument, by: Actor) -> None:
    """Delete a knowledge base document with every version and its files. The files are
    removed from storage only once the deletion has committed, so a rollback never leaves
    versions pointing at missing files."""
    _require(by, "agenda.edit")
    files = [version.file.name for version in document.versions.all() if version.file]
    storage = KnowledgeVersion._meta.get_field("file").storage
    document.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in files])


@transaction.atomic
def track_delete(*, track: Track, by: Actor) -> None:
    """Delete a track with its action plan and the survey goals set on it; the activities
    on it stay (they lose this track). The confirmation page lists what goes."""
    _require(by, "agenda.edit")
    track.delete()


@transaction.atomic
def action_item_create(*, track: Track, by: Actor, what: str,
                       organisation: Organisation | None = None, who: str = "",
                       due_on: dt.date | None = None) -> ActionItem:
    """Add a line to the track's action plan: what, who, by when."""
    _require(by, "agenda.edit")
    _own(track.initiative, organisation)
    item = ActionItem(initiative_id=track.initiative_id, track=track, what=what,
                      organisation=organisation, who=who, due_on=due_on)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_update(*, item: ActionItem, by: Actor, what: str,
                       organisation: Organisation | None = None, who: str = "",
                       due_on: dt.date | None = None) -> ActionItem:
    """Change what an action is, who is responsible or by when; plans change."""
    _require(by, "agenda.edit")
    _own(item.track.initiative, organisation)
    item.what, item.organisation, item.who, item.due_on = what, organisation, who, due_on
    item.full_clean()
    item.save(update_fields=["what", "organisation", "who", "due_on"])
    return item


@transaction.atomic
def action_item_set_done(*, item: ActionItem, by: Actor, done: bool,
                         on: dt.date | None = None) -> ActionItem:
    """Check an action item off (or open it again)."""
    if not by.can("agenda.check_action", item):
        raise ValidationError(_("Only the secretariat or the responsible organisation may "
                                "check this item off."))
    item.done_on = (on or timezone.localdate()) if done else None
    item.full_clean()
    item.save(update_fields=["done_on"])
    return item
