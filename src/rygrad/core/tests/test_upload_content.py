"""Every upload is checked by what it is, not what it is called (core.uploads): a page
renamed .png, an SVG, a PDF called .png, a file too large — each refused with a message
naming the field. And nothing uploaded is ever served as a page: only a raster image (by
its bytes) is shown in place, everything else is an attachment, and a browser may never
guess the type."""

from __future__ import annotations

import importlib
import io
import zipfile

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from rygrad.core import uploads
from rygrad.core.forms import UploadField
from rygrad.core.media import private_file_response

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _image(format_: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(out, format_)
    return out.getvalue()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


SAMPLES = {
    "pdf": b"%PDF-1.7\n1 0 obj<<>>endobj\n",
    "docx": _docx(),
    "xlsx": _xlsx(),
    "odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                 "content.xml": b"<office:document-content/>"}),
    "jpeg": _image("JPEG"),
    "png": _image("PNG"),
    "webp": _image("WEBP"),
    "gif": _image("GIF"),
    "parquet": b"PAR1" + b"\x00" * 20 + b"PAR1",
    "text": "Skole;Klasse\nEgelund Skole;7.a\nÆblehaven;8.b\n".encode(),
}


def _upload(name: str, content: bytes, content_type: str = "image/png"):
    # The browser's content type is whatever the uploader says: here always a lie.
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Reading the kind from the bytes ------------------------------------------------------


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_each_kind_is_read_from_its_bytes_whatever_the_file_is_called(key):
    """Given a file of each kind, named "upload.bin" and sent as image/png, when it is
    sniffed, then its kind is read from its content."""
    assert uploads.sniff(_upload("upload.bin", SAMPLES[key])).key == key


@pytest.mark.parametrize("content", [
    HTML, SVG, b"  \n<html><p>hej</p></html>", b"<?xml version='1.0'?><x/>",
    b"\xef\xbb\xbf<!doctype html><title>x</title>", b"<!-- comment --><div>x</div>",
    "<html><script>x</script></html>".encode("utf-16"),
    b"Referat\n\nfra m\xc3\xb8det <script src=//evil.example/x.js></script>",
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", b"\x7fELF\x02\x01\x01",
    _zip({"index.html": HTML}), b"",
], ids=["html", "svg", "html-after-space", "xml", "bom-doctype", "comment", "utf16-html",
        "script-in-text", "windows-program", "linux-program", "zip-of-html", "empty"])
def test_markup_programs_and_unknown_archives_are_no_kind(content):
    """Given pages, SVG, XML (also after a byte-order mark, spaces or in UTF-16), a text
    with a script tag, programs, a ZIP that is no office document and an empty file, when
    each is sniffed, then it is no kind Rygrad takes."""
    assert uploads.sniff(_upload("x.txt", content)) is None


def test_danish_text_in_windows_encoding_is_text():
    """Given a note saved by Notepad in Windows-1252 (æ, ø, å as single bytes), when it is
    sniffed, then it is text, as the same note in UTF-8 is."""
    note = "Møde på Æblehaven".encode("cp1252")
    assert uploads.sniff(_upload("note.txt", note)).key == "text"


# --- Refusals name the field ---------------------------------------------------------------


def _check(upload, kinds=("jpeg", "png"), max_bytes=1_000_000):
    return uploads.check_upload(upload, field="image", label="Billede", kinds=kinds,
                                max_bytes=max_bytes)


@pytest.mark.parametrize("name, content, says", [
    ("foto.png", HTML, "en webside, en SVG eller anden opmærkning"),
    ("logo.png", SVG, "en webside, en SVG eller anden opmærkning"),
    ("foto.png", SAMPLES["pdf"], "er PDF ifølge indholdet (indholdet blev kontrolleret"),
    ("foto.png", b"MZ\x90\x00program", "af en type, Rygrad ikke tager"),
], ids=["html-as-png", "svg-as-png", "pdf-as-png", "program-as-png"])
def test_a_file_that_is_not_what_the_field_takes_is_refused_naming_the_field(
        name, content, says):
    """Given an image field, when a page, an SVG, a PDF or a program named .png arrives
    (sent as image/png), then it is refused on that field, naming it and saying what the
    content is, and which kinds it takes."""
    with pytest.raises(ValidationError) as error:
        _check(_upload(name, content))
    message = " ".join(error.value.message_dict["image"])
    assert message.startswith("Billede:")
    assert says in message and "JPEG, PNG" in message


def test_a_file_named_as_another_kind_is_refused():
    """Given a real PNG named foto.jpg, when the image field (JPEG or PNG) checks it, then
    it is refused: the name must end as the content's files do."""
    with pytest.raises(ValidationError) as error:
        _check(_upload("foto.jpg", SAMPLES["png"]))
    assert "navnet ender ikke på .png" in " ".join(error.value.message_dict["image"])
    assert _check(_upload("foto.PNG", SAMPLES["png"])).key == "png"


def test_a_file_too_large_is_refused_by_its_size_before_its_content():
    """Given a file a byte larger than the limit, when checked, then it is refused naming
    the field and both sizes, in the person's language."""
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _check(_upload("foto.png", SAMPLES["png"]), max_bytes=len(SAMPLES["png"]) - 1)
    message = error.value.message_dict["image"][0]
    assert message.startswith("Billede: the file is too large")


class ImportForm(forms.Form):
    file = UploadField(label="Regneark", max_bytes_setting="RYGRAD_IMPORT_MAX_BYTES")
    typed = UploadField(label="Tabel", required=False, kinds=("text", "xlsx"),
                        max_bytes_setting="RYGRAD_IMPORT_MAX_BYTES")


@pytest.mark.parametrize("name, content", [("data.csv", HTML), ("data.xlsx", SVG),
                                           ("data.json", b"<html>{}</html>")])
def test_an_upload_field_without_kinds_still_refuses_markup(name, content):
    """Given an upload field that names no kinds (an import reads its own formats), when a
    page or an SVG arrives under a spreadsheet's name, then the field refuses it, naming
    itself."""
    form = ImportForm(files={"file": _upload(name, content)})
    assert not form.is_valid()
    assert form.errors["file"][0].startswith("Regneark: “" + name + "” er en webside")


def test_an_upload_field_with_kinds_takes_those_only():
    """Given an upload field for CSV and Excel, when a CSV, an Excel file and a PDF named
    .csv arrive, then the two are taken (at their start, ready to read) and the PDF is
    refused on the field."""
    for name, key in [("tal.csv", "text"), ("tal.xlsx", "xlsx")]:
        form = ImportForm(files={"file": _upload(name, SAMPLES[key]),
                                 "typed": _upload(name, SAMPLES[key])})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["typed"].read() == SAMPLES[key]
    form = ImportForm(files={"file": _upload("tal.csv", SAMPLES["text"]),
                             "typed": _upload("tal.csv", SAMPLES["pdf"])})
    assert not form.is_valid()
    assert form.errors["typed"][0].startswith("Tabel: “tal.csv” er PDF")


# --- Every upload in the project goes through the checker ------------------------------------

# Plain FileFields on forms whose service checks the upload by content (and how).
CHECKED_BY_THE_SERVICE = {
    "rygrad.agenda.forms.KnowledgeForm.file": "agenda.services.validate_knowledge_file",
    "rygrad.communication.forms.NewsForm.image": "communication.images.prepare_image",
}
# File fields of models and what fills them.
MODEL_FILES = {
    "agenda.KnowledgeVersion.file": "KnowledgeForm.file",
    "communication.NewsPost.image": "NewsForm.image",
    "communication.ResourceAttachment.file": "ResourceForm.attachment (prepare_attachment)",
    "evaluation.ReportJob.file": "written by the server (the learning report), not uploaded",
}


def _form_file_fields():
    for app in settings.RYGRAD_APPS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__):
                for name, field in value.base_fields.items():
                    if isinstance(field, forms.FileField):
                        yield f"{module.__name__}.{value.__name__}.{name}", field


