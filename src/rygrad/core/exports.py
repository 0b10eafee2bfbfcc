"""Table exports (CSV and Excel) shared by every list page.

A list view builds one `Table` (column labels and rows, already filtered and permitted)
and hands it to `table_response`; the page, the CSV and the Excel file then show exactly
the same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)

    def filename(self, extension: str) -> str:
        return f"{slugify(self.title) or 'export'}.{extension}"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def table_to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def table_to_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = (str(table.title) or "Data")[:31]
    sheet.append([str(c) for c in table.columns])
    for row in table.rows:
        sheet.append([
            v if isinstance(v, (int, float, dt.date, type(None))) else str(v) for v in row
        ])
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(column)) + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(table: Table, fmt: str) -> HttpResponse:
    """Answer with `table` as a CSV (UTF-8 with BOM, so Excel reads æøå) or Excel download."""
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
