"""The alliance import refuses files built to exhaust a worker or break the parser, with a
message on the page, and writes nothing; imports running at once do not collide."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation

from rygrad.alliance.importing import alliance_import
from rygrad.alliance.models import Organisation
from rygrad.core.tests import spreadsheets
from rygrad.initiatives.tests.factories import InitiativeFactory

from .test_import import ORGANISATIONS, csv_bytes

HEADER = ["name", "sector", "parent"]


def _post(client, world, upload):
    url = reverse("alliance:import", kwargs={"slug": world.initiative.slug})
    return client.post(url, {"file": upload, "kind": ""}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize(("build", "message"), [
    (lambda: spreadsheets.sparse_bomb(HEADER, declared=True), "RYGRAD_IMPORT_MAX_ROWS"),
    (lambda: spreadsheets.sparse_bomb(HEADER, declared=False), "RYGRAD_IMPORT_MAX_ROWS"),
    (lambda: spreadsheets.lying_bomb(HEADER), "RYGRAD_IMPORT_MAX_ROWS"),
    (lambda: spreadsheets.with_doctype(HEADER), "DOCTYPE"),
], ids=["declared bomb", "undeclared bomb", "lying bomb", "doctype"])
def test_a_crafted_excel_file_is_refused_on_the_import_page(build, message, world, client_as):
    """Given a 1.5 KB .xlsx with a cell at XFD1048576 (or a DOCTYPE), when the secretariat
    uploads it, then the page names the limit (or the DOCTYPE) and nothing is imported."""
    response = _post(client_as("secretariat"), world, SimpleUploadedFile("bomb.xlsx", build()))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_million_column_csv_is_refused_on_the_import_page(world, client_as):
    """Given a 2 MB CSV with a million columns, when uploaded, then the page names row 1
    and the column limit."""
    data = b"name,sector," + b"x," * 1_000_000 + b"\nSkolen,school\n"
    response = _post(client_as("secretariat"), world, SimpleUploadedFile("wide.csv", data))
    assert "Row 1 has 1000003 columns" in response.content.decode()
    assert "RYGRAD_IMPORT_MAX_COLUMNS" in response.content.decode()


def test_an_oversized_upload_is_refused_before_it_is_read(world, client_as, settings,
                                                          monkeypatch):
    """Given an upload above RYGRAD_IMPORT_MAX_BYTES, when posted, then the form says it is
    too large (naming the limit) and the import never reads it."""
    settings.RYGRAD_IMPORT_MAX_BYTES = 10_000
    monkeypatch.setattr("rygrad.alliance.views.registry.alliance_import",
                        lambda **kwargs: pytest.fail("the upload was imported"))
    upload = SimpleUploadedFile("big.csv", csv_bytes(ORGANISATIONS) + b"\n" + b"x" * 20_000)
    response = _post(client_as("secretariat"), world, upload)
    assert response.status_code == 200
    assert "RYGRAD_IMPORT_MAX_BYTES" in str(response.context["form"].errors["file"])


def test_a_nul_character_is_refused_naming_row_and_column(world):
    """Given a CSV with a NUL character in a name (PostgreSQL cannot store it), when
    imported, then the problem names row 3, column name (in its text and as its row and
    column, as every other problem), and nothing is written."""
    data = b"name,sector\nSkolen,school\nBold\x00klub,association\n"
    with translation.override("en"):
        result = alliance_import(initiative=world.initiative, data=data, filename="o.csv")
        assert "Row 3, column “name”" in str(result.problems[0])
    assert [(p.row, p.column) for p in result.problems] == [(3, "name")]
    assert not Organisation.objects.exists()


def _postgres_or_skip():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; set DATABASE_URL to run this")


@pytest.mark.django_db(transaction=True)
def test_five_identical_imports_at_once_create_each_organisation_once():
    """Given five secretariat members importing the same file at the same moment (on
    PostgreSQL), when the imports run, then each succeeds or explains itself, none fails
    with a database error, and every organisation exists exactly once."""
    _postgres_or_skip()
    initiative = InitiativeFactory()
    data = csv_bytes(ORGANISATIONS)
    start = threading.Barrier(5)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(alliance_import(initiative=initiative, data=data,
                                           filename="o.csv"))
        except Exception as error:  # noqa: BLE001 (the test reports it)
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(result.ok for result in results)
    assert sorted(r.created for r in results) == [0, 0, 0, 0, 4]
    names = list(Organisation.objects.filter(initiative=initiative)
                 .values_list("name", flat=True))
    assert sorted(names) == sorted(row[0] for row in ORGANISATIONS[1:])
