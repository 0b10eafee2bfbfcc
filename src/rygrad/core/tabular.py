"""Reading uploaded spreadsheets (CSV or Excel) into rows that know their row numbers.

Imports validate every row before writing anything, and every message names the row and
column as the person sees them in their spreadsheet (row 1 is the header).

A spreadsheet is small on the wire and can be huge once read: a 1.5 KB .xlsx can claim a
cell at XFD1048576 (17 billion cells), a 10 MB CSV can hold a million columns. So every
limit (`Limits`: bytes, unpacked bytes, rows, columns) is checked before or while parsing,
and reading stops at the first row or column past it, with a message naming the limit.

This module is the one spreadsheet reader. `read_sheet` reads a small upload row by row
(the alliance registry, a wave's population); the survey import reads its (legitimately
large) files column by column with pyarrow, but on the same primitives: `check_size`,
`csv_header` (the delimiter guess and the width check before parsing), `csv_check_utf8`,
`xlsx_rows` (the package checks, the one-sheet rule, the declared dimension), `excel_text`
(Excel's cell values as the text the person typed) and `Limits` — each with its own,
larger limits. Every refusal is a SpreadsheetError whose `problem` names the row and
column when there is one.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.utils.translation import gettext as _
from lxml.etree import LxmlError
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MB = 1024 * 1024
# The parts of an .xlsx besides its sheet (shared strings, styles...) are read whole by
# openpyxl; Excel writes a few MB at most.
MAX_PART_BYTES = 64 * MB
# The central directory of the zip is read whole before anything else; an .xlsx lists a
# few dozen parts, so 1 MB (about 10,000 names) is plenty.
MAX_DIRECTORY_BYTES = 1 * MB
PROLOG_BYTES = 64 * 1024
# CSV files are read in blocks of this size (a survey file can hold 600,000 rows); the
# header line is kept up to HEADER_MAX_BYTES (its separators are counted to its end).
CSV_BLOCK_BYTES = 1 * MB
HEADER_MAX_BYTES = 1 * MB
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")
_XML_ERRORS = (ParseError, LxmlError, SyntaxError)




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


class SpreadsheetError(ValueError):
    """The file cannot be read (wrong format, empty, several sheets, too large, not
    UTF-8...); `problem` names the row and column when the refusal has them."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        self.problem = Problem(row, column, message)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class Limits:
    """How much of a spreadsheet an import reads; each names its setting in messages."""

    max_bytes: int
    max_rows: int
    max_columns: int
    max_unpacked_bytes: int
    bytes_setting: str = "RYGRAD_IMPORT_MAX_BYTES"
    rows_setting: str = "RYGRAD_IMPORT_MAX_ROWS"
    columns_setting: str = "RYGRAD_IMPORT_MAX_COLUMNS"

    def too_many_rows(self) -> SpreadsheetError:
        return SpreadsheetError(_(
            "The file has more than %(max)s rows of data (the limit %(setting)s); split it "
            "into smaller files.") % {"max": self.max_rows, "setting": self.rows_setting})

    def too_many_columns(self, row: int | None, count: int) -> SpreadsheetError:
        values = {"row": row, "count": count, "max": self.max_columns,
                  "setting": self.columns_setting}
        if row is None:
            return SpreadsheetError(_(
                "The sheet spans %(count)s columns; at most %(max)s are read (the limit "
                "%(setting)s). Delete the columns to the right of the data.") % values)
        return SpreadsheetError(_(
            "Row %(row)s has %(count)s columns; at most %(max)s are read (the limit "
            "%(setting)s). Delete the cells to the right of the data.") % values)

    def too_large(self, size: int) -> SpreadsheetError:
        return SpreadsheetError(_(
            "The file is too large (%(size)s MB; at most %(max)s MB, the limit "
            "%(setting)s).") % {"size": round(size / MB, 1), "max": round(self.max_bytes / MB, 1),
                                "setting": self.bytes_setting})


def import_limits(*, max_bytes: int | None = None) -> Limits:
    """The limits of spreadsheet imports (the alliance registry, a wave's population)."""
    max_bytes = max_bytes or settings.RYGRAD_IMPORT_MAX_BYTES
    return Limits(max_bytes=max_bytes, max_rows=settings.RYGRAD_IMPORT_MAX_ROWS,
                  max_columns=settings.RYGRAD_IMPORT_MAX_COLUMNS,
                  max_unpacked_bytes=max(10 * max_bytes, 100 * MB))


@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, values by header)


def check_size(size: int, limits: Limits) -> None:
    """Refuse an empty file, or one above the byte limit, before anything reads it."""
    if size == 0:
        raise SpreadsheetError(_("The file is empty."))
    if size > limits.max_bytes:
        raise limits.too_large(size)


