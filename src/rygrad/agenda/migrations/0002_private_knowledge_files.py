"""Knowledge base files move from `knowledge/<the uploader's name>` to
`<initiative id>/knowledge/<random hex><extension>`, and the uploader's name is kept in
`file_name` for the download. Old names told anyone who could fetch /media/ what to ask
for; the random ones do not.

Versions that share a file (a version without a new file keeps the previous one's) keep
sharing it. A record whose file is missing from the storage (a database restored without
its media folder) keeps its name; its download answers 404, as before. The old files are
deleted only once the migration has committed, so a failed run leaves them where they were.
"""

import re
import uuid
from pathlib import PurePosixPath

from django.db import migrations, models, transaction

import rygrad.agenda.models

PRIVATE_NAME = re.compile(r"\d+/knowledge/[0-9a-f]{32}(\.[a-z0-9]{1,8})?")


def _private_name(initiative_id, old_name: str) -> str:
    extension = PurePosixPath(old_name).suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", extension):
        extension = ""
    return f"{initiative_id}/knowledge/{uuid.uuid4().hex}{extension}"


def move_to_private_names(apps, schema_editor):
    KnowledgeVersion = apps.get_model("agenda", "KnowledgeVersion")
    storage = KnowledgeVersion._meta.get_field("file").storage
    moved: dict[tuple[int, str], str | None] = {}
    for version in KnowledgeVersion.objects.exclude(file="").order_by("pk").iterator():
        old = version.file.name
        if PRIVATE_NAME.fullmatch(old):
            continue
        key = (version.initiative_id, old)
        if key not in moved:
            moved[key] = None
            if storage.exists(old):
                with storage.open(old, "rb") as source:
                    moved[key] = storage.save(_private_name(version.initiative_id, old),
                                              source)
        version.file_name = version.file_name or PurePosixPath(old).name[:255]
        version.file = moved[key] or old
        version.save(update_fields=["file", "file_name"])
    copied = sorted({old for (_initiative, old), new in moved.items() if new})

    def delete_old_files():
        for name in copied:
            storage.delete(name)

    transaction.on_commit(delete_old_files, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("agenda", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="knowledgeversion",
            name="file_name",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="file name",
                help_text="The name the file had when it was uploaded; downloads get this name.",
            ),
        ),
        migrations.AlterField(
            model_name="knowledgeversion",
            name="file",
            field=models.FileField(blank=True, upload_to=rygrad.agenda.models.knowledge_upload_to,
                                   verbose_name="file"),
        ),
        # Going back leaves the files under their private names; the old code serves them.
        migrations.RunPython(move_to_private_names, migrations.RunPython.noop),
    ]
