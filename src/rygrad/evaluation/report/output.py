"""One way to make a learning report file, for the command line, the UI's page and its
background task alike: the period checked, the content assembled once, then drawn in the
format asked for."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .blocks import Report
from .content import report_build

FORMATS = ("html", "pdf", "docx")
LANGUAGES = ("da", "en")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def period_check(start: dt.date, end: dt.date) -> None:
    """A period runs forwards; its end may be today at the latest."""
    if start > end:
        raise ValidationError({"period_to": _("The end of the period must not be before "
                                              "its start.")})


def report_render(report: Report, format: str) -> bytes:
    if format == "pdf":
        from .pdf import report_pdf

        return report_pdf(report)
    if format == "docx":
        from .docx import report_docx

        return report_docx(report)
    if format == "html":
        from .html import report_html

        return report_html(report).encode("utf-8")
    raise ValueError(f"Unknown report format {format!r}.")


def report_file(*, initiative, start: dt.date, end: dt.date, language: str, format: str,
                today: dt.date | None = None) -> bytes:
    """The report of `initiative` for the period as a file's bytes."""
    period_check(start, end)
    return report_render(report_build(initiative=initiative, start=start, end=end,
                                      language=language, today=today), format)