def test_every_upload_field_of_the_project_is_checked_by_content():
    """Given every form of every app, when their file fields are listed, then each is an
    UploadField (checked by size and content) or one whose service checks the content
    (each listed here and tested below); and every file field of a model is filled by one
    of them or by the server itself."""
    plain = {name for name, field in _form_file_fields() if not isinstance(field, UploadField)}
    assert plain == set(CHECKED_BY_THE_SERVICE), plain ^ set(CHECKED_BY_THE_SERVICE)
    model_files = {f"{model._meta.label}.{field.name}" for model in apps.get_models()
                   for field in model._meta.get_fields() if isinstance(field, models.FileField)
                   and model._meta.app_config.name in settings.RYGRAD_APPS}
    assert model_files == set(MODEL_FILES)


@pytest.fixture
def secretariat(client, world):
    client.force_login(world.users["secretariat"])
    return client


@pytest.mark.parametrize("name, content", [("rapport.pdf", HTML), ("rapport.txt", SVG),
                                           ("rapport.odt", _zip({"index.html": HTML}))])
def test_the_knowledge_base_refuses_a_page_by_any_name(secretariat, world, name, content):
    """Given the knowledge base's form, when a page, an SVG or a ZIP of a page is
    uploaded under a document's name, then the form comes back with the refusal beside
    the file field and no document is made."""
    from rygrad.agenda.models import KnowledgeDocument

    response = secretariat.post(
        reverse("agenda:knowledge_create", kwargs={"slug": world.initiative.slug}),
        {"title": "Notat", "body": "", "sources": "", "change_note": "",
         "file": _upload(name, content, "application/pdf")})
    assert response.status_code == 200
    assert "ifølge indholdet" in " ".join(response.context["form"].errors["file"])
    assert not KnowledgeDocument.objects.exists()


