"""Reading uploaded spreadsheets (CSV or Excel) into rows that know their row numbers.

Imports validate every row before writing anything, and every message names the row and
column as the person sees them in their spreadsheet (row 1 is the header).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read (wrong format, empty, several sheets...)."""


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return _("Column “%(column)s”: %(message)s") % {
                "column": self.column, "message": self.message}
        return self.message


@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, values by header)


def read_sheet(data: bytes, filename: str, *, max_bytes: int = 20 * 1024 * 1024) -> Sheet:
    """Read a CSV (UTF-8, comma or semicolon) or a one-sheet .xlsx file.

    Raises SpreadsheetError with a message a secretariat can act on.
    """
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if len(data) > max_bytes:
        raise SpreadsheetError(
            _("The file is too large (%(size)s MB; at most %(max)s MB).")
            % {"size": len(data) // 1_000_000, "max": max_bytes // 1_000_000}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(data)
    else:
        raise SpreadsheetError(_("Upload a .csv or .xlsx file."))
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise SpreadsheetError(_("The file is empty."))
    header = [cell.strip() for cell in table[0]]
    if len(set(header)) != len(header):
        raise SpreadsheetError(_("The header row has the same column name twice."))
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        cells = list(cells) + [""] * (len(header) - len(cells))
        rows.append((number, {h: cells[i].strip() for i, h in enumerate(header) if h}))
    return Sheet(header=header, rows=rows)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(_("The CSV file is not UTF-8 text.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(_("The Excel file cannot be read (%(error)s).") % {
            "error": type(error).__name__}) from None
    if len(workbook.sheetnames) != 1:
        raise SpreadsheetError(
            _("The Excel file has %(count)s sheets; put the data on a single sheet.")
            % {"count": len(workbook.sheetnames)}
        )
    sheet = workbook[workbook.sheetnames[0]]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else _excel_text(v) for v in row])
    workbook.close()
    return rows


def _excel_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
