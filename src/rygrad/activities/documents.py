"""The activity overview as a Word document (python-docx): a heading, what was filtered,
and a table of exactly the rows on the page, on A4 (see core.documents)."""

from __future__ import annotations

import io
from copy import deepcopy

from django.http import HttpResponse
from docx.oxml.ns import qn
from docx.shared import Pt

from rygrad.core.documents import document_a4, docx_text
from rygrad.core.exports import Table

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def table_to_docx(table: Table, *, description: str) -> bytes:
    """Word document of the table. Data rows are copies of one formatted row's XML, with
    only the texts replaced: python-docx's own row API slows down quadratically, and an
    export of 20,000 activities must still take seconds, not minutes."""
    document = document_a4(columns=len(table.columns))
    document.add_heading(docx_text(table.title), level=1)
    document.add_paragraph(docx_text(description))
    grid = document.add_table(rows=2, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, label in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.paragraphs[0].add_run(docx_text(label)).bold = True
    for cell in grid.rows[1].cells:
        cell.paragraphs[0].add_run("-").font.size = Pt(9)
    template = grid.rows[1]._tr
    body = template.getparent()
    for row in table.rows:
        tr = deepcopy(template)
        for text, value in zip(tr.iter(qn("w:t")), row, strict=True):
            text.text = docx_text(value)
        body.append(tr)
    body.remove(template)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(table: Table, *, description: str) -> HttpResponse:
    response = HttpResponse(table_to_docx(table, description=description),
                            content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{table.filename("docx")}"'
    return response