def read_sheet(data: bytes, filename: str, *, max_bytes: int | None = None,
               limits: Limits | None = None) -> Sheet:
    """Read a CSV (UTF-8, comma or semicolon) or a one-sheet .xlsx file.

    Raises SpreadsheetError with a message a secretariat can act on.
    """
    limits = limits or import_limits(max_bytes=max_bytes)
    check_size(len(data), limits)
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = [[excel_text(v) for v in row]
                 for row in xlsx_rows(io.BytesIO(data), limits=limits)]
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(data, limits)
    else:
        raise SpreadsheetError(_("Upload a .csv or .xlsx file."))
    numbered = [(number, row) for number, row in enumerate(table, start=1)
                if any(cell.strip() for cell in row)]
    if not numbered:
        raise SpreadsheetError(_("The file is empty."))
    header_number, header_cells = numbered[0]
    header = [cell.strip() for cell in header_cells]
    named_columns(header, {}, row=header_number)
    rows = []
    for number, cells in numbered[1:]:
        cells = list(cells) + [""] * (len(header) - len(cells))
        values = {h: cells[i].strip() for i, h in enumerate(header) if h}
        _refuse_nul(number, values)
        rows.append((number, values))
    _refuse_nul(header_number, {h: h for h in header})
    return Sheet(header=header, rows=rows)


def named_columns(header: list[str], aliases: dict[str, str], *,
                  row: int = 1) -> dict[str, str]:
    """The columns of a header by what they mean — a name as written in any case, with
    spaces as underscores, or its alias — to the name as written; empty names are left
    out. Two columns meaning the same (“title” and “Title”, or “title” and its alias
    “idé”) are refused, naming the second: an import would otherwise read one of them and
    silently drop the other."""
    named: dict[str, str] = {}
    for raw in header:
        key = raw.strip().lower()
        if not key:
            continue
        key = aliases.get(key, key.replace(" ", "_"))
        if key in named:
            raise SpreadsheetError(_("The header row has the same column name twice."),
                                   row=row, column=raw.strip().replace("\x00", ""))
        named[key] = raw
    return named


def nul_message() -> str:
    """Why a cell with a NUL character is refused (PostgreSQL refuses the whole import)."""
    return _("contains a NUL character, which cannot be stored; remove it.")


def _refuse_nul(number: int, values: dict[str, str]) -> None:
    for column, value in values.items():
        if "\x00" in value:
            raise SpreadsheetError(nul_message(), row=number, column=column.replace("\x00", ""))


@dataclass(frozen=True)
class CsvHeader:
    """The first line of a CSV file: its bytes (the first HEADER_MAX_BYTES and a block at
    most), its whole length, the delimiter it uses and how many columns it names."""

    line: bytes
    length: int
    delimiter: str
    width: int

    def names(self) -> list[str]:
        """The column names as written (not stripped), read as CSV."""
        text = self.line.decode("utf-8-sig", errors="replace").rstrip("\r\n")
        return next(csv.reader([text], delimiter=self.delimiter), [])


def sniff_delimiter(commas: int, semicolons: int) -> str:
    """The delimiter of a CSV file from its header line's counts: a semicolon (as Danish
    Excel writes) when it has more semicolons than commas, otherwise a comma."""
    return ";" if semicolons > commas else ","


def csv_header(handle: BinaryIO, *, limits: Limits) -> CsvHeader:
    """Read the header line of the CSV in `handle` block by block (a million-column line
    is counted, not held), guess its delimiter, and refuse it — naming row 1 and the
    column limit — when it names more columns than `limits` allow, before any parser
    reads a single cell. Leaves `handle` at its start."""
    kept, length, commas, semicolons = b"", 0, 0, 0
    handle.seek(0)
    while block := handle.read(CSV_BLOCK_BYTES):
        line = block.split(b"\n", 1)[0]
        length += len(line)
        commas, semicolons = commas + line.count(b","), semicolons + line.count(b";")
        if len(kept) <= HEADER_MAX_BYTES:
            kept += line
        if len(line) < len(block):
            break
    handle.seek(0)
    delimiter = sniff_delimiter(commas, semicolons)
    width = (commas if delimiter == "," else semicolons) + 1
    if width > limits.max_columns:
        raise limits.too_many_columns(1, width)
    return CsvHeader(line=kept, length=length, delimiter=delimiter, width=width)


def not_utf8(row: int | None, column: str | None = None) -> SpreadsheetError:
    """A file (or a cell) that is not UTF-8 text, named by its row (and column)."""
    return SpreadsheetError(_("cannot be read as text: the file is not UTF-8 (save it as "
                              "“CSV UTF-8”)."), row=row, column=column)


