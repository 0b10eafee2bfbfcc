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

Two formats, one writer:
- *for people* (every page's CSV and Excel download): CSV as Excel expects it in the
  user's language — in Danish (the default) a semicolon between fields and a decimal
  comma, in English a comma and a decimal point — UTF-8 with a byte-order mark so Excel
  reads æøå, numbers without an exponent (Danish Excel misreads "1e-05"); a yes/no value
  is the word (“ja”/“nej”, “yes”/“no”) in CSV and Excel alike.
- *for programs* (`MACHINE_CSV`, the CLI's files): a comma, a decimal point, no
  byte-order mark, numbers at full precision in Python's shortest form (an exponent
  allowed), and a yes/no value as ``true`` or ``false``.
In both, an empty value (None, NaN) is an empty cell and formula-like text is made safe.

An export costs about what its rows cost to fetch: the CSV download streams (rows are
written as the response is sent, in the language and time zone of the request), and the
Excel file is written in openpyxl's write-only mode (rows go straight to the file, no
worksheet model is built). Rows may be any iterable, read once.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet takes as the start of a formula (or of a DDE call, after a tab or CR).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
CSV_CHUNK_ROWS = 500  # rows per piece of a streamed CSV


@dataclass
class Table:
    """One list to export: its `title` (the file's name and the Excel sheet's), the column
    labels, and the rows — the same filtered, permitted rows the page shows, one value per
    column. Cells are values, not formatted text: numbers, dates, booleans, None (an empty
    cell) or text; `table_response` writes them as CSV or Excel in the user's language and
    makes text safe there. `rows` may be a list or any iterable of rows (a generator
    over a query), read once."""

    title: str
    columns: list[str]
    rows: Iterable[list] = field(default_factory=list)

    def filename(self, extension: str) -> str:
        return f"{slugify(self.title) or 'export'}.{extension}"


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file is written: its separator and decimal mark, and whether it is for
    programs (`machine`: booleans as true/false, no byte-order mark, numbers as Python
    writes them) or for people opening it in a spreadsheet (the other two)."""

    delimiter: str
    decimal: str
    machine: bool = False

    @property
    def byte_order_mark(self) -> str:
        """What the file starts with: a BOM for Excel (or it misreads æøå), none for
        programs."""
        return "" if self.machine else "\ufeff"


DANISH_CSV = CsvDialect(delimiter=";", decimal=",")
ENGLISH_CSV = CsvDialect(delimiter=",", decimal=".")
MACHINE_CSV = CsvDialect(delimiter=",", decimal=".", machine=True)


def csv_dialect(language: str | None = None) -> CsvDialect:
    """The dialect Excel expects in `language` (default: the active language)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return DANISH_CSV if language.split("-")[0] == "da" else ENGLISH_CSV


def text_is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read `text` as the start of a formula."""
    return text.startswith(FORMULA_START)


def safe_csv_text(text: str) -> str:
    """`text` for a CSV cell, behind a ``'`` when a spreadsheet would take it as a formula."""
    return "'" + text if text_is_formula_like(text) else text


def yes_no(value: bool) -> str:
    """A yes/no value for people, in their language."""
    return _("yes") if value else _("no")


def _number_text(value, dialect: CsvDialect) -> str:
    """A number at full precision: for people without an exponent (Danish Excel misreads
    "1e-05"), for programs as Python writes it."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value) or dialect.machine:
            return repr(value)
        text = np.format_float_positional(value, trim="-")
    else:
        text = str(value)
    return text.replace(".", dialect.decimal)


def _csv_cell(value, dialect: CsvDialect) -> str:
    if value is None:
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        if dialect.machine:
            return "true" if value else "false"
        return yes_no(value)
    if isinstance(value, (int, float, decimal.Decimal)):
        return _number_text(value, dialect)
    if isinstance(value, dt.datetime):
        return str(_xlsx_value(value))  # local wall-clock time, as in the Excel file
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return safe_csv_text(str(value))


def table_csv_chunks(table: Table, *, dialect: CsvDialect) -> Iterator[str]:
    """The table as CSV text (without the byte-order mark) in pieces of
    `CSV_CHUNK_ROWS` rows, the header first; nothing is written before it is asked for."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter)
    writer.writerow([safe_csv_text(str(c)) for c in table.columns])
    for number, row in enumerate(table.rows, start=1):
        writer.writerow([_csv_cell(v, dialect) for v in row])
        if number % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def table_to_csv(table: Table, *, language: str | None = None,
                 dialect: CsvDialect | None = None) -> str:
    """The table as CSV text (without the byte-order mark) in `dialect`; by default the
    people's dialect of `language` (default: the active one)."""
    return "".join(table_csv_chunks(table, dialect=dialect or csv_dialect(language)))


