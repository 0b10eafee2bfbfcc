"""The learning report as a tagged PDF (PDF/UA-1) printed by WeasyPrint from the report's
HTML: a structure tree of headings, paragraphs, tables with header cells and figures
with alt text, the document's language in its catalogue and its title in its metadata."""

from __future__ import annotations

from weasyprint import HTML

from .blocks import Report
from .html import report_html


def report_pdf(report: Report) -> bytes:
    return HTML(string=report_html(report, png=True)).write_pdf(pdf_variant="pdf/ua-1")
