"""Survey imports take the Danish column names, and every problem is in the person's
language, naming row and column: no message of pyarrow or openpyxl reaches them, and no
value the database cannot store gets as far as the database."""

import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.utils import translation
from openpyxl import Workbook

from rygrad.measurement.models import Response
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import survey_import
from rygrad.measurement.survey_file import SurveyFileError

from .factories import InitiativeFactory, instrument

HEADER = "school,grade,gender,s1,s2,s3,a1,a2\n"
ROW = "Egelund Skole,5,pige,1,2,3,4,5\n"
# Words of the libraries' own messages that must never reach a person.
LIBRARY_WORDS = ("CSV parse error", "Expected", "ArrowInvalid", "straddl", "conversion",
                 "Traceback", "openpyxl", "pyarrow", "utf8", "ParseError", "not well-formed")


@pytest.fixture
def setup(db):
    initiative = InitiativeFactory()
    return initiative, instrument(initiative)


def _import(setup, tmp_path, content: bytes | str, name="survey.csv"):
    initiative, inst = setup
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return survey_import(initiative=initiative, instrument=inst, year=2019, path=path,
                         filename=name, by=installation_actor(initiative))


def _problems(setup, tmp_path, content, name="survey.csv", language="en") -> list[str]:
    with translation.override(language), pytest.raises(SurveyFileError) as caught:
        _import(setup, tmp_path, content, name)
    with translation.override(language):
        messages = [str(p) for p in caught.value.problems]
    assert Response.objects.count() == 0
    assert not [m for m in messages if any(word in m for word in LIBRARY_WORDS)], messages
    return messages


def test_the_danish_column_names_are_understood(setup, tmp_path):
    """Given a file with the columns skole, klassetrin and køn (any case), when imported,
    then it is read like one with school, grade and gender."""
    result = _import(setup, tmp_path, "Skole;Klassetrin;køn;s1;s2;s3;a1;a2\n"
                                      "Egelund Skole;5;pige;1;2;3;4;5\n")
    assert result.created == 1
    assert list(Response.objects.values_list("school", "grade", "gender")) == [
        ("Egelund Skole", 5, "pige")]


def test_a_missing_column_is_named_with_its_danish_name_too(setup, tmp_path):
    """Given a file without a school column, when imported in Danish, then the problem is
    in Danish and names skole as another name for it."""
    problems = _problems(setup, tmp_path, "klassetrin,køn,s1,s2,s3,a1,a2\n5,pige,1,2,3,4,5\n",
                         language="da")
    assert problems == ["Række 1, kolonne “school”: kolonnen mangler (den kan også hedde "
                        "“skole”)."]


def test_a_problem_names_the_column_as_the_file_calls_it(setup, tmp_path):
    """Given a Danish header and a bad grade, when imported, then the problem names the
    column klassetrin, as in the file."""
    problems = _problems(setup, tmp_path, "skole,klassetrin,køn,s1,s2,s3,a1,a2\n"
                                          "A,x,pige,1,2,3,4,5\n")
    assert problems[0].startswith("Row 2, column “klassetrin”:")


def test_a_row_with_too_many_cells_is_named_by_its_line(setup, tmp_path):
    """Given a CSV whose third row has a cell too many, when imported, then the message
    names row 3 and both counts (not pyarrow's "CSV parse error")."""
    problems = _problems(setup, tmp_path, HEADER + ROW + "B,6,dreng,1,2,3,4,5,6\n")
    assert problems == ["Row 3: the row has 9 cells but the header has 8."]


def test_a_row_with_too_many_cells_is_in_danish_for_danish_users(setup, tmp_path):
    problems = _problems(setup, tmp_path, HEADER + ROW + ROW + "B,6\n", language="da")
    assert problems[0].startswith("Række 4:")


def test_invalid_utf8_is_named_by_its_row(setup, tmp_path):
    """Given a CSV saved in Latin-1 with an ø in row 3, when imported, then the message
    names row 3 and says to save as CSV UTF-8."""
    content = (HEADER + ROW).encode() + "Bøgely Skole,5,pige,1,2,3,4,5\n".encode("latin-1")
    problems = _problems(setup, tmp_path, content)
    assert problems[0].startswith("Row 3:") and "UTF-8" in problems[0]


