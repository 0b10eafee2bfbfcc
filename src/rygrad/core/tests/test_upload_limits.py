"""Small files that would exhaust a worker are refused before (or at the start of) reading,
with a message naming the limit; broken files get a message, never a stack trace."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from rygrad.core import tabular
from rygrad.core.tabular import SpreadsheetError, read_sheet

from . import spreadsheets


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield




def test_a_sparse_bomb_that_declares_its_size_is_refused_before_any_row_is_read(rows_read):
    """Given a 1.5 KB .xlsx whose dimension says A1:XFD1048576, when it is read, then it is
    refused for its rows before openpyxl produces a single one."""
    data = spreadsheets.sparse_bomb(["name", "sector"], declared=True)
    assert len(data) < 2000
    with pytest.raises(SpreadsheetError, match="more than 50000 rows.*RYGRAD_IMPORT_MAX_ROWS"):
        read_sheet(data, "bomb.xlsx")
    assert rows_read["rows"] == 0


@pytest.mark.parametrize("build", [
    lambda: spreadsheets.sparse_bomb(["name", "sector"], declared=False),
    lambda: spreadsheets.lying_bomb(["name", "sector"]),
], ids=["no dimension", "lying dimension"])
def test_a_sparse_bomb_that_hides_its_size_is_stopped_at_the_row_limit(build, rows_read,
                                                                       settings):
    """Given the same bomb without a dimension, or with one that lies (A1:B2), when it is
    read, then reading stops at the first row past the row limit."""
    settings.RYGRAD_IMPORT_MAX_ROWS = 100
    with pytest.raises(SpreadsheetError, match="more than 100 rows"):
        read_sheet(build(), "bomb.xlsx")
    assert rows_read["rows"] <= 102


def test_a_row_wider_than_the_column_limit_stops_the_reader(rows_read):
    """Given a sheet whose second row has a cell at XFD2 (column 16,384), when it is read,
    then it is refused naming the row and the column limit, after two rows."""
    far = f'<row r="2">{spreadsheets.inline_cell("XFD2", "x")}</row>'
    data = spreadsheets.xlsx(spreadsheets.sheet_xml(
        spreadsheets.header_row(["name"]) + far + "".join(
            f'<row r="{n}">{spreadsheets.inline_cell(f"A{n}", "y")}</row>'
            for n in range(3, 500))))
    with pytest.raises(SpreadsheetError, match="Row 2 has 16384 columns; at most 100"):
        read_sheet(data, "wide.xlsx")
    assert rows_read["rows"] == 2


def test_a_million_column_csv_is_refused_before_it_is_parsed(monkeypatch):
    """Given a 2 MB CSV whose header has a million columns, when it is read, then it is
    refused naming row 1 and the column limit, without the CSV parser running."""
    monkeypatch.setattr(csv, "reader", lambda *a, **k: pytest.fail("the CSV was parsed"))
    data = b"a," * 1_000_000 + b"\n1\n"
    with pytest.raises(SpreadsheetError, match="Row 1 has 1000001 columns.*"
                                               "RYGRAD_IMPORT_MAX_COLUMNS"):
        read_sheet(data, "wide.csv")


def test_a_csv_row_with_too_many_cells_is_refused_by_its_row():
    """Given a small header and a data row of 5,000 cells, when read, then it is refused
    naming row 3."""
    data = b"name,sector\nSkolen,school\n" + b"x;" * 10 + b"," * 5000 + b"\n"
    with pytest.raises(SpreadsheetError, match="Row 3 has 5001 columns"):
        read_sheet(data, "a.csv")


def test_a_csv_with_more_rows_than_the_limit_is_refused(settings):
    settings.RYGRAD_IMPORT_MAX_ROWS = 3
    data = b"name\n" + b"x\n" * 4
    with pytest.raises(SpreadsheetError, match="more than 3 rows"):
        read_sheet(data, "a.csv")
    assert read_sheet(b"name\n" + b"x\n" * 3, "a.csv").rows[-1][0] == 4


def test_a_cell_longer_than_the_csv_field_limit_is_named_by_its_row():
    """Given a CSV with a 200 KB cell in row 3 (past Python's CSV field limit), when read,
    then the message names row 3 instead of a stack trace."""
    data = b"name\nSkolen\n\"" + b"x" * 200_000 + b"\"\n"
    with pytest.raises(SpreadsheetError, match="Row 3 cannot be read as CSV"):
        read_sheet(data, "a.csv")


def test_an_excel_file_with_a_doctype_is_refused():
    """Given an .xlsx whose sheet XML declares a DOCTYPE with an external entity, when read,
    then it is refused with a message (the XML parser never sees it)."""
    with pytest.raises(SpreadsheetError, match="DOCTYPE"):
        read_sheet(spreadsheets.with_doctype(["name", "sector"]), "a.xlsx")


def test_an_excel_file_that_unpacks_beyond_the_limit_is_refused():
    """Given an .xlsx whose sheet unpacks to 3 MB of blanks (a few KB packed), when read
    with a 1 MB unpacked limit, then it is refused before openpyxl parses it."""
    data = spreadsheets.xlsx(spreadsheets.sheet_xml(
        spreadsheets.header_row(["name"]) + " " * 3_000_000))
    assert len(data) < 20_000
    limits = tabular.Limits(max_bytes=1_000_000, max_rows=10, max_columns=10,
                    max_unpacked_bytes=1_000_000)
    with pytest.raises(SpreadsheetError, match="unpacks to more than"):
        read_sheet(data, "a.xlsx", limits=limits)


def test_a_zip_that_is_no_excel_file_is_refused_with_a_message():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hej")
    with pytest.raises(SpreadsheetError, match="cannot be read as an Excel"):
        read_sheet(buffer.getvalue(), "a.xlsx")


def test_a_nul_character_is_refused_naming_row_and_column():
    """Given a NUL character in a CSV cell (PostgreSQL cannot store one), when read, then
    the message names the row and the column."""
    with pytest.raises(SpreadsheetError, match="Row 2, column “name”: contains a NUL"):
        read_sheet(b"name,sector\nSko\x00len,school\n", "a.csv")


def test_a_nul_character_reference_in_excel_xml_gives_a_message():
    """Given an .xlsx whose cell holds &#0; (which XML forbids), when read, then the file
    is refused with a message instead of the XML parser's error."""
    data = spreadsheets.xlsx(spreadsheets.sheet_xml(
        spreadsheets.header_row(["name", "sector"])
        + f'<row r="2">{spreadsheets.inline_cell("A2", "Sko&#0;len")}</row>'))
    with pytest.raises(SpreadsheetError, match="cannot be read as an Excel"):
        read_sheet(data, "a.xlsx")


def test_rows_keep_their_numbers_after_a_blank_line():
    """Given a blank line in the middle of a CSV, when read, then the rows after it keep
    the number the spreadsheet shows."""
    sheet = read_sheet(b"name\nA\n\nB\n", "a.csv")
    assert sheet.rows == [(2, {"name": "A"}), (4, {"name": "B"})]


def test_an_upload_field_refuses_a_file_by_its_size_without_reading_it(settings):
    """Given an upload above RYGRAD_IMPORT_MAX_BYTES, when the form field cleans it, then
    it is refused naming the limit, and the file was never read."""
    settings.RYGRAD_IMPORT_MAX_BYTES = 1000

    class Unreadable(SimpleUploadedFile):
        def read(self, *args):
            pytest.fail("the upload was read")

        def chunks(self, *args):
            pytest.fail("the upload was read")

    from rygrad.core.forms import UploadField

    field = UploadField(max_bytes_setting="RYGRAD_IMPORT_MAX_BYTES")
    upload = Unreadable("big.csv", b"x" * 5000)
    with pytest.raises(Exception, match="too large.*RYGRAD_IMPORT_MAX_BYTES"):
        field.clean(upload)
    assert field.clean(SimpleUploadedFile("small.csv", b"x" * 999)).size == 999
