"""Images in news: only real raster images are taken (JPEG, PNG or WebP, as Pillow reads
them, whatever the file is called), never larger than IMAGE_MAX_BYTES or
IMAGE_MAX_PIXELS; each is drawn anew at most IMAGE_MAX_SIDE pixels wide or high, so no
EXIF (camera, place, time), embedded script or trailing data of the upload survives.
An SVG is refused: it can carry script."""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 1200
FORMATS = {"JPEG", "PNG", "WEBP"}


def _refuse(message: str):
    raise ValidationError({"image": message})


def prepare_image(upload, *, max_side: int = IMAGE_MAX_SIDE) -> ContentFile:
    """The upload as a clean JPEG (or PNG, when it has transparency) under a new name, at
    most `max_side` pixels wide or high."""
    if upload.size > IMAGE_MAX_BYTES:
        _refuse(_("The image is too large (%(size)s; at most %(max)s).")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(IMAGE_MAX_BYTES)})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in FORMATS:
                _refuse(_("Only JPEG, PNG and WebP images can be used."))
            if probe.width * probe.height > IMAGE_MAX_PIXELS:
                _refuse(_("The image has too many pixels."))
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side))
            transparent = image.mode in ("RGBA", "LA", "P") and "transparency" in image.info \
                or image.mode in ("RGBA", "LA")
            out = io.BytesIO()
            if transparent:
                image.convert("RGBA").save(out, "PNG", optimize=True)
                extension = "png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
                extension = "jpg"
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        _refuse(_("The file is not an image that can be read (JPEG, PNG or WebP)."))
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
