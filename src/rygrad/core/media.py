"""Private media: uploaded files leave the server only through a view that has asked the
permission chain, never from a public URL (docs/deploy.md, "Uploaded files").

Files are stored under unguessable names; the person's own file name is kept on the record
and given back in the download's Content-Disposition. By default Django streams the file
itself. Behind nginx or Apache the web server can do that instead: the view still decides,
then hands over with `X-Accel-Redirect` (`MEDIA_ACCEL_REDIRECT`, the prefix of an nginx
`internal` location) or `X-Sendfile` (`MEDIA_SENDFILE`), and sends no body of its own.
"""

from __future__ import annotations

import mimetypes
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

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


def private_file_response(*, file: FieldFile, filename: str) -> HttpResponse:
    """Send a stored file as a download named `filename`, to be called only after the
    permission check. The browser must neither guess its type (it could be HTML written
    by someone else) nor let a shared cache keep it."""
    if not file:
        raise Http404
    download_name = clean_file_name(filename or file.name)
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=_content_type(file.name))
        response["X-Accel-Redirect"] = (settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/"
                                        + quote(file.name.lstrip("/")))
    elif settings.MEDIA_SENDFILE:
        response = HttpResponse(content_type=_content_type(file.name))
        response["X-Sendfile"] = file.storage.path(file.name)
    else:
        try:
            handle = file.storage.open(file.name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=_content_type(file.name))
    response["Content-Disposition"] = content_disposition_header(True, download_name)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
