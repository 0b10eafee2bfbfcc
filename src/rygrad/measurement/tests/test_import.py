"""Importing survey files: CSV, Excel and Parquet; every problem named by row and column;
all or nothing; asking before replacing a wave's answers."""

import io

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from rygrad.measurement.models import Response, Wave
from rygrad.measurement.packing import unpack
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import WaveHasResponses, survey_import
from rygrad.measurement.survey_file import SurveyFileError

from .factories import InitiativeFactory, instrument

HEADER = "school,grade,gender,s1,s2,s3,a1,a2\n"
GOOD = HEADER + "Egelund Skole,5,pige,1,2,3,4,5\nBakkely Skole,6,dreng,5,,1,,2\n"


@pytest.fixture
def setup(db):
    initiative = InitiativeFactory()
    return initiative, instrument(initiative)


def _import(setup, tmp_path, content, name="survey.csv", **kwargs):
    initiative, inst = setup
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return survey_import(initiative=initiative, instrument=inst, year=2019, path=path,
                         filename=name, **kwargs, by=installation_actor(initiative))


def _problems(setup, tmp_path, content, name="survey.csv"):
    with pytest.raises(SurveyFileError) as caught:
        _import(setup, tmp_path, content, name)
    assert Response.objects.count() == 0
    return [str(p) for p in caught.value.problems]


def test_a_csv_is_imported_with_its_values_as_given(setup, tmp_path):
    """Given a CSV with two pupils, one with unanswered items, when imported, then two rows
    hold the school, grade and gender as given and the answers with gaps."""
    result = _import(setup, tmp_path, GOOD)
    assert result.created == 2
    rows = list(Response.objects.order_by("school").values_list("school", "grade", "gender",
                                                                "answers"))
    assert [r[:3] for r in rows] == [("Bakkely Skole", 6, "dreng"), ("Egelund Skole", 5, "pige")]
    assert unpack([rows[0][3]], 5).tolist() == [[5, -1, 1, -1, 2]]
    assert Wave.objects.get().response_count == 2


