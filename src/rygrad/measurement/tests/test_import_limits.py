"""Survey files built to exhaust a worker are refused before or early in reading, with a
message naming the limit; the survey's own limits stay large enough for a national year."""

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rygrad.core.tests import spreadsheets
from rygrad.measurement.models import Response
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import survey_import
from rygrad.measurement.survey_file import SurveyFileError

from .factories import InitiativeFactory, instrument

COLUMNS = ["school", "grade", "gender", "s1", "s2", "s3", "a1", "a2"]
HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture
def setup(db):
    initiative = InitiativeFactory()
    return initiative, instrument(initiative)




def _problems(setup, tmp_path, content: bytes, name: str) -> list[str]:
    initiative, inst = setup
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SurveyFileError) as caught:
        survey_import(initiative=initiative, instrument=inst, year=2019, path=path,
                      filename=name, by=installation_actor(initiative))
    assert Response.objects.count() == 0
    return [str(p) for p in caught.value.problems]


def test_a_sparse_excel_bomb_that_declares_its_size_is_refused_before_reading(
        setup, tmp_path, rows_read):
    """Given a 1.5 KB .xlsx whose dimension claims A1:XFD1048576, when imported, then it is
    refused for its width (more than RYGRAD_SURVEY_MAX_COLUMNS) before any row is read."""
    data = spreadsheets.sparse_bomb(COLUMNS, declared=True)
    assert len(data) < 2000
    problems = _problems(setup, tmp_path, data, "bomb.xlsx")
    assert "16384 columns" in problems[0] and "RYGRAD_SURVEY_MAX_COLUMNS" in problems[0]
    assert rows_read["rows"] == 0


@pytest.mark.parametrize("build", [
    lambda: spreadsheets.sparse_bomb(COLUMNS, declared=False),
    lambda: spreadsheets.lying_bomb(COLUMNS),
], ids=["no dimension", "lying dimension"])
def test_a_sparse_excel_bomb_that_hides_its_size_is_stopped_at_the_row_limit(
        build, setup, tmp_path, rows_read, settings):
    """Given the bomb without a dimension, or with one that lies, when imported with a row
    limit of 1,000, then reading stops at the first row past it."""
    settings.RYGRAD_SURVEY_MAX_ROWS = 1000
    problems = _problems(setup, tmp_path, build(), "bomb.xlsx")
    assert "more than 1000 rows" in problems[0] and "RYGRAD_SURVEY_MAX_ROWS" in problems[0]
    assert rows_read["rows"] <= 1002


def test_a_sparse_excel_bomb_is_refused_with_the_default_limits_too(setup, tmp_path,
                                                                    rows_read):
    """Given the bomb without a dimension and the default (large) survey limits, when
    imported, then it is refused at its one far cell, the last row Excel has."""
    problems = _problems(setup, tmp_path, spreadsheets.sparse_bomb(COLUMNS, declared=False),
                         "bomb.xlsx")
    assert "Row 1048576 has 16384 columns" in problems[0]
    assert rows_read["rows"] == 1_048_576


def test_an_excel_file_with_a_doctype_is_refused(setup, tmp_path):
    """Given an .xlsx whose XML declares a DOCTYPE with an external entity, when imported,
    then it is refused with a message instead of the XML parser's error."""
    problems = _problems(setup, tmp_path, spreadsheets.with_doctype(COLUMNS), "a.xlsx")
    assert "DOCTYPE" in problems[0]


def test_a_million_column_csv_is_refused_before_it_is_parsed(setup, tmp_path, monkeypatch):
    """Given a 2 MB CSV whose header has a million columns, when imported, then it is
    refused naming row 1 and RYGRAD_SURVEY_MAX_COLUMNS, and pyarrow never parses it."""
    monkeypatch.setattr(pa_csv, "open_csv", lambda *a, **k: pytest.fail("parsed"))
    problems = _problems(setup, tmp_path, b"a," * 1_000_000 + b"\n1\n", "wide.csv")
    assert problems[0].startswith("Row 1 has 1000001 columns; at most 1000 are read")
    assert "RYGRAD_SURVEY_MAX_COLUMNS" in problems[0]


