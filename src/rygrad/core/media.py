"""Private media: uploaded files leave the server only through a view that has asked the
permission chain, never from a public URL (docs/deploy.md, "Uploaded files").

Files are stored under unguessable names; the person's own file name is kept on the record
and given back in the download's Content-Disposition. Only a raster image, by its bytes,
is shown in place; every other file is a download, and never under a type a browser runs.
By default Django streams the file itself. Behind nginx or Apache the web server can do
that instead: the view still decides, then hands over with `X-Accel-Redirect`
(`MEDIA_ACCEL_REDIRECT`, the prefix of an nginx `internal` location) or `X-Sendfile`
(`MEDIA_SENDFILE`), and sends no body of its own.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from . import uploads

# Room for the name in a Content-Disposition header and in a CharField(max_length=255).
MAX_NAME_LENGTH = 200


def clean_file_name(name: str) -> str:
    """The last part of an uploaded file's name, without control characters (a line break
    would make the download header invalid) and shortened to MAX_NAME_LENGTH, keeping the
    extension: what the person called the file, safe to hand back in a header."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if len(base) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(base).suffix[:16]
        base = base[:MAX_NAME_LENGTH - len(suffix)] + suffix
    return base or "file"


# Types a browser would run as a page or a script if it ever rendered them: such a file
# (an HTML report, say) is sent as bytes to save, never under its own type.
RUNNABLE_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
                  "application/xml", "text/javascript", "application/javascript",
                  "application/x-javascript", "text/xsl"}
# Whatever a browser does with a downloaded file, it may load nothing and run nothing.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


def private_file_response(*, file: FieldFile, filename: str) -> HttpResponse:
    """Send a stored file, to be called only after the permission check: a raster image
    (JPEG, PNG, WebP, GIF by its bytes, core.uploads) may be shown in place; anything else
    is a download (`attachment`) named `filename`, and anything a browser could run as a
    page or script (HTML, SVG, XML) goes as plain bytes. The browser must never guess the
    type (nosniff), and no shared cache may keep it."""
    if not file:
        raise Http404
    download_name = clean_file_name(filename or file.name)
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = uploads.sniff(handle)
    # The name is never trusted for the type: what the bytes are not known to be (a page,
    # an SVG, anything unknown) is sent as bytes to save.
    content_type = kind.content_type if kind else "application/octet-stream"
    if content_type in RUNNABLE_TYPES:
        content_type = "application/octet-stream"
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    if settings.MEDIA_ACCEL_REDIRECT:
        handle.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/"
                                        + quote(file.name.lstrip("/")))
    elif settings.MEDIA_SENDFILE:
        handle.close()
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = file.storage.path(file.name)
    else:
        response = FileResponse(handle, content_type=content_type)
    inline = kind is not None and kind.inline
    response["Content-Disposition"] = content_disposition_header(not inline, download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    patch_cache_control(response, private=True)
    return response
