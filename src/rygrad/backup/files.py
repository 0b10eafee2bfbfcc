"""The files of a backup: everything in the default storage (uploads, report files,
attachments: read and written through Django's storage API, so another storage backend
works too) and the survey folder (the Parquet snapshots and releases measurement keeps
outside the database; a release is only there)."""

from __future__ import annotations

import os
import posixpath
import shutil
import tarfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage

from .archive import ArchiveWriter
from .errors import BackupError

MEDIA = "media/"
SURVEY = "survey/"


def storage_files(storage: Storage = default_storage, folder: str = "") -> list[str]:
    """Every file in the storage, by name, in a fixed order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet: the folder was never made
        return []
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names += storage_files(storage, posixpath.join(folder, sub))
    return sorted(names)


def media_add(writer: ArchiveWriter, storage: Storage = default_storage) -> int:
    names = storage_files(storage)
    for name in names:
        with storage.open(name, "rb") as source:
            writer.add(MEDIA + name, source, storage.size(name))
    return len(names)


def media_restore(tar: tarfile.TarFile, manifest: dict,
                  storage: Storage = default_storage) -> tuple[int, int]:
    """Make the storage hold exactly the backup's files: each written under its own name,
    and the files uploaded since the backup (which no restored row names) removed.
    Returns (files written, files removed)."""
    names = sorted(name.removeprefix(MEDIA) for name in manifest["members"]
                   if name.startswith(MEDIA))
    keep = set(names)
    removed = [name for name in storage_files(storage) if name not in keep]
    for name in removed:
        storage.delete(name)
    for name in names:
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, File(tar.extractfile(MEDIA + name), name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}; the restored rows "
                              f"name {name}.")
    return len(names), len(removed)


def survey_dir() -> Path:
    """The survey folder (setting RYGRAD_SURVEY_DIR, default VAR_DIR/survey), read the way
    measurement's snapshots read it: this app works on the folder, not on the capability."""
    return Path(getattr(settings, "RYGRAD_SURVEY_DIR", settings.VAR_DIR / "survey"))


def _unfinished(name: str) -> bool:
    """A file or folder measurement is still writing (renamed into place when done)."""
    return name.endswith(".partial")


def survey_files(directory: Path | None = None) -> list[Path]:
    directory = directory or survey_dir()
    found = []
    for root, folders, files in os.walk(directory):
        folders[:] = sorted(name for name in folders if not _unfinished(name))
        found += [Path(root, name) for name in sorted(files) if not _unfinished(name)]
    return found


def survey_add(writer: ArchiveWriter) -> int:
    directory = survey_dir()
    added = 0
    for path in survey_files(directory):
        try:
            writer.add_file(SURVEY + path.relative_to(directory).as_posix(), path)
        except FileNotFoundError:
            # A draft snapshot swept away since the folder was listed: it is rebuilt from
            # the database on the next read, and no row of the backup names it.
            continue
        added += 1
    return added


def survey_stage(tar: tarfile.TarFile, manifest: dict) -> Path:
    """Unpack the backup's survey folder beside the live one (same disk), so that putting
    it in place is a rename that cannot run out of space half-way."""
    directory = survey_dir()
    staged = directory.with_name(f".{directory.name}.restore-{uuid.uuid4().hex}")
    staged.mkdir(parents=True)
    try:
        for name in sorted(manifest["members"]):
            if not name.startswith(SURVEY):
                continue
            target = staged / name.removeprefix(SURVEY)
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(name) as source, target.open("xb") as copy:
                shutil.copyfileobj(source, copy)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def survey_swap(staged: Path) -> None:
    """Put the staged survey folder in the live one's place and remove the old one."""
    directory = survey_dir()
    old = directory.with_name(f".{directory.name}.replaced-{uuid.uuid4().hex}")
    if directory.exists():
        directory.rename(old)
    staged.rename(directory)
    shutil.rmtree(old, ignore_errors=True)
