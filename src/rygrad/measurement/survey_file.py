"""Reading and checking a survey file (CSV, Excel or Parquet) before anything is written.

The file is read column by column with pyarrow, and every check runs on whole columns, so a
national year of 600,000 rows is validated in about a second. Every problem names the row
(as the person sees it in their spreadsheet: row 1 is the header) and the column, in the
person's language: no message of pyarrow or openpyxl reaches them.

The spreadsheet rules are core.tabular's, as for every other import: the size check, the
CSV delimiter guess and header width check, the UTF-8 check, the Excel package checks and
one-sheet rule, and Excel's cells as text. This module layers the survey's column-wise
checks on them (and reads Parquet, which only survey files come as).

Survey files are legitimately large, so their limits (RYGRAD_SURVEY_MAX_UPLOAD_BYTES,
_ROWS, _COLUMNS) are their own and large; they are still checked before or while parsing
(the header's width before a row is parsed, rows while streaming, an Excel sheet with the
guard of core.tabular), so a small crafted file cannot occupy a worker. The columns may
have their Danish names (skole, klassetrin, køn) as in the alliance import.
"""

from __future__ import annotations

import contextlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rygrad.core.tabular import (
    CSV_BLOCK_BYTES,
    HEADER_MAX_BYTES,
    MB,
    Limits,
    Problem,
    SpreadsheetError,
    check_size,
    csv_check_utf8,
    csv_header,
    excel_text,
    not_utf8,
    nul_message,
    xlsx_rows,
)

FIXED_COLUMNS = ("school", "grade", "gender")
# Column names as the alliance import accepts them: English or Danish, any case.
COLUMN_ALIASES = {"school": "school", "skole": "school", "grade": "grade",
                  "klassetrin": "grade", "gender": "gender", "køn": "gender"}
DANISH_NAMES = {"school": "skole", "grade": "klassetrin", "gender": "køn"}
MAX_LENGTHS = {"school": 200, "gender": 40}  # the columns of measurement.Response
MAX_PROBLEMS = 50
DEFAULT_MAX_BYTES = 256 * MB


