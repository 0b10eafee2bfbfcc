"""An instrument's JSON that the checks or the database cannot take (nested 100,000 deep,
a NUL character, a file larger than a form may be) gets a message on the form, never a 500,
and nothing is stored."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rygrad.measurement.models import Instrument

from .factories import definition


def _post(client_as, world, data):
    url = reverse("measurement:instrument_create", kwargs={"slug": world.initiative.slug})
    return client_as("secretariat").post(url, data)


def _errors(response) -> str:
    assert response.status_code == 200
    assert not Instrument.objects.exists()
    return " ".join(str(e) for e in response.context["form"].errors.values())


@pytest.mark.parametrize("field", ["definition", "json_file"])
def test_json_nested_100000_deep_is_refused_with_a_message(field, client_as, world):
    """Given a definition that is 100,000 arrays inside each other (the parser recurses),
    when it is pasted or uploaded, then the form says it is nested too deeply."""
    raw = "[" * 100_000 + "]" * 100_000
    data = {"definition": raw} if field == "definition" else {
        "json_file": SimpleUploadedFile("deep.json", raw.encode())}
    assert "nested more than 20 levels" in _errors(_post(client_as, world, data))


def test_json_nested_deeper_than_an_instrument_needs_is_refused(client_as, world):
    """Given a valid instrument with a 500-deep value in it (parseable, but more than the
    checks and the database should walk), when posted, then it is refused."""
    spec = definition()
    spec["note"] = json.loads("[" * 500 + "]" * 500)
    assert "nested more than" in _errors(_post(client_as, world,
                                               {"definition": json.dumps(spec)}))


@pytest.mark.parametrize("where", ["value", "key"])
def test_a_nul_character_in_the_json_is_refused(where, client_as, world):
    """Given an otherwise valid instrument whose item text (or a key) holds \\u0000, which
    PostgreSQL's jsonb cannot store, when uploaded, then the form says so."""
    spec = definition()
    if where == "value":
        spec["items"][0]["text"]["da"] = "Spørgsmål\u0000"
    else:
        spec["items"][0]["x\u0000"] = 1
    upload = SimpleUploadedFile("i.json", json.dumps(spec).encode())
    assert "NUL character" in _errors(_post(client_as, world, {"json_file": upload}))


def test_a_json_file_larger_than_a_form_may_be_is_refused_unread(client_as, world, settings):
    """Given a JSON file above DATA_UPLOAD_MAX_MEMORY_SIZE, when uploaded, then the form
    names the limit."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    upload = SimpleUploadedFile("i.json", json.dumps(definition()).encode() + b" " * 20_000)
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in _errors(_post(client_as, world,
                                                          {"json_file": upload}))


def test_a_plain_instrument_still_loads(client_as, world):
    """Given the ordinary test instrument, when uploaded, then it is stored (the limits do
    not refuse what an instrument is)."""
    upload = SimpleUploadedFile("i.json", json.dumps(definition()).encode())
    response = _post(client_as, world, {"json_file": upload})
    assert response.status_code == 302
    assert Instrument.objects.count() == 1


@pytest.mark.parametrize(("raw", "danish"), [
    ('{"slug" "trivsel"}', "der mangler et kolon"),
    ('{"slug": "trivsel",}', "der mangler et navn i dobbelte anførselstegn"),
    ('{"slug": "trivsel"} ekstra', "der står mere efter definitionens slutning"),
])
def test_a_json_slip_is_explained_in_the_users_language(raw, danish, client, world):
    """Given a definition with a typing slip, when a Danish secretariat pastes it, then the
    form names the line and column and says what is wrong in Danish — not the parser's
    English ("Expecting ':' delimiter")."""
    client.force_login(world.users["secretariat"])
    url = reverse("measurement:instrument_create", kwargs={"slug": world.initiative.slug})
    response = client.post(url, {"definition": raw}, HTTP_ACCEPT_LANGUAGE="da")
    errors = _errors(response)
    assert danish in errors
    assert "linje 1" in errors
    assert "Expecting" not in errors and "Extra data" not in errors