@pytest.mark.parametrize("name, content", [("foto.png", HTML), ("logo.png", SVG)])
def test_news_refuses_a_page_or_an_svg_named_as_an_image(secretariat, world, name, content):
    """Given the news form, when a page or an SVG named .png is given as the image, then
    the post is not saved and the refusal stands on the image field."""
    from rygrad.communication.models import NewsPost

    response = secretariat.post(
        reverse("communication:news_create", kwargs={"slug": world.initiative.slug}),
        {"title": "Læseheste", "body": "Tekst", "image_alt": "x",
         "image": _upload(name, content)})
    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    assert not NewsPost.objects.exists()


def test_the_alliance_import_refuses_a_page_named_as_a_spreadsheet(secretariat, world):
    """Given the alliance registry's import, when a page named .xlsx is uploaded, then the
    form refuses it on its file field, naming the field."""
    response = secretariat.post(
        reverse("alliance:import", kwargs={"slug": world.initiative.slug}),
        {"kind": "", "file": _upload("medlemmer.xlsx", HTML)})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "Regneark" in errors and "webside" in errors


# --- Serving: never as a page ----------------------------------------------------------------


def _stored(name: str, content: bytes) -> FieldFile:
    """A file as it lies in the storage (possibly from before these checks existed)."""
    from rygrad.agenda.models import KnowledgeVersion

    stored = default_storage.save(f"test/{name}", ContentFile(content))
    return FieldFile(None, KnowledgeVersion._meta.get_field("file"), stored)


def _served(name, content, download_name=None):
    return private_file_response(file=_stored(name, content), filename=download_name or name)


@pytest.mark.parametrize("key", ["jpeg", "png", "webp", "gif"])
def test_a_raster_image_is_shown_in_place_under_its_own_type(key):
    """Given a stored JPEG, PNG, WebP or GIF, when it is served, then it is inline, under
    the type its bytes say, not sniffable, and sandboxed."""
    response = _served(f"billede.{key}", SAMPLES[key])
    assert response["Content-Type"] == uploads.KINDS[key].content_type
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name, content", [
    ("side.html", HTML), ("side.png", HTML), ("logo.svg", SVG), ("logo.png", SVG),
    ("data.xml", b"<?xml version='1.0'?><x/>"), ("ukendt.png", b"\x00\x01binary"),
], ids=["html", "html-as-png", "svg", "svg-as-png", "xml", "unknown-as-png"])
def test_markup_in_the_storage_is_only_ever_a_download_of_bytes(name, content):
    """Given a page, an SVG, XML or unknown bytes lying in the storage under any name (put
    there before uploads were checked, or by a restore), when it is served, then it is an
    attachment of application/octet-stream, not sniffable, sandboxed — never inline and
    never under a type a browser runs or the name claims."""
    response = _served(name, content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("key", ["pdf", "docx", "xlsx", "odt", "text"])
def test_a_document_is_an_attachment_under_the_type_of_its_bytes(key):
    """Given a stored PDF, Word, Excel, OpenDocument or text file named "fil.png", when it
    is served, then it is an attachment under the type its content says (text as UTF-8
    plain text), whatever its name says."""
    response = _served("fil.png", SAMPLES[key], download_name="fil.png")
    assert response["Content-Disposition"].startswith("attachment;")
    expected = uploads.KINDS[key].content_type
    assert response["Content-Type"] == (f"{expected}; charset=utf-8" if key == "text"
                                        else expected)


def test_a_script_is_served_as_plain_text_to_save():
    """Given a script stored as script.js, when it is served, then it is an attachment of
    plain text, which a browser with nosniff never runs as a script."""
    response = _served("script.js", b"alert(document.cookie)")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_behind_nginx_an_image_and_a_page_get_the_same_headers(settings):
    """Given MEDIA_ACCEL_REDIRECT (nginx sends the bytes), when an image and a page are
    served, then the view still sets the type, the disposition and nosniff it would set
    itself (nginx keeps them)."""
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    image, page = _served("a.png", SAMPLES["png"]), _served("b.png", HTML)
    assert image.content == page.content == b""
    assert image["Content-Type"] == "image/png" and image["Content-Disposition"].startswith(
        "inline;")
    assert page["Content-Type"] == "application/octet-stream"
    assert page["Content-Disposition"].startswith("attachment;")
