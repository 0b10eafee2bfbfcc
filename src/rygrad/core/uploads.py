"""Uploads checked by what they are, not by what they are called: the one checker every
upload form and service uses (agenda's knowledge files, the catalogue's attachments, the
import forms through `core.forms.UploadField`), and the one the download view asks
(`core.media`) before it lets a browser show a file in place.

The type of a file is read from its bytes — its first bytes, and for a ZIP its parts —
never from its name or the content type the browser sent, both of which the uploader
chooses. A file must be of a kind the field takes, its name must end as that kind's
files do (a PDF called .png is refused as well as a page called .png), and it must not be
larger than the field's limit. Markup a browser would run (HTML, SVG, XML) is no kind at
all: it is refused by every field, text fields included.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Kind:
    """A type of file Rygrad takes, recognised by its content."""

    key: str
    label: str  # a name in every language ("PDF"), or a lazy translation
    content_type: str
    extensions: tuple[str, ...]
    # A raster image a browser may show in place (an <img>, or the file opened in a tab):
    # it cannot run script. Everything else is only ever downloaded.
    inline: bool = False


KINDS: dict[str, Kind] = {kind.key: kind for kind in [
    Kind("pdf", "PDF", "application/pdf", (".pdf",)),
    Kind("docx", "Word (DOCX)", "application/vnd.openxmlformats-officedocument."
         "wordprocessingml.document", (".docx",)),
    Kind("xlsx", "Excel (XLSX)", "application/vnd.openxmlformats-officedocument."
         "spreadsheetml.sheet", (".xlsx",)),
    Kind("pptx", "PowerPoint (PPTX)", "application/vnd.openxmlformats-officedocument."
         "presentationml.presentation", (".pptx",)),
    Kind("odt", "OpenDocument (ODT)", "application/vnd.oasis.opendocument.text", (".odt",)),
    Kind("ods", "OpenDocument (ODS)", "application/vnd.oasis.opendocument.spreadsheet",
         (".ods",)),
    Kind("odp", "OpenDocument (ODP)", "application/vnd.oasis.opendocument.presentation",
         (".odp",)),
    Kind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg"), inline=True),
    Kind("png", "PNG", "image/png", (".png",), inline=True),
    Kind("webp", "WebP", "image/webp", (".webp",), inline=True),
    Kind("gif", "GIF", "image/gif", (".gif",), inline=True),
    Kind("parquet", "Parquet", "application/vnd.apache.parquet", (".parquet",)),
    # Plain text (UTF-8, or Windows' Western European encoding) that is not markup.
    Kind("text", gettext_lazy("text"), "text/plain", (".txt", ".md", ".csv", ".tsv", ".json")),
]}

# A ZIP-based office document is recognised by the part only that format has.
_OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx",
                 "ppt/presentation.xml": "pptx"}
_OPEN_DOCUMENT = {b"application/vnd.oasis.opendocument.text": "odt",
                  b"application/vnd.oasis.opendocument.spreadsheet": "ods",
                  b"application/vnd.oasis.opendocument.presentation": "odp"}
MIMETYPE_BYTES = 100  # an OpenDocument's mimetype part is one short line
TEXT_SNIFF_BYTES = 64 * 1024

# What a browser takes for a page (the WHATWG MIME sniffing standard's HTML patterns, and
# SVG and XML, which run script too), at the start of the file; and tags that have no
# business in the first kilobyte of a text document anywhere.
_MARKUP_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p"
    rb"|svg|math|object|embed|\?xml|!--)(?:[\s>/]|$)", re.IGNORECASE)
_MARKUP_ANYWHERE = re.compile(rb"<(?:script|html|svg|iframe|!doctype)[\s>/]", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _read_head(file, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def looks_like_markup(head: bytes) -> bool:
    """Whether these first bytes are a page, an SVG or XML that a browser could run."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decode before looking
        text = text.decode("utf-16", errors="ignore").encode("utf-8").lstrip()
    return bool(_MARKUP_START.match(text) or _MARKUP_ANYWHERE.search(text[:1024]))


def _is_text(head: bytes) -> bool:
    if _CONTROL.search(head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not only a character cut off at the end
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def _zip_kind(file) -> str | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            for part, kind in _OFFICE_PARTS.items():
                if part in names and "[Content_Types].xml" in names:
                    return kind
            if "mimetype" in names:
                # Read at most a line of it: a small archive can unpack to gigabytes.
                with archive.open("mimetype") as part:
                    return _OPEN_DOCUMENT.get(part.read(MIMETYPE_BYTES).strip())
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    finally:
        file.seek(0)
    return None


def sniff(file) -> Kind | None:
    """The kind of a file by its content, or None when it is none Rygrad takes (markup,
    programs, archives, anything unknown). Leaves the file at its start."""
    head = _read_head(file, TEXT_SNIFF_BYTES)
    key = None
    if head.startswith(b"%PDF-"):
        key = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        key = _zip_kind(file)
    elif head.startswith(b"\xff\xd8\xff"):
        key = "jpeg"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        key = "png"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        key = "webp"
    elif head.startswith((b"GIF87a", b"GIF89a")):
        key = "gif"
    elif head.startswith(b"PAR1"):
        key = "parquet"
    elif head and not looks_like_markup(head) and _is_text(head):
        key = "text"
    return KINDS[key] if key else None


def kinds_text(keys: Iterable[str]) -> str:
    """The kinds a field takes, for its help text and its refusals."""
    return ", ".join(str(KINDS[key].label) for key in keys)


def check_upload(upload, *, field: str, label: str, kinds: Iterable[str],
                 max_bytes: int) -> Kind:
    """The kind of an upload that `field` (shown as `label`) takes, or a ValidationError
    on that field naming it and saying what is wrong: too large, not a kind it takes by its
    content (markup above all), or a name that does not end as that content's files do."""
    kinds = list(kinds)
    name = PurePosixPath(str(upload.name or "").replace("\\", "/")).name
    if upload.size > max_bytes:
        raise ValidationError({field: _(
            "%(field)s: the file is too large (%(size)s; at most %(max)s).") % {
                "field": label, "size": filesizeformat(upload.size),
                "max": filesizeformat(max_bytes)}}, code="too_large")
    kind = sniff(upload)
    if kind is None or kind.key not in kinds:
        what = _("a web page, an SVG or other markup") if looks_like_markup(
            _read_head(upload, TEXT_SNIFF_BYTES)) else (
            kind.label if kind else _("of a type Rygrad does not take"))
        raise ValidationError({field: _(
            "%(field)s: “%(name)s” is %(what)s by its content (the content was checked, "
            "not the name). Upload one of: %(types)s.") % {
                "field": label, "name": name, "what": what, "types": kinds_text(kinds)}},
            code="wrong_type")
    if PurePosixPath(name.lower()).suffix not in kind.extensions:
        raise ValidationError({field: _(
            "%(field)s: “%(name)s” is %(what)s by its content, but its name does not end "
            "in %(extensions)s. Give it the right name, or upload the file you meant.") % {
                "field": label, "name": name, "what": kind.label,
                "extensions": " / ".join(kind.extensions)}},
            code="wrong_name")
    return kind
