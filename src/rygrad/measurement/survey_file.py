"""Reading and checking a survey file (CSV, Excel or Parquet) before anything is written.

The file is read column by column with pyarrow, and every check runs on whole columns, so a
national year of 600,000 rows is validated in about a second. Every problem names the row
(as the person sees it in their spreadsheet: row 1 is the header) and the column.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from rygrad.core.tabular import Problem

FIXED_COLUMNS = ("school", "grade", "gender")
MAX_PROBLEMS = 50
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


class SurveyFileError(ValueError):
    """The file cannot be imported; `problems` says exactly why, each with row and column."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__("; ".join(str(p) for p in problems[:5]))


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


def survey_file_read(path: Path, *, filename: str, item_codes: list[str], scale_min: int,
                     scale_max: int) -> SurveyData:
    """Read and check `path`; raise SurveyFileError listing every problem found."""
    size = path.stat().st_size
    limit = max_upload_bytes()
    if size == 0:
        raise SurveyFileError([Problem(None, None, _("The file is empty."))])
    if size > limit:
        raise SurveyFileError([Problem(None, None, _(
            "The file is too large (%(size)s MB; at most %(max)s MB). Split it or ask the "
            "operator to raise RYGRAD_SURVEY_MAX_UPLOAD_BYTES.") % {
                "size": size // 1_000_000, "max": limit // 1_000_000})])
    table = _read_table(path, filename.lower())
    return _check(table, item_codes=item_codes, scale_min=scale_min, scale_max=scale_max)


def _read_table(path: Path, name: str) -> pa.Table:
    try:
        if name.endswith(".csv") or name.endswith(".txt"):
            return _read_csv(path)
        if name.endswith(".xlsx"):
            return _read_xlsx(path)
        if name.endswith(".parquet"):
            return _read_parquet(path)
    except SurveyFileError:
        raise
    except (pa.ArrowException, OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise SurveyFileError([Problem(None, None, _(
            "The file cannot be read as %(kind)s (%(error)s).") % {
                "kind": Path(name).suffix.lstrip(".").upper(),
                "error": str(error).splitlines()[0][:200]})]) from None
    raise SurveyFileError([Problem(None, None, _("Upload a .csv, .xlsx or .parquet file."))])


def _read_csv(path: Path) -> pa.Table:
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8-sig", errors="replace")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter), [])
    if not any(h.strip() for h in header):
        raise SurveyFileError([Problem(1, None, _("The header row is empty."))])
    return pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1,
                                        block_size=16 * 1024 * 1024),
        parse_options=pa_csv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(
            column_types={h: pa.string() for h in header}, strings_can_be_null=False,
        ),
    )


def _read_xlsx(path: Path) -> pa.Table:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if len(workbook.sheetnames) != 1:
            raise SurveyFileError([Problem(None, None, _(
                "The Excel file has %(count)s sheets; put the data on a single sheet.")
                % {"count": len(workbook.sheetnames)})])
        rows = workbook[workbook.sheetnames[0]].iter_rows(values_only=True)
        header = [str(h) if h is not None else "" for h in next(rows, [])]
        columns: list[list[str]] = [[] for _h in header]
        for row in rows:
            for index in range(len(header)):
                value = row[index] if index < len(row) else None
                columns[index].append(_cell_text(value))
    finally:
        workbook.close()
    if not header:
        raise SurveyFileError([Problem(None, None, _("The file is empty."))])
    return pa.table({h or f"column {i + 1}": c for i, (h, c) in enumerate(
        zip(header, columns, strict=True))})


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_parquet(path: Path) -> pa.Table:
    table = pq.read_table(path)
    columns = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_floating(column.type):
            whole = pc.fill_null(pc.equal(column, pc.floor(column)), True)
            if pc.all(whole).as_py():
                column = pc.cast(column, pa.int64())
        columns[name] = pc.fill_null(pc.cast(column, pa.string()), "")
    return pa.table(columns)


def _check(table: pa.Table, *, item_codes: list[str], scale_min: int,
           scale_max: int) -> SurveyData:
    header = [name.strip() for name in table.column_names]
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(1, name, _("this column appears twice.")))
        seen.add(name)
        if name not in FIXED_COLUMNS and name not in item_codes:
            problems.append(Problem(1, name, _(
                "unknown column: not school, grade, gender or an item code of the "
                "instrument.")))
    for name in [*FIXED_COLUMNS, *item_codes]:
        if name not in seen:
            problems.append(Problem(1, name, _("this column is missing.")))
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
        raise SurveyFileError([Problem(None, None, _("The file has no rows of answers."))])
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

    school = columns["school"]
    flag(np.asarray(pc.equal(school, "")), 0,
         lambda i: Problem(int(row_numbers[i]), "school", _("the school is empty.")))
    grade_text = columns["grade"]
    grade_ok = np.asarray(pc.match_substring_regex(grade_text, r"^\d{1,2}$"))
    grade = np.zeros(len(grade_ok), dtype=np.int16)
    grade[grade_ok] = np.asarray(pc.cast(grade_text.filter(pa.array(grade_ok)), pa.int16()))
    grade_ok &= grade <= 13
    flag(~grade_ok, 1, lambda i: Problem(int(row_numbers[i]), "grade", _(
        "“%(value)s” is not a grade (a whole number from 0 to 13).")
        % {"value": grade_text[i].as_py()}))
    gender = columns["gender"]
    flag(np.asarray(pc.greater(pc.utf8_length(gender), 40)), 2,
         lambda i: Problem(int(row_numbers[i]), "gender", _("longer than 40 characters.")))

    values = np.full((len(grade), len(item_codes)), -1, dtype=np.int8)
    for position, code in enumerate(item_codes, start=3):
        text = columns[code]
        answered = ~np.asarray(pc.equal(text, ""))
        numeric, parsed = _integers(text, answered)
        valid = numeric & (parsed >= scale_min) & (parsed <= scale_max)
        flag(answered & ~valid, position, lambda i, text=text, code=code: Problem(
            int(row_numbers[i]), code, _(
                "“%(value)s” is not a value on the scale %(min)s–%(max)s (leave the cell "
                "empty when the item was not answered).") % {
                    "value": text[i].as_py(), "min": scale_min, "max": scale_max}))
        values[:, position - 3] = np.where(valid, parsed, -1)
    if total:
        collected.sort(key=lambda entry: (entry[0], entry[1]))
        raise SurveyFileError([p for _r, _o, p in collected[:MAX_PROBLEMS]], total)
    return SurveyData(school=school.to_pylist(), grade=grade, gender=gender.to_pylist(),
                      values=values)


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
