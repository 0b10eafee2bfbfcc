"""The activity overview as a Word document (python-docx): a heading, what was filtered,
and a table of exactly the rows on the page."""

from __future__ import annotations

import io

from django.http import HttpResponse
from docx import Document
from docx.shared import Pt

from rygrad.core.exports import Table

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def table_to_docx(table: Table, *, description: str) -> bytes:
    document = Document()
    document.add_heading(str(table.title), level=1)
    document.add_paragraph(description)
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, label in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = str(label)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(table: Table, *, description: str) -> HttpResponse:
    response = HttpResponse(table_to_docx(table, description=description),
                            content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{table.filename("docx")}"'
    return response
