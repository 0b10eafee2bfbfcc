"""What the agenda holds about a login: the knowledge base versions it wrote, with their
files. The versions are the knowledge base's history, so erasure keeps them and removes
only who wrote them (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, HeldFile, day, register_personal_data

from .models import KnowledgeVersion


def _mine(subject):
    if subject.user is None:
        return KnowledgeVersion.objects.none()
    return KnowledgeVersion.objects.for_initiative(subject.initiative).filter(
        created_by=subject.user)


def export(subject) -> Held:
    versions = list(_mine(subject).select_related("document").order_by("created_at", "pk"))
    return Held(
        records={"knowledge_versions_written": [
            {"document": version.document.title, "version": version.number,
             "written_at": day(version.created_at), "change_note": version.change_note,
             "file": version.file_name or None} for version in versions]},
        files=[HeldFile(name=f"{version.pk}-{version.file_name or 'file'}",
                        open=version.file.open)
               for version in versions if version.file])


def erase(subject) -> int:
    return _mine(subject).update(created_by=None)


register_personal_data("agenda", label=_("Common agenda"), export=export, erase=erase)