def test_a_csv_of_blank_lines_is_stopped_at_the_row_limit(setup, tmp_path, settings):
    """Given a header and three million blank lines (3 MB, each a row to pyarrow), when
    imported with a row limit of 10,000, then it is refused for its rows."""
    settings.RYGRAD_SURVEY_MAX_ROWS = 10_000
    problems = _problems(setup, tmp_path, HEADER.encode() + b"\n" * 3_000_000, "blank.csv")
    assert "more than 10000 rows" in problems[0]


def test_a_parquet_file_is_refused_by_its_footer(setup, tmp_path, settings):
    """Given a Parquet file with more rows than the limit, when imported, then it is refused
    from its metadata."""
    settings.RYGRAD_SURVEY_MAX_ROWS = 10
    pq.write_table(pa.table({name: ["1"] * 11 for name in COLUMNS}), tmp_path / "p.parquet")
    problems = _problems(setup, tmp_path, (tmp_path / "p.parquet").read_bytes(), "p.parquet")
    assert "more than 10 rows" in problems[0]


def test_an_oversized_survey_upload_is_refused_before_it_is_read(client_as, world, settings,
                                                                 monkeypatch):
    """Given a survey upload above RYGRAD_SURVEY_MAX_UPLOAD_BYTES, when posted, then the
    form names the limit and the import service never sees the file."""
    settings.RYGRAD_SURVEY_MAX_UPLOAD_BYTES = 1000
    inst = instrument(world.initiative)
    monkeypatch.setattr("rygrad.measurement.services.survey_import",
                        lambda **kwargs: pytest.fail("the upload was imported"))
    response = client_as("secretariat").post(
        reverse("measurement:import", kwargs={"slug": world.initiative.slug}),
        {"instrument": inst.pk, "year": 2019,
         "file": SimpleUploadedFile("big.csv", HEADER.encode() + b"x" * 5000)})
    assert response.status_code == 200
    assert "RYGRAD_SURVEY_MAX_UPLOAD_BYTES" in response.content.decode()


def test_an_oversized_population_upload_is_refused_before_it_is_read(client_as, world,
                                                                     settings):
    """Given a population file above RYGRAD_IMPORT_MAX_BYTES, when uploaded to a wave,
    then the form names the limit and no population is saved."""
    from .factories import WaveFactory

    settings.RYGRAD_IMPORT_MAX_BYTES = 1000
    wave = WaveFactory(initiative=world.initiative)
    response = client_as("secretariat").post(
        reverse("measurement:wave_population", kwargs={"slug": world.initiative.slug,
                                                       "pk": wave.pk}),
        {"file": SimpleUploadedFile("p.csv", b"school,grade,pupils\n" + b"A,5,20\n" * 500)})
    assert response.status_code == 200
    assert "RYGRAD_IMPORT_MAX_BYTES" in response.content.decode()
    assert not wave.population.exists()


def test_a_population_file_with_a_doctype_is_refused_with_a_message(client_as, world):
    """Given a population .xlsx whose XML declares a DOCTYPE (the third importer), when
    uploaded, then the page says so and no population is saved."""
    from .factories import WaveFactory

    wave = WaveFactory(initiative=world.initiative)
    response = client_as("secretariat").post(
        reverse("measurement:wave_population", kwargs={"slug": world.initiative.slug,
                                                       "pk": wave.pk}),
        {"file": SimpleUploadedFile("p.xlsx", spreadsheets.with_doctype(
            ["school", "grade", "pupils"]))})
    assert response.status_code == 200
    assert "DOCTYPE" in response.content.decode()
    assert not wave.population.exists()
