"""Attachments of catalogue entries: a file is taken only when its content is one of the
known document or image types, whatever it is called, and never larger than
RYGRAD_ATTACHMENT_MAX_BYTES. HTML, SVG, scripts and anything unrecognised are refused, so
nothing a user uploads can later run in a browser. Images are drawn anew (no EXIF, no
trailing data). The stored file gets a random name with the extension of the type found;
the person's own name is kept for the download, with that extension."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from rygrad.core.media import clean_file_name
from rygrad.core.uploads import sniff

from . import images

# The biggest side an attached image keeps: large enough to print, small enough to mail.
IMAGE_MAX_SIDE = 3000

ACCEPTED = "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), OpenDocument, JPEG, PNG, WebP"


@dataclass(frozen=True)
class Prepared:
    file: ContentFile
    name: str
    kind: str
    size: int


def _refuse(message: str):
    raise ValidationError({"attachment": message})


# The kinds of file the catalogue takes (core.uploads reads each from its content).
ATTACHMENT_KINDS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "jpeg", "png", "webp"}


def detect_kind(upload) -> str | None:
    """The type of an upload by its content (core.uploads.sniff): an extension such as
    "pdf", "image" for a raster image (drawn anew before it is kept), or None when it is
    not a type taken."""
    kind = sniff(upload)
    if kind is None or kind.key not in ATTACHMENT_KINDS:
        return None
    return "image" if kind.inline else kind.key


def _download_name(original: str, extension: str) -> str:
    """The person's name for the file, ending in the extension of what it really is."""
    name = PurePosixPath(clean_file_name(original))
    stem = name.stem if name.suffix else name.name
    return clean_file_name(f"{stem or 'file'}.{extension}")


def prepare_attachment(upload) -> Prepared:
    """The upload checked and ready to store, or a ValidationError naming the field."""
    limit = int(settings.RYGRAD_ATTACHMENT_MAX_BYTES)
    if upload.size > limit:
        _refuse(_("The file is too large (%(size)s; at most %(max)s).")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)})
    kind = detect_kind(upload)
    if kind is None:
        _refuse(_("“%(name)s” is not a file type the catalogue takes (its content was "
                  "checked, not its name). Attach one of: %(types)s.")
                % {"name": clean_file_name(upload.name), "types": ACCEPTED})
    if kind == "image":
        try:
            clean = images.prepare_image(upload, max_side=IMAGE_MAX_SIDE)
        except ValidationError as error:
            _refuse(" ".join(error.messages))
        extension = PurePosixPath(clean.name).suffix.lstrip(".")
        return Prepared(file=clean, name=_download_name(upload.name, extension),
                        kind=extension, size=clean.size)
    upload.seek(0)
    content = ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.{kind}")
    return Prepared(file=content, name=_download_name(upload.name, kind), kind=kind,
                    size=content.size)
