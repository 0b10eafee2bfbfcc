"""Files attached to catalogue entries: taken by their content, not their name; a
disguised file, an HTML page, an SVG with script and an oversized file are refused with a
clear message and nothing saved; what is taken is served only as a download, to those who
may open the entry, and its downloads are counted without anything about who."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image

from rygrad.communication import selectors
from rygrad.communication.models import Resource, ResourceAttachment, ResourceUse
from rygrad.communication.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n"
       b"%%EOF\n")
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
       b'<rect width="4" height="4"/></svg>')


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("Trivselsøvelser til indskolingen")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kameraet"
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def desk(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.users["secretariat"])
    return client


def _create(client, upload):
    return client.post(reverse("communication:resource_create", kwargs={"slug": "egelund"}), {
        "kind": "method", "title": "Legende læring", "description": "Leg i skolen",
        "setting": "school", "age_band": "all", "is_published": "on", "attachment": upload})


def _download_url(attachment):
    return reverse("communication:attachment_download", kwargs={
        "slug": "egelund", "pk": attachment.resource_id, "file_pk": attachment.pk})


@pytest.mark.parametrize("name, content", [
    ("plan.pdf", HTML),            # an HTML page disguised as a PDF
    ("side.html", HTML),           # an HTML page as itself
    ("logo.png", SVG),             # an SVG with script, disguised as an image
    ("logo.svg", SVG),
    ("arkiv.docx", b"PK\x03\x04" + b"\x00" * 40),  # a ZIP that is no Word document
    ("noter.txt", b"Bare tekst"),
])
def test_a_file_that_is_not_a_known_type_by_its_content_is_refused(desk, name, content):
    """Given a file whose content is not a PDF, office document or raster image, whatever
    it is called, when it is attached to a new entry, then the form names the field and
    says why, and neither the entry nor a file is saved."""
    response = _create(desk, SimpleUploadedFile(name, content, "application/pdf"))
    assert response.status_code == 200
    errors = response.context["form"].errors["attachment"]
    assert f"“{name}”" in errors[0], "the message names the file refused"
    assert not Resource.objects.exists() and not ResourceAttachment.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_read(desk, settings):
    """Given a limit of 1 KB, when a 2 KB PDF is attached, then the form says the file is
    too large, and nothing is saved."""
    settings.RYGRAD_ATTACHMENT_MAX_BYTES = 1024
    response = _create(desk, SimpleUploadedFile("stor.pdf", PDF + b"0" * 2048))
    error = response.context["form"].errors["attachment"][0]
    assert "RYGRAD_ATTACHMENT_MAX_BYTES" in error and "2,1" in error.replace(".", ",")
    assert not Resource.objects.exists()


def test_a_pdf_named_html_is_served_as_a_pdf_download_only(desk, client, world):
    """Given a real PDF uploaded as 'guide.html', when it is downloaded, then it is
    named 'guide.pdf', typed application/pdf, sent as an attachment that the browser may
    not sniff, and its bytes are those uploaded."""
    assert _create(desk, SimpleUploadedFile("guide.html", PDF, "text/html")).status_code == 302
    attachment = ResourceAttachment.objects.get()
    assert attachment.name == "guide.pdf" and attachment.kind == "pdf"
    assert not attachment.file.name.endswith(".html")
    desk.logout()
    response = client.get(_download_url(attachment))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "guide.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_word_document_and_a_photo_are_taken_and_the_photo_loses_its_exif(desk):
    """Given a Word document and a photo with camera data, when each is attached, then
    both are kept with their types; the stored photo no longer holds the camera data."""
    _create(desk, SimpleUploadedFile("øvelser.docx", _docx()))
    resource = Resource.objects.get()
    desk.post(reverse("communication:resource_edit", kwargs={"slug": "egelund",
                                                             "pk": resource.pk}), {
        "kind": "method", "title": "Legende læring", "description": "Leg i skolen",
        "setting": "school", "age_band": "all", "is_published": "on",
        "attachment": SimpleUploadedFile("foto.jpeg", _jpeg_with_exif())})
    kinds = dict(ResourceAttachment.objects.values_list("name", "kind"))
    assert kinds == {"øvelser.docx": "docx", "foto.jpg": "jpg"}
    photo = ResourceAttachment.objects.get(kind="jpg")
    assert b"Kameraet" not in photo.file.read()


def test_downloads_are_counted_without_the_downloader(desk, client, world):
    """Given an entry with a file, when the public downloads it twice, then the day's
    download count is two, no cookie is set, and the catalogue-use signal counts them;
    the secretariat's own download is not counted."""
    _create(desk, SimpleUploadedFile("plan.pdf", PDF))
    attachment = ResourceAttachment.objects.get()
    desk.get(_download_url(attachment))
    desk.logout()
    for _ in range(2):
        response = client.get(_download_url(attachment))
        assert response.status_code == 200
        assert not response.cookies
    use = ResourceUse.objects.get()
    assert (use.downloads, use.views) == (2, 0)
    assert selectors.catalogue_use(initiative=world.initiative, at=use.on) == 2


def test_the_file_of_a_draft_entry_is_not_public(desk, client, world):
    """Given a file on an entry that is a draft, when the public asks for it, then it
    does not exist for them; the secretariat can still download it."""
    _create(desk, SimpleUploadedFile("plan.pdf", PDF))
    attachment = ResourceAttachment.objects.get()
    Resource.objects.update(is_published=False)
    assert desk.get(_download_url(attachment)).status_code == 200
    desk.logout()
    assert client.get(_download_url(attachment)).status_code == 404


def test_removing_a_file_deletes_it(desk, world, django_capture_on_commit_callbacks):
    """Given an entry with a file, when the secretariat removes it, then the record and
    the stored file are gone."""
    _create(desk, SimpleUploadedFile("plan.pdf", PDF))
    attachment = ResourceAttachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(reverse("communication:attachment_remove", kwargs={
            "slug": "egelund", "pk": attachment.resource_id, "file_pk": attachment.pk}))
    assert not ResourceAttachment.objects.exists()
    assert not storage.exists(name)


def test_a_file_belongs_to_its_entry(desk, client, world):
    """Given a file of one entry, when it is asked for under another entry's address,
    then it is not found."""
    _create(desk, SimpleUploadedFile("plan.pdf", PDF))
    attachment = ResourceAttachment.objects.get()
    other = ResourceFactory(initiative=world.initiative)
    assert client.get(reverse("communication:attachment_download", kwargs={
        "slug": "egelund", "pk": other.pk, "file_pk": attachment.pk})).status_code == 404


def test_a_zip_bomb_is_refused_without_unpacking_it(desk, monkeypatch):
    """Given a 100 KB archive whose "mimetype" part unpacks to 100 MB of spaces and a
    type, the upload is refused as no document type, reading only a line of the part and
    saving nothing."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b" " * 100_000_000 + b"application/pdf")
    assert len(out.getvalue()) < 200_000
    read = []
    original = zipfile.ZipExtFile.read

    def counted(self, n=-1):
        data = original(self, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    response = _create(desk, SimpleUploadedFile("bombe.odt", out.getvalue()))
    assert response.status_code == 200 and "attachment" in response.context["form"].errors
    assert sum(read) <= 1_000
    assert not ResourceAttachment.objects.exists()