def test_an_excel_file_and_a_parquet_file_are_read_the_same_way(setup, tmp_path):
    """Given the same answers as .xlsx and as .parquet, when imported in turn, then both
    give the same stored answers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["school", "grade", "gender", "s1", "s2", "s3", "a1", "a2"])
    sheet.append(["Egelund Skole", 5, "pige", 1, 2, 3, 4, 5])
    sheet.append(["Bakkely Skole", 6, "dreng", 5, None, 1, None, 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    _import(setup, tmp_path, buffer.getvalue(), name="survey.xlsx")
    from_excel = sorted(Response.objects.values_list("school", "grade", "answers"))
    table = pa.table({"school": ["Egelund Skole", "Bakkely Skole"], "grade": [5, 6],
                      "gender": ["pige", "dreng"], "s1": [1.0, 5.0], "s2": [2, None],
                      "s3": [3, 1], "a1": [4, None], "a2": [5, 2]})
    pq.write_table(table, tmp_path / "survey.parquet")
    _import(setup, tmp_path, (tmp_path / "survey.parquet").read_bytes(),
            name="survey.parquet", replace=True)
    assert sorted(Response.objects.values_list("school", "grade", "answers")) == from_excel


def test_a_value_outside_the_scale_is_named_by_row_and_column(setup, tmp_path):
    """Given a 7 on a 1-5 scale in row 3, column s2, when imported, then the message names
    row 3 and s2, and nothing is written."""
    problems = _problems(setup, tmp_path, HEADER + "A,5,pige,1,2,3,4,5\nB,6,dreng,5,7,1,2,2\n")
    assert len(problems) == 1
    assert "Row 3" in problems[0] and "s2" in problems[0] and "7" in problems[0]


def test_wrong_and_missing_columns_are_named(setup, tmp_path):
    """Given a file with an unknown column q99 and without a2, when imported, then both
    columns are named and nothing is written."""
    problems = _problems(setup, tmp_path,
                         "school,grade,gender,s1,s2,s3,a1,q99\nA,5,pige,1,2,3,4,5\n")
    assert any("q99" in p and "unknown" in p for p in problems)
    assert any("a2" in p and "missing" in p for p in problems)


def test_every_bad_row_is_listed_not_just_the_first(setup, tmp_path):
    """Given a bad grade, an empty school and a text answer, when imported, then all three
    are listed in row order."""
    problems = _problems(setup, tmp_path, HEADER + "A,x,pige,1,2,3,4,5\n,5,pige,1,2,3,4,5\n"
                                                   "B,5,pige,1,ja,3,4,5\n")
    assert [p.split(",")[0] for p in problems] == ["Row 2", "Row 3", "Row 4"]
    assert "grade" in problems[0] and "school" in problems[1] and "s2" in problems[2]


def test_an_empty_file_is_refused(setup, tmp_path):
    """Given an empty file and a file with only a header, when imported, then each is
    refused with a clear message."""
    assert _problems(setup, tmp_path, b"") == ["The file is empty."]
    assert _problems(setup, tmp_path, HEADER) == ["The file has no rows of answers."]


def test_an_excel_file_with_two_sheets_is_refused(setup, tmp_path):
    """Given a workbook with two sheets, when imported, then it is refused saying so."""
    workbook = Workbook()
    workbook.create_sheet("Other")
    buffer = io.BytesIO()
    workbook.save(buffer)
    problems = _problems(setup, tmp_path, buffer.getvalue(), name="survey.xlsx")
    assert "2 sheets" in problems[0]


def test_a_one_gigabyte_file_is_refused_before_it_is_read(setup, tmp_path):
    """Given a sparse 1 GB file (no disk used), when imported, then it is refused by its
    size alone."""
    initiative, inst = setup
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(1024 ** 3)
    with pytest.raises(SurveyFileError) as caught:
        survey_import(initiative=initiative, instrument=inst, year=2019, path=path,
                      filename="huge.csv", by=installation_actor(initiative))
    assert "too large" in str(caught.value.problems[0])
    assert Response.objects.count() == 0


def test_a_file_that_is_not_what_its_name_says_is_refused(setup, tmp_path):
    """Given CSV text named .xlsx and invalid UTF-8 in a CSV, when imported, then each is
    refused with a message instead of a stack trace."""
    assert "cannot be read" in _problems(setup, tmp_path, GOOD, name="survey.xlsx")[0]
    assert "cannot be read" in _problems(setup, tmp_path, HEADER.encode() + b"\xff\xfe,5\n")[0]


def test_reimporting_asks_before_replacing_and_a_bad_file_changes_nothing(setup, tmp_path):
    """Given a wave with two answers, when the same wave is imported again without
    replace, then it is refused; when a broken file is imported with replace, then the
    two answers stay; with replace and a good file they are replaced."""
    _import(setup, tmp_path, GOOD)
    with pytest.raises(WaveHasResponses) as caught:
        _import(setup, tmp_path, GOOD)
    assert caught.value.count == 2
    with pytest.raises(SurveyFileError):
        _import(setup, tmp_path, HEADER + "A,5,pige,9,2,3,4,5\n", replace=True)
    assert Response.objects.count() == 2
    result = _import(setup, tmp_path, HEADER + "A,5,pige,1,2,3,4,5\n", replace=True)
    assert (result.created, result.replaced) == (1, 2)
    assert Response.objects.count() == 1


def test_the_cli_imports_and_refuses_a_replacement_without_replace(setup, tmp_path):
    """Given the CLI, when a file is imported twice, then the second run stops and tells how
    to replace; with --replace it replaces."""
    initiative, inst = setup
    path = tmp_path / "survey.csv"
    path.write_text(GOOD, encoding="utf-8")
    args = [str(path), "--initiative", initiative.slug, "--instrument", inst.slug,
            "--year", "2019"]
    out = io.StringIO()
    call_command("import_survey", *args, stdout=out)
    assert "Imported 2 responses" in out.getvalue()
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_survey", *args)
    call_command("import_survey", *args, "--replace", stdout=out)
    assert "replaced 2" in out.getvalue()
    path.write_text(HEADER + "A,5,pige,1,2,3,4,\nA,5,pige,1,2,3,4,6\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Row 3, column “a2”"):
        call_command("import_survey", *args, "--replace")
    assert Response.objects.count() == 2


def test_a_large_import_is_written_in_bulk(setup, tmp_path, django_assert_max_num_queries):
    """Given 5,000 pupils, when imported, then a handful of queries write them all (no
    save per row)."""
    rng = np.random.default_rng(1)
    lines = [HEADER.strip()] + [
        f"S{i % 7},{5 + i % 3},pige," + ",".join(str(v) for v in rng.integers(1, 6, 5))
        for i in range(5000)]
    with django_assert_max_num_queries(20):
        result = _import(setup, tmp_path, "\n".join(lines) + "\n")
    assert result.created == 5000