def table_write_csv(table: Table, target: Path | str, *,
                    dialect: CsvDialect = MACHINE_CSV) -> int:
    """Write the table to the file `target` (UTF-8, with the dialect's byte-order mark:
    none for the machine format the CLI writes); returns the number of rows."""
    count = 0

    def counted():
        nonlocal count
        for row in table.rows:
            count += 1
            yield row

    with Path(target).open("w", encoding="utf-8", newline="") as file:
        file.write(dialect.byte_order_mark)
        for chunk in table_csv_chunks(Table(table.title, table.columns, counted()),
                                      dialect=dialect):
            file.write(chunk)
    return count


def _xlsx_value(value):
    """A value openpyxl stores as it is: numbers and dates stay typed; text loses the
    control characters XML cannot hold (openpyxl would refuse the whole file); a yes/no
    value is the word, as in the CSV."""
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, (int, decimal.Decimal)):
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


def _text_cell(sheet, value: str):
    """A cell that holds `value` as text. Formula-like text becomes a string cell:
    openpyxl types a str that starts with "=" as a formula, and the quote prefix keeps
    Excel from doing so when the cell is edited."""
    cell = WriteOnlyCell(sheet, value=value)
    if text_is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _xlsx_cell(sheet, value):
    """A value for a write-only sheet: formula-like text as a text cell, everything else
    handed over as it is (the fast path of write-only mode). Plain text, whole numbers,
    dates and empty cells — nearly every cell — are settled first, without the general
    conversion."""
    kind = type(value)
    if kind is str:
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return _text_cell(sheet, value) if value.startswith(FORMULA_START) else value
    if value is None or kind is int or kind is dt.date:
        return value
    value = _xlsx_value(value)
    if isinstance(value, str) and text_is_formula_like(value):
        return _text_cell(sheet, value)
    return value


def _sheet_title(title: str) -> str:
    return SHEET_TITLE_FORBIDDEN.sub("-", ILLEGAL_CHARACTERS_RE.sub("", title)).strip(
        "'")[:31] or "Data"


def table_to_xlsx(table: Table) -> bytes:
    """The table as an Excel workbook of one sheet: the header in bold and frozen, rows
    written straight to the file (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(str(table.title)))
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(column)) + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = [_text_cell(sheet, _xlsx_value(str(column))) for column in table.columns]
    for cell in header:
        cell.font = bold
    sheet.append(header)
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_stream(table: Table, dialect: CsvDialect, language: str | None,
                zone) -> Iterator[bytes]:
    """The CSV download piece by piece. The response is sent after the view has returned,
    so each piece is written in the language and time zone of the request (the yes/no
    words, local times), which the caller captured."""
    chunks = table_csv_chunks(table, dialect=dialect)
    prefix = dialect.byte_order_mark
    while True:
        with translation.override(language), timezone.override(zone):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield (prefix + chunk).encode("utf-8")
        prefix = ""


def table_response(table: Table, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """Answer with `table` as a CSV (in the user's language's dialect, UTF-8 with BOM, so
    Excel reads æøå; streamed as it is written) or Excel download."""
    if fmt == "xlsx":
        response = HttpResponse(table_to_xlsx(table), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{table.filename("xlsx")}"'
        return response
    stream = _csv_stream(table, csv_dialect(), translation.get_language(),
                         timezone.get_current_timezone())
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
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