def test_an_unclosed_quote_is_named_by_its_row(setup, tmp_path):
    """Given a CSV whose row 3 opens a quote that never closes, when imported, then the
    message names row 3 (which reads as one long cell) in plain words."""
    content = HEADER + ROW + '"Bakkely,6,dreng,1,2,3,4,5\n' + ROW
    problems = _problems(setup, tmp_path, content)
    assert problems == ["Row 3: the row has 1 cells but the header has 8."]


def test_a_nul_character_is_refused_naming_row_and_column(setup, tmp_path):
    """Given a NUL character in a school name (PostgreSQL cannot store it), when imported,
    then the problem names the row and the column, and nothing is written."""
    problems = _problems(setup, tmp_path, HEADER + ROW + "Bakke\x00ly,6,dreng,1,2,3,4,5\n")
    assert problems == ["Row 3, column “school”: contains a NUL character, which cannot be "
                        "stored; remove it."]


def test_a_school_name_longer_than_the_database_holds_is_refused(setup, tmp_path):
    """Given a school name of 201 characters (the database holds 200), when imported, then
    the problem names the row and the column instead of the database failing."""
    problems = _problems(setup, tmp_path, HEADER + ROW + ("S" * 201) + ",6,dreng,1,2,3,4,5\n")
    assert problems == ["Row 3, column “school”: longer than 200 characters."]


def test_a_parquet_column_of_lists_is_named(setup, tmp_path):
    """Given a Parquet file whose s1 column holds lists, when imported, then the problem
    names the column (not pyarrow's "Unsupported cast")."""
    table = pa.table({"school": ["A"], "grade": [5], "gender": ["pige"], "s1": [[1, 2]],
                      "s2": [2], "s3": [3], "a1": [4], "a2": [5]})
    pq.write_table(table, tmp_path / "p.parquet")
    problems = _problems(setup, tmp_path, (tmp_path / "p.parquet").read_bytes(),
                         name="p.parquet")
    assert problems == ["Row 1, column “s1”: holds lists or records; a column holds text or "
                        "numbers."]


@pytest.mark.parametrize(("content", "name"), [
    (b"PAR1 not really parquet", "survey.parquet"),
    (b"PK\x03\x04 not really a zip", "survey.xlsx"),
    (HEADER.encode(), "survey.xlsx"),
])
def test_a_broken_file_gets_a_translated_message(content, name, setup, tmp_path):
    """Given files that are not what their names say, when imported in Danish, then each
    is refused with a Danish message."""
    problems = _problems(setup, tmp_path, content, name=name, language="da")
    assert "kan ikke læses" in problems[0]


def test_an_excel_header_with_the_danish_names_is_understood(setup, tmp_path):
    """Given an .xlsx with skole, klassetrin and køn, when imported, then it is read."""
    workbook = Workbook()
    workbook.active.append(["skole", "klassetrin", "køn", "s1", "s2", "s3", "a1", "a2"])
    workbook.active.append(["Egelund Skole", 5, "pige", 1, 2, 3, 4, 5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _import(setup, tmp_path, buffer.getvalue(), name="survey.xlsx").created == 1


def test_the_survey_reader_and_the_sheet_reader_read_a_header_alike(setup, tmp_path):
    """Given a semicolon header with Danish column names and a BOM (as Danish Excel saves
    CSV), when read by core.tabular.read_sheet and by the survey import, then both see the
    same columns: one delimiter rule for every upload."""
    from rygrad.core.tabular import read_sheet
    from rygrad.measurement.survey_file import _read_csv, survey_limits

    data = "\ufeffskole;klassetrin;køn\nA;5;pige\n".encode()
    path = tmp_path / "s.csv"
    path.write_bytes(data)
    assert read_sheet(data, "s.csv").header == _read_csv(path, survey_limits()).column_names