class SurveyFileError(ValidationError):
    """The file cannot be imported; `problems` says exactly why, each with row and column
    (at most MAX_PROBLEMS of them; `total` counts them all). As a ValidationError its
    messages are the problems, and a last line counting those left out."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        more = self.total - len(problems)
        super().__init__([str(p) for p in problems] + ([ngettext(
            "… and %(count)s more problem.", "… and %(count)s more problems.", more)
            % {"count": more}] if more > 0 else []))


def _refuse(message: str, row: int | None = None, column: str | None = None):
    return SurveyFileError([Problem(row, column, message)])


@dataclass
class SurveyData:
    """A checked file: one entry per pupil, answers as int8 (-1 = not answered)."""

    school: list[str]
    grade: np.ndarray
    gender: list[str]
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.school)


def max_upload_bytes() -> int:
    return int(getattr(settings, "RYGRAD_SURVEY_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def survey_limits() -> Limits:
    max_bytes = max_upload_bytes()
    return Limits(max_bytes=max_bytes,
                  max_rows=int(getattr(settings, "RYGRAD_SURVEY_MAX_ROWS", 2_000_000)),
                  max_columns=int(getattr(settings, "RYGRAD_SURVEY_MAX_COLUMNS", 1_000)),
                  max_unpacked_bytes=4 * max_bytes,
                  bytes_setting="RYGRAD_SURVEY_MAX_UPLOAD_BYTES",
                  rows_setting="RYGRAD_SURVEY_MAX_ROWS",
                  columns_setting="RYGRAD_SURVEY_MAX_COLUMNS")


def survey_file_read(path: Path, *, filename: str, item_codes: list[str], scale_min: int,
                     scale_max: int) -> SurveyData:
    """Read and check `path`; raise SurveyFileError listing every problem found."""
    limits = survey_limits()
    try:
        check_size(path.stat().st_size, limits)
    except SpreadsheetError as error:
        raise SurveyFileError([error.problem]) from None
    table = _read_table(path, filename.lower(), limits)
    return _check(table, item_codes=item_codes, scale_min=scale_min, scale_max=scale_max)


def _read_table(path: Path, name: str, limits: Limits) -> pa.Table:
    readers = {".csv": _read_csv, ".txt": _read_csv, ".xlsx": _read_xlsx,
               ".parquet": _read_parquet}
    reader = readers.get(Path(name).suffix)
    if reader is None:
        raise _refuse(_("Upload a .csv, .xlsx or .parquet file."))
    try:
        return reader(path, limits)
    except SurveyFileError:
        raise
    except SpreadsheetError as error:
        raise SurveyFileError([error.problem]) from None
    except (pa.ArrowException, OSError, ValueError, KeyError, zipfile.BadZipFile):
        raise _refuse(_("The file cannot be read as %(kind)s; save it again as %(kind)s "
                        "from the program that made it.") % {
                            "kind": Path(name).suffix.lstrip(".").upper()}) from None


def _read_csv(path: Path, limits: Limits) -> pa.Table:
    with path.open("rb") as handle:
        first = csv_header(handle, limits=limits)  # before a single row is parsed
        if first.length > HEADER_MAX_BYTES:
            raise _refuse(_("The header row is longer than %(size)s MB.") % {
                "size": HEADER_MAX_BYTES // MB}, row=1)
        header = first.names()
        if not any(h.strip() for h in header):
            raise _refuse(_("The header row is empty."), row=1)
        csv_check_utf8(handle)  # before pyarrow, whose own messages would reach the person
    delimiter = first.delimiter
    bad_rows: list[tuple[int | None, int, int]] = []

    def invalid_row(row) -> str:
        bad_rows.append((row.number, row.expected_columns, row.actual_columns))
        return "error"

    batches, rows = [], 0
    try:
        reader = pa_csv.open_csv(  # reads the first block already
            path,
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1,
                                            block_size=CSV_BLOCK_BYTES),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False,
                                              invalid_row_handler=invalid_row),
            convert_options=pa_csv.ConvertOptions(
                column_types={h: pa.string() for h in header}, strings_can_be_null=False),
        )
        for batch in reader:
            rows += batch.num_rows
            if rows > limits.max_rows:
                raise _refuse(str(limits.too_many_rows()))
            batches.append(batch)
    except pa.ArrowException:
        if bad_rows:
            raise _wrong_width(path, delimiter, header, bad_rows[0]) from None
        raise _refuse(_(
            "The CSV file cannot be read: check that every quote is closed and that no "
            "row is longer than %(size)s MB.") % {"size": CSV_BLOCK_BYTES // MB}) from None
    return pa.Table.from_batches(batches, schema=reader.schema)


def _wrong_width(path: Path, delimiter: str, header: list[str], bad) -> SurveyFileError:
    """A row with more or fewer cells than the header, by its line in the file (pyarrow
    does not know the line when it parses in threads; a second, single-threaded pass up
    to that row finds it)."""
    number, expected, actual = bad
    if number is None:
        found: list[int] = []

        def record(row) -> str:
            found.append(row.number)
            return "error"

        with contextlib.suppress(pa.ArrowException):  # the error is the one we know
            pa_csv.read_csv(path, read_options=pa_csv.ReadOptions(
                column_names=header, skip_rows=1, use_threads=False,
                block_size=CSV_BLOCK_BYTES), parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, ignore_empty_lines=False, invalid_row_handler=record),
                convert_options=pa_csv.ConvertOptions(
                    column_types={h: pa.string() for h in header}))
        number = found[0] if found else None
    return _refuse(_("the row has %(actual)s cells but the header has %(expected)s.") % {
        "actual": actual, "expected": expected}, row=number)


def _utf8(column: pa.ChunkedArray, name: str) -> pa.ChunkedArray:
    """A binary column as text; a cell that is no UTF-8 is named by its row."""
    try:
        return pc.cast(column, pa.string())
    except pa.ArrowException:
        for index, value in enumerate(column.to_pylist()):
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                raise SurveyFileError([not_utf8(index + 2, name).problem]) from None
        raise


def _read_xlsx(path: Path, limits: Limits) -> pa.Table:
    rows = xlsx_rows(path, limits=limits)
    header = [excel_text(h) for h in next(rows, ())]
    if not header:
        raise _refuse(_("The file is empty."))
    columns: list[list[str]] = [[] for _h in header]
    for row in rows:
        for index in range(len(header)):
            columns[index].append(excel_text(row[index] if index < len(row) else None))
    return pa.table([pa.array(c, pa.string()) for c in columns],
                    names=[h or f"column {i + 1}" for i, h in enumerate(header)])


def _read_parquet(path: Path, limits: Limits) -> pa.Table:
    metadata = pq.ParquetFile(path).metadata  # the footer only: nothing is read yet
    if metadata.num_columns > limits.max_columns:
        raise _refuse(str(limits.too_many_columns(None, metadata.num_columns)))
    if metadata.num_rows > limits.max_rows:
        raise _refuse(str(limits.too_many_rows()))
    table = pq.read_table(path)
    columns = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        kind = column.type
        if pa.types.is_dictionary(kind):
            column, kind = pc.cast(column, kind.value_type), kind.value_type
        if pa.types.is_nested(kind):
            raise _refuse(_("holds lists or records; a column holds text or numbers."),
                          row=1, column=name)
        if pa.types.is_floating(kind):
            whole = pc.fill_null(pc.equal(column, pc.floor(column)), True)
            if pc.all(whole).as_py():
                column = pc.cast(column, pa.int64())
        if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            column = _utf8(column, name)
        try:
            columns[name] = pc.fill_null(pc.cast(column, pa.string()), "")
        except pa.ArrowException:
            raise _refuse(_("its values cannot be read as text or numbers."),
                          row=1, column=name) from None
    return pa.table(columns)


def _canonical(name: str, item_codes: list[str]) -> str:
    """`school`, `grade` and `gender` by their English or Danish name, in any case; item
    codes as they are (an item may be called "skole")."""
    return name if name in item_codes else COLUMN_ALIASES.get(name.lower(), name)


def _check(table: pa.Table, *, item_codes: list[str], scale_min: int,
           scale_max: int) -> SurveyData:
    written = [name.strip().replace("\x00", "") for name in table.column_names]
    header = [_canonical(name, item_codes) for name in written]
    shown = dict(zip(header, written, strict=True))  # columns named as in the file
    problems: list[Problem] = []
    seen: set[str] = set()
    for name, raw in zip(header, written, strict=True):
        if name in seen:
            problems.append(Problem(1, raw, _("this column appears twice.")))
        seen.add(name)
        if name not in FIXED_COLUMNS and name not in item_codes:
            problems.append(Problem(1, raw, _(
                "unknown column: not school (skole), grade (klassetrin), gender (køn) or an "
                "item code of the instrument.")))
    for name in [*FIXED_COLUMNS, *item_codes]:
        if name not in seen:
            problems.append(Problem(1, name, _("this column is missing.") if name not in
                                    DANISH_NAMES else _(
                "this column is missing (it may also be called “%(danish)s”).") % {
                    "danish": DANISH_NAMES[name]}))
    if problems:
        raise SurveyFileError(problems[:MAX_PROBLEMS], len(problems))
    table = table.rename_columns(header)
    columns = {name: pc.utf8_trim_whitespace(table.column(name).combine_chunks())
               for name in header}
    blank = np.ones(table.num_rows, dtype=bool)
    for column in columns.values():
        blank &= np.asarray(pc.equal(column, "").to_numpy(zero_copy_only=False))
    keep = ~blank
    if not keep.any():
        raise _refuse(_("The file has no rows of answers."))
    row_numbers = np.nonzero(keep)[0] + 2
    columns = {name: column.filter(pa.array(keep)) for name, column in columns.items()}

    collected: list[tuple[int, int, Problem]] = []
    total = 0

    def flag(mask: np.ndarray, order: int, make) -> None:
        nonlocal total
        hits = np.nonzero(mask)[0]
        total += hits.size
        for index in hits[:MAX_PROBLEMS]:
            collected.append((int(row_numbers[index]), order, make(int(index))))

    for name in header:
        # PostgreSQL cannot store a NUL character (the whole import would fail).
        flag(np.asarray(pc.match_substring(columns[name], "\x00")), -1,
             lambda i, name=name: Problem(int(row_numbers[i]), shown[name], nul_message()))
    school = columns["school"]
    flag(np.asarray(pc.equal(school, "")), 0,
         lambda i: Problem(int(row_numbers[i]), shown["school"], _("the school is empty.")))
    for name, order in (("school", 0), ("gender", 2)):
        flag(np.asarray(pc.greater(pc.utf8_length(columns[name]), MAX_LENGTHS[name])), order,
             lambda i, name=name: Problem(int(row_numbers[i]), shown[name], _(
                 "longer than %(max)s characters.") % {"max": MAX_LENGTHS[name]}))
    grade_text = columns["grade"]
    grade_ok = np.asarray(pc.match_substring_regex(grade_text, r"^\d{1,2}$"))
    grade = np.zeros(len(grade_ok), dtype=np.int16)
    grade[grade_ok] = np.asarray(pc.cast(grade_text.filter(pa.array(grade_ok)), pa.int16()))
    grade_ok &= grade <= 13
    flag(~grade_ok, 1, lambda i: Problem(int(row_numbers[i]), shown["grade"], _(
        "“%(value)s” is not a grade (a whole number from 0 to 13).")
        % {"value": _shorten(grade_text[i].as_py())}))

    values = np.full((len(grade), len(item_codes)), -1, dtype=np.int8)
    for position, code in enumerate(item_codes, start=3):
        text = columns[code]
        answered = ~np.asarray(pc.equal(text, ""))
        numeric, parsed = _integers(text, answered)
        valid = numeric & (parsed >= scale_min) & (parsed <= scale_max)
        flag(answered & ~valid, position, lambda i, text=text, code=code: Problem(
            int(row_numbers[i]), shown[code], _(
                "“%(value)s” is not a value on the scale %(min)s–%(max)s (leave the cell "
                "empty when the item was not answered).") % {
                    "value": _shorten(text[i].as_py()), "min": scale_min, "max": scale_max}))
        values[:, position - 3] = np.where(valid, parsed, -1)
    if total:
        collected.sort(key=lambda entry: (entry[0], entry[1]))
        raise SurveyFileError([p for _r, _o, p in collected[:MAX_PROBLEMS]], total)
    return SurveyData(school=school.to_pylist(), grade=grade,
                      gender=columns["gender"].to_pylist(), values=values)


def _shorten(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= 40 else value[:39] + "…"


def _integers(text: pa.Array, answered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which cells are whole numbers, and their values (0 elsewhere).

    The common case (a clean column) is one cast of the whole column; only a column with
    a bad cell is searched cell by cell, to name each problem.
    """
    try:
        cast = pc.cast(pc.if_else(pa.array(answered), text, pa.scalar(None, pa.string())),
                       pa.int64())
        return answered.copy(), np.asarray(pc.fill_null(cast, 0))
    except pa.ArrowException:  # a cell that is no whole number (or no cast for it)
        numeric = np.asarray(pc.match_substring_regex(text, r"^-?\d{1,6}$"))
        parsed = np.zeros(len(answered), dtype=np.int64)
        parsed[numeric] = np.asarray(pc.cast(text.filter(pa.array(numeric)), pa.int64()))
        return numeric, parsed
