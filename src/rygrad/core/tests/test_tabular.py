"""Reading uploaded spreadsheets: row numbers as the person sees them, clear file errors."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from rygrad.core.tabular import Limits, Problem, SpreadsheetError, csv_header, read_sheet


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _xlsx(sheets):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_rows_are_numbered_from_two_and_blank_lines_skipped():
    sheet = read_sheet(b"name;sector\nSkolen;school\n\nKlubben;association\n", "a.csv")
    assert sheet.header == ["name", "sector"]
    assert sheet.rows[0] == (2, {"name": "Skolen", "sector": "school"})
    assert sheet.rows[1][1]["name"] == "Klubben"


def test_excel_numbers_come_back_as_text_without_decimals():
    data = _xlsx({"Ark1": [["school", "grade"], ["Bakkely", 5]]})
    assert read_sheet(data, "x.xlsx").rows == [(2, {"school": "Bakkely", "grade": "5"})]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "empty"),
        (b"\n\n", "a.csv", "empty"),
        (b"a,b", "a.pdf", ".csv or .xlsx"),
        (b"\xff\xfe\x00a", "a.csv", "UTF-8"),
        (b"not a zip", "a.xlsx", "cannot be read"),
        (b"a,a\n1,2", "a.csv", "same column name twice"),
    ],
)
def test_broken_files_give_a_clear_message(data, name, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_sheet(data, name)


def test_an_excel_file_with_two_sheets_is_refused():
    data = _xlsx({"A": [["name"]], "B": [["name"]]})
    with pytest.raises(SpreadsheetError, match="2 sheets"):
        read_sheet(data, "x.xlsx")


def test_too_large_file_is_refused_before_reading():
    with pytest.raises(SpreadsheetError, match="too large"):
        read_sheet(b"x" * 2_000_001, "a.csv", max_bytes=2_000_000)


def test_problem_names_row_and_column():
    assert str(Problem(4, "sector", "unknown")) == "Row 4, column “sector”: unknown"


def test_problem_is_worded_in_danish_for_danish_users():
    with translation.override("da"):
        assert str(Problem(4, "sector", "ukendt")).startswith("Række 4")


def test_a_csv_that_is_not_utf8_is_refused_naming_its_row():
    """Given a CSV saved in Latin-1 whose third row has an ø, when read, then the refusal
    names row 3 and says to save it as CSV UTF-8 (as the survey import does)."""
    data = b"name\nSkolen\n" + "Bøgely\n".encode("latin-1")
    with pytest.raises(SpreadsheetError) as refused:
        read_sheet(data, "a.csv")
    assert refused.value.problem.row == 3
    assert str(refused.value).startswith("Row 3:") and "CSV UTF-8" in str(refused.value)


@pytest.mark.parametrize(("header", "delimiter", "width"), [
    (b"skole;klassetrin;k\xc3\xb8n\r\n1;2;3\n", ";", 3),
    (b"name,sector\n", ",", 2),
    (b"a,b;c\n", ",", 2),
])
def test_the_header_line_gives_the_delimiter_and_the_width(header, delimiter, width):
    """Given a header with semicolons (Danish Excel), commas, or a tie broken toward the
    comma, when its line is read, then the delimiter and the number of columns follow
    from it, and the names are the header's cells."""
    found = csv_header(io.BytesIO(header), limits=Limits(
        max_bytes=10**6, max_rows=10, max_columns=10, max_unpacked_bytes=10**6))
    assert (found.delimiter, found.width) == (delimiter, width)
    assert len(found.names()) == width