def csv_check_utf8(handle: BinaryIO) -> None:
    """Check that the whole file in `handle` is UTF-8, block by block, and refuse it
    naming the line of the first byte that is not. Leaves `handle` at its start."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    handle.seek(0)
    while chunk := handle.read(CSV_BLOCK_BYTES):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            raise not_utf8(lines + chunk[:max(error.start, 0)].count(b"\n") + 1) from None
        lines += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise not_utf8(lines + 1) from None
    handle.seek(0)


def _read_csv(data: bytes, limits: Limits) -> list[list[str]]:
    handle = io.BytesIO(data)
    header = csv_header(handle, limits=limits)  # before parsing a single cell
    csv_check_utf8(handle)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=header.delimiter)
    try:
        for row in reader:
            if len(row) > limits.max_columns:
                raise limits.too_many_columns(len(rows) + 1, len(row))
            if len(rows) > limits.max_rows:
                raise limits.too_many_rows()
            rows.append(row)
    except csv.Error:
        raise SpreadsheetError(_(
            "Row %(row)s cannot be read as CSV: a cell is longer than %(size)s characters "
            "or has a stray quote.") % {"row": len(rows) + 1,
                                        "size": csv.field_size_limit()}) from None
    return rows


def xlsx_rows(source, *, limits: Limits) -> Iterator[tuple]:
    """The rows (tuples of cell values) of the only sheet of an .xlsx file (`source`: a
    path or a binary file), read with openpyxl within `limits`.

    The package is checked before openpyxl parses it (central directory, unpacked sizes,
    no DOCTYPE in any XML part), then the sheet's declared dimension, and while reading
    every row is counted and measured: a sheet that lies about its dimension is stopped
    at the first row past a limit. Raises SpreadsheetError.
    """
    xlsx_check_package(source, limits=limits)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError,
            TypeError, *_XML_ERRORS):
        raise SpreadsheetError(_cannot_read()) from None
    try:
        if len(workbook.sheetnames) != 1:
            raise SpreadsheetError(
                _("The Excel file has %(count)s sheets; put the data on a single sheet.")
                % {"count": len(workbook.sheetnames)})
        sheet = workbook[workbook.sheetnames[0]]
        _check_declared_dimension(sheet, limits)
        # Read what is there: neither padded to nor cut at a declared size that may lie.
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > limits.max_rows + 1:
                raise limits.too_many_rows()
            if len(row) > limits.max_columns:
                raise limits.too_many_columns(number, len(row))
            yield row
    except SpreadsheetError:
        raise
    except (KeyError, OSError, ValueError, TypeError, zipfile.BadZipFile, *_XML_ERRORS):
        raise SpreadsheetError(_cannot_read()) from None
    finally:
        workbook.close()


def _check_declared_dimension(sheet, limits: Limits) -> None:
    try:
        rows, columns = sheet.max_row, sheet.max_column
    except ValueError:  # a dimension that is no cell range: read the cells themselves
        return
    if rows and rows > limits.max_rows + 1:
        raise limits.too_many_rows()
    if columns and columns > limits.max_columns:
        raise limits.too_many_columns(None, columns)


def _cannot_read() -> str:
    return _("The file cannot be read as an Excel (.xlsx) file; save it again from Excel as "
             ".xlsx (or as CSV).")


def xlsx_check_package(source, *, limits: Limits) -> None:
    """Refuse an .xlsx before openpyxl reads it: a zip directory or parts too large once
    unpacked, or XML with a DOCTYPE (Excel never writes one; it is how entity-expansion
    attacks begin)."""
    handle = open(source, "rb") if not hasattr(source, "read") else source  # noqa: SIM115
    try:
        directory = _central_directory_size(handle)
        if directory is None:
            raise SpreadsheetError(_cannot_read())
        if directory > MAX_DIRECTORY_BYTES:
            raise SpreadsheetError(_cannot_read())
        handle.seek(0)
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise SpreadsheetError(_cannot_read()) from None
        total = 0
        for info in archive.infolist():
            total += info.file_size
            sheet = info.filename.startswith("xl/worksheets/")
            if total > limits.max_unpacked_bytes or (
                    not sheet and info.file_size > MAX_PART_BYTES):
                raise SpreadsheetError(_(
                    "The Excel file unpacks to more than %(max)s MB; save it as CSV or "
                    "split it.") % {"max": limits.max_unpacked_bytes // MB})
            if info.filename.endswith((".xml", ".rels")) and _has_doctype(archive, info):
                raise SpreadsheetError(_(
                    "The Excel file contains a document type declaration (DOCTYPE), which "
                    "Excel never writes; save it again from Excel."))
    # RuntimeError also covers zipfile's refusal of an unsupported compression method.
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError):
        raise SpreadsheetError(_cannot_read()) from None
    finally:
        if handle is not source:
            handle.close()
        else:
            handle.seek(0)


def _central_directory_size(handle) -> int | None:
    """The size of the zip's central directory from its end record, or None for no zip."""
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    tail_length = min(size, 65_535 + 22)
    handle.seek(size - tail_length)
    tail = handle.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    return struct.unpack("<I", tail[at + 12:at + 16])[0]


def _has_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (what precedes its first element) declares a DOCTYPE;
    a part without an element in its first 64 KB counts as one."""
    with archive.open(info) as part:
        head = part.read(PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    start = _ELEMENT_START.search(head)
    if start is None:
        return len(head) >= PROLOG_BYTES or b"<!" in head
    return b"<!DOCTYPE" in head[:start.start()] or b"<!ENTITY" in head[:start.start()]


def excel_text(value) -> str:
    """A cell's value as the text the person sees in Excel: empty for an empty cell, whole
    numbers without Excel's ".0", dates (and times of midnight) as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
