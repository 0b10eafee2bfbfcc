"""Hypothesis strategies for spreadsheets an importer may be given, shared by the property
tests of every importer (survey, alliance, ideas) and by bench/fuzz.py.

A table starts from an importer's real columns, each with cells that are valid for it, and
is then mutated the way people's files go wrong: columns missing, extra, duplicated,
renamed to an alias or another case, emptied; cells empty, huge, in any script, with NUL
or control characters, formulas (=HYPERLINK(...)), numbers where text belongs, dates in odd
formats. It is written as a real CSV (comma or semicolon, with or without a BOM) or a real
.xlsx (openpyxl), so the importer reads it exactly as an upload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The suite keeps example counts low (the whole suite has a time budget); bench/fuzz.py
# runs the same properties with many more.
EXAMPLES = int(os.environ.get("RYGRAD_FUZZ_EXAMPLES", "40"))
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=False, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much])

FORMULAS = ['=HYPERLINK("http://x","y")', "=1+1", "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A2)", "=", "=A1"]
ODD_DATES = ["2017-02-29", "31/12/2016", "2016.12.31", "12/31/2016", "1.1.17", "0000-00-00",
             "2016-13-01", "9999-12-31", "2016-1-1", "1 januar 2017", "2017-03-01T10:00",
             " 2017-03-01 ", "01-03-2017", "01.03.2017"]
# Characters an .xlsx cannot hold (openpyxl refuses them); a CSV can.
XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def texts(max_size: int = 30):
    return st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=max_size)


def wild_cells():
    """Any cell at all: what a wrong or hostile file holds."""
    return st.one_of(
        st.just(""), st.just(" "), texts(), texts(8).map(lambda t: t + "\x00" + t),
        st.sampled_from(FORMULAS), st.sampled_from(ODD_DATES),
        st.integers(-10**12, 10**12).map(str), st.floats(allow_nan=True).map(str),
        st.text(min_size=1, max_size=3).map(lambda t: t * 2000),  # huge
        st.sampled_from(['"', '""', "a\nb", "a;b,c", "\ufeff", "\u202e", "ﬁ", "İ", "ß"]),
    )


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    kind: str  # "csv" or "xlsx"
    delimiter: str = ","
    bom: bool = False

    @property
    def filename(self) -> str:
        return f"import.{self.kind}"

    def data(self) -> bytes:
        if self.kind == "csv":
            buffer = io.StringIO(newline="")
            writer = csv.writer(buffer, delimiter=self.delimiter)
            writer.writerow(self.header)
            writer.writerows(self.rows)
            return (("\ufeff" if self.bom else "") + buffer.getvalue()).encode("utf-8")
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for row in [self.header, *self.rows]:
            sheet.append([xlsx_value(cell) for cell in row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def cells(self) -> list[list[str]]:
        """The rows as the importer should read them: what a person sees in each cell.

        A CSV's separator is the one its header line uses most, semicolon or comma (the
        guide's rule): a semicolon file whose header has no semicolon (one column) is read
        with commas, so a row's "0;" is one cell, as a person's spreadsheet opens it."""
        if self.kind == "xlsx":
            return [[xlsx_text(cell) for cell in row] for row in self.rows]
        text = self.data().decode("utf-8-sig")
        first = text.split("\n", 1)[0]
        if (";" if first.count(";") > first.count(",") else ",") == self.delimiter:
            return [[str(cell) for cell in row] for row in self.rows]
        return list(csv.reader(io.StringIO(text), delimiter=";" if self.delimiter == ","
                               else ","))[1:]


def xlsx_value(cell):
    """What is stored in the .xlsx for a cell: text without the characters it cannot hold;
    a whole number or a date typed as such stays a number or a date (as Excel stores it)."""
    if isinstance(cell, (int, float, dt.date)):
        return cell
    return XLSX_ILLEGAL.sub("", cell)


def xlsx_text(cell) -> str:
    from rygrad.core.tabular import excel_text

    value = xlsx_value(cell)
    if isinstance(value, str) and len(value) > 1 and value.startswith("="):
        return ""  # a formula (openpyxl's rule): never calculated, so no value is stored
    return excel_text(value)


@st.composite
def tables(draw, *, columns: dict, aliases: dict[str, list[str]] | None = None,
           required: tuple[str, ...] = (), max_rows: int = 6, row_extras=None,
           calm: int = 1):
    """A table with `columns` (name → strategy of valid cells), mutated.

    `aliases` are other accepted names of a column; `required` columns are kept in most
    examples so that many imports can succeed. `row_extras(draw, rows)` may rewrite rows
    (e.g. to repeat a key). `calm` divides how often the header is mutated (an import
    with many required columns needs a calmer header for some files to get through).
    """
    aliases = aliases or {}
    names = list(columns)
    kept = [n for n in names if n in required and draw(st.integers(0, 10 * calm - 1)) > 0
            or n not in required and draw(st.booleans())]
    kept = draw(st.permutations(kept))
    header = []
    for name in kept:
        choice = draw(st.integers(0, 10 * calm - 1))
        if choice == 0 and aliases.get(name):
            header.append(draw(st.sampled_from(aliases[name])))
        elif choice == 1:
            header.append(name.upper())
        elif choice == 2:
            header.append(f" {name} ")
        else:
            header.append(name)
    if draw(st.integers(0, 8 * calm - 1)) == 0:  # an extra, unknown column
        header.append(draw(st.one_of(texts(12), st.just("comment"), st.just(""))))
    if header and draw(st.integers(0, 10 * calm - 1)) == 0:  # a column twice
        header.append(draw(st.sampled_from(header)))
    if header and draw(st.integers(0, 13 * calm - 1)) == 0:  # a header cell mangled
        index = draw(st.integers(0, len(header) - 1))
        header[index] = draw(wild_cells())
    if not header:
        header = [draw(texts(10))]
    wildness = draw(st.sampled_from([0, 0, 0, 1, 3]))  # in tenths of the cells
    n_rows = draw(st.integers(0, max_rows))
    rows = []
    for _number in range(n_rows):
        row = []
        for raw in header:
            canonical = _canonical(raw, columns, aliases)
            if canonical and draw(st.integers(0, 9)) >= wildness:
                row.append(draw(columns[canonical]))
            else:
                row.append(draw(wild_cells()))
        if draw(st.integers(0, 15)) == 0:  # a short or long row
            row = row[:draw(st.integers(0, len(row)))] + draw(st.lists(texts(5), max_size=2))
        rows.append(row)
    if row_extras is not None:
        rows = row_extras(draw, rows, header)
    kind = draw(st.sampled_from(["csv", "xlsx"]))
    return Table(header=header, rows=rows, kind=kind,
                 delimiter=draw(st.sampled_from([",", ";"])), bom=draw(st.booleans()))


def _canonical(raw, columns: dict, aliases: dict) -> str | None:
    if not isinstance(raw, str):
        return None
    key = raw.strip().lower()
    if key in columns:
        return key
    for name, others in aliases.items():
        if key in [o.lower() for o in others]:
            return name
    return None


def dates(low=dt.date(2010, 1, 1), high=dt.date(2024, 12, 31)):
    """A valid date as a person types it (ISO or Danish), or as Excel stores it."""
    return st.dates(low, high).flatmap(lambda d: st.sampled_from([
        d.isoformat(), d.strftime("%d-%m-%Y"), d.strftime("%d.%m.%Y"), d.strftime("%d/%m/%Y"),
        d]))


def database_state() -> dict[str, list[dict]]:
    """Every row of every table of the project's models, to compare before and after."""
    from django.apps import apps

    return {model._meta.label: list(model._default_manager.order_by("pk").values())
            for model in apps.get_models() if not model._meta.proxy}


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])


def names_a_place(problem) -> bool:
    """Whether a refusal says where: a row, a column or a field (a file-level refusal,
    e.g. "not an .xlsx", names neither and is accepted only with `file_level`)."""
    return problem.row is not None or bool(problem.column)
