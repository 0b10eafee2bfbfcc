"""Table exports (CSV and Excel) shared by every list page.

A list view builds one `Table` (column labels and rows, already filtered and permitted)
and hands it to `table_response`; the page, the CSV and the Excel file then show exactly
the same rows.

This is the one tabular writer of the project, so it is also where exported text is made
safe: names, titles and school names come from members and imports, and a text such as
``=HYPERLINK("http://…"&F2,"Egelund Skole")`` must reach the spreadsheet as text, never as
a live formula (CSV/formula injection). Text beginning with ``= + - @``, a tab or a
carriage return is written as text: in Excel as a string cell (with Excel's quote prefix,
so editing the cell keeps it text), in CSV behind a ``'``. Numbers stay numbers.

CSV downloads are for people opening them in Excel: in Danish (the default language) a
semicolon between fields and a decimal comma, in English a comma and a decimal point;
always UTF-8 with a byte-order mark so Excel reads æøå.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import math
import re
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet takes as the start of a formula (or of a DDE call, after a tab or CR).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


@dataclass
class Table:
    """One list to export: its `title` (the file's name and the Excel sheet's), the column
    labels, and the rows — the same filtered, permitted rows the page shows, one value per
    column. Cells are values, not formatted text: numbers, dates, booleans, None (an empty
    cell) or text; `table_response` writes them as CSV or Excel in the user's language and
    makes text safe there."""

    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)

    def filename(self, extension: str) -> str:
        return f"{slugify(self.title) or 'export'}.{extension}"


@dataclass(frozen=True)
class CsvDialect:
    """Separator and decimal mark of a CSV download in one language."""

    delimiter: str
    decimal: str


DANISH_CSV = CsvDialect(delimiter=";", decimal=",")
ENGLISH_CSV = CsvDialect(delimiter=",", decimal=".")


def csv_dialect(language: str | None = None) -> CsvDialect:
    """The dialect Excel expects in `language` (default: the active language)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return DANISH_CSV if language.split("-")[0] == "da" else ENGLISH_CSV


def text_is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read `text` as the start of a formula."""
    return text.startswith(FORMULA_START)


def safe_csv_text(text: str) -> str:
    """`text` for a CSV cell, behind a ``'`` when a spreadsheet would take it as a formula.
    Also used by the CLI's CSV writers."""
    return "'" + text if text_is_formula_like(text) else text


def _number_text(value, dialect: CsvDialect) -> str:
    """A number at full precision, without an exponent (Danish Excel misreads "1e-05")."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return str(value)
        text = np.format_float_positional(value, trim="-")
    else:
        text = str(value)
    return text.replace(".", dialect.decimal)


def _csv_cell(value, dialect: CsvDialect) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float, decimal.Decimal, np.integer, np.floating)):
        return _number_text(value.item() if isinstance(value, np.generic) else value, dialect)
    if isinstance(value, dt.datetime):
        return str(_xlsx_value(value))  # local wall-clock time, as in the Excel file
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return safe_csv_text(str(value))


def table_to_csv(table: Table, *, language: str | None = None) -> str:
    """The table as CSV text in the dialect of `language` (default: the active one)."""
    dialect = csv_dialect(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter)
    writer.writerow([safe_csv_text(str(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(v, dialect) for v in row])
    return buffer.getvalue()


def _xlsx_value(value):
    """A value openpyxl stores as it is: numbers and dates stay typed; text loses the
    control characters XML cannot hold (openpyxl would refuse the whole file)."""
    if value is None or isinstance(value, (bool, int, decimal.Decimal)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, np.generic):
        return _xlsx_value(value.item())
    if isinstance(value, dt.datetime):
        # Excel has no time zones: write the local wall-clock time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) \
            else value
    if isinstance(value, (dt.date, dt.time)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _append(sheet, number: int, values) -> None:
    """Write one row. Formula-like text becomes a string cell: openpyxl types a str that
    starts with "=" as a formula, and the quote prefix keeps Excel from doing so when the
    cell is edited."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=number, column=column, value=_xlsx_value(value))
        if isinstance(cell.value, str) and text_is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def _sheet_title(title: str) -> str:
    return SHEET_TITLE_FORBIDDEN.sub("-", ILLEGAL_CHARACTERS_RE.sub("", title)).strip(
        "'")[:31] or "Data"


def table_to_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _sheet_title(str(table.title))
    _append(sheet, 1, [str(c) for c in table.columns])
    for number, row in enumerate(table.rows, start=2):
        _append(sheet, number, row)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(column)) + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(table: Table, fmt: str) -> HttpResponse:
    """Answer with `table` as a CSV (in the user's language's dialect, UTF-8 with BOM, so
    Excel reads æøå) or Excel download."""
    if fmt == "xlsx":
        response = HttpResponse(table_to_xlsx(table), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{table.filename("xlsx")}"'
        return response
    response = HttpResponse("\ufeff" + table_to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename("csv")}"'
    return response


def requested_format(request, formats: tuple[str, ...] = ("csv", "xlsx")) -> str | None:
    """The export asked for with ``?format=…`` (one of `formats`), or None for the page."""
    value = request.GET.get("format", "")
    return value if value in formats else None


def query_without_format(request) -> str:
    """The page's current filters, for export links that keep them."""
    params = request.GET.copy()
    params.pop("format", None)
    params.pop("page", None)
    return params.urlencode()
