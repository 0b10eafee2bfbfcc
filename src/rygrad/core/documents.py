"""Word documents (python-docx) every app writes the same way: A4 paper, landscape when a
table is too wide to read upright, and only text that Word can hold.

python-docx's default template is US Letter, portrait; a Danish municipality prints A4.
Text from members and imports goes into plain runs (``w:t``), which Word never evaluates,
so a name like ``=HYPERLINK(…)`` stays text; characters XML cannot hold (control
characters) are dropped, since lxml would refuse the whole document.
"""

from __future__ import annotations

import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

A4_SHORT, A4_LONG = Mm(210), Mm(297)
# More columns than this do not fit upright on A4 at a readable size.
PORTRAIT_MAX_COLUMNS = 6
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def document_a4(*, columns: int = 0):
    """A new document on A4, landscape when its widest table has more than
    PORTRAIT_MAX_COLUMNS `columns`."""
    document = Document()
    landscape = columns > PORTRAIT_MAX_COLUMNS
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = A4_LONG if landscape else A4_SHORT
        section.page_height = A4_SHORT if landscape else A4_LONG
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
    return document


def docx_text(value) -> str:
    """A value as text a Word document can hold."""
    return "" if value is None else _NOT_IN_XML.sub("", str(value))
