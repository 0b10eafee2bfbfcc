"""The learning report as a Word document the secretariat can edit further (python-docx):
real Heading styles, tables whose header row repeats on each page, charts as PNG images
with alt text, quotes in Word's Quote style, and the document's language and title set."""

from __future__ import annotations

import io

from django.utils import translation
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from rygrad.core.charts import render_png
from rygrad.core.documents import document_a4, docx_text

from .blocks import Chart, Paragraph, Quote, Report, Section, Table

LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}
CHART_WIDTH = Mm(160)


def report_docx(report: Report) -> bytes:
    document = document_a4()
    _language(document, LANGUAGE_TAGS.get(report.language, report.language))
    properties = document.core_properties
    properties.title = docx_text(report.title)
    properties.subject = docx_text(report.lead)
    properties.author = docx_text(report.initiative)
    properties.language = LANGUAGE_TAGS.get(report.language, report.language)
    document.add_heading(docx_text(report.title), level=0)
    document.add_paragraph(docx_text(report.lead))
    with translation.override(report.language):
        for section in report.sections:
            _section(document, section, level=1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _language(document, tag: str) -> None:
    """The default language of every run (spelling and reading aloud in Word)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run.find(qn("w:rPr")) if run is not None else None
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)


def _section(document, section: Section, *, level: int) -> None:
    document.add_heading(docx_text(section.title), level=min(level, 9))
    if not section.blocks and section.no_data:
        document.add_paragraph(docx_text(section.no_data)).runs[0].italic = True
    for block in section.blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(docx_text(block.text))
        elif isinstance(block, Quote):
            _quote(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Chart):
            _chart(document, block)
    for sub in section.subsections:
        _section(document, sub, level=level + 1)


def _quote(document, quote: Quote) -> None:
    paragraph = document.add_paragraph(docx_text(quote.text), style="Quote")
    source = f" – {quote.role}" + (f", {quote.date}" if quote.date else "")
    paragraph.add_run(docx_text(source)).italic = False


def _table(document, table: Table) -> None:
    caption = document.add_paragraph(docx_text(table.caption), style="Caption")
    caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    header = grid.rows[0]
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, label in zip(header.cells, table.columns, strict=True):
        run = cell.paragraphs[0].add_run(docx_text(label))
        run.bold = True
        run.font.size = Pt(9)
    for row, values in zip(grid.rows[1:], table.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(docx_text(value)).font.size = Pt(9)
    document.add_paragraph()


def _chart(document, chart: Chart) -> None:
    picture = document.add_picture(io.BytesIO(render_png(chart.spec)), width=CHART_WIDTH)
    described = picture._inline.docPr
    described.set("descr", docx_text(f"{chart.title}. {chart.description}"))
    described.set("title", docx_text(chart.title))
    document.add_paragraph(docx_text(chart.description), style="Caption")
