"""CSV and Excel exports contain exactly the rows given, readable by Excel and openpyxl; CSV
in the dialect Danish or English Excel expects; Word on A4."""

import csv
import datetime as dt
import io

import pytest
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from rygrad.core.exports import Table, table_response


def _body(response) -> bytes:
    """The bytes of a CSV download: streamed, so read as the server would send them."""
    assert response.streaming
    return b"".join(response.streaming_content)


def _table():
    return Table(title="Alliancen i dag", columns=["Navn", "Sektor", "Fra"],
                 rows=[["Ærø Skole", "Skole", dt.date(2016, 3, 1)],
                       ["Bold & Co", "Forening", None]])


def test_csv_export_has_a_bom_the_header_and_the_rows():
    with translation.override("en"):
        response = table_response(_table(), "csv")
    text = _body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["Navn", "Sektor", "Fra"], ["Ærø Skole", "Skole", "2016-03-01"],
                    ["Bold & Co", "Forening", ""]]
    assert 'filename="alliancen-i-dag.csv"' in response["Content-Disposition"]


def test_excel_export_opens_with_openpyxl_and_keeps_dates():
    response = table_response(_table(), "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Navn", "Sektor", "Fra"]
    assert values[1][0] == "Ærø Skole"
    assert values[1][2].date() == dt.date(2016, 3, 1)
    assert values[2] == ["Bold & Co", "Forening", None]
    assert len(values) == 3


def test_requested_format_accepts_only_the_offered_formats(rf):
    from rygrad.core.exports import query_without_format, requested_format

    assert requested_format(rf.get("/", {"format": "xlsx"})) == "xlsx"
    assert requested_format(rf.get("/", {"format": "docx"})) is None
    assert requested_format(rf.get("/", {"format": "docx"}), ("csv", "docx")) == "docx"
    assert requested_format(rf.get("/")) is None
    request = rf.get("/", {"sector": "school", "format": "csv", "page": "3"})
    assert query_without_format(request) == "sector=school"


def _numbers():
    return Table(title="Tal", columns=["Skole", "Middel", "Andel", "Antal"],
                 rows=[["Ærø Skole", 3.4166666666666665, -0.05, 12],
                       ["Bakkely", 1e-07, 2.5, -3]])


def test_danish_csv_has_semicolons_decimal_commas_and_full_precision():
    """Given numbers with many decimals, when a Danish user downloads the CSV, then Danish
    Excel reads it: semicolons between fields, a decimal comma, a BOM, and every digit the
    caller handed over (no rounding, no exponent)."""
    with translation.override("da"):
        response = table_response(_numbers(), "csv")
    text = _body(response).decode("utf-8")  # sent after the view, in its language
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == ["Skole", "Middel", "Andel", "Antal"]
    assert rows[1] == ["Ærø Skole", "3,4166666666666665", "-0,05", "12"]
    assert rows[2] == ["Bakkely", "0,0000001", "2,5", "-3"]


def test_english_csv_has_commas_and_decimal_points():
    """Given the same numbers, when an English user downloads the CSV, then it has commas
    and decimal points."""
    with translation.override("en"):
        text = _body(table_response(_numbers(), "csv")).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == ["Ærø Skole", "3.4166666666666665", "-0.05", "12"]


def test_a_danish_export_page_answers_in_the_danish_dialect(client_as, world):
    """Given the organisations list, when a Danish and an English secretariat download it,
    then the Danish file uses semicolons and the English one commas."""
    from django.urls import reverse

    from rygrad.alliance.tests.factories import OrganisationFactory

    OrganisationFactory(initiative=world.initiative, name="Egelund Skole, afd. Nord")
    url = reverse("alliance:organisation_list", kwargs={"slug": world.initiative.slug})
    client = client_as("secretariat")
    danish = _body(client.get(url, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="da"))
    english = _body(client.get(url, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    for content, delimiter in ((danish, ";"), (english, ",")):
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))
        assert "Egelund Skole, afd. Nord" in rows[1]
        assert len(rows[0]) == len(rows[1]) > 1


def _page(document):
    section = document.sections[0]
    return section.orientation, round(section.page_width.mm), round(section.page_height.mm)


@pytest.mark.parametrize(("columns", "expected"), [
    (3, (WD_ORIENT.PORTRAIT, 210, 297)),
    (6, (WD_ORIENT.PORTRAIT, 210, 297)),
    (7, (WD_ORIENT.LANDSCAPE, 297, 210)),
])
def test_word_exports_are_a4_and_landscape_for_wide_tables(columns, expected):
    """Given a table of some width, when it is exported to Word, then the page is A4,
    upright for up to six columns and on its side for more."""
    from rygrad.activities.documents import table_to_docx

    table = Table(title="Oversigt", columns=[f"k{i}" for i in range(columns)],
                  rows=[[str(i) for i in range(columns)]])
    document = Document(io.BytesIO(table_to_docx(table, description="Alle")))
    assert _page(document) == expected


