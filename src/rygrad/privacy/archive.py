"""Zip files made safely: the personal data export and the retention archive.

Every name inside a zip is built here from parts that are cleaned first (`clean_name`):
no directory parts, no `..`, no leading dot, no control or reserved characters, a bounded
length, and never the same name twice — so an uploaded file called
`../../etc/passwd` or `C:\\evil.bat` lands as `files/agenda/passwd` or `evil.bat`, never
outside the folder it is unpacked in.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import get_valid_filename

MAX_NAME = 120
CHUNK = 1 << 20


def clean_name(name: str, *, fallback: str = "file") -> str:
    """One safe path part from any text: the last part of a path (either slash), in NFC,
    without control characters, reserved characters or a leading dot; at most MAX_NAME
    characters, the extension kept."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "", name).strip().lstrip(".")
    try:
        name = get_valid_filename(name)
    except Exception:  # noqa: BLE001  (Django refuses "" and "..": use the fallback)
        name = ""
    if not name or set(name) <= {".", "_"}:
        name = fallback
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        extension = extension[:12] if dot else ""
        name = (stem if dot else name)[: MAX_NAME - len(extension) - 1] + (
            f".{extension}" if extension else "")
    return name


class ZipNames:
    """Hands out member names under a folder, each used once ("a.pdf", "a-2.pdf", …)."""

    def __init__(self):
        self._used: set[str] = set()

    def take(self, *parts: str) -> str:
        folder = "/".join(clean_name(part) for part in parts[:-1])
        name = clean_name(parts[-1])
        stem, dot, extension = name.rpartition(".")
        if not dot:
            stem, extension = name, ""
        candidate, number = name, 1
        while f"{folder}/{candidate}".lower() in self._used:
            number += 1
            candidate = f"{stem}-{number}" + (f".{extension}" if extension else "")
        path = f"{folder}/{candidate}" if folder else candidate
        self._used.add(path.lower())
        return path


def copy_into(archive: zipfile.ZipFile, member: str, source) -> None:
    """Copy an open binary file into the zip in chunks (never whole into memory)."""
    with source, archive.open(member, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            target.write(chunk)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Archive:
    path: Path
    checksum: str
    count: int


class ArchiveError(Exception):
    """The archive could not be written or did not read back as written."""


def archive_write(*, directory: Path, name: str, manifest: dict, rows: Iterable[dict],
                  files=()) -> Archive:
    """Write `records.jsonl` (one JSON object a line), `manifest.json` and the files into
    `directory/name` (a new file: written under a temporary name, flushed to disk and
    renamed), and its SHA-256 beside it in `name.sha256`. Any failure raises OSError or
    ArchiveError and leaves no archive behind."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / clean_name(name)
    if final.exists():
        raise ArchiveError(f"{final} exists already")
    partial = directory / f".{final.name}.{uuid.uuid4().hex}.partial"
    count = 0
    names = ZipNames()
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED,
                             allowZip64=True) as archive:
            with archive.open("records.jsonl", "w", force_zip64=True) as target:
                for row in rows:
                    target.write(json.dumps(row, ensure_ascii=False, default=str).encode())
                    target.write(b"\n")
                    count += 1
            written = []
            for held in files:
                member = names.take("files", held.name)
                copy_into(archive, member, held.open())
                written.append(member)
            archive.writestr("manifest.json", json.dumps(
                {**manifest, "count": count, "files": written}, ensure_ascii=False,
                indent=2, default=str))
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        checksum = sha256_of(partial)
        os.replace(partial, final)
        (directory / f"{final.name}.sha256").write_text(f"{checksum}  {final.name}\n")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Archive(path=final, checksum=checksum, count=count)


def archive_verify(archive: Archive) -> None:
    """Read the archive back from disk: its checksum, every member's CRC, and that it
    holds `count` records that parse — or raise ArchiveError."""
    if sha256_of(archive.path) != archive.checksum:
        raise ArchiveError(f"{archive.path.name}: the checksum does not match")
    with zipfile.ZipFile(archive.path) as opened:
        bad = opened.testzip()
        if bad is not None:
            raise ArchiveError(f"{archive.path.name}: {bad} is damaged")
        manifest = json.loads(opened.read("manifest.json"))
        with opened.open("records.jsonl") as records:
            count = sum(1 for line in records if json.loads(line) is not None)
    if count != archive.count or manifest.get("count") != archive.count:
        raise ArchiveError(f"{archive.path.name}: {count} records read back, "
                           f"{archive.count} written")
