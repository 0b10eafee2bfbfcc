"""The backup archive: a tar file of members (`database/…`, `media/…`, `survey/…`) and a
manifest (`manifest.json`, the last member) that records the sha256 and size of every
other member.

An archive is written under a temporary name in the target's folder and renamed into
place only when it is complete, so a failed backup leaves no half archive. Reading one
checks every member against the manifest before anything is restored from it.

The checksums find an archive that was damaged or changed after it was written; they are
not a signature (whoever can change a member can change the manifest too), so backups
are kept where only the operator can write.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import tarfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .errors import BackupError

MANIFEST = "manifest.json"
FORMAT = 1  # the layout of the archive and the manifest; raised when either changes
CHUNK = 1024 * 1024
SECTIONS = ("database", "media", "survey")


def os_error_message(error: OSError, path: Path | str) -> str:
    """An operating-system error in words an operator can act on."""
    if error.errno == errno.ENOSPC:
        return f"The disk holding {path} is full."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path} cannot be written (permission denied or a read-only disk)."
    if error.errno == errno.ENOENT:
        return f"{path} does not exist."
    return f"{path}: {error.strerror or error}."


class _Hashing:
    """A file wrapper that hashes and counts the bytes tarfile reads through it."""

    def __init__(self, source: BinaryIO):
        self.source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Adds members to an open tar file and records their checksums for the manifest."""

    def __init__(self, tar: tarfile.TarFile):
        self.tar = tar
        self.members: dict[str, dict] = {}

    def add(self, name: str, source: BinaryIO, size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        info.mtime = int(time.time())
        hashing = _Hashing(source)
        self.tar.addfile(info, hashing)
        if hashing.size != size:  # tarfile pads a short file with nothing: check ourselves
            raise BackupError(f"{name} changed while it was being copied; run the backup "
                              "again.")
        self.members[name] = {"sha256": hashing.sha256.hexdigest(), "size": size}

    def add_file(self, name: str, path: Path) -> None:
        with path.open("rb") as source:
            self.add(name, source, os.fstat(source.fileno()).st_size)

    def finish(self, manifest: dict) -> None:
        data = json.dumps({**manifest, "members": self.members}, indent=2,
                          sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mode = 0o600
        info.mtime = int(time.time())
        self.tar.addfile(info, io.BytesIO(data))


@contextmanager
def archive_writing(target: Path) -> Iterator[ArchiveWriter]:
    """Write an archive to `target` atomically: under a temporary name beside it, flushed
    to disk, then renamed. On any error the temporary file is removed and `target` is
    left as it was (absent)."""
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    try:
        with partial.open("xb") as raw:
            with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                yield ArchiveWriter(tar)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(os_error_message(error, error.filename or target.parent)
                          + " No backup was written.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (not path.is_absolute() and ".." not in path.parts and len(path.parts) >= 2
            and path.parts[0] in SECTIONS)


def archive_open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:*")
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise BackupError(f"{path} is a folder, not a backup archive.") from None
    except OSError as error:
        raise BackupError(os_error_message(error, path)) from None
    except tarfile.TarError:
        raise BackupError(f"{path} is not a backup archive of Rygrad (not a tar file).") \
            from None


def archive_verify(path: Path) -> dict:
    """Read the archive's manifest and check every member against it; return the
    manifest. Refuses (BackupError naming the member) an archive with a member whose
    checksum or size differs, a member the manifest does not list or one it lists that
    is missing, and a member that is not a plain file with a plain relative name."""
    with archive_open(path) as tar:
        try:
            manifest_member = tar.getmember(MANIFEST)
            manifest = json.loads(tar.extractfile(manifest_member).read())
        except KeyError:
            raise BackupError(f"{path} is not a backup archive of Rygrad: it has no "
                              f"{MANIFEST}.") from None
        except (ValueError, AttributeError, tarfile.TarError, OSError):
            raise BackupError(f"The {MANIFEST} of {path} cannot be read: the archive is "
                              "damaged.") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{path} was written in a backup format this version of "
                              f"Rygrad does not read (format {manifest.get('format')!r}, "
                              f"expected {FORMAT}).")
        expected: dict = manifest.get("members") or {}
        seen = set()
        try:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(f"The archive holds {member.name!r}, which is not a "
                                      "file a backup of Rygrad writes; nothing was restored.")
                if member.name not in expected:
                    raise BackupError(f"{member.name} is in the archive but not in its "
                                      "manifest: the archive was changed; nothing was "
                                      "restored.")
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                if (digest.hexdigest() != expected[member.name]["sha256"]
                        or member.size != expected[member.name]["size"]):
                    raise BackupError(f"The checksum of {member.name} differs from the "
                                      "manifest: the archive is damaged or was changed; "
                                      "nothing was restored.")
                seen.add(member.name)
        except (tarfile.TarError, OSError, EOFError):
            raise BackupError(f"{path} is damaged (it ends in the middle of a member); "
                              "nothing was restored.") from None
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"{missing[0]} is listed in the manifest but missing from the "
                              "archive; nothing was restored.")
    return manifest