def test_the_activity_overview_in_word_is_a4(client_as, world):
    """Given the activity overview, when it is downloaded as Word, then it is on A4 in the
    orientation its number of columns asks for."""
    from django.urls import reverse

    from rygrad.activities.tests.factories import ActivityFactory

    ActivityFactory(initiative=world.initiative)
    url = reverse("activities:list", kwargs={"slug": world.initiative.slug})
    response = client_as("secretariat").get(url, {"format": "docx"})
    document = Document(io.BytesIO(response.content))
    columns = len(document.tables[0].columns)
    orientation, width, height = _page(document)
    assert {width, height} == {210, 297}
    assert (orientation == WD_ORIENT.LANDSCAPE) == (columns > 6) == (width > height)


def _yes_no_table():
    return Table(title="Skjult", columns=["Skole", "Middel", "Skjult"],
                 rows=[["=1+1", 1e-05, True], ["Bakkely", 3.25, False]])


def test_the_machine_csv_writes_true_false_full_numbers_and_no_bom(tmp_path):
    """Given a table with booleans, a tiny number and a formula-like name, when written in
    the machine format (the CLI's), then the file has no byte-order mark, a comma and a
    decimal point in any language, booleans as true/false, the number as Python writes
    it, and the name behind a quote."""
    from rygrad.core.exports import MACHINE_CSV, table_write_csv

    target = tmp_path / "out.csv"
    with translation.override("da"):
        assert table_write_csv(_yes_no_table(), target, dialect=MACHINE_CSV) == 2
    data = target.read_bytes()
    assert not data.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(data.decode("utf-8")))) == [
        ["Skole", "Middel", "Skjult"], ["'=1+1", "1e-05", "true"],
        ["Bakkely", "3.25", "false"]]


@pytest.mark.parametrize(("language", "yes", "no"), [("da", "ja", "nej"), ("en", "yes", "no")])
def test_the_people_format_writes_booleans_as_words_in_csv_and_excel(language, yes, no):
    """Given the same table, when downloaded from a page in Danish or English, then a
    boolean is the word in the user's language in the CSV and in the Excel file alike,
    and the small number has no exponent."""
    with translation.override(language):
        streamed = table_response(_yes_no_table(), "csv")
        workbook = table_response(_yes_no_table(), "xlsx").content
    text = _body(streamed).decode("utf-8-sig")  # sent after the view, in its language
    delimiter = ";" if language == "da" else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert [rows[1][2], rows[2][2]] == [yes, no]
    assert rows[1][1] == ("0,00001" if language == "da" else "0.00001")
    sheet = load_workbook(io.BytesIO(workbook)).active
    assert [sheet["C2"].value, sheet["C3"].value] == [yes, no]


def test_the_csv_download_streams_rows_as_they_are_read():
    """Given 1,200 rows handed over by a generator, when the CSV download is sent, then
    its first piece (byte-order mark, header and the first rows) leaves before the last
    row is read, and the whole file holds every row once."""
    read = []

    def rows():
        for number in range(1200):
            read.append(number)
            yield [f"Skole {number}", number]

    with translation.override("en"):
        response = table_response(Table(title="t", columns=["Skole", "Tal"], rows=rows()),
                                  "csv")
    assert read == []
    pieces = iter(response.streaming_content)
    first = next(pieces)
    assert first.startswith("\ufeffSkole,Tal\r\nSkole 0,0".encode()) and len(read) < 1200
    lines = (first + b"".join(pieces)).decode("utf-8-sig").splitlines()
    assert len(lines) == 1201 and lines[-1] == "Skole 1199,1199"


def test_the_excel_file_has_a_bold_frozen_header_and_the_title_as_sheet():
    """Given a table whose rows come from a generator, when it is written to Excel, then
    the sheet is named by the title, the header is bold and stays in view, and every row
    is there with its numbers as numbers."""
    from rygrad.core.exports import table_to_xlsx

    table = Table(title="Skoler: 2020/21", columns=["Skole", "Tal"],
                  rows=([f"Skole {n}", n * 0.5] for n in range(3)))
    sheet = load_workbook(io.BytesIO(table_to_xlsx(table))).active
    assert sheet.title == "Skoler- 2020-21" and sheet.freeze_panes == "A2"
    assert [cell.font.b for cell in sheet[1]] == [True, True]
    assert [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ["Skole 0", 0], ["Skole 1", 0.5], ["Skole 2", 1]]
    assert sheet["B3"].data_type == "n"


def test_the_machine_csv_counts_rows_handed_over_by_a_generator(tmp_path):
    """Given rows from a generator, when written in the machine format, then the count
    returned is the rows written."""
    from rygrad.core.exports import table_write_csv

    target = tmp_path / "out.csv"
    assert table_write_csv(Table(title="t", columns=["a"], rows=([n] for n in range(7))),
                           target) == 7
    assert target.read_text().splitlines() == ["a", *map(str, range(7))]
