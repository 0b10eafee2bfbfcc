"""CSV and Excel exports contain exactly the rows given, readable by Excel and openpyxl."""

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from rygrad.core.exports import Table, table_response


def _table():
    return Table(title="Alliancen i dag", columns=["Navn", "Sektor", "Fra"],
                 rows=[["Ærø Skole", "Skole", dt.date(2016, 3, 1)],
                       ["Bold & Co", "Forening", None]])


def test_csv_export_has_a_bom_the_header_and_the_rows():
    response = table_response(_table(), "csv")
    text = response.content.decode("utf-8")
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
