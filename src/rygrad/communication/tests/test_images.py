"""Images in news: real raster images only, resized and stripped of EXIF, with alt text;
a non-image disguised as an image, an SVG with script and an oversized file are refused
with a clear message; nothing uploaded is served as HTML."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from rygrad.communication import images
from rygrad.communication.models import NewsPost

pytestmark = pytest.mark.django_db


def _jpeg_with_exif(width=2400, height=1800) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kameraet"  # Make
    exif[0x0131] = "Hemmelig software"  # Software
    out = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(out, "JPEG", exif=exif)
    return out.getvalue()


def _post(client, upload, alt="Børn læser med en læsehest"):
    return client.post(reverse("communication:news_create", kwargs={"slug": "egelund"}), {
        "title": "Læseheste", "body": "Tekst", "image": upload, "image_alt": alt})


@pytest.fixture
def desk(client, world):
    client.force_login(world.users["secretariat"])
    return client


def test_an_image_is_resized_and_loses_its_exif(desk, settings, tmp_path):
    """Given a 2400x1800 photo with camera data, when it is added to a post, then the
    stored image is at most 1200 pixels wide and has no EXIF; it is served as an image
    that the browser may not sniff as anything else."""
    settings.MEDIA_ROOT = tmp_path
    assert b"Kameraet" in _jpeg_with_exif()
    _post(desk, SimpleUploadedFile("foto.jpg", _jpeg_with_exif(), "image/jpeg"))
    post = NewsPost.objects.get()
    stored = post.image.read()
    assert b"Kameraet" not in stored and b"Hemmelig" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert max(image.size) == images.IMAGE_MAX_SIDE
        assert not image.getexif()
    response = desk.get(reverse("communication:news_image",
                                kwargs={"slug": "egelund", "pk": post.pk}))
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("side.jpg", b"<html><script>alert(1)</script></html>", "ikke et billede"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "ikke et billede"),
])
def test_a_file_that_is_not_a_raster_image_is_refused(desk, settings, tmp_path, name,
                                                      content, message):
    """Given HTML disguised as a JPEG, or an SVG with script, when it is uploaded, then it
    is refused with a message beside the image field and nothing is saved."""
    settings.MEDIA_ROOT = tmp_path
    response = _post(desk, SimpleUploadedFile(name, content, "image/jpeg"))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["image"])
    assert not NewsPost.objects.exists()


def test_an_oversized_image_is_refused(desk, settings, tmp_path, monkeypatch):
    """Given an image larger than the limit, when it is uploaded, then it is refused with
    a message naming its size and the limit."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(images, "IMAGE_MAX_BYTES", 1000)
    response = _post(desk, SimpleUploadedFile("stor.jpg", _jpeg_with_exif(), "image/jpeg"))
    assert "for stort" in str(response.context["form"].errors["image"])
    assert not NewsPost.objects.exists()


def test_an_image_needs_its_alt_text(desk, settings, tmp_path):
    """Given an image without a description, when the post is saved, then it is refused
    beside the alt text field."""
    settings.MEDIA_ROOT = tmp_path
    response = _post(desk, SimpleUploadedFile("foto.jpg", _jpeg_with_exif(), "image/jpeg"),
                     alt="")
    assert "image_alt" in response.context["form"].errors
    assert not NewsPost.objects.exists()
