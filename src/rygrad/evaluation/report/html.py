"""The learning report as HTML: a whole document (the `html` format, and what the PDF is
printed from) or the body of the report's page in the UI. Charts are drawn by core.charts:
inline SVG on screen and in the HTML file, a PNG with alt text for the PDF."""

from __future__ import annotations

import base64
import html

from django.template.loader import render_to_string
from django.utils import translation

from rygrad.core.charts import render_png, render_svg

from .blocks import Report


def charts_draw(report: Report, *, png: bool = False) -> Report:
    """Give each chart of `report` its markup, in the report's language (its numbers as
    that language writes them)."""
    with translation.override(report.language):
        for chart in report.charts():
            if png:
                data = base64.b64encode(render_png(chart.spec)).decode("ascii")
                chart.markup = (f'<img src="data:image/png;base64,{data}" '
                                f'alt="{html.escape(chart.title)}. '
                                f'{html.escape(chart.description)}">')
            else:
                chart.markup = render_svg(chart.spec, title=chart.title,
                                          description=chart.description)
    return report


def report_html(report: Report, *, png: bool = False) -> str:
    """The report as a standalone HTML document, with `lang` and title, real headings and
    tables with header cells."""
    charts_draw(report, png=png)
    with translation.override(report.language):
        return render_to_string("evaluation/report/document.html", {"report": report})
